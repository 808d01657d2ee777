/**
 * SARIF that an engine wrote itself (gosec `-fmt sarif`, opengrep/semgrep `--sarif`, ESLint's
 * SARIF formatter), tidied before it is enriched, merged and uploaded:
 *
 * - the shape is checked (an object, version 2.1.0, a runs array, a named tool per run), else an
 *   Error says what is wrong ("gosec's SARIF has no runs array");
 * - every artifact location's URI becomes relative to the repository root with forward slashes
 *   (tools write absolute paths, `file://` URIs, Windows paths, or paths relative to the scan
 *   directory or to a `uriBaseId`); a path outside the root stays absolute, as a `file://` URI;
 *   the uriBaseId of a rewritten location is dropped, and so are `originalUriBaseIds` entries
 *   that pointed at the runner's file system and are no longer used;
 * - `tool.driver.version` is filled from the version the engine reported, when missing;
 * - a `ruleIndex` that points at a rule with another id than the result's `ruleId` (gosec 2.24
 *   writes some) is corrected, so code scanning does not file the result under the wrong rule;
 * - the run records the engine in `properties.pavedpath.engine` (ADR 0004's namespaced bag).
 *
 * Everything else is kept as written: code flows, taxonomies, relationships, fingerprints,
 * suppressions (a `nosemgrep` comment stays a suppression), invocations.
 */
import path from 'node:path';
import { isUriReference } from '../sarif/locations.js';
import { isObject } from '../sarif/run-context.js';
import type { Bag } from '../sarif/types.js';
import { SARIF_SCHEMA, SARIF_VERSION, type SarifLog, type SarifRunData } from './combine.js';
import type { ConvertContext, EngineName } from './types.js';

export interface TidyContext extends ConvertContext {
  engine: EngineName;
  /**
   * Absolute directory that relative URIs without a (defined) base are relative to: where the
   * engine ran. Defaults to `root`.
   */
  scanDir?: string;
}

/** The `version` of the bag tidyNativeSarif writes in `run.properties.pavedpath`. */
export const PAVEDPATH_BAG_VERSION = 1;

/** Schema URLs of the final SARIF 2.1.0 schema, kept as written; anything else is replaced. */
const FINAL_SCHEMA =
  /(?:^https:\/\/json\.schemastore\.org\/sarif-2\.1\.0\.json$)|sarif-schema-2\.1\.0\.json$/;

