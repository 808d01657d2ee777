// Fuzzes the SARIF loader with mutated real logs. The seed is in the test names: rerun a failure
// with FUZZ_SEED=<seed> (each case also names its own index and mutations).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { SEVERITIES } from '../../src/findings/finding.js';
import type { Diagnostic } from '../../src/sarif/diagnostics.js';
import { HAS_REAL_WORLD, REAL_WORLD, VENDORED_SARIF } from '../support/real-world.js';
import { type LoadedSarif, loadSarif } from '../../src/sarif/load.js';

type Json = Record<string, unknown>;
type Rng = () => number;

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// CI runs one fixed seed, so a red build is reproducible and a green one stays green; locally each
// run explores a new seed (printed in the test names).
const SEED =
  process.env.FUZZ_SEED !== undefined && process.env.FUZZ_SEED !== ''
    ? Number(process.env.FUZZ_SEED) >>> 0
    : process.env.CI
      ? 20261123
      : (Date.now() ^ Math.floor(Math.random() * 0x100000000)) >>> 0;

/** Each case has its own generator, so one case reproduces without replaying the others. */
const caseRng = (group: number, index: number): Rng =>
  mulberry32((SEED ^ Math.imul(group + 1, 0x85ebca6b) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)] as T;

const FILE = 'fuzz/mutated.sarif';
const encoder = new TextEncoder();
const encode = (text: string): Uint8Array => encoder.encode(text);
const decode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// Base documents: real logs under 120 KB, plus hand-written ones that reach the other branches.

const REAL_DIR = HAS_REAL_WORLD ? path.join(REAL_WORLD, 'sarif') : VENDORED_SARIF;

interface Base {
  name: string;
  bytes: Uint8Array;
  parsed: Json;
}

function handWritten(): { name: string; text: string }[] {
  const rich = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'hand',
            version: '1.0',
            rules: [
              {
                id: 'R1',
                shortDescription: { text: 'Rule one' },
                messageStrings: { default: { text: 'Found {0} in {1}' } },
                defaultConfiguration: { level: 'error' },
                properties: { 'security-severity': '8.1', tags: ['security', 'external/cwe/cwe-089'] },
                relationships: [{ target: { id: '79', toolComponent: { name: 'CWE' } } }],
              },
              { id: 'R2', properties: { tags: ['security', 'HIGH'] } },
            ],
          },
          extensions: [{ name: 'ext', rules: [{ id: 'X1' }] }],
        },
        originalUriBaseIds: {
          SRC: { uri: 'src/', uriBaseId: 'ROOT' },
          ROOT: { uri: 'file:///home/runner/work/r/r/' },
        },
        artifacts: [{ location: { uri: 'a.js', uriBaseId: 'SRC' } }],
        taxonomies: [{ name: 'CWE', taxa: [{ id: '22' }, { id: '78' }] }],
        invocations: [
          {
            executionSuccessful: true,
            ruleConfigurationOverrides: [{ descriptor: { index: 1 }, configuration: { level: 'note' } }],
          },
        ],
        results: [
          {
            ruleId: 'R1',
            ruleIndex: 0,
            message: { id: 'default', arguments: ['eval', 'a.js'] },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { index: 0 },
                  region: { startLine: 4, snippet: { text: 'eval(x)' } },
                },
              },
            ],
            partialFingerprints: { primaryLocationLineHash: 'abc:1' },
            taxa: [{ index: 1, toolComponent: { index: 0 } }],
            suppressions: [{ kind: 'inSource', status: 'accepted' }],
            baselineState: 'new',
          },
          {
            rule: { id: 'X1', toolComponent: { index: 0 } },
            level: 'warning',
            message: { text: 'line 12 has 3 problems' },
            locations: [{ logicalLocations: [{ fullyQualifiedName: 'pkg.Mod.fn' }] }],
            properties: { cwe: ['CWE-22'], cvssScore: 6.1 },
          },
          {
            ruleIndex: 1,
            message: { text: 'm' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///C:/a/r/r/x%20y.cs' } } }],
            fingerprints: { v1: 'f1' },
          },
        ],
      },
      { tool: { driver: { name: 'second' } }, results: null },
    ],
  };
  return [
    { name: 'hand:rich', text: JSON.stringify(rich, null, 2) },
    { name: 'hand:rich-crlf-bom', text: `\ufeff${JSON.stringify(rich, null, '\t').replace(/\n/g, '\r\n')}` },
    {
      name: 'hand:minimal',
      text: '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"m"}},"results":[]}]}',
    },
    { name: 'hand:no-runs', text: '{"version":"2.1.0","runs":[]}' },
  ];
}

