/**
 * What a finding (a SARIF rule) needs to know about an OSV advisory: its ids, a one-line summary,
 * its severity on the project's scale (docs/adr/0005-severity-scale.md), CWE ids, reference links
 * and dates. Pure; the record is untrusted, so every field is checked.
 *
 * Severity, strongest first: a CVSS v4.0 vector (scored by ./cvss4.ts, a port of FIRST's
 * reference calculator), a CVSS v3.x vector (src/findings/cvss.ts), then the database's own word
 * (`database_specific.severity`: CRITICAL, HIGH, MODERATE, LOW). Vectors come from the record's
 * `severity`, else from the `affected[]` entries for the component (any entry without one), the
 * highest score winning. An advisory with none of these (Go's vulndb gives no severity) is
 * `medium` with source `unknown`, so a caller can tell a guess from a fact.
 */
import { cvss3BaseScore } from '../findings/cvss.js';
import { parseCwe } from '../findings/cwe.js';
import type { Severity } from '../findings/finding.js';
import { severityFromScore, severityFromWord } from '../findings/severity.js';
import { cvss4Score } from './cvss4.js';
import { type MatchComponent, packageMatches } from './match.js';
import type { OsvAffected, OsvRecord } from './osv-record.js';

export type AdvisorySeveritySource = 'cvss-v4' | 'cvss-v3' | 'advisory' | 'unknown';

export interface AdvisoryFacts {
  id: string;
  /** The record's aliases (CVE, other databases' ids), without its own id. */
  aliases: string[];
  /** `summary`, else the first line of `details`, else the id. One line. */
  summary: string;
  severity: Severity;
  /** The CVSS base score, when the severity comes from a vector. */
  score?: number;
  severitySource: AdvisorySeveritySource;
  /** The vector the score comes from. */
  vector?: string;
  cwes: number[];
  /** The advisory page, then ADVISORY, WEB and FIX references (http(s) only, no duplicates). */
  references: string[];
  /** The record on osv.dev. */
  url: string;
  /** RFC 3339 timestamps as the record gives them (Go's placeholder 0001-01-01 left out). */
  published?: string;
  modified?: string;
  withdrawn?: string;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const SUMMARY_MAX = 200;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first non-empty line of markdown details, without heading marks, shortened to a sentence. */
function firstLine(details: string): string {
  const line = details
    .split(/\r?\n/)
    .map((l) => oneLine(l.replace(/^\s*#+\s*/, '')))
    .find((l) => l !== '');
  if (line === undefined) return '';
  if (line.length <= SUMMARY_MAX) return line;
  const sentence = /^(.{20,}?[.!?])\s/.exec(line);
  if (sentence?.[1] && sentence[1].length <= SUMMARY_MAX) return sentence[1];
  const cut = line.slice(0, SUMMARY_MAX - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_MAX / 2))}…`;
}

interface Scored {
  score: number;
  source: 'cvss-v4' | 'cvss-v3';
  vector: string;
}

function scoreOf(entry: unknown): Scored | undefined {
  if (!isObject(entry) || !isString(entry.score)) return undefined;
  const vector = entry.score.trim();
  if (entry.type === 'CVSS_V4') {
    const score = cvss4Score(vector);
    return score === undefined ? undefined : { score, source: 'cvss-v4', vector };
  }
  if (entry.type === 'CVSS_V3') {
    const score = cvss3BaseScore(vector);
    return score === undefined ? undefined : { score, source: 'cvss-v3', vector };
  }
  return undefined;
}

/** The best vector among severity lists: v4 before v3, the highest score within a version. */
function bestVector(lists: unknown[][]): Scored | undefined {
  const scored = lists.flatMap((list) => list.map(scoreOf)).filter((s): s is Scored => s !== undefined);
  for (const source of ['cvss-v4', 'cvss-v3'] as const) {
    const ofSource = scored.filter((s) => s.source === source);
    if (ofSource.length > 0) return ofSource.reduce((best, s) => (s.score > best.score ? s : best));
  }
  return undefined;
}

function severityOf(
  record: OsvRecord,
  component: MatchComponent | undefined,
): Pick<AdvisoryFacts, 'severity' | 'score' | 'severitySource' | 'vector'> {
  const entries = arrayOf(record.affected).filter(
    (entry): entry is OsvAffected => isObject(entry) && (!component || packageMatches(entry, component)),
  );
  const vector =
    bestVector([arrayOf(record.severity)]) ?? bestVector(entries.map((entry) => arrayOf(entry.severity)));
  if (vector) {
    return {
      severity: severityFromScore(vector.score),
      score: vector.score,
      severitySource: vector.source,
      vector: vector.vector,
    };
  }
  const databaseSpecific: unknown = record.database_specific;
  const word =
    isObject(databaseSpecific) && isString(databaseSpecific.severity) ? databaseSpecific.severity : undefined;
  const fromWord = word === undefined ? undefined : severityFromWord(word);
  if (fromWord) return { severity: fromWord, severitySource: 'advisory' };
  return { severity: 'medium', severitySource: 'unknown' };
}

function cwesOf(record: OsvRecord): number[] {
  const databaseSpecific: unknown = record.database_specific;
  const ids = isObject(databaseSpecific) ? arrayOf(databaseSpecific.cwe_ids) : [];
  const cwes = new Set<number>();
  for (const id of ids) {
    const cwe = isString(id) ? parseCwe(id) : undefined;
    if (cwe !== undefined && cwe > 0) cwes.add(cwe);
  }
  return [...cwes];
}

const REFERENCE_ORDER = ['ADVISORY', 'WEB', 'FIX'];

function referencesOf(record: OsvRecord, url: string): string[] {
  const references = arrayOf(record.references).filter(isObject);
  const urls = [url];
  for (const type of REFERENCE_ORDER) {
    for (const reference of references) {
      if (reference.type === type && isString(reference.url) && /^https?:\/\/\S+$/i.test(reference.url)) {
        urls.push(reference.url);
      }
    }
  }
  return [...new Set(urls)];
}

function timestamp(value: unknown): string | undefined {
  return isString(value) && value !== '' && !value.startsWith('0001-01-01') ? value : undefined;
}

/**
 * The facts of an advisory for a finding. With a component, per-package severities of the
 * `affected[]` entries for that package count (OSV puts a severity there when packages differ).
 */
export function advisoryFacts(record: OsvRecord, component?: MatchComponent): AdvisoryFacts {
  const id = isString(record.id) && record.id !== '' ? record.id : '(no id)';
  const aliases = [...new Set(arrayOf(record.aliases).filter(isString))].filter(
    (alias) => alias !== id && alias !== '',
  );
  const summary =
    (isString(record.summary) ? oneLine(record.summary) : '') ||
    (isString(record.details) ? firstLine(record.details) : '') ||
    id;
  const url = `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
  const published = timestamp(record.published);
  const modified = timestamp(record.modified);
  const withdrawn = timestamp(record.withdrawn);
  return {
    id,
    aliases,
    summary,
    ...severityOf(record, component),
    cwes: cwesOf(record),
    references: referencesOf(record, url),
    url,
    ...(published !== undefined ? { published } : {}),
    ...(modified !== undefined ? { modified } : {}),
    ...(withdrawn !== undefined ? { withdrawn } : {}),
  };
}
