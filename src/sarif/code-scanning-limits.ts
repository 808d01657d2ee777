/**
 * GitHub code scanning's hard limits on an uploaded SARIF file, and a log cut to fit them where
 * cutting keeps the file meaningful (ADR 0004: producers stay within the limits and say so when
 * they cut). From "SARIF results exceed one or more limits" in GitHub's code scanning docs:
 *
 * | SARIF data                       | maximum | what code scanning does past it |
 * | -------------------------------- | ------- | ------------------------------- |
 * | runs per file                    | 20      | rejects the file                |
 * | results per run                  | 25,000  | rejects the file                |
 * | rules per run                    | 25,000  | rejects the file                |
 * | tool extensions per run          | 100     | rejects the file                |
 * | locations per result             | 1,000   | rejects the file                |
 * | thread flow locations per result | 10,000  | rejects the file                |
 * | tags per rule                    | 20      | rejects the file                |
 *
 * `fitForCodeScanning` trims what can be trimmed without changing what any alert means:
 * locations and thread flow locations past the limits (the first ones, which the message and the
 * primary location refer to, are kept), tags past 20 (`security` and the CWE tags first, since
 * code scanning and the summary read those). Past 25,000 results it keeps the run's most severe
 * ones: a rejected file would show nothing at all, but the alerts of the results left out are
 * closed until the run is back under the limit, and the summary, which reads the same file, does
 * not count them (the warning says both). Runs, rules and extensions are only reported: cutting
 * them would drop whole tools or orphan results that point at them.
 *
 * Pure: the log is not changed; runs, results and rules that need no cut are shared.
 */
import { isObject } from './run-context.js';
import type { Bag } from './types.js';

export const CODE_SCANNING_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  extensionsPerRun: 100,
  locationsPerResult: 1_000,
  threadFlowLocationsPerResult: 10_000,
  tagsPerRule: 20,
} as const;

export const CODE_SCANNING_LIMITS_URL =
  'https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit';

export type LimitName = keyof typeof CODE_SCANNING_LIMITS;

/** One limit a run (or the file) went past. */
export interface LimitReport {
  limit: LimitName;
  /** The run's index and tool, absent for the file's own limit (runs per file). */
  run?: number;
  tool?: string;
  /** The limit's value. */
  max: number;
  /** The largest count found (results of the run, tags of the worst rule, …). */
  found: number;
  /**
   * Results per run: how many were left out. Per-result and per-rule limits: how many results or
   * rules were trimmed. A limit that is only reported (`over`): by how much it is exceeded.
   */
  affected: number;
}

