import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { isSuppressed } from '../../src/findings/finding.js';
import { loadSarif } from '../../src/sarif/load.js';
import { countResults, SARIF_SCHEMA } from '../../src/sast/combine.js';
import { tidyNativeSarif, type TidyContext } from '../../src/sast/native-sarif.js';
import { describeRealWorld, REAL_WORLD } from '../support/real-world.js';
import { HAS_SARIF_VALIDATOR, validateSarif } from '../support/sarif-validator.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SARIF is read field by field in the assertions
type Json = Record<string, any>;

const ROOT = '/home/runner/work/app/app';
const CTX: TidyContext = { root: ROOT, version: '2.22.0', engine: 'gosec' };

const loc = (uri: string, uriBaseId?: string): Json => ({
  physicalLocation: {
    artifactLocation: uriBaseId === undefined ? { uri } : { uri, uriBaseId },
    region: { startLine: 3 },
  },
});

function logWith(results: Json[], run: Json = {}): Json {
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'gosec', rules: [{ id: 'G101' }] } }, results, ...run }],
  };
}

const result = (location: Json, extra: Json = {}): Json => ({
  ruleId: 'G101',
  message: { text: 'm' },
  locations: [location],
  ...extra,
});

const uris = (log: Json): unknown[] =>
  (log.runs[0].results as Json[]).map((r) => r.locations[0].physicalLocation.artifactLocation.uri);

const realSarif = (name: string): Json =>
  JSON.parse(readFileSync(path.join(REAL_WORLD, 'sarif', name), 'utf8').replace(/^\ufeff/, ''));

describe('tidyNativeSarif: shape', () => {
  it.each([
    ['not an object', [], "gosec's SARIF is not a JSON object (found an array)"],
    ['null', null, "gosec's SARIF is not a JSON object (found null)"],
    ['no version', { runs: [] }, `gosec's SARIF has no "version"; SARIF 2.1.0 was expected`],
    [
      'another version',
      { version: '2.0.0', runs: [] },
      `gosec's SARIF has version "2.0.0"; SARIF 2.1.0 was expected`,
    ],
    ['no runs', { version: '2.1.0' }, "gosec's SARIF has no runs array"],
    ['runs not an array', { version: '2.1.0', runs: {} }, "gosec's SARIF has no runs array"],
    [
      'a run that is not an object',
      { version: '2.1.0', runs: [3] },
      "gosec's SARIF run 0 is not an object (found a number)",
    ],
    ['no tool.driver', { version: '2.1.0', runs: [{ tool: {} }] }, "gosec's SARIF run 0 has no tool.driver"],
    [
      'no driver name',
      { version: '2.1.0', runs: [{ tool: { driver: { name: ' ' } } }] },
      "gosec's SARIF run 0 has no tool.driver.name",
    ],
    [
      'results not an array',
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'gosec' } }, results: {} }] },
      `gosec's SARIF run 0 has "results" that is an object, not an array`,
    ],
  ])('%s: throws an Error that says what is wrong', (_name, log, message) => {
    expect(() => tidyNativeSarif(log, CTX)).toThrow(new Error(message));
  });

  it('names the engine it was given', () => {
    expect(() => tidyNativeSarif({ version: '2.1.0' }, { ...CTX, engine: 'opengrep' })).toThrow(
      "opengrep's SARIF has no runs array",
    );
  });

  it('accepts zero runs, and a run without results gets an empty results array', () => {
    expect(tidyNativeSarif({ version: '2.1.0', runs: [] }, CTX).runs).toEqual([]);
    const out = tidyNativeSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'gosec' } } }] }, CTX);
    expect(out.runs[0]!.results).toEqual([]);
  });
});

