/**
 * The SAST stage's SARIF, put together for the summary and for GitHub code scanning: the engines'
 * runs in one log, results narrowed to the changed files, counted, and given a code scanning
 * category per engine. Pure: logs in, new logs out (inputs are never changed; runs and results
 * that are not changed are shared with the input, so treat logs as immutable).
 */
import { isObject } from '../sarif/run-context.js';
import type { Bag } from '../sarif/types.js';

export const SARIF_VERSION = '2.1.0';
/** The schema URL Paved Path writes (the final 2.1.0 schema; GitHub's validator accepts it). */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** One run, as plain JSON data: every member is checked before it is used. */
export type SarifRunData = Bag;

/** A SARIF 2.1.0 log as the SAST stage passes it around. */
export interface SarifLog {
  $schema?: string;
  version: string;
  runs: SarifRunData[];
  [key: string]: unknown;
}

/** The run's results as an array (empty when the run has none or they are not an array). */
export function resultsOf(run: SarifRunData): unknown[] {
  return Array.isArray(run.results) ? (run.results as unknown[]) : [];
}

/**
 * Whether a result is suppressed: one of its suppressions is accepted (a suppression without a
 * status is accepted, SARIF §3.35.3), as the loader reads it (src/findings/finding.ts isSuppressed).
 * An object instead of an array (Snyk) counts as one suppression.
 */
export function isSuppressedResult(result: Bag): boolean {
  const raw = result.suppressions;
  const list: unknown[] = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : [];
  return list.some((s) => isObject(s) && (s.status === undefined || s.status === 'accepted'));
}

/** SARIF §3.27.9: results of kind pass and notApplicable report no problem. */
function isProblem(result: Bag): boolean {
  return result.kind !== 'pass' && result.kind !== 'notApplicable';
}

/** All the runs of `logs` in one 2.1.0 log, each run with its own tool, in the order given. */
export function combineSarif(logs: readonly SarifLog[]): SarifLog {
  const runs: SarifRunData[] = [];
  logs.forEach((log, i) => {
    if (log.version !== SARIF_VERSION) {
      throw new Error(
        `SARIF log ${i + 1} of ${logs.length} has version ${JSON.stringify(log.version)}; only ${SARIF_VERSION} can be combined`,
      );
    }
    if (!Array.isArray(log.runs)) throw new Error(`SARIF log ${i + 1} of ${logs.length} has no runs array`);
    runs.push(...log.runs);
  });
  return { $schema: SARIF_SCHEMA, version: SARIF_VERSION, runs };
}

/** A URI or path as a repository-relative path: forward slashes, no leading "./", decoded. */
export function normalisePath(uri: string): string {
  let out = uri.replace(/\\/g, '/');
  if (/%[0-9A-Fa-f]{2}/.test(out)) {
    try {
      out = decodeURIComponent(out);
    } catch {
      // Not percent-encoding after all: compare as written.
    }
  }
  return out.replace(/^(?:\.\/)+/, '');
}

/** The URI of a result's primary location (its first), following an index into run.artifacts. */
export function primaryUri(run: SarifRunData, result: Bag): string | undefined {
  const locations = result.locations;
  const first: unknown = Array.isArray(locations) ? locations[0] : undefined;
  if (!isObject(first) || !isObject(first.physicalLocation)) return undefined;
  const artifact = first.physicalLocation.artifactLocation;
  if (!isObject(artifact)) return undefined;
  if (typeof artifact.uri === 'string' && artifact.uri !== '') return artifact.uri;
  if (typeof artifact.index === 'number' && Array.isArray(run.artifacts)) {
    const entry: unknown = (run.artifacts as unknown[])[artifact.index];
    const location = isObject(entry) ? entry.location : undefined;
    if (isObject(location) && typeof location.uri === 'string' && location.uri !== '') return location.uri;
  }
  return undefined;
}

export interface FilteredLog {
  log: SarifLog;
  /** Results removed: their primary location is not one of the files, or they have none. */
  dropped: number;
}

/**
 * Keeps the results whose primary location is one of `files` (repository-relative paths with
 * forward slashes, as tidyNativeSarif writes URIs): for changed-files-only scans of engines that
 * cannot be given a list of files. A result without a file location is dropped (it cannot be
 * placed in a changed file). Rules, artifacts and everything else are kept.
 */
export function filterToFiles(log: SarifLog, files: ReadonlySet<string>): FilteredLog {
  const wanted = new Set([...files].map(normalisePath));
  let dropped = 0;
  const runs = log.runs.map((run) => {
    if (!Array.isArray(run.results)) return run;
    const results = resultsOf(run).filter((result) => {
      const uri = isObject(result) ? primaryUri(run, result) : undefined;
      const keep = uri !== undefined && wanted.has(normalisePath(uri));
      if (!keep) dropped++;
      return keep;
    });
    return { ...run, results };
  });
  return { log: { ...log, runs }, dropped };
}

/** Results that report a problem and are not suppressed, over every run. */
export function countResults(log: SarifLog): number {
  let count = 0;
  for (const run of log.runs) {
    for (const result of resultsOf(run)) {
      if (isObject(result) && isProblem(result) && !isSuppressedResult(result)) count++;
    }
  }
  return count;
}

