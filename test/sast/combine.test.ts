import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadSarif } from '../../src/sarif/load.js';
import {
  combineSarif,
  countResults,
  filterToFiles,
  mergeRuns,
  SARIF_SCHEMA,
  type SarifLog,
  withCategory,
} from '../../src/sast/combine.js';
import { enrichSarif } from '../../src/sast/enrich.js';
import { tidyNativeSarif } from '../../src/sast/native-sarif.js';
import type { EngineName } from '../../src/sast/types.js';
import { describeRealWorld, REAL_WORLD } from '../support/real-world.js';
import { HAS_SARIF_VALIDATOR, validateSarif } from '../support/sarif-validator.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SARIF is read field by field in the assertions
type Json = Record<string, any>;

const realSarif = (name: string): Json =>
  JSON.parse(readFileSync(path.join(REAL_WORLD, 'sarif', name), 'utf8').replace(/^\ufeff/, ''));

const at = (uri: string): Json[] => [
  { physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } },
];

function logOf(tool: string, results: Json[], run: Json = {}): SarifLog {
  return { version: '2.1.0', runs: [{ tool: { driver: { name: tool, rules: [] } }, results, ...run }] };
}

describe('combineSarif', () => {
  it('puts every run in one 2.1.0 log with the schema, each with its own tool, in order', () => {
    const a = logOf('gosec', [{ ruleId: 'G101', message: { text: 'a' }, locations: at('a.go') }]);
    const b: SarifLog = {
      version: '2.1.0',
      $schema: 'http://json.schemastore.org/sarif-2.1.0-rtm.5',
      runs: [
        { tool: { driver: { name: 'Semgrep OSS' } }, results: [] },
        { tool: { driver: { name: 'ESLint' } }, results: [] },
      ],
    };
    const out = combineSarif([a, b]);
    expect(out.version).toBe('2.1.0');
    expect(out.$schema).toBe(SARIF_SCHEMA);
    expect(out.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(out.runs.map((r) => (r.tool as Json).driver.name)).toEqual(['gosec', 'Semgrep OSS', 'ESLint']);
    expect(out.runs[0]).toBe(a.runs[0]);
    expect(Object.keys(out)).toEqual(['$schema', 'version', 'runs']);
  });

  it('an empty list gives a valid log with no runs', () => {
    expect(combineSarif([])).toEqual({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [] });
  });

  it('refuses a log of another version, naming it', () => {
    expect(() => combineSarif([logOf('a', []), { version: '2.0.0', runs: [] }])).toThrow(
      'SARIF log 2 of 2 has version "2.0.0"; only 2.1.0 can be combined',
    );
  });
});

describe('filterToFiles', () => {
  const results = [
    { ruleId: 'r', message: { text: '1' }, locations: at('src/a.go') },
    { ruleId: 'r', message: { text: '2' }, locations: at('src/b.go') },
    { ruleId: 'r', message: { text: '3' }, locations: at('./src/a.go') },
    { ruleId: 'r', message: { text: '4' }, locations: at('src\\win.go') },
    { ruleId: 'r', message: { text: '5' }, locations: at('src/with%20space.go') },
    { ruleId: 'r', message: { text: '6' } },
    {
      ruleId: 'r',
      message: { text: '7' },
      locations: [{ physicalLocation: { artifactLocation: { index: 1 } } }],
    },
    { ruleId: 'r', message: { text: '8' }, locations: at('src/a.go'), suppressions: [{ kind: 'inSource' }] },
  ];
  const log = logOf('gosec', results, {
    artifacts: [{ location: { uri: 'src/b.go' } }, { location: { uri: 'src/a.go' } }],
  });

  it('keeps the results whose primary location is one of the files, and says how many went', () => {
    const { log: out, dropped } = filterToFiles(
      log,
      new Set(['src/a.go', 'src/win.go', 'src/with space.go']),
    );
    expect((out.runs[0]!.results as Json[]).map((r) => r.message.text)).toEqual([
      '1',
      '3',
      '4',
      '5',
      '7',
      '8',
    ]);
    expect(dropped).toBe(2);
    expect(countResults(out)).toBe(5);
  });

  it('drops everything for an empty set, keeps the rules and artifacts, and leaves the input alone', () => {
    const before = JSON.stringify(log);
    const { log: out, dropped } = filterToFiles(log, new Set());
    expect(out.runs[0]!.results).toEqual([]);
    expect(dropped).toBe(8);
    expect(out.runs[0]!.artifacts).toEqual(log.runs[0]!.artifacts);
    expect(JSON.stringify(log)).toBe(before);
  });

  it('counts over every run', () => {
    const two = combineSarif([
      log,
      logOf('eslint', [{ ruleId: 'x', message: { text: 'e' }, locations: at('web/a.js') }]),
    ]);
    const { log: out, dropped } = filterToFiles(two, new Set(['web/a.js', './src/b.go']));
    expect(out.runs.map((r) => (r.results as unknown[]).length)).toEqual([1, 1]);
    expect(dropped).toBe(7);
  });
});

describe('countResults', () => {
  it('counts results that report a problem and are not suppressed, over every run', () => {
    const log = combineSarif([
      logOf('a', [
        { ruleId: 'r', message: { text: '' } },
        { ruleId: 'r', message: { text: '' }, suppressions: [{ kind: 'inSource' }] },
        { ruleId: 'r', message: { text: '' }, suppressions: [{ kind: 'external', status: 'rejected' }] },
        { ruleId: 'r', message: { text: '' }, suppressions: [{ kind: 'external', status: 'underReview' }] },
        { ruleId: 'r', message: { text: '' }, suppressions: [] },
        { ruleId: 'r', message: { text: '' }, kind: 'pass' },
        { ruleId: 'r', message: { text: '' }, kind: 'review' },
      ]),
      logOf('b', [{ ruleId: 'r', message: { text: '' }, suppressions: { kind: 'external' } }]),
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'c' } } }] },
    ]);
    // Counted: the plain one, the rejected and under-review suppressions, the empty list, kind review.
    expect(countResults(log)).toBe(5);
  });
});

