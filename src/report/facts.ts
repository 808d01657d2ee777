/**
 * The developer-portal outputs of a report: facts.json, a small flat document a Backstage Tech
 * Insights fact retriever (or any scorecard) reads, and badge.json, a shields.io endpoint badge.
 * Both are written next to report.json (schema/facts.schema.json, schema/shields-endpoint.schema.json;
 * docs/developer-portal.md). Pure: a report in, plain data out.
 */
import { SEVERITIES, type Severity, severityRank } from '../findings/finding.js';
import type { Report } from './model.js';

export const FACTS_SCHEMA_VERSION = 1;

export interface Facts {
  schemaVersion: typeof FACTS_SCHEMA_VERSION;
  generatedAt: string;
  tool: { name: string; version: string };
  repository: string | null;
  commit: string | null;
  /** Only on a pull request's run. */
  pullRequest?: number;
  verdict: 'pass' | 'fail';
  failOn: Severity | 'none';
  failOnScope: 'new' | 'all';
  scanners: string[];
  findings: { total: number; new: number; fixed: number; existing: number; ignored: number };
  bySeverity: Record<Severity, number>;
  newBySeverity: Record<Severity, number>;
  sbomComponents: number | null;
  licenseViolations: number | null;
  vulnerableDependencies: number | null;
  evidence: { controls: number; frameworks: string[] };
  scanSeconds: number | null;
}

export interface FactsExtra {
  /** When the facts were written; an ISO 8601 string as is, a Date converted. */
  generatedAt: Date | string;
  /** How long the whole run took, when the caller knows it. */
  scanSeconds?: number | null;
}

export function reportFacts(report: Report, extra: FactsExtra): Facts {
  const { counts, gate, context } = report;
  const dependencies = report.dependencies?.counts;
  return {
    schemaVersion: FACTS_SCHEMA_VERSION,
    generatedAt: typeof extra.generatedAt === 'string' ? extra.generatedAt : extra.generatedAt.toISOString(),
    tool: { name: report.tool.name, version: report.tool.version },
    repository: context.repository ?? null,
    commit: context.sha ?? null,
    ...(context.pullRequest !== undefined ? { pullRequest: context.pullRequest } : {}),
    verdict: gate.verdict,
    failOn: gate.failOn,
    failOnScope: gate.scope,
    // The tools of the SARIF read, findings or not: what ran (a scanner with nothing to say, too).
    scanners: [...new Set(report.files.filter((f) => f.loaded).flatMap((f) => f.tools))].sort(),
    findings: {
      total: counts.all.total,
      new: counts.new,
      fixed: counts.fixed,
      existing: counts.existing,
      ignored: counts.ignored,
    },
    bySeverity: bySeverity(counts.all.bySeverity),
    newBySeverity: bySeverity(counts.newBySeverity),
    sbomComponents:
      report.inventory.length > 0 ? report.inventory.reduce((sum, s) => sum + s.components, 0) : null,
    licenseViolations: dependencies ? dependencies.licenses : null,
    vulnerableDependencies: dependencies ? dependencies.vulnerable : null,
    evidence: {
      controls: report.compliance.length,
      frameworks: [...new Set(report.compliance.map((c) => c.framework))].sort(),
    },
    scanSeconds: extra.scanSeconds ?? null,
  };
}

/** A copy in SEVERITIES order, so every facts.json lists the severities alike. */
function bySeverity(counts: Record<Severity, number>): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, counts[s]])) as Record<Severity, number>;
}

/**
 * Seconds since `startedAt` (epoch milliseconds, as PAVED_PATH_SCAN_STARTED_AT holds it), to a
 * tenth; null when it is unset, not a whole number, or in the future.
 */
export function scanSecondsSince(startedAt: string | undefined, now: number): number | null {
  if (startedAt === undefined || !/^\d{1,15}$/.test(startedAt.trim())) return null;
  const elapsed = now - Number(startedAt.trim());
  return elapsed >= 0 ? Math.round(elapsed / 100) / 10 : null;
}

// --- badge.json --------------------------------------------------------------------------------

export type BadgeColor = 'brightgreen' | 'red' | 'orange' | 'yellow' | 'yellowgreen';

/** A shields.io endpoint badge (https://shields.io/badges/endpoint-badge); only what we write. */
export interface Badge {
  schemaVersion: 1;
  label: string;
  message: string;
  color: BadgeColor;
  namedLogo?: string;
  cacheSeconds?: number;
}

export interface BadgeOptions {
  label?: string;
  namedLogo?: string;
  /** Shields ignores less than 300 (its minimum): a lower value is raised to 300. */
  cacheSeconds?: number;
}

export const BADGE_LABEL = 'paved path';
export const MIN_CACHE_SECONDS = 300;

/** The colour of open findings by the most severe of them (a failed gate is always red). */
const OPEN_COLOR: Record<Severity, BadgeColor> = {
  critical: 'orange',
  high: 'orange',
  medium: 'yellow',
  low: 'yellowgreen',
  note: 'yellowgreen',
};

/**
 * The badge of a report:
 * - the gate failed: red, the failing findings, most severe first ("2 new critical", "1 new high,
 *   3 more"; without "new" when every finding counts: fail-on-scope all);
 * - it passed with findings open (existing ones, or new ones below fail-on): the most severe of
 *   them ("3 high, 12 more"), orange for critical or high, yellow for medium, yellowgreen below;
 * - nothing open: "passing", brightgreen.
 */
export function badgeFor(report: Report, options: BadgeOptions = {}): Badge {
  const { gate, counts } = report;
  let message: string;
  let color: BadgeColor;
  if (gate.verdict === 'fail') {
    const threshold = gate.failOn === 'none' ? Infinity : severityRank(gate.failOn);
    const failing = SEVERITIES.filter((s) => severityRank(s) >= threshold);
    const pool = gate.scope === 'new' ? counts.newBySeverity : counts.all.bySeverity;
    message = mostSevere(pool, failing, gate.scope === 'new' ? 'new ' : '') ?? 'failing';
    color = 'red';
  } else {
    const open = counts.all.bySeverity;
    message = mostSevere(open, SEVERITIES, '') ?? 'passing';
    const worst = SEVERITIES.find((s) => open[s] > 0);
    color = worst ? OPEN_COLOR[worst] : 'brightgreen';
  }
  return {
    schemaVersion: 1,
    label: options.label ?? BADGE_LABEL,
    message,
    color,
    ...(options.namedLogo ? { namedLogo: options.namedLogo } : {}),
    ...(options.cacheSeconds !== undefined
      ? { cacheSeconds: Math.max(MIN_CACHE_SECONDS, Math.round(options.cacheSeconds)) }
      : {}),
  };
}

/** "2 new critical", "1 high, 3 more": the most severe count of `among`; undefined when all are 0. */
function mostSevere(
  counts: Record<Severity, number>,
  among: readonly Severity[],
  prefix: string,
): string | undefined {
  const worst = among.find((s) => counts[s] > 0);
  if (worst === undefined) return undefined;
  const n = counts[worst];
  const rest = among.reduce((sum, s) => sum + (s === worst ? 0 : counts[s]), 0);
  const word = worst === 'note' && n !== 1 ? 'notes' : worst;
  return `${n} ${prefix}${word}${rest > 0 ? `, ${rest} more` : ''}`;
}
