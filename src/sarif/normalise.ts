/** One SARIF result, in the context of its run, becomes one Finding. */
import { cwesFromProperties, cwesFromTaxa } from '../findings/cwe.js';
import type { BaselineState, Finding, RuleInfo, SarifLevel, Suppression } from '../findings/finding.js';
import { fingerprintOf, type OccurrenceCounter } from '../findings/fingerprint.js';
import { resolveSeverity } from '../findings/severity.js';
import type { Diagnostic, WarningTally } from './diagnostics.js';
import { primaryLocation } from './locations.js';
import { findRule } from './rules.js';
import { asLevel, isObject, type RuleEntry, type RunContext, text } from './run-context.js';
import type { Bag, SarifResult } from './types.js';

export interface NormaliseContext {
  file: string;
  run: RunContext;
  root: string | undefined;
  occurrences: OccurrenceCounter;
  tally: WarningTally;
  /** RuleInfo for rule ids the run does not declare, shared per id. */
  undeclared: Map<string, RuleInfo>;
  /** CWE ids known for a tool's rule when the log carries none (eslint-plugin-security, ...). */
  knownCwes?: ((tool: string, ruleId: string) => readonly number[]) | undefined;
  knownCache?: Map<string, readonly number[]>;
}

/** A result that reports no problem (kind pass or notApplicable): counted, not a finding. */
export const NOT_A_PROBLEM = Object.freeze({ notAProblem: true as const });
export type NotAProblem = typeof NOT_A_PROBLEM;

const BASELINE_STATES = new Set(['new', 'unchanged', 'updated', 'absent']);
const NONE: readonly never[] = Object.freeze([]);

function ruleCwes(ctx: RunContext, entry: RuleEntry): readonly number[] {
  if (entry.cwes) return entry.cwes;
  const found = new Set<number>();
  cwesFromProperties(entry.properties, found);
  if (Array.isArray(entry.descriptor.relationships)) {
    const targets = entry.descriptor.relationships.map((r) => (isObject(r) ? r.target : undefined));
    cwesFromTaxa(targets.filter(isObject), ctx.taxonomies, found);
  }
  entry.cwes = Object.freeze([...found].sort((a, b) => a - b));
  return entry.cwes;
}

/** The rule's CWE list (shared, frozen) unless the result adds its own. */
function cwesOf(
  ctx: NormaliseContext,
  entry: RuleEntry | undefined,
  result: SarifResult,
  bag: Bag | undefined,
): readonly number[] {
  let fromRule = entry ? ruleCwes(ctx.run, entry) : NONE;
  if (fromRule.length === 0 && ctx.knownCwes) {
    const ruleId = entry?.info.id ?? (typeof result.ruleId === 'string' ? result.ruleId : '');
    ctx.knownCache ??= new Map();
    let known = ctx.knownCache.get(ruleId);
    if (!known) {
      known = Object.freeze([...ctx.knownCwes(ctx.run.tool.name, ruleId)].sort((a, b) => a - b));
      ctx.knownCache.set(ruleId, known);
    }
    fromRule = known;
  }
  const hasOwn = (bag && (bag.tags !== undefined || bag.cwe !== undefined)) || Array.isArray(result.taxa);
  if (!hasOwn) return fromRule;
  const cwes = new Set<number>(fromRule);
  cwesFromProperties(bag, cwes);
  if (Array.isArray(result.taxa)) cwesFromTaxa(result.taxa.filter(isObject), ctx.run.taxonomies, cwes);
  return cwes.size === fromRule.length ? fromRule : [...cwes].sort((a, b) => a - b);
}

