/**
 * Loads one SARIF 2.1.0 log from its bytes into Findings, one result at a time: the scanner walks
 * the document's skeleton, the run metadata is parsed whole, and the results are parsed in
 * batches and normalised as they come, so a large log never exists as one object tree.
 *
 * Real tools break the schema in known ways (a run without a tool, an object for `suppressions`,
 * `level: ""`, URIs with spaces): those load with a warning. A file that is not JSON, not SARIF,
 * of another SARIF version, or whose structure cannot be read is refused with an error naming the
 * file, the JSON path and the line. Nothing here throws on bad input.
 */
import type { Finding, ToolRef } from '../findings/finding.js';
import { OccurrenceCounter } from '../findings/fingerprint.js';
import { type ByteSource, bufferSource } from './byte-source.js';
import { type Diagnostic, WarningTally } from './diagnostics.js';
import { JsonSyntaxError } from './json-scan.js';
import { normaliseResult } from './normalise.js';
import { Reader } from './reader.js';
import { buildRunContext } from './run-context.js';
import type { SarifRun } from './types.js';

export const SARIF_VERSION = '2.1.0';
/** Default limit on one file: GitHub itself refuses logs over 10 MB gzipped; we allow far more. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
/** Results parsed per JSON.parse call: large enough to amortise the call, small enough for memory. */
const BATCH_BYTES = 1 << 20;
/** Results that are not objects get an error each up to this many per run, then one line. */
const MAX_SKIPPED_REPORTED = 10;

export interface LoadOptions {
  /** The workspace root: absolute paths under it become repository-relative. */
  root?: string;
  maxBytes?: number;
  /** CWE ids for a tool's rule when the log gives none (the knowledge base's rule maps). */
  knownCwes?: (tool: string, ruleId: string) => readonly number[];
}

export interface RunSummary {
  index: number;
  tool: ToolRef;
  /** Every entry of the run's `results`, as the file has them. */
  resultCount: number;
  /** Results of kind `pass` or `notApplicable`: the rule found no problem, so no finding. */
  notProblems: number;
}

export interface LoadedSarif {
  file: string;
  /** False when the file was refused: then `findings` is empty and an error says why. */
  loaded: boolean;
  runs: RunSummary[];
  findings: Finding[];
  diagnostics: Diagnostic[];
}

interface RunSkeleton {
  index: number;
  run: SarifRun;
  /** Start and end offsets of each result, flattened: [s0, e0, s1, e1, ...]. */
  results: number[];
}