function loadBases(): Base[] {
  const bases: Base[] = [];
  const real = readdirSync(REAL_DIR)
    .filter((f) => f.endsWith('.sarif') && statSync(path.join(REAL_DIR, f)).size < 120_000)
    // The vendored copies include a refused file and another version: valid logs only here.
    .filter((f) => !['codeql-action-invalid-sarif.sarif', 'sarif-spec-minimal.sarif'].includes(f))
    .sort();
  const all = [
    ...real.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(REAL_DIR, f))) })),
    ...handWritten().map((h) => ({ name: h.name, bytes: encode(h.text) })),
  ];
  for (const { name, bytes } of all) {
    bases.push({ name, bytes, parsed: JSON.parse(stripBom(decode(bytes))) as Json });
  }
  return bases;
}

const stripBom = (text: string): string => (text.startsWith('\ufeff') ? text.slice(1) : text);

// ---------------------------------------------------------------------------------------------
// Byte-level mutations.

const STRUCTURAL = ['{', '}', '[', ']', ',', ':', '"'];

function mutateBytes(rng: Rng, input: Uint8Array, log: string[]): Uint8Array {
  const n = input.length;
  const at = int(rng, n + 1);
  switch (int(rng, 6)) {
    case 0:
      log.push(`truncate at ${at}`);
      return input.slice(0, at);
    case 1: {
      if (n === 0) return input;
      const i = Math.min(at, n - 1);
      log.push(`delete byte ${i}`);
      return concat(input.subarray(0, i), input.subarray(i + 1));
    }
    case 2: {
      const b = int(rng, 256);
      log.push(`insert byte 0x${b.toString(16)} at ${at}`);
      return concat(input.subarray(0, at), Uint8Array.of(b), input.subarray(at));
    }
    case 3: {
      if (n === 0) return input;
      const i = Math.min(at, n - 1);
      const b = int(rng, 256);
      log.push(`replace byte ${i} with 0x${b.toString(16)}`);
      const out = input.slice();
      out[i] = b;
      return out;
    }
    case 4: {
      const c = pick(rng, STRUCTURAL);
      log.push(`insert ${JSON.stringify(c)} at ${at}`);
      return concat(input.subarray(0, at), encode(c), input.subarray(at));
    }
    default: {
      const start = int(rng, n + 1);
      const end = Math.min(n, start + 1 + int(rng, 64));
      const to = int(rng, n + 1);
      log.push(`duplicate [${start}, ${end}) at ${to}`);
      return concat(input.subarray(0, to), input.subarray(start, end), input.subarray(to));
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Structure-level mutations on the parsed log, serialised again. Raw JSON text that
// JSON.stringify cannot produce (1e999, 5,000-deep nesting) goes in through placeholders.

interface Slot {
  parent: Json | unknown[];
  key: string | number;
  path: string;
}

function slots(root: unknown): Slot[] {
  const out: Slot[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '$' }];
  while (stack.length > 0) {
    const { value, path: at } = stack.pop() as { value: unknown; path: string };
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        out.push({ parent: value, key: i, path: `${at}[${i}]` });
        stack.push({ value: v, path: `${at}[${i}]` });
      });
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        out.push({ parent: value, key: k, path: `${at}.${k}` });
        stack.push({ value: v, path: `${at}.${k}` });
      }
    }
  }
  return out;
}

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function randomValue(rng: Rng, notOfType?: string): unknown {
  for (;;) {
    const value = pick(rng, [
      () => null,
      () => pick(rng, [0, -1, 1.5, 7, 1e308, -1e308, 2 ** 53 + 1, 1e-300]),
      () => pick(rng, ['', 'x', 'error', 'none', 'CWE-79', '2.1.0', '../../etc/passwd', 'é✓😀', '{}']),
      () => pick(rng, [[], [null], [1, 'a'], [{}]]),
      () => pick(rng, [{}, { a: 1 }, { text: 7 }, { uri: 'file:///x y' }]),
      () => rng() < 0.5,
    ])();
    if (typeOf(value) !== notOfType) return value;
  }
}