/** A category or engine name as one safe segment of an automation id: no slashes or spaces. */
function segment(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The engine a run came from: `properties.pavedpath.engine` (tidyNativeSarif), else its tool's name. */
export function engineOf(run: SarifRunData): string | undefined {
  const properties = run.properties;
  const ours = isObject(properties) ? properties.pavedpath : undefined;
  if (isObject(ours) && typeof ours.engine === 'string' && ours.engine !== '') return ours.engine;
  const driver = isObject(run.tool) ? run.tool.driver : undefined;
  return isObject(driver) && typeof driver.name === 'string' && driver.name !== '' ? driver.name : undefined;
}

/**
 * Sets each run's `automationDetails.id` to `<category>/<engine>/`, so GitHub code scanning keeps
 * one analysis per engine and category. GitHub reads the id as `category/run-id`: everything
 * before the last slash is the category, and a trailing slash means "no run id" (GitHub docs,
 * "SARIF support for code scanning", runAutomationDetails object) — the form the CodeQL action
 * writes for its `category` input. The category keeps its own slashes (`pavedpath/sast`); the
 * engine is one segment. Two runs of the same engine get `-2`, `-3`… so no two runs of one upload
 * share a category. Other automationDetails members (guid, description) are kept.
 */
export function withCategory(log: SarifLog, category: string): SarifLog {
  const prefix = category
    .trim()
    .replace(/\\/g, '/')
    .split('/')
    .map(segment)
    .filter((s) => s !== '')
    .join('/');
  const used = new Map<string, number>();
  const runs = log.runs.map((run, i) => {
    const engine = segment(engineOf(run) ?? '') || `run-${i + 1}`;
    const seen = (used.get(engine) ?? 0) + 1;
    used.set(engine, seen);
    const name = seen === 1 ? engine : `${engine}-${seen}`;
    const id = prefix === '' ? `${name}/` : `${prefix}/${name}/`;
    const details = isObject(run.automationDetails) ? run.automationDetails : {};
    return { ...run, automationDetails: { ...details, id } };
  });
  return { ...log, runs };
}

/**
 * One run from several runs of the same tool (gosec runs once per Go module): results in order,
 * rules merged by id with every result's `ruleIndex` pointed at the merged list, taxonomies merged
 * by name (their taxa by id), invocations concatenated. Code scanning expects one run per tool and
 * category, so the runs of one engine are merged before upload. The first run's tool and other
 * members are kept. Artifacts are dropped, with the `index` of every artifact location, since
 * their indexes would no longer match.
 */
export function mergeRuns(runs: readonly SarifRunData[]): SarifRunData | undefined {
  const [first] = runs;
  if (!first || runs.length === 1) return first;
  const rules: Bag[] = [];
  const ruleIndex = new Map<string, number>();
  const taxonomies = new Map<string, { component: Bag; taxa: Map<string, Bag> }>();
  const results: unknown[] = [];
  const invocations: unknown[] = [];
  for (const run of runs) {
    const tool = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : {};
    const own = Array.isArray(tool.rules) ? (tool.rules as unknown[]) : [];
    const remap = new Map<number, number>();
    own.forEach((rule, index) => {
      if (!isObject(rule) || typeof rule.id !== 'string') return;
      let at = ruleIndex.get(rule.id);
      if (at === undefined) {
        at = rules.length;
        rules.push(rule);
        ruleIndex.set(rule.id, at);
      }
      remap.set(index, at);
    });
    for (const taxonomy of Array.isArray(run.taxonomies) ? (run.taxonomies as unknown[]) : []) {
      if (!isObject(taxonomy) || typeof taxonomy.name !== 'string') continue;
      const entry = taxonomies.get(taxonomy.name) ?? { component: taxonomy, taxa: new Map<string, Bag>() };
      for (const taxon of Array.isArray(taxonomy.taxa) ? (taxonomy.taxa as unknown[]) : []) {
        if (isObject(taxon) && typeof taxon.id === 'string' && !entry.taxa.has(taxon.id))
          entry.taxa.set(taxon.id, taxon);
      }
      taxonomies.set(taxonomy.name, entry);
    }
    for (const result of resultsOf(run)) {
      if (!isObject(result)) continue;
      const id = typeof result.ruleId === 'string' ? result.ruleId : undefined;
      const index = typeof result.ruleIndex === 'number' ? remap.get(result.ruleIndex) : undefined;
      const merged = id !== undefined ? ruleIndex.get(id) : index;
      const copy: Bag = { ...result };
      if (merged === undefined) delete copy.ruleIndex;
      else copy.ruleIndex = merged;
      if (Array.isArray(copy.locations))
        copy.locations = (copy.locations as unknown[]).map(withoutArtifactIndex);
      results.push(copy);
    }
    if (Array.isArray(run.invocations)) invocations.push(...(run.invocations as unknown[]));
  }
  const tool = isObject(first.tool) ? first.tool : {};
  const driver = isObject(tool.driver) ? tool.driver : {};
  const merged: SarifRunData = {
    ...first,
    tool: { ...tool, driver: { ...driver, rules } },
    results,
  };
  delete merged.artifacts;
  if (taxonomies.size > 0) {
    merged.taxonomies = [...taxonomies.values()].map(({ component, taxa }) => ({
      ...component,
      taxa: [...taxa.values()],
    }));
  }
  if (invocations.length > 0) merged.invocations = invocations;
  return merged;
}

function withoutArtifactIndex(location: unknown): unknown {
  if (!isObject(location) || !isObject(location.physicalLocation)) return location;
  const physical = location.physicalLocation;
  if (!isObject(physical.artifactLocation) || !('index' in physical.artifactLocation)) return location;
  const artifactLocation = { ...physical.artifactLocation };
  delete artifactLocation.index;
  return { ...location, physicalLocation: { ...physical, artifactLocation } };
}