describe('withCategory', () => {
  it("sets automationDetails.id to '<category>/<engine>/' for each run, keeping other details", () => {
    const tidy = tidyNativeSarif(
      { version: '2.1.0', runs: [{ tool: { driver: { name: 'Semgrep OSS' } }, results: [] }] },
      { root: '/r', version: '1', engine: 'opengrep' },
    );
    const log = combineSarif([
      tidy,
      logOf('gosec', [], { automationDetails: { id: 'old/', guid: '11111111-1111-1111-8888-111111111111' } }),
      logOf('Bandit', []),
      logOf('ESLint', []),
    ]);
    const out = withCategory(log, 'pavedpath/sast');
    expect(out.runs.map((r) => r.automationDetails)).toEqual([
      { id: 'pavedpath/sast/opengrep/' },
      { id: 'pavedpath/sast/gosec/', guid: '11111111-1111-1111-8888-111111111111' },
      { id: 'pavedpath/sast/bandit/' },
      { id: 'pavedpath/sast/eslint/' },
    ]);
    expect(log.runs[1]!.automationDetails).toEqual({
      id: 'old/',
      guid: '11111111-1111-1111-8888-111111111111',
    });
  });

  it('makes the category and engine safe id segments and never repeats a category', () => {
    const log = combineSarif([logOf('Semgrep OSS', []), logOf('Semgrep OSS', []), logOf('', [])]);
    expect(withCategory(log, ' /My Scan/ ').runs.map((r) => (r.automationDetails as Json).id)).toEqual([
      'my-scan/semgrep-oss/',
      'my-scan/semgrep-oss-2/',
      'my-scan/run-3/',
    ]);
    expect(withCategory(log, '').runs.map((r) => (r.automationDetails as Json).id)[0]).toBe('semgrep-oss/');
  });
});