describe('tidyNativeSarif: URIs', () => {
  it('makes absolute, file://, relative and Windows-style URIs relative to the root with forward slashes', () => {
    const log = logWith([
      result(loc('src/a.go')),
      result(loc('./src/b.go')),
      result(loc(`${ROOT}/src/c.go`)),
      result(loc(`file://${ROOT}/src/d%20e.go`)),
      result(loc('src\\win\\f.go')),
      result(loc('/somewhere/else/g.go')),
      result(loc('https://example.com/h.go')),
      result(loc('src/with space.go')),
      result(loc('../outside.go')),
    ]);
    const out = tidyNativeSarif(log, CTX);
    expect(uris(out)).toEqual([
      'src/a.go',
      'src/b.go',
      'src/c.go',
      'src/d%20e.go',
      'src/win/f.go',
      'file:///somewhere/else/g.go',
      'https://example.com/h.go',
      'src/with%20space.go',
      'file:///home/runner/work/app/outside.go',
    ]);
  });

  it('handles a Windows root: drive letters in any case, backslashes, file:///C:/ URIs', () => {
    const log = logWith([
      result(loc('C:\\a\\repo\\src\\x.go')),
      result(loc('file:///c:/a/repo/src/y.go')),
      result(loc('src\\z.go')),
      result(loc('D:\\other\\w.go')),
    ]);
    const out = tidyNativeSarif(log, { ...CTX, root: 'C:\\a\\repo\\' });
    expect(uris(out)).toEqual(['src/x.go', 'src/y.go', 'src/z.go', 'file:///D:/other/w.go']);
  });

  it('resolves relative URIs against the scan directory when the engine ran in a subfolder', () => {
    const log = logWith([result(loc('pkg/a.go')), result(loc('pkg/b.go', '%SRCROOT%'))]);
    const out = tidyNativeSarif(log, { ...CTX, scanDir: `${ROOT}/services/api` });
    expect(uris(out)).toEqual(['services/api/pkg/a.go', 'services/api/pkg/b.go']);
  });

  it('resolves uriBaseIds through originalUriBaseIds and drops the runner paths that are no longer used', () => {
    const log = logWith(
      [
        result(loc('src/a.py', 'SRC')),
        result(loc('b.py', 'PROJECT')),
        result(loc('c.py', 'UNDEFINED')),
        result({ physicalLocation: { artifactLocation: { uriBaseId: 'DOCS' } } }),
      ],
      {
        originalUriBaseIds: {
          PROJECT: { uri: `file://${ROOT}/` },
          SRC: { uri: 'lib/', uriBaseId: 'PROJECT' },
          DOCS: { uri: 'https://example.com/docs/' },
          UNUSED_WEB: { uri: 'https://example.com/' },
        },
      },
    );
    const out = tidyNativeSarif(log, CTX);
    expect(uris(out)).toEqual(['lib/src/a.py', 'b.py', 'c.py', undefined]);
    const first = out.runs[0]!.results as Json[];
    expect(first[0]!.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'lib/src/a.py' });
    // DOCS is still referenced; a web base is never dropped; PROJECT and SRC were the runner's paths.
    expect(out.runs[0]!.originalUriBaseIds).toEqual({
      DOCS: { uri: 'https://example.com/docs/' },
      UNUSED_WEB: { uri: 'https://example.com/' },
    });
  });

  it('removes originalUriBaseIds altogether when nothing is left in it', () => {
    const log = logWith([result(loc('a.py', 'ROOT'))], {
      originalUriBaseIds: { ROOT: { uri: `file://${ROOT}/` } },
    });
    const out = tidyNativeSarif(log, CTX);
    expect(out.runs[0]!.originalUriBaseIds).toBeUndefined();
    expect(uris(out)).toEqual(['a.py']);
  });

  it('rewrites every artifact location: artifacts, code flows, related locations, notifications', () => {
    const abs = `file://${ROOT}/src/a.js`;
    const log = logWith([result(loc(abs), { relatedLocations: [loc(`${ROOT}/src/b.js`)] })], {
      artifacts: [{ location: { uri: abs } }],
      invocations: [
        {
          executionSuccessful: true,
          workingDirectory: { uri: `file://${ROOT}/` },
          toolExecutionNotifications: [{ message: { text: 'x' }, locations: [loc(`${ROOT}/src/c.js`)] }],
        },
      ],
    });
    log.runs[0].results[0].codeFlows = [
      { threadFlows: [{ locations: [{ location: loc(`${ROOT}\\src\\d.js`) }] }] },
    ];
    const out = tidyNativeSarif(log, CTX) as Json;
    const run = out.runs[0];
    expect(run.artifacts[0].location.uri).toBe('src/a.js');
    expect(run.results[0].relatedLocations[0].physicalLocation.artifactLocation.uri).toBe('src/b.js');
    expect(
      run.results[0].codeFlows[0].threadFlows[0].locations[0].location.physicalLocation.artifactLocation.uri,
    ).toBe('src/d.js');
    expect(
      run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri,
    ).toBe('src/c.js');
    // The working directory is not a result location: kept as the tool wrote it.
    expect(run.invocations[0].workingDirectory.uri).toBe(`file://${ROOT}/`);
  });

  it('does not change its input', () => {
    const log = logWith([result(loc(`${ROOT}/src/a.go`))]);
    const before = JSON.stringify(log);
    tidyNativeSarif(log, CTX);
    expect(JSON.stringify(log)).toBe(before);
  });

  it('is idempotent', () => {
    const log = logWith([result(loc(`${ROOT}/src/a.go`)), result(loc('x/../b.go', '%SRCROOT%'))]);
    const once = tidyNativeSarif(log, CTX);
    expect(tidyNativeSarif(once, CTX)).toEqual(once);
  });
});