function formatMessage(template: string, args: unknown): string {
  if (!Array.isArray(args) || args.length === 0) return template;
  // §3.11.5: {{ and }} are literal braces; {N} is argument N.
  return template.replace(/\{\{|\}\}|\{(\d+)\}/g, (whole, n: string | undefined) => {
    if (n === undefined) return whole[0] as string;
    const value: unknown = args[Number(n)];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}

function messageOf(
  ctx: NormaliseContext,
  result: SarifResult,
  entry: RuleEntry | undefined,
  ruleId: string,
): string {
  const own = text(result.message);
  if (own) return formatMessage(own, result.message?.arguments);
  const id =
    isObject(result.message) && typeof result.message.id === 'string' ? result.message.id : undefined;
  if (id) {
    const strings = entry?.descriptor.messageStrings;
    const template =
      (isObject(strings) ? text(strings[id]) : undefined) ??
      text(ctx.run.components[0]?.globalMessageStrings?.[id]);
    if (template) return formatMessage(template, result.message?.arguments);
  }
  return entry?.info.shortDescription ?? entry?.info.name ?? ruleId;
}

function suppressionsOf(ctx: NormaliseContext, result: SarifResult, at: string): readonly Suppression[] {
  let raw = result.suppressions;
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return NONE;
  if (raw === null) {
    ctx.tally.add('suppressions-null', {
      level: 'warning',
      file: ctx.file,
      jsonPath: `${at}.suppressions`,
      message: '"suppressions" is null, not an array; it was read as no suppressions',
      hint: 'Omit "suppressions" or write an array; report it to the tool that wrote the file',
    });
    return NONE;
  }
  if (isObject(raw)) {
    ctx.tally.add('suppressions-object', {
      level: 'warning',
      file: ctx.file,
      jsonPath: `${at}.suppressions`,
      message: '"suppressions" is an object, not an array; it was read as a one-element array',
      hint: 'SARIF 2.1.0 wants an array of suppression objects; report it to the tool that wrote the file',
    });
    raw = [raw];
  }
  if (!Array.isArray(raw)) return [];
  const out: Suppression[] = [];
  for (const s of raw) {
    if (!isObject(s)) continue;
    const suppression: Suppression = { kind: typeof s.kind === 'string' ? s.kind : 'external' };
    if (typeof s.status === 'string') suppression.status = s.status;
    if (typeof s.justification === 'string' && s.justification !== '')
      suppression.justification = s.justification;
    out.push(suppression);
  }
  return out;
}

function levelOf(
  ctx: NormaliseContext,
  result: SarifResult,
  entry: RuleEntry | undefined,
  ruleId: string,
  at: string,
): SarifLevel {
  if (typeof result.kind === 'string' && result.kind !== 'fail') return 'none';
  const own = asLevel(result.level);
  if (own) return own;
  if (result.level !== undefined) {
    ctx.tally.add('level', {
      level: 'warning',
      file: ctx.file,
      jsonPath: `${at}.level`,
      message: `level ${JSON.stringify(result.level)} is not one of error, warning, note, none; the rule's default level was used`,
      hint: 'Omit "level" or use one of the four values; report it to the tool that wrote the file',
    });
  }
  let override: SarifLevel | undefined;
  if (ctx.run.levelOverrides.size > 0) {
    const driverIndex = entry ? (ctx.run.components[0]?.rules.indexOf(entry) ?? -1) : -1;
    override =
      ctx.run.levelOverrides.get(ruleId) ??
      (driverIndex >= 0 ? ctx.run.levelOverrides.get(`#${driverIndex}`) : undefined);
  }
  return override ?? entry?.defaultLevel ?? 'warning';
}

export function normaliseResult(
  ctx: NormaliseContext,
  raw: unknown,
  resultIndex: number,
): Finding | Diagnostic | NotAProblem {
  const at = `runs[${ctx.run.runIndex}].results[${resultIndex}]`;
  if (!isObject(raw)) {
    return {
      level: 'error',
      file: ctx.file,
      jsonPath: at,
      message: `a result must be an object, found ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw}; this result was skipped`,
      hint: 'Fix the tool that wrote the file, or remove the entry',
    };
  }
  const result = raw as SarifResult;
  // SARIF §3.27.9: "pass" and "notApplicable" say the rule found no problem: not findings.
  if (result.kind === 'pass' || result.kind === 'notApplicable') return NOT_A_PROBLEM;
  const lookup = findRule(ctx.run, result, at);
  if (lookup.problem) {
    ctx.tally.add(`rule:${lookup.problem.jsonPath.replace(/\[\d+\]/g, '')}`, {
      level: 'warning',
      file: ctx.file,
      jsonPath: lookup.problem.jsonPath,
      message: lookup.problem.message,
      hint: 'The rule metadata (name, help, CWE, severity) is missing for it; report it to the tool that wrote the file',
    });
  }
  const { entry, ruleId } = lookup;
  let rule = entry?.info;
  if (!rule) {
    rule = ctx.undeclared.get(ruleId);
    if (!rule) {
      rule = { id: ruleId };
      ctx.undeclared.set(ruleId, rule);
    }
  }
  const level = levelOf(ctx, result, entry, ruleId, at);
  const resultProperties = isObject(result.properties) ? result.properties : undefined;
  // open, review, informational: something to look at, not a scored problem (its level is none).
  const informational = typeof result.kind === 'string' && result.kind !== 'fail';
  const { severity, source, score } = informational
    ? { severity: 'note' as const, source: 'level' as const, score: undefined }
    : resolveSeverity({ resultProperties, ruleProperties: entry?.properties, level });

  const cwes = cwesOf(ctx, entry, result, resultProperties);

  const message = messageOf(ctx, result, entry, ruleId);
  const location = primaryLocation(ctx.run, result.locations, ctx.root);
  const fingerprint = fingerprintOf(
    {
      tool: ctx.run.tool.name,
      ruleId,
      path: location?.path,
      snippet: location?.snippet,
      message,
      fingerprints: isObject(result.fingerprints) ? result.fingerprints : undefined,
      partialFingerprints: isObject(result.partialFingerprints) ? result.partialFingerprints : undefined,
    },
    ctx.occurrences,
  );

  const finding: Finding = {
    fingerprint,
    tool: ctx.run.tool,
    seenBy: ctx.run.seenBy,
    rule,
    message,
    severity,
    severitySource: source,
    level,
    cwes,
    suppressions: suppressionsOf(ctx, result, at),
    origin: { file: ctx.file, run: ctx.run.runIndex, result: resultIndex },
  };
  if (score !== undefined) finding.score = score;
  if (location) finding.location = location;
  if (typeof result.baselineState === 'string' && BASELINE_STATES.has(result.baselineState)) {
    finding.baselineState = result.baselineState as BaselineState;
  }
  return finding;
}