describeRealWorld('the SAST chain on real engine output: tidy → enrich → filter → combine → category', () => {
  /** A real engine log (../shared/fixtures/real-world/sarif), tidied and enriched as the engine runner does. */
  const tidied = (file: string, engine: EngineName, version: string, root: string): SarifLog =>
    enrichSarif(tidyNativeSarif(realSarif(file), { root, version, engine }));
  const chain = (): SarifLog => {
    const gowaves = '/home/runner/work/gowaves/gowaves';
    const gosec = tidied('gosec-gowaves-large.sarif', 'gosec', '2.24.7', gowaves);
    const semgrep = tidied('semgrep-nosemgrep-suppressions.sarif', 'semgrep', '1.99.0', gowaves);
    const eslint = tidied(
      'eslint-security-express.sarif',
      'eslint-security',
      '9.39.5',
      '/home/runner/work/express/express',
    );
    // pkg/api/node_api.go has 2 of the 1358 results (G115, G118); the other file has none.
    const filtered = filterToFiles(
      gosec,
      new Set(['pkg/api/node_api.go', 'pkg/proto/proto.go', 'cmd/none.go']),
    );
    expect(filtered.dropped).toBe(1358 - 2 - 14);
    return withCategory(combineSarif([filtered.log, semgrep, eslint]), 'pavedpath/sast');
  };

  it('three engines in one log, counted, categorised, and read back by the loader', () => {
    const log = chain();
    expect(log.runs.map((r) => (r.automationDetails as Json).id)).toEqual([
      'pavedpath/sast/gosec/',
      'pavedpath/sast/semgrep/',
      'pavedpath/sast/eslint-security/',
    ]);
    const gosecCount = (log.runs[0]!.results as unknown[]).length;
    expect(gosecCount).toBe(16);
    // The semgrep result is suppressed by its nosemgrep comment.
    expect(countResults(log)).toBe(16 + 0 + 65);
    const loaded = loadSarif(Buffer.from(JSON.stringify(log)), 'sast.sarif');
    expect(loaded.runs.map((r) => r.tool.name)).toEqual(['gosec', 'Semgrep OSS', 'ESLint']);
    expect(loaded.findings).toHaveLength(gosecCount + 1 + 65);
    const gosecFindings = loaded.findings.filter((f) => f.tool.name === 'gosec');
    expect(new Set(gosecFindings.map((f) => f.location?.path))).toEqual(
      new Set(['pkg/api/node_api.go', 'pkg/proto/proto.go']),
    );
    expect(gosecFindings.find((f) => f.rule.id === 'G118')).toMatchObject({ cwes: [400], severity: 'high' });
    expect(loaded.findings.filter((f) => f.cwes.length === 0).map((f) => f.tool.name)).toEqual([
      'Semgrep OSS',
    ]);
    const eslintPaths = loaded.findings.filter((f) => f.tool.name === 'ESLint').map((f) => f.location?.path);
    expect(eslintPaths).toContain('lib/application.js');
  });

  (HAS_SARIF_VALIDATOR ? it : it.skip)(
    "passes Microsoft's validator with GitHub's rules: no errors",
    () => {
      expect(validateSarif(chain()).filter((p) => p.level === 'error')).toEqual([]);
    },
    300_000,
  );
});

describe('mergeRuns', () => {
  const rule = (id: string) => ({ id, shortDescription: { text: id } });
  const result = (ruleId: string, ruleIndex: number, uri: string) => ({
    ruleId,
    ruleIndex,
    message: { text: ruleId },
    locations: [{ physicalLocation: { artifactLocation: { uri, index: 0 }, region: { startLine: 1 } } }],
  });
  const run = (rules: string[], results: ReturnType<typeof result>[], taxa: string[]) => ({
    tool: { driver: { name: 'gosec', version: '2.28.0', rules: rules.map(rule) } },
    taxonomies: [{ name: 'CWE', version: '4.4', taxa: taxa.map((id) => ({ id })) }],
    artifacts: [{ location: { uri: 'x' } }],
    invocations: [{ executionSuccessful: true }],
    results,
  });

  it('one run: rules merged by id, every ruleIndex pointing at the merged list, taxa merged', () => {
    const merged = mergeRuns([
      run(['G101', 'G304'], [result('G304', 1, 'a/main.go'), result('G101', 0, 'a/x.go')], ['798', '22']),
      run(['G304', 'G401'], [result('G401', 1, 'b/y.go'), result('G304', 0, 'b/z.go')], ['22', '328']),
    ]) as {
      tool: { driver: { rules: { id: string }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        locations: { physicalLocation: { artifactLocation: object } }[];
      }[];
      taxonomies: { taxa: { id: string }[] }[];
      invocations: unknown[];
      artifacts?: unknown;
    };
    const ids = merged.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual(['G101', 'G304', 'G401']);
    for (const r of merged.results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
    expect(merged.results.map((r) => r.ruleId)).toEqual(['G304', 'G101', 'G401', 'G304']);
    expect(merged.taxonomies[0]?.taxa.map((t) => t.id)).toEqual(['798', '22', '328']);
    expect(merged.invocations).toHaveLength(2);
    expect(merged.artifacts).toBeUndefined();
    expect(merged.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'a/main.go' });
  });

  it('one run or none is returned as is', () => {
    const single = run(['G101'], [], []);
    expect(mergeRuns([single])).toBe(single);
    expect(mergeRuns([])).toBeUndefined();
  });
});