describe('tidyNativeSarif: the rest of the log', () => {
  it('fills tool.driver.version when missing and keeps the one the tool wrote', () => {
    expect((tidyNativeSarif(logWith([]), CTX).runs[0]!.tool as Json).driver.version).toBe('2.22.0');
    const own = logWith([]);
    own.runs[0].tool.driver.version = '2.24.7';
    expect((tidyNativeSarif(own, CTX).runs[0]!.tool as Json).driver.version).toBe('2.24.7');
  });

  it('replaces a pre-release $schema and keeps the final one', () => {
    const log = logWith([]);
    log.$schema = 'http://json.schemastore.org/sarif-2.1.0-rtm.5';
    expect(tidyNativeSarif(log, CTX).$schema).toBe(SARIF_SCHEMA);
    log.$schema = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';
    expect(tidyNativeSarif(log, CTX).$schema).toBe(log.$schema);
  });

  it('corrects a ruleIndex that points at another rule, drops one that points at no declared id', () => {
    const log = logWith([
      { ruleId: 'G304', ruleIndex: 0, message: { text: 'm' } },
      { ruleId: 'G101', ruleIndex: 0, message: { text: 'm' } },
      { ruleId: 'G999', ruleIndex: 1, message: { text: 'm' } },
    ]);
    log.runs[0].tool.driver.rules = [{ id: 'G101' }, { id: 'G304' }];
    const results = tidyNativeSarif(log, CTX).runs[0]!.results as Json[];
    expect(results.map((r) => r.ruleIndex)).toEqual([1, 0, undefined]);
  });

  it('keeps suppressions, taxonomies, relationships and fingerprints, and records the engine', () => {
    const log = logWith(
      [result(loc('a.py'), { suppressions: [{ kind: 'inSource' }], fingerprints: { x: '1' } })],
      {
        taxonomies: [{ name: 'CWE', taxa: [{ id: '798' }] }],
        properties: { other: true },
      },
    );
    log.runs[0].tool.driver.rules[0].relationships = [
      { target: { id: '798', toolComponent: { name: 'CWE' } } },
    ];
    const out = tidyNativeSarif(log, { ...CTX, engine: 'semgrep' }) as Json;
    const run = out.runs[0];
    expect(run.results[0].suppressions).toEqual([{ kind: 'inSource' }]);
    expect(run.results[0].fingerprints).toEqual({ x: '1' });
    expect(run.taxonomies).toEqual(log.runs[0].taxonomies);
    expect(run.tool.driver.rules[0].relationships).toEqual(log.runs[0].tool.driver.rules[0].relationships);
    expect(run.properties).toEqual({ other: true, pavedpath: { version: 1, engine: 'semgrep' } });
    expect(countResults(out as never)).toBe(0);
  });
});