const RAW = (n: number) => `__FUZZ_RAW_${n}__`;

interface Structured {
  doc: unknown;
  raws: string[];
}

function runsOf(doc: unknown): Json[] {
  return isObject(doc) && Array.isArray(doc.runs) ? doc.runs.filter(isObject) : [];
}

function resultsOf(doc: unknown): Json[] {
  return runsOf(doc).flatMap((r) => (Array.isArray(r.results) ? r.results.filter(isObject) : []));
}

/** A property bag somewhere in the log: a result's, a rule's, the driver's or a run's. */
function someBag(rng: Rng, doc: unknown): Json | undefined {
  const holders: Json[] = [...resultsOf(doc), ...runsOf(doc)];
  for (const run of runsOf(doc)) {
    const driver = isObject(run.tool) && isObject(run.tool.driver) ? run.tool.driver : undefined;
    if (driver) holders.push(driver);
    if (driver && Array.isArray(driver.rules)) holders.push(...driver.rules.filter(isObject));
  }
  if (holders.length === 0) return undefined;
  const holder = pick(rng, holders);
  if (!isObject(holder.properties)) holder.properties = {};
  return holder.properties as Json;
}

function mutateStructure(rng: Rng, s: Structured, log: string[]): void {
  const all = slots(s.doc);
  const raw = (text: string): string => {
    s.raws.push(text);
    return RAW(s.raws.length - 1);
  };
  switch (int(rng, 9)) {
    case 0: {
      if (all.length === 0) return;
      const slot = pick(rng, all);
      const current = (slot.parent as Record<string | number, unknown>)[slot.key];
      const value = randomValue(rng, typeOf(current));
      log.push(`set ${slot.path} to ${JSON.stringify(value)}`);
      (slot.parent as Record<string | number, unknown>)[slot.key] = value;
      return;
    }
    case 1: {
      const keyed = all.filter((x) => typeof x.key === 'string');
      if (keyed.length === 0) return;
      const slot = pick(rng, keyed);
      log.push(`delete ${slot.path}`);
      Reflect.deleteProperty(slot.parent, slot.key);
      return;
    }
    case 2: {
      if (!isObject(s.doc)) return;
      const version = pick(rng, ['2.0.0', '2.1', '2.1.0-rtm.5', '', '1.0.0', '3.0.0']);
      log.push(`version = ${version}`);
      s.doc.version = version;
      return;
    }
    case 3: {
      // A well-known member replaced by a wrong type.
      const targets: Slot[] = all.filter((x) =>
        [
          'runs',
          'results',
          'tool',
          'driver',
          'locations',
          'rules',
          'artifacts',
          'taxa',
          'region',
          'message',
        ].includes(String(x.key)),
      );
      if (targets.length === 0) return;
      const slot = pick(rng, targets);
      const current = (slot.parent as Record<string | number, unknown>)[slot.key];
      const value = randomValue(rng, typeOf(current));
      log.push(`replace ${slot.path} by ${JSON.stringify(value)}`);
      (slot.parent as Record<string | number, unknown>)[slot.key] = value;
      return;
    }
    case 4: {
      // Huge and odd numbers, as raw text.
      const numeric = all.filter(
        (x) => typeof (x.parent as Record<string | number, unknown>)[x.key] === 'number',
      );
      const slot = numeric.length > 0 ? pick(rng, numeric) : undefined;
      const text = pick(rng, [
        '1e999',
        '-1e999',
        '123456789012345678901234567890',
        '-0',
        '1E+2',
        '0.0000000001e-400',
      ]);
      if (slot) {
        log.push(`number ${slot.path} = ${text}`);
        (slot.parent as Record<string | number, unknown>)[slot.key] = raw(text);
      } else {
        const bag = someBag(rng, s.doc);
        if (bag) bag.huge = raw(text);
        log.push(`properties.huge = ${text}`);
      }
      return;
    }
    case 5: {
      const bag = someBag(rng, s.doc);
      if (!bag) return;
      const depth = 5000;
      const nested =
        rng() < 0.5
          ? `${'['.repeat(depth)}${']'.repeat(depth)}`
          : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      log.push(`a property bag holds ${depth}-deep nesting`);
      bag.deep = raw(nested);
      return;
    }
    case 6: {
      const results = resultsOf(s.doc);
      const long = pick(rng, ['x', 'é', '\\', '"', ' ', '%']).repeat(50_000 + int(rng, 150_000));
      if (results.length === 0) {
        const bag = someBag(rng, s.doc);
        if (bag) bag.long = long;
        log.push(`a property bag holds a ${long.length}-character string`);
        return;
      }
      const result = pick(rng, results);
      const field = pick(rng, ['message', 'ruleId', 'uri', 'snippet'] as const);
      log.push(`result ${field} is ${long.length} characters`);
      if (field === 'message') result.message = { text: long };
      else if (field === 'ruleId') result.ruleId = long;
      else {
        const region = field === 'snippet' ? { startLine: 1, snippet: { text: long } } : { startLine: 1 };
        result.locations = [
          { physicalLocation: { artifactLocation: { uri: field === 'uri' ? long : 'a.c' }, region } },
        ];
      }
      return;
    }
    case 7: {
      // A result replaced by another type (skipped with an error, the others kept).
      const runs = runsOf(s.doc).filter((r) => Array.isArray(r.results) && r.results.length > 0);
      if (runs.length === 0) return;
      const results = pick(rng, runs).results as unknown[];
      const i = int(rng, results.length);
      const value = randomValue(rng, 'object');
      log.push(`result ${i} = ${JSON.stringify(value)}`);
      results[i] = value;
      return;
    }
    default: {
      // Many copies of one result: batches and occurrence indexes.
      const runs = runsOf(s.doc).filter((r) => Array.isArray(r.results) && r.results.length > 0);
      if (runs.length === 0) return;
      const results = pick(rng, runs).results as unknown[];
      // Distinct copies (a later mutation changes one), and at most about 1 MB of them.
      const size = JSON.stringify(results[0]).length;
      const copies = Math.min(1 + int(rng, 300), Math.floor(1_000_000 / size));
      log.push(`result 0 repeated ${copies} times`);
      for (let i = 0; i < copies; i++) results.push(structuredClone(results[0]));
    }
  }
}