const DRIVE = /^[A-Za-z]:\//;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A path with forward slashes, without trailing slashes (except a root "/" or "C:/"). */
function slashed(p: string): string {
  const out = p.replace(/\\/g, '/');
  if (out === '/' || /^[A-Za-z]:\/$/.test(out)) return out;
  return out.replace(/\/+$/, '');
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || DRIVE.test(p);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Percent-decodes a URI reference; a raw path (spaces, no valid escapes) is taken as written. */
function decodeIfUri(text: string): string {
  return isUriReference(text) ? decode(text) : text;
}

/** The path of a `file:` URI: file:///C:/x → C:/x, file:///home/x → /home/x, file://host/x → //host/x. */
function filePath(uri: string): string {
  const rest = uri.replace(/^file:/i, '');
  let p = rest.startsWith('//') ? rest.replace(/^\/\/(localhost)?(?=\/)/i, '') : rest;
  p = decode(p);
  if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  return p;
}

/** Joins and normalises (".", ".." and repeated slashes) forward-slash paths. */
function joinPath(base: string, rel: string): string {
  return path.posix.normalize(rel === '' ? base : `${base}/${rel}`);
}

/** RFC 3986 pchar: unreserved, sub-delims, ":" and "@"; the rest is percent-encoded (UTF-8). */
function encodeSegment(seg: string, allowColon: boolean): string {
  return encodeURIComponent(seg).replace(/%(24|26|2B|2C|3B|3D|40|3A)/gi, (whole, hex: string) =>
    hex.toUpperCase() === '3A' && !allowColon ? whole : String.fromCharCode(parseInt(hex, 16)),
  );
}

/** A relative path as a URI reference; a colon in the first segment is encoded (it would read as a scheme). */
function relativeUri(rel: string): string {
  return rel
    .split('/')
    .map((seg, i) => encodeSegment(seg, i > 0))
    .join('/');
}

/** An absolute path as a `file://` URI. */
function fileUri(abs: string): string {
  const segments = abs.split('/').map((seg) => encodeSegment(seg, true));
  const joined = segments.join('/');
  return DRIVE.test(abs) ? `file:///${joined}` : `file://${joined}`;
}

/** The path below `root`, or undefined when `abs` is not under it (drive letters compared case-insensitively). */
function below(root: string, abs: string): string | undefined {
  const r = slashed(root);
  const prefix = r.endsWith('/') ? r : `${r}/`;
  const windows = DRIVE.test(r);
  const head = abs.slice(0, prefix.length);
  const same = windows ? head.toLowerCase() === prefix.toLowerCase() : head === prefix;
  if (!same || abs.length === prefix.length) return undefined;
  return abs.slice(prefix.length);
}

interface UriBase {
  uri?: string;
  uriBaseId?: string;
}

class UriRewriter {
  private readonly bases = new Map<string, UriBase>();
  /** Base ids that are still referenced after the rewrite. */
  readonly stillUsed = new Set<string>();
  private readonly root: string;
  private readonly scanDir: string;

  constructor(run: SarifRunData, root: string, scanDir: string) {
    this.root = root;
    this.scanDir = scanDir;
    const original = run.originalUriBaseIds;
    if (isObject(original)) {
      for (const [id, value] of Object.entries(original)) {
        if (!isObject(value)) continue;
        const base: UriBase = {};
        if (typeof value.uri === 'string') base.uri = value.uri;
        if (typeof value.uriBaseId === 'string') base.uriBaseId = value.uriBaseId;
        this.bases.set(id, base);
      }
    }
  }

  /**
   * The absolute path a base id stands for. A base the run does not define (%SRCROOT% from
   * Semgrep), or one without a URI, stands for the scan directory.
   */
  private basePath(id: string | undefined, depth = 0): string {
    const base = id === undefined ? undefined : this.bases.get(id);
    if (!base?.uri || depth > 10) return this.scanDir;
    const uri = slashed(base.uri);
    if (/^file:/i.test(uri)) return slashed(filePath(uri));
    if (isAbsolutePath(uri)) return slashed(decodeIfUri(uri));
    if (SCHEME.test(uri)) return this.scanDir; // a web base: not a file; treated as the scan directory
    return joinPath(this.basePath(base.uriBaseId, depth + 1), decodeIfUri(uri));
  }

  /** The absolute path of a location, or undefined when its URI is not a file (https:, ...). */
  private absolute(uri: string, baseId: string | undefined): string | undefined {
    const u = uri.replace(/\\/g, '/');
    if (/^file:/i.test(u)) return path.posix.normalize(filePath(u));
    if (SCHEME.test(u) && !DRIVE.test(u)) return undefined;
    if (isAbsolutePath(u)) return path.posix.normalize(decodeIfUri(u));
    return joinPath(this.basePath(baseId), decodeIfUri(u));
  }

  /** Rewrites one artifactLocation in place (it belongs to the clone). */
  rewrite(location: Bag): void {
    const uri = location.uri;
    const baseId = typeof location.uriBaseId === 'string' ? location.uriBaseId : undefined;
    if (typeof uri !== 'string' || uri === '') {
      if (baseId !== undefined) this.stillUsed.add(baseId);
      return;
    }
    const abs = this.absolute(uri, baseId);
    if (abs === undefined) {
      if (baseId !== undefined) this.stillUsed.add(baseId);
      return;
    }
    const rel = below(this.root, abs);
    location.uri = rel !== undefined ? relativeUri(rel) : fileUri(abs);
    delete location.uriBaseId;
  }

  /** Drops the originalUriBaseIds entries on the file system that nothing uses any more. */
  prune(run: SarifRunData): void {
    const original = run.originalUriBaseIds;
    if (!isObject(original)) return;
    const keep = new Set<string>();
    const visit = (id: string, depth: number): void => {
      if (keep.has(id) || depth > 10) return;
      keep.add(id);
      const next = this.bases.get(id)?.uriBaseId;
      if (next !== undefined) visit(next, depth + 1);
    };
    for (const id of this.stillUsed) visit(id, 0);
    const kept = Object.entries(original).filter(([id]) => {
      const base = this.bases.get(id);
      if (keep.has(id) || !base) return true;
      const uri = base.uri?.replace(/\\/g, '/');
      // Only bases on the file system (the runner's paths) are dropped; a web base is kept.
      return uri !== undefined && SCHEME.test(uri) && !/^file:/i.test(uri) && !DRIVE.test(uri);
    });
    if (kept.length === 0) {
      delete run.originalUriBaseIds;
      return;
    }
    run.originalUriBaseIds = Object.fromEntries(kept);
  }
}

/** Keys whose value is an artifactLocation, wherever they appear in a run. */
const LOCATION_KEYS = new Set(['artifactLocation', 'analysisTarget']);

/** Visits every artifactLocation below `value`; `run.artifacts[].location` too. */
function eachArtifactLocation(value: unknown, visit: (location: Bag) => void, depth = 0): void {
  if (depth > 64) return;
  if (Array.isArray(value)) {
    for (const item of value) eachArtifactLocation(item, visit, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (LOCATION_KEYS.has(key) && isObject(child)) visit(child);
    eachArtifactLocation(child, visit, depth + 1);
  }
}

function fixRuleIndexes(run: SarifRunData, driver: Bag): void {
  if (!Array.isArray(driver.rules) || !Array.isArray(run.results)) return;
  const rules = driver.rules as unknown[];
  const byId = new Map<string, number>();
  rules.forEach((rule, i) => {
    if (isObject(rule) && typeof rule.id === 'string' && !byId.has(rule.id)) byId.set(rule.id, i);
  });
  for (const result of run.results as unknown[]) {
    if (!isObject(result) || typeof result.ruleId !== 'string' || typeof result.ruleIndex !== 'number')
      continue;
    if (isObject(result.rule) && result.rule.toolComponent !== undefined) continue; // not the driver's
    const pointed: unknown = rules[result.ruleIndex];
    if (isObject(pointed) && pointed.id === result.ruleId) continue;
    const right = byId.get(result.ruleId);
    if (right === undefined) delete result.ruleIndex;
    else result.ruleIndex = right;
  }
}

/**
 * An engine's own SARIF, checked and tidied (see the module comment). Returns a new log; `log` is
 * not changed. Throws an Error naming the engine and the problem when the log is not SARIF 2.1.0
 * that can be uploaded.
 */
export function tidyNativeSarif(log: unknown, ctx: TidyContext): SarifLog {
  const who = `${ctx.engine}'s SARIF`;
  if (!isObject(log)) throw new Error(`${who} is not a JSON object (found ${describe(log)})`);
  if (log.version !== SARIF_VERSION) {
    throw new Error(
      log.version === undefined
        ? `${who} has no "version"; SARIF ${SARIF_VERSION} was expected`
        : `${who} has version ${JSON.stringify(log.version)}; SARIF ${SARIF_VERSION} was expected`,
    );
  }
  if (!Array.isArray(log.runs)) throw new Error(`${who} has no runs array`);
  (log.runs as unknown[]).forEach((run, i) => {
    const at = `${who} run ${i}`;
    if (!isObject(run)) throw new Error(`${at} is not an object (found ${describe(run)})`);
    const driver = isObject(run.tool) ? run.tool.driver : undefined;
    if (!isObject(driver)) throw new Error(`${at} has no tool.driver`);
    if (typeof driver.name !== 'string' || driver.name.trim() === '') {
      throw new Error(`${at} has no tool.driver.name`);
    }
    if (run.results !== undefined && !Array.isArray(run.results)) {
      throw new Error(`${at} has "results" that is ${describe(run.results)}, not an array`);
    }
  });

  const out = structuredClone(log) as SarifLog;
  if (typeof out.$schema !== 'string' || !FINAL_SCHEMA.test(out.$schema)) out.$schema = SARIF_SCHEMA;
  const scanDir = slashed(ctx.scanDir ?? ctx.root);
  for (const run of out.runs) {
    const driver = (run.tool as { driver: Bag }).driver;
    if ((typeof driver.version !== 'string' || driver.version.trim() === '') && ctx.version.trim() !== '') {
      driver.version = ctx.version.trim();
    }
    run.results ??= [];
    const rewriter = new UriRewriter(run, ctx.root, scanDir);
    for (const [key, value] of Object.entries(run)) {
      if (key === 'tool' || key === 'originalUriBaseIds') continue;
      if (key === 'artifacts' && Array.isArray(value)) {
        for (const artifact of value as unknown[]) {
          if (isObject(artifact) && isObject(artifact.location)) rewriter.rewrite(artifact.location);
        }
      }
      eachArtifactLocation(value, (location) => {
        rewriter.rewrite(location);
      });
    }
    rewriter.prune(run);
    fixRuleIndexes(run, driver);
    const properties = isObject(run.properties) ? run.properties : {};
    const ours = isObject(properties.pavedpath) ? properties.pavedpath : {};
    run.properties = {
      ...properties,
      pavedpath: { ...ours, version: PAVEDPATH_BAG_VERSION, engine: ctx.engine },
    };
  }
  return out;
}