class Refusal extends Error {
  readonly jsonPath: string | undefined;
  readonly offset: number | undefined;
  readonly hint: string | undefined;
  constructor(message: string, jsonPath?: string, offset?: number, hint?: string) {
    super(message);
    this.jsonPath = jsonPath;
    this.offset = offset;
    this.hint = hint;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'a string' : `a ${typeof value}`} (${JSON.stringify(value).slice(0, 40)})`;
}

function parseSpan(reader: Reader, start: number, end: number, jsonPath: string): unknown {
  try {
    return reader.parse(start, end);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Refusal(
      `invalid JSON: ${detail}`,
      jsonPath,
      start,
      'The file is not valid JSON; regenerate it',
    );
  }
}

function unsupportedVersion(version: unknown, offset: number): Refusal {
  return new Refusal(
    `unsupported SARIF version ${JSON.stringify(version)}: Paved Path reads SARIF ${SARIF_VERSION}`,
    'version',
    offset,
    'Upgrade the tool, or convert the log with `Sarif.Multitool transform --sarif-output-version Current`',
  );
}

/** Walks the document: checks the version and collects each run's metadata and result offsets. */
function readSkeleton(reader: Reader): RunSkeleton[] {
  const bom = reader.byte(0) === 0xef && reader.byte(1) === 0xbb && reader.byte(2) === 0xbf;
  let pos = reader.skipWhitespace(bom ? 3 : 0);
  if (pos >= reader.size) {
    throw new Refusal(
      'the file is empty',
      undefined,
      undefined,
      'Check that the scanner finished and wrote its output',
    );
  }
  if (reader.byte(pos) !== 0x7b) {
    const end = reader.skipValue(pos);
    throw new Refusal(
      `expected a SARIF log (a JSON object), found ${describe(parseSpan(reader, pos, end, '$'))}`,
      '$',
      pos,
    );
  }
  let version: unknown;
  let runsStart = -1;
  const runs: RunSkeleton[] = [];
  const end = reader.walkObject(pos, (key, start) => {
    if (key === 'version') {
      const valueEnd = reader.skipValue(start);
      version = parseSpan(reader, start, valueEnd, 'version');
      // Refused at once: the rest of a log of another version need not parse as 2.1.0.
      if (version !== SARIF_VERSION) throw unsupportedVersion(version, start);
      return valueEnd;
    }
    if (key !== 'runs') {
      // Not needed, but checked: a log with invalid JSON anywhere is refused, not half-read.
      const valueEnd = reader.skipValue(start);
      parseSpan(reader, start, valueEnd, key);
      return valueEnd;
    }
    runsStart = start;
    runs.length = 0; // a repeated "runs" key: the last one counts, as with JSON.parse
    if (reader.byte(start) !== 0x5b) return reader.skipValue(start);
    return reader.walkArray(start, (runIndex, runStart) => readRun(reader, runIndex, runStart, runs));
  });
  pos = reader.skipWhitespace(end);
  if (pos < reader.size) throw new Refusal('unexpected data after the end of the SARIF log', undefined, pos);
  if (version === undefined) {
    throw new Refusal(
      'not a SARIF log: there is no "version" property',
      'version',
      undefined,
      'A SARIF 2.1.0 log starts with {"version": "2.1.0", "runs": [...]}',
    );
  }
  if (runsStart < 0) throw new Refusal('not a SARIF log: there is no "runs" array', 'runs');
  if (reader.byte(runsStart) !== 0x5b) {
    const runsEnd = reader.skipValue(runsStart);
    throw new Refusal(
      `"runs" must be an array, found ${describe(parseSpan(reader, runsStart, runsEnd, 'runs'))}`,
      'runs',
      runsStart,
    );
  }
  return runs;
}

const RUN_KEYS = new Set(['tool', 'originalUriBaseIds', 'artifacts', 'taxonomies', 'invocations']);

function readRun(reader: Reader, index: number, start: number, runs: RunSkeleton[]): number {
  const at = `runs[${index}]`;
  if (reader.byte(start) !== 0x7b) {
    const end = reader.skipValue(start);
    throw new Refusal(
      `a run must be an object, found ${describe(parseSpan(reader, start, end, at))}`,
      at,
      start,
    );
  }
  const run: Record<string, unknown> = {};
  const results: number[] = [];
  const end = reader.walkObject(start, (key, valueStart) => {
    if (key === 'results') results.length = 0; // a repeated key: the last one counts, as with JSON.parse
    if (key === 'results' && reader.byte(valueStart) === 0x5b) {
      return reader.walkArray(valueStart, (_i, resultStart) => {
        const resultEnd = reader.skipValue(resultStart);
        results.push(resultStart, resultEnd);
        return resultEnd;
      });
    }
    const valueEnd = reader.skipValue(valueStart);
    if (key === 'results') {
      const value = parseSpan(reader, valueStart, valueEnd, `${at}.results`);
      if (value !== null) {
        throw new Refusal(
          `"results" must be an array, found ${describe(value)}`,
          `${at}.results`,
          valueStart,
          'Fix the tool that wrote the file',
        );
      }
    } else {
      // Every member is parsed, so invalid JSON anywhere refuses the file; only these are kept.
      const value = parseSpan(reader, valueStart, valueEnd, `${at}.${key}`);
      if (RUN_KEYS.has(key)) run[key] = value;
    }
    return valueEnd;
  });
  runs.push({ index, run: run, results });
  return end;
}

function refusalDiagnostic(file: string, reader: Reader, error: unknown): Diagnostic {
  if (error instanceof Refusal || error instanceof JsonSyntaxError) {
    const diagnostic: Diagnostic = {
      level: 'error',
      file,
      message: error instanceof JsonSyntaxError ? `invalid JSON: ${error.message}` : error.message,
      hint:
        error instanceof Refusal && error.hint
          ? error.hint
          : 'The file was not loaded; the other files were. Regenerate it, or check that the scanner finished',
    };
    if (error instanceof Refusal && error.jsonPath) diagnostic.jsonPath = error.jsonPath;
    if (error.offset !== undefined) Object.assign(diagnostic, reader.lineAndColumn(error.offset));
    return diagnostic;
  }
  return { level: 'error', file, message: `could not load the file: ${String(error)}` };
}

/** Loads a SARIF log from its bytes in memory. */
export function loadSarif(bytes: Uint8Array, file: string, options: LoadOptions = {}): LoadedSarif {
  return loadSarifFrom(bufferSource(bytes), file, options);
}

/**
 * Loads a SARIF log through a ByteSource (a file read a window at a time, or bytes in memory).
 * Never throws on bad input: problems are in `diagnostics`.
 */
export function loadSarifFrom(source: ByteSource, file: string, options: LoadOptions = {}): LoadedSarif {
  const reader = new Reader(source);
  const out: LoadedSarif = { file, loaded: false, runs: [], findings: [], diagnostics: [] };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (source.size > maxBytes) {
    out.diagnostics.push({
      level: 'error',
      file,
      message: `the file is ${(source.size / 1048576).toFixed(1)} MiB, over the limit of ${(maxBytes / 1048576).toFixed(0)} MiB`,
      hint: 'Split the scan (one SARIF file per tool or per project), or raise the limit',
    });
    return out;
  }
  let skeletons: RunSkeleton[];
  try {
    skeletons = readSkeleton(reader);
  } catch (error) {
    out.diagnostics.push(refusalDiagnostic(file, reader, error));
    return out;
  }
  out.loaded = true;
  for (const skeleton of skeletons) {
    // Occurrence indexes count per run, so one tool's finding in two runs or two files keeps
    // one fingerprint and deduplicates.
    const occurrences = new OccurrenceCounter();
    const tally = new WarningTally();
    const run = buildRunContext(skeleton.run, skeleton.index, file, out.diagnostics);
    const ctx = {
      file,
      run,
      root: options.root,
      occurrences,
      tally,
      undeclared: new Map(),
      knownCwes: options.knownCwes,
    };
    const offsets = skeleton.results;
    const count = offsets.length / 2;
    const summary: RunSummary = { index: skeleton.index, tool: run.tool, resultCount: count, notProblems: 0 };
    out.runs.push(summary);
    let notProblems = 0;
    let skipped = 0;
    for (let first = 0; first < count;) {
      let last = first;
      const batchStart = offsets[2 * first] as number;
      while (last + 1 < count && (offsets[2 * (last + 1) + 1] as number) - batchStart <= BATCH_BYTES) last++;
      const batchEnd = offsets[2 * last + 1] as number;
      let values: unknown[] | undefined;
      try {
        values = JSON.parse(`[${reader.text(batchStart, batchEnd)}]`) as unknown[];
      } catch {
        values = undefined; // find the bad result(s) one by one below
      }
      for (let i = first; i <= last; i++) {
        let value: unknown;
        if (values) value = values[i - first];
        else {
          const start = offsets[2 * i] as number;
          try {
            value = reader.parse(start, offsets[2 * i + 1] as number);
          } catch (error) {
            out.diagnostics.push({
              level: 'error',
              file,
              jsonPath: `runs[${skeleton.index}].results[${i}]`,
              ...reader.lineAndColumn(start),
              message: `invalid JSON in this result (${error instanceof Error ? error.message : String(error)}); it was skipped`,
              hint: 'Regenerate the file; the other results were loaded',
            });
            continue;
          }
        }
        const normalised = normaliseResult(ctx, value, i);
        if ('fingerprint' in normalised) out.findings.push(normalised);
        else if ('notAProblem' in normalised) notProblems++;
        else if (++skipped <= MAX_SKIPPED_REPORTED) {
          out.diagnostics.push({ ...normalised, ...reader.lineAndColumn(offsets[2 * i] as number) });
        }
      }
      first = last + 1;
    }
    summary.notProblems = notProblems;
    if (skipped > MAX_SKIPPED_REPORTED) {
      out.diagnostics.push({
        level: 'error',
        file,
        jsonPath: `runs[${skeleton.index}].results`,
        message: `${skipped - MAX_SKIPPED_REPORTED} more result(s) that are not objects were skipped`,
        hint: 'Fix the tool that wrote the file; the other results were loaded',
      });
    }
    out.diagnostics.push(...tally.flush());
  }
  return out;
}