function serialise(rng: Rng, s: Structured): Uint8Array {
  let text = JSON.stringify(s.doc, null, rng() < 0.5 ? undefined : 2);
  s.raws.forEach((rawText, i) => {
    text = text.split(JSON.stringify(RAW(i))).join(rawText);
  });
  return encode(text);
}

// ---------------------------------------------------------------------------------------------
// What must hold for every input.

interface Case {
  label: string;
  bytes: Uint8Array;
  /**
   * A duplicated slice may repeat a key. JSON.parse keeps the last of two "runs" (or "results")
   * while the loader reads both, so the findings-count oracle does not apply.
   */
  duplicatedSlice?: boolean;
}

function run(c: Case): { loaded: LoadedSarif | undefined; problems: string[] } {
  const problems: string[] = [];
  let loaded: LoadedSarif | undefined;
  try {
    loaded = loadSarif(c.bytes, FILE);
  } catch (error) {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    problems.push(`loadSarif threw: ${stack.split('\n').slice(0, 4).join('\n')}`);
    return { loaded, problems };
  }
  const fail = (message: string) => problems.push(message);
  if (typeof loaded.loaded !== 'boolean') fail('loaded is not a boolean');
  if (!Array.isArray(loaded.findings)) fail('findings is not an array');
  if (!Array.isArray(loaded.diagnostics)) fail('diagnostics is not an array');
  if (!Array.isArray(loaded.runs)) fail('runs is not an array');
  if (problems.length > 0) return { loaded, problems };

  for (const d of loaded.diagnostics) {
    if (d.file !== FILE) fail(`a diagnostic does not name the file: ${JSON.stringify(d)}`);
    const level: unknown = d.level;
    if (level !== 'error' && level !== 'warning') fail(`a diagnostic has level ${JSON.stringify(level)}`);
    if (typeof d.message !== 'string' || d.message === '')
      fail(`a diagnostic has no message: ${JSON.stringify(d)}`);
  }
  const hasError = loaded.diagnostics.some((d) => d.level === 'error');

  let parsed: unknown;
  let valid = true;
  try {
    parsed = JSON.parse(stripBom(decode(c.bytes)));
  } catch {
    valid = false;
  }
  if (!valid && loaded.loaded && !hasError) fail('invalid JSON was loaded without an error');
  if (!loaded.loaded) {
    if (loaded.findings.length !== 0) fail('a refused file has findings');
    if (!hasError) fail('a refused file has no error');
  }
  if (valid && !c.duplicatedSlice && isSarifShaped(parsed)) {
    // A well-formed 2.1.0 log must load, with one finding per object result that reports a problem
    // (kind pass and notApplicable do not), and an error per other result: ten a run, then one line.
    const runs = (parsed as { runs: Json[] }).runs.map((r) => (Array.isArray(r.results) ? r.results : []));
    const problems = runs
      .flat()
      .filter((r) => isObject(r) && r.kind !== 'pass' && r.kind !== 'notApplicable').length;
    const expectedErrors = runs
      .map((results) => results.filter((r) => !isObject(r)).length)
      .reduce((n, bad) => n + Math.min(bad, 10) + (bad > 10 ? 1 : 0), 0);
    if (!loaded.loaded) fail(`a well-formed log was refused: ${JSON.stringify(loaded.diagnostics[0])}`);
    else {
      if (loaded.findings.length !== problems)
        fail(`${problems} problem results, ${loaded.findings.length} findings`);
      const errors = loaded.diagnostics.filter((d) => d.level === 'error').length;
      if (errors !== expectedErrors)
        fail(`${expectedErrors} errors expected for non-object results, ${errors} found`);
    }
  }

  for (const [i, f] of loaded.findings.entries()) {
    const where = `finding ${i}`;
    if (!(SEVERITIES as readonly unknown[]).includes(f.severity)) fail(`${where}: severity ${f.severity}`);
    if (typeof f.fingerprint !== 'string' || f.fingerprint === '') fail(`${where}: empty fingerprint`);
    if (typeof f.message !== 'string') fail(`${where}: message is ${typeof f.message}`);
    if (!Array.isArray(f.cwes) || !f.cwes.every((n) => Number.isInteger(n) && n > 0))
      fail(`${where}: cwes ${JSON.stringify(f.cwes)}`);
    if (typeof f.tool.name !== 'string' || f.tool.name === '' || !f.seenBy.includes(f.tool.name))
      fail(`${where}: tool ${JSON.stringify(f.tool)} / seenBy ${JSON.stringify(f.seenBy)}`);
    if (typeof f.rule.id !== 'string' || f.rule.id === '')
      fail(`${where}: rule id ${JSON.stringify(f.rule.id)}`);
    if (!['error', 'warning', 'note', 'none'].includes(f.level)) fail(`${where}: level ${f.level}`);
    if (f.origin.file !== FILE) fail(`${where}: origin ${JSON.stringify(f.origin)}`);
    if (f.location) {
      if (typeof f.location.path !== 'string') fail(`${where}: location path ${typeof f.location.path}`);
      if (
        f.location.startLine !== undefined &&
        !(Number.isInteger(f.location.startLine) && f.location.startLine > 0)
      )
        fail(`${where}: startLine ${String(f.location.startLine)}`);
    }
  }
  return { loaded, problems };
}