describeRealWorld('tidyNativeSarif on real engine output', () => {
  it('gosec (gowaves, 1358 results): paths kept, results kept, the wrong ruleIndexes corrected', () => {
    const raw = realSarif('gosec-gowaves-large.sarif');
    const out = tidyNativeSarif(raw, {
      root: '/home/runner/work/gowaves/gowaves',
      version: '2.24.7',
      engine: 'gosec',
    });
    const run = out.runs[0] as Json;
    expect(run.results).toHaveLength(1358);
    expect(uris(out)).toEqual(uris(raw));
    expect(run.taxonomies).toEqual(raw.runs[0].taxonomies);
    const rules = run.tool.driver.rules as Json[];
    // gosec 2.24.7 wrote ruleIndex 1 (G101) for its G118 results: now the index of G118.
    const g118 = (run.results as Json[]).filter((r) => r.ruleId === 'G118' && r.ruleIndex !== undefined);
    expect(g118.length).toBeGreaterThan(0);
    for (const r of g118) expect(rules[r.ruleIndex]!.id).toBe('G118');
    for (const r of run.results as Json[]) {
      if (r.ruleIndex !== undefined) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
    }
    expect(run.tool.driver.rules[1].relationships[0].target).toMatchObject({
      id: '798',
      toolComponent: { name: 'CWE' },
    });
  });

  it('semgrep nosemgrep: the suppressed result stays suppressed through the loader', () => {
    const out = tidyNativeSarif(realSarif('semgrep-nosemgrep-suppressions.sarif'), {
      root: '/src',
      version: '1.99.0',
      engine: 'semgrep',
    });
    expect(countResults(out)).toBe(0);
    expect((out.runs[0]!.results as Json[])[0]!.suppressions).toEqual([{ kind: 'inSource' }]);
    expect(uris(out)).toEqual(['targets/nosemgrep/eqeq-nosemgrep.py']);
    const loaded = loadSarif(Buffer.from(JSON.stringify(out)), 'semgrep.sarif');
    expect(loaded.findings).toHaveLength(1);
    expect(isSuppressed(loaded.findings[0]!)).toBe(true);
  });

  it('semgrep data-flow traces: a scan from a subfolder moves every code-flow step too', () => {
    const out = tidyNativeSarif(realSarif('semgrep-dataflow-traces.sarif'), {
      root: '/repo',
      scanDir: '/repo/py',
      version: '1.99.0',
      engine: 'semgrep',
    }) as Json;
    const r = out.runs[0].results[0];
    expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'py/targets/taint/taint.py' });
    const steps = r.codeFlows[0].threadFlows[0].locations as Json[];
    expect(steps).toHaveLength(4);
    expect(steps.map((s) => s.location.physicalLocation.artifactLocation.uri)).toEqual(
      Array(4).fill('py/targets/taint/taint.py'),
    );
    expect(steps[3]!.location.message.text).toBe("Sink: 'sink1(b)' @ 'targets/taint/taint.py:9'");
    expect(out.runs[0].tool.driver.version).toBe('1.99.0');
  });

  it('semgrep with errors and no results: kept as is, notifications included', () => {
    const raw = realSarif('semgrep-errors-empty-results.sarif');
    const out = tidyNativeSarif(raw, { root: '/src', version: '1.99.0', engine: 'semgrep' }) as Json;
    expect(out.runs[0].results).toEqual([]);
    expect(out.runs[0].invocations).toEqual(raw.runs[0].invocations);
  });

  it('ESLint file:// URIs of a runner checkout become repository paths, in the artifacts too', () => {
    const raw = realSarif('eslint-security-ejs.sarif');
    const out = tidyNativeSarif(raw, {
      root: '/home/runner/work/ejs/ejs',
      version: '9.39.5',
      engine: 'eslint-security',
    }) as Json;
    expect(out.runs[0].results).toHaveLength(91);
    expect(uris(out)[0]).toBe('bin/cli.js');
    expect(out.runs[0].artifacts.map((a: Json) => a.location.uri)).toEqual(
      raw.runs[0].artifacts.map((a: Json) =>
        (a.location.uri as string).replace('file:///home/runner/work/ejs/ejs/', ''),
      ),
    );
    const loaded = loadSarif(Buffer.from(JSON.stringify(out)), 'eslint.sarif');
    expect(loaded.findings[0]!.location).toMatchObject({ path: 'bin/cli.js', startLine: 29 });
  });

  (HAS_SARIF_VALIDATOR ? it : it.skip)(
    "adds no validator problems, and fixes ESLint's pre-release $schema",
    () => {
      const cases: [string, Omit<TidyContext, 'version'>][] = [
        ['gosec-gowaves-large.sarif', { root: '/home/runner/work/gowaves/gowaves', engine: 'gosec' }],
        ['semgrep-dataflow-traces.sarif', { root: '/src', engine: 'semgrep' }],
        [
          'eslint-security-express.sarif',
          { root: '/home/runner/work/express/express', engine: 'eslint-security' },
        ],
      ];
      for (const [name, ctx] of cases) {
        const raw = realSarif(name);
        const before = validateSarif(raw).map((p) => `${p.level} ${p.ruleId}`);
        const after = validateSarif(tidyNativeSarif(raw, { ...ctx, version: '1.0.0' })).map(
          (p) => `${p.level} ${p.ruleId}`,
        );
        for (const problem of after) expect(before).toContain(problem);
        if (name.startsWith('eslint')) {
          expect(before).toContain('error GH1011');
          expect(after).not.toContain('error GH1011');
          expect(after).not.toContain('error SARIF1011');
        }
      }
    },
    300_000,
  );
});