export interface FittedLog<T> {
  log: T;
  /** What was cut so the file fits. */
  cut: LimitReport[];
  /** What still goes past a limit (code scanning will reject the file): nothing we can cut safely. */
  over: LimitReport[];
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function toolName(run: Bag): string | undefined {
  const driver = isObject(run.tool) ? run.tool.driver : undefined;
  return isObject(driver) && typeof driver.name === 'string' ? driver.name : undefined;
}

const LEVEL_SCORE: Record<string, number> = { error: 7, warning: 4, note: 1, none: 0 };

function score(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}

/**
 * How severe a result is, for choosing which to keep: its own or its rule's `security-severity`,
 * else its level (SARIF §3.27.10: the result's, else the rule's default, else warning). Results
 * that report no problem (pass, notApplicable) or are suppressed come last.
 */
function severityOf(result: unknown, rules: readonly unknown[], byId: ReadonlyMap<string, Bag>): number {
  if (!isObject(result)) return -2;
  if (result.kind === 'pass' || result.kind === 'notApplicable') return -1;
  if (
    arrayOf(result.suppressions).some(
      (s) => isObject(s) && (s.status === undefined || s.status === 'accepted'),
    )
  )
    return -1;
  // SARIF §3.27.6–7: `rule` (a reference that may name an extension) or `ruleIndex` / `ruleId`
  // into the driver's rules. A rule of an extension is not looked up: the result's level decides.
  const reference = isObject(result.rule) ? result.rule : undefined;
  const inExtension = reference !== undefined && reference.toolComponent !== undefined;
  const index = typeof result.ruleIndex === 'number' ? result.ruleIndex : reference?.index;
  const id = typeof result.ruleId === 'string' ? result.ruleId : reference?.id;
  const indexed = !inExtension && typeof index === 'number' ? rules[index] : undefined;
  const rule = inExtension
    ? undefined
    : isObject(indexed)
      ? indexed
      : typeof id === 'string'
        ? byId.get(id)
        : undefined;
  const own = isObject(result.properties) ? score(result.properties['security-severity']) : undefined;
  const ruleScore =
    rule && isObject(rule.properties) ? score(rule.properties['security-severity']) : undefined;
  if (own !== undefined) return own;
  if (ruleScore !== undefined) return ruleScore;
  const defaultLevel =
    rule && isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
  const level = typeof result.level === 'string' ? result.level : defaultLevel;
  return typeof level === 'string' ? (LEVEL_SCORE[level] ?? 4) : 4;
}

/** The tags code scanning and the summary read first: `security`, then CWE tags, then the rest. */
function tagRank(tag: unknown): number {
  if (typeof tag !== 'string') return 3;
  const lower = tag.toLowerCase();
  if (lower === 'security') return 0;
  if (lower.startsWith('external/cwe/')) return 1;
  return 2;
}

function fitRuleTags(rule: unknown, counter: { affected: number; found: number }): unknown {
  if (!isObject(rule) || !isObject(rule.properties)) return rule;
  const tags = rule.properties.tags;
  if (!Array.isArray(tags) || tags.length <= CODE_SCANNING_LIMITS.tagsPerRule) return rule;
  counter.affected++;
  counter.found = Math.max(counter.found, tags.length);
  const kept = tags
    .map((tag: unknown, i) => ({ tag, i, rank: tagRank(tag) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .slice(0, CODE_SCANNING_LIMITS.tagsPerRule)
    .sort((a, b) => a.i - b.i)
    .map(({ tag }) => tag);
  return { ...rule, properties: { ...rule.properties, tags: kept } };
}

/** A result with at most 1,000 locations and 10,000 thread flow locations (the first ones kept). */
function fitResult(
  result: unknown,
  locations: { affected: number; found: number },
  flows: { affected: number; found: number },
): unknown {
  if (!isObject(result)) return result;
  let out = result;
  const own = result.locations;
  if (Array.isArray(own) && own.length > CODE_SCANNING_LIMITS.locationsPerResult) {
    locations.affected++;
    locations.found = Math.max(locations.found, own.length);
    out = { ...out, locations: own.slice(0, CODE_SCANNING_LIMITS.locationsPerResult) };
  }
  const codeFlows = arrayOf(result.codeFlows);
  let total = 0;
  for (const flow of codeFlows)
    for (const thread of isObject(flow) ? arrayOf(flow.threadFlows) : [])
      total += isObject(thread) ? arrayOf(thread.locations).length : 0;
  if (total > CODE_SCANNING_LIMITS.threadFlowLocationsPerResult) {
    flows.affected++;
    flows.found = Math.max(flows.found, total);
    let room: number = CODE_SCANNING_LIMITS.threadFlowLocationsPerResult;
    const fitted = codeFlows
      .map((flow) => {
        if (!isObject(flow)) return flow;
        const threadFlows = arrayOf(flow.threadFlows)
          .map((thread) => {
            if (!isObject(thread)) return thread;
            const kept = arrayOf(thread.locations).slice(0, room);
            room -= kept.length;
            return { ...thread, locations: kept };
          })
          // A thread flow needs at least one location (SARIF §3.37.6): empty ones go.
          .filter((thread) => !isObject(thread) || arrayOf(thread.locations).length > 0);
        return { ...flow, threadFlows };
      })
      // And a code flow at least one thread flow (§3.36.3).
      .filter((flow) => !isObject(flow) || arrayOf(flow.threadFlows).length > 0);
    out = { ...out, codeFlows: fitted };
  }
  return out;
}

function report(
  limit: LimitName,
  run: number,
  tool: string | undefined,
  found: number,
  affected: number,
): LimitReport {
  return {
    limit,
    run,
    ...(tool !== undefined ? { tool } : {}),
    max: CODE_SCANNING_LIMITS[limit],
    found,
    affected,
  };
}

/** The log cut to code scanning's limits where that is safe, and what was cut or is still over. */
export function fitForCodeScanning<T extends { runs: unknown[] }>(log: T): FittedLog<T> {
  const cut: LimitReport[] = [];
  const over: LimitReport[] = [];
  if (log.runs.length > CODE_SCANNING_LIMITS.runsPerFile) {
    over.push({
      limit: 'runsPerFile',
      max: CODE_SCANNING_LIMITS.runsPerFile,
      found: log.runs.length,
      affected: log.runs.length - CODE_SCANNING_LIMITS.runsPerFile,
    });
  }
  const runs = log.runs.map((run, r) => {
    if (!isObject(run)) return run;
    const tool = toolName(run);
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
    const rules = driver ? arrayOf(driver.rules) : [];
    const extensions = isObject(run.tool) ? arrayOf(run.tool.extensions) : [];
    if (rules.length > CODE_SCANNING_LIMITS.rulesPerRun)
      over.push(
        report('rulesPerRun', r, tool, rules.length, rules.length - CODE_SCANNING_LIMITS.rulesPerRun),
      );
    if (extensions.length > CODE_SCANNING_LIMITS.extensionsPerRun)
      over.push(
        report(
          'extensionsPerRun',
          r,
          tool,
          extensions.length,
          extensions.length - CODE_SCANNING_LIMITS.extensionsPerRun,
        ),
      );
    let out: Bag = run;

    // Tags, on the driver's rules and on every extension's.
    const tags = { affected: 0, found: 0 };
    const fittedRules = rules.map((rule) => fitRuleTags(rule, tags));
    const fittedExtensions = extensions.map((extension) => {
      if (!isObject(extension) || !Array.isArray(extension.rules)) return extension;
      const before = tags.affected;
      const extensionRules = arrayOf(extension.rules).map((rule) => fitRuleTags(rule, tags));
      return tags.affected === before ? extension : { ...extension, rules: extensionRules };
    });
    if (tags.affected > 0 && isObject(run.tool)) {
      out = {
        ...out,
        tool: {
          ...run.tool,
          ...(driver ? { driver: { ...driver, rules: fittedRules } } : {}),
          ...(extensions.length > 0 ? { extensions: fittedExtensions } : {}),
        },
      };
      cut.push(report('tagsPerRule', r, tool, tags.found, tags.affected));
    }

    // Results: the most severe 25,000, in their order; then each one's locations and flows.
    let results = arrayOf(run.results);
    const tooMany = results.length > CODE_SCANNING_LIMITS.resultsPerRun;
    if (tooMany) {
      const byId = new Map<string, Bag>();
      for (const rule of rules) if (isObject(rule) && typeof rule.id === 'string') byId.set(rule.id, rule);
      const severity = results.map((result) => severityOf(result, rules, byId));
      const order = results
        .map((_, i) => i)
        .sort((a, b) => (severity[b] as number) - (severity[a] as number) || a - b);
      const keep = new Uint8Array(results.length);
      for (const i of order.slice(0, CODE_SCANNING_LIMITS.resultsPerRun)) keep[i] = 1;
      cut.push(
        report('resultsPerRun', r, tool, results.length, results.length - CODE_SCANNING_LIMITS.resultsPerRun),
      );
      results = results.filter((_, i) => keep[i] === 1);
    }
    const locations = { affected: 0, found: 0 };
    const flows = { affected: 0, found: 0 };
    const fittedResults = results.map((result) => fitResult(result, locations, flows));
    if (locations.affected > 0)
      cut.push(report('locationsPerResult', r, tool, locations.found, locations.affected));
    if (flows.affected > 0)
      cut.push(report('threadFlowLocationsPerResult', r, tool, flows.found, flows.affected));
    if (tooMany || locations.affected > 0 || flows.affected > 0) out = { ...out, results: fittedResults };
    return out;
  });
  return { log: { ...log, runs }, cut, over };
}

const WHAT: Record<LimitName, string> = {
  runsPerFile: 'runs in one file',
  resultsPerRun: 'results in a run',
  rulesPerRun: 'rules in a run',
  extensionsPerRun: 'tool extensions in a run',
  locationsPerResult: 'locations in a result',
  threadFlowLocationsPerResult: 'thread flow locations in a result',
  tagsPerRule: 'tags on a rule',
};

const n = (value: number) => value.toLocaleString('en-US');

/**
 * One sentence for the log: what went past which limit, and what was done about it. `advice` is
 * what the producing action's user can change to stay under the limit (its inputs differ).
 */
export function describeLimit(entry: LimitReport, file: string, wasCut: boolean, advice: string): string {
  const where = `${file}${entry.run !== undefined ? `, run ${entry.run + 1}${entry.tool ? ` (${entry.tool})` : ''}` : ''}`;
  const head = `Code scanning accepts at most ${n(entry.max)} ${WHAT[entry.limit]}`;
  if (!wasCut) {
    return `${head}; ${where} has ${n(entry.found)}: code scanning will reject this file. ${advice}`;
  }
  switch (entry.limit) {
    case 'resultsPerRun':
      return `${head}; ${where} had ${n(entry.found)}: the ${n(entry.max)} most severe were kept and the ${n(entry.affected)} least severe left out of the file, so code scanning closes their alerts and the summary does not count them until the run is back under the limit. ${advice}`;
    case 'tagsPerRule':
      return `${head}; in ${where}, ${n(entry.affected)} rule(s) had more (up to ${n(entry.found)}) and keep ${n(entry.max)}: \`security\` and the CWE tags first, then the others in their order.`;
    case 'locationsPerResult':
      return `${head}; in ${where}, ${n(entry.affected)} result(s) had more (up to ${n(entry.found)}) and keep their first ${n(entry.max)} locations.`;
    case 'threadFlowLocationsPerResult':
      return `${head}; in ${where}, ${n(entry.affected)} result(s) had more (up to ${n(entry.found)}) and keep the first ${n(entry.max)} of their code flows, in order (later flows left out whole).`;
    default:
      return `${head}; ${where} has ${n(entry.found)}. ${advice}`;
  }
}