/** A 2.1.0 log whose runs are objects with array or null results: nothing to refuse. */
function isSarifShaped(doc: unknown): boolean {
  if (!isObject(doc) || doc.version !== '2.1.0' || !Array.isArray(doc.runs)) return false;
  return doc.runs.every(
    (r) => isObject(r) && (r.results === undefined || r.results === null || Array.isArray(r.results)),
  );
}

function describeFailure(c: Case, problems: string[]): string {
  return `${c.label}\n  ${problems.slice(0, 5).join('\n  ')}`;
}

// ---------------------------------------------------------------------------------------------

const bases = loadBases();
const withRuns = bases.filter((b) => runsOf(b.parsed).length > 0);
const RANDOM_CASES = 2000;
const TARGETED_CASES = 60;

describe(`SARIF loader fuzz (seed ${SEED}; rerun with FUZZ_SEED=${SEED})`, () => {
  test('the base documents are valid and load cleanly', () => {
    expect(bases.length).toBeGreaterThan(HAS_REAL_WORLD ? 30 : 10);
    for (const base of bases) {
      const { loaded, problems } = run({ label: base.name, bytes: base.bytes });
      expect({ base: base.name, problems }).toEqual({ base: base.name, problems: [] });
      expect({ base: base.name, loaded: loaded?.loaded }).toEqual({ base: base.name, loaded: true });
    }
  });

  test(`${RANDOM_CASES} randomly mutated logs: never a throw, invalid input always an error (seed ${SEED})`, () => {
    const failures: string[] = [];
    const kinds = { bytes: 0, structure: 0, both: 0 };
    for (let i = 0; i < RANDOM_CASES; i++) {
      const rng = caseRng(0, i);
      const base = pick(rng, bases);
      const log: string[] = [];
      const kind = pick(rng, ['bytes', 'bytes', 'structure', 'structure', 'both'] as const);
      kinds[kind]++;
      let bytes = base.bytes;
      if (kind !== 'bytes') {
        const s: Structured = { doc: structuredClone(base.parsed), raws: [] };
        const count = 1 + int(rng, 2);
        for (let m = 0; m < count; m++) mutateStructure(rng, s, log);
        bytes = serialise(rng, s);
      }
      if (kind !== 'structure') {
        const count = 1 + int(rng, 3);
        for (let m = 0; m < count; m++) bytes = mutateBytes(rng, bytes, log);
      }
      const c: Case = {
        label: `FUZZ_SEED=${SEED} case ${i} (${base.name}): ${log.join('; ')}`,
        bytes,
        duplicatedSlice: log.some((m) => m.startsWith('duplicate [')),
      };
      const { problems } = run(c);
      if (problems.length > 0) failures.push(describeFailure(c, problems));
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(kinds.bytes + kinds.structure + kinds.both).toBe(RANDOM_CASES);
  });

  /** Runs a targeted mutation on many bases and checks the one error it must give. */
  function targeted(
    group: number,
    mutate: (rng: Rng, doc: Json, log: string[]) => void,
    check: (d: Diagnostic, log: string[]) => string | undefined,
  ): void {
    const failures: string[] = [];
    for (let i = 0; i < TARGETED_CASES; i++) {
      const rng = caseRng(group, i);
      const base = pick(rng, withRuns);
      const doc = structuredClone(base.parsed);
      const log: string[] = [];
      mutate(rng, doc, log);
      const c = {
        label: `FUZZ_SEED=${SEED} targeted ${group} case ${i} (${base.name}): ${log.join('; ')}`,
        bytes: encode(JSON.stringify(doc, null, rng() < 0.5 ? undefined : 2)),
      };
      const { loaded, problems } = run(c);
      if (loaded && loaded.loaded) problems.push('loaded, but it must be refused');
      const error = loaded?.diagnostics.find((d) => d.level === 'error');
      if (!error) problems.push('no error');
      else {
        const wrong = check(error, log);
        if (wrong) problems.push(`${wrong}: ${JSON.stringify(error)}`);
      }
      if (problems.length > 0) failures.push(describeFailure(c, problems));
    }
    expect(failures.slice(0, 10)).toEqual([]);
  }

  test(`a changed version is refused at "version" (seed ${SEED})`, () => {
    targeted(
      1,
      (rng, doc, log) => {
        const version = pick(rng, [
          '2.0.0',
          '2.1',
          2.1,
          '2.1.0-rtm.5',
          '',
          null,
          true,
          [],
          {},
          '2.1.0 ',
          'v2.1.0',
        ]);
        if (rng() < 0.15) {
          delete doc.version;
          log.push('version deleted');
        } else {
          doc.version = version;
          log.push(`version = ${JSON.stringify(version)}`);
        }
      },
      (d) =>
        d.jsonPath !== 'version'
          ? 'jsonPath is not version'
          : /version/.test(d.message)
            ? undefined
            : 'the message does not say version',
    );
  });

  test(`runs replaced by a non-array is refused at "runs" (seed ${SEED})`, () => {
    targeted(
      2,
      (rng, doc, log) => {
        doc.runs = randomValue(rng, 'array');
        log.push(`runs = ${JSON.stringify(doc.runs)}`);
      },
      (d) =>
        d.jsonPath !== 'runs'
          ? 'jsonPath is not runs'
          : /"runs" must be an array/.test(d.message)
            ? undefined
            : 'the message does not say runs must be an array',
    );
  });

  test(`results replaced by a number, string, object or boolean is refused at runs[i].results (seed ${SEED})`, () => {
    let at = '';
    targeted(
      3,
      (rng, doc, log) => {
        const runs = doc.runs as Json[];
        const i = int(rng, runs.length);
        const value = pick(rng, [0, 42, -1.5, 'results', '', {}, { results: [] }, true, false]);
        (runs[i] as Json).results = value;
        at = `runs[${i}].results`;
        log.push(`${at} = ${JSON.stringify(value)}`);
      },
      (d) =>
        d.jsonPath !== at
          ? `jsonPath is not ${at}`
          : /"results" must be an array/.test(d.message)
            ? undefined
            : 'the message does not say results must be an array',
    );
  });

  test(`every truncation is refused, pointing at the end of what is left (seed ${SEED})`, () => {
    const failures: string[] = [];
    for (let i = 0; i < 4 * TARGETED_CASES; i++) {
      const rng = caseRng(4, i);
      const base = pick(rng, bases);
      const text = decode(base.bytes);
      const last = base.bytes.lastIndexOf(0x7d); // the log's closing brace
      const cut = int(rng, last + 1);
      const bytes = base.bytes.slice(0, cut);
      const c = { label: `FUZZ_SEED=${SEED} truncation case ${i} (${base.name}): cut at ${cut}`, bytes };
      const { loaded, problems } = run(c);
      const d = loaded?.diagnostics[0];
      if (loaded?.loaded !== false || loaded.diagnostics.length !== 1 || d?.level !== 'error')
        problems.push(`not refused with one error: ${JSON.stringify(loaded?.diagnostics)}`);
      else if (/^[\s\ufeff]*$/.test(decode(bytes))) {
        if (d.message !== 'the file is empty') problems.push(`not "the file is empty": ${d.message}`);
      } else {
        // The error is on the last line: at the end, or at the start of the value cut short.
        const lines = decode(bytes).split('\n').length;
        if (d.line !== lines) problems.push(`line ${String(d.line)}, but the text ends on line ${lines}`);
        if (!/truncated|end of file|invalid JSON|expected/.test(d.message))
          problems.push(`message: ${d.message}`);
      }
      if (text.length === 0) problems.push('empty base');
      if (problems.length > 0) failures.push(describeFailure(c, problems));
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
