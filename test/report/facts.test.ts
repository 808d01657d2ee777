// facts.json and badge.json from built reports: the figures are the report's, null where the run
// could not know them, and both documents validate against their schemas (schema/facts.schema.json,
// schema/shields-endpoint.schema.json), which are closed and describe every field. The schema
// checks are small functions, each shown to fail on a planted bad schema or document.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Finding, Severity } from '../../src/findings/finding.js';
import type { DependencySummary } from '../../src/report/dependencies.js';
import { badgeFor, type Facts, reportFacts, scanSecondsSince } from '../../src/report/facts.js';
import type { ControlEvidence } from '../../src/report/model.js';
import { REPO_ROOT } from '../support/runner.js';
import { makeFinding, makeReport } from './report-builders.js';

const addFormats = addFormatsModule.default;
const readSchema = (name: string) =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', name), 'utf8')) as SchemaNode;
const FACTS_SCHEMA = readSchema('facts.schema.json');
const SHIELDS_SCHEMA = readSchema('shields-endpoint.schema.json');

function validator(schema: SchemaNode): (value: unknown) => string[] {
  // strictRequired off: `not` and `dependentSchemas` name properties declared at the top level.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
const factsErrors = validator(FACTS_SCHEMA);
const badgeErrors = validator(SHIELDS_SCHEMA);

// ---------------------------------------------------------------------------------------------
// Schema checks

interface SchemaNode {
  [key: string]: unknown;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  $defs?: Record<string, SchemaNode>;
}

/** Every schema object below `node` (properties, $defs, items, oneOf/anyOf branches), with its path. */
function* nodes(node: SchemaNode, at = '#'): Generator<[string, SchemaNode]> {
  yield [at, node];
  for (const key of ['properties', '$defs'] as const) {
    for (const [name, child] of Object.entries(node[key] ?? {})) yield* nodes(child, `${at}/${key}/${name}`);
  }
  if (typeof node.items === 'object' && node.items !== null)
    yield* nodes(node.items as SchemaNode, `${at}/items`);
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = node[key];
    if (Array.isArray(list))
      for (const [i, c] of (list as SchemaNode[]).entries()) yield* nodes(c, `${at}/${key}/${i}`);
  }
}

/** Object schemas that let unknown keys through. */
const openObjects = (schema: SchemaNode) =>
  [...nodes(schema)]
    .filter(
      ([, n]) => (n.type === 'object' || n.properties !== undefined) && n.additionalProperties !== false,
    )
    .map(([at]) => at);

/** Properties and definitions without a description. */
const undescribed = (schema: SchemaNode) =>
  [...nodes(schema)]
    .filter(([at, n]) => /\/(properties|\$defs)\/[^/]+$/.test(at) && typeof n.description !== 'string')
    .map(([at]) => at);

describe('the schemas', () => {
  it.each([
    ['facts.schema.json', FACTS_SCHEMA],
    ['shields-endpoint.schema.json', SHIELDS_SCHEMA],
  ])(
    '%s is draft 2020-12 with a published $id, compiles in strict mode, closed and described',
    (name, schema) => {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(`https://raw.githubusercontent.com/pavedpath/pavedpath/v1/schema/${name}`);
      expect(() => validator(schema)).not.toThrow();
      expect(openObjects(schema)).toEqual([]);
      expect(undescribed(schema)).toEqual([]);
    },
  );

  it('the facts schema has a field for every field reportFacts writes, and requires all but pullRequest', () => {
    // A pull request's facts: pullRequest is there too.
    const facts = reportFacts(makeReport([]), { generatedAt: new Date(0) });
    const declared = Object.keys(FACTS_SCHEMA.properties ?? {}).sort();
    expect(declared).toEqual(Object.keys(facts).sort());
    expect([...(FACTS_SCHEMA.required as string[])].sort()).toEqual(
      declared.filter((k) => k !== 'pullRequest'),
    );
  });

  it('the checks fail on a planted open object and a planted field without a description', () => {
    const planted: SchemaNode = {
      type: 'object',
      additionalProperties: false,
      properties: {
        a: { type: 'object', properties: { b: { type: 'string' } } },
        c: { description: 'c', oneOf: [{ type: 'object' }, { type: 'null' }] },
      },
    };
    expect(openObjects(planted)).toEqual(['#/properties/a', '#/properties/c/oneOf/0']);
    expect(undescribed(planted)).toEqual(['#/properties/a', '#/properties/a/properties/b']);
  });
});

// ---------------------------------------------------------------------------------------------
// facts.json

const at = (severity: Severity, n: number): Finding[] =>
  Array.from({ length: n }, () => makeFinding({ severity }));

const DEPENDENCIES: DependencySummary = {
  mode: 'pull-request',
  counts: { added: 4, removed: 1, changed: 2, vulnerable: 3, unpinned: 0, licenses: 2 },
  changes: [],
  omitted: 0,
  newLicenses: [],
};

const EVIDENCE: ControlEvidence[] = [
  { framework: 'NIST SSDF v1.1', control: 'PW.7.2', title: 'Review code', evidence: 'SAST' },
  { framework: 'PCI DSS v4.0.1', control: '6.2.4', title: 'Software attacks', evidence: 'SAST' },
  { framework: 'NIST SSDF v1.1', control: 'PW.8.2', title: 'Test code', evidence: 'gate' },
];

/** A pull request compared with a baseline: new, existing, fixed and ignored findings. */
function pullRequestReport() {
  const existing = [...at('high', 2), ...at('low', 1)];
  const added = [...at('critical', 1), ...at('high', 2), ...at('medium', 3)];
  const gone = at('medium', 4);
  const ignored = makeFinding({ severity: 'critical' });
  return makeReport([...existing, ...added], {
    classification: { kind: 'baseline', baseline: [...existing, ...gone] },
    ignored: [{ finding: ignored, ignored: { reason: 'test fixture', by: 'ignore[0]' } }],
    inventory: [
      { file: 'sbom/app.cdx.json', format: 'CycloneDX', specVersion: '1.6', components: 12 },
      { file: 'sbom/app.spdx.json', format: 'SPDX', specVersion: '2.3', components: 30 },
    ],
    dependencies: DEPENDENCIES,
    compliance: () => EVIDENCE,
  });
}

describe('reportFacts', () => {
  it("gives a pull request's counts, SBOM, dependency and evidence figures, and validates", () => {
    const report = pullRequestReport();
    const facts = reportFacts(report, { generatedAt: new Date('2026-03-01T12:00:00Z'), scanSeconds: 42.5 });
    const expected: Facts = {
      schemaVersion: 1,
      generatedAt: '2026-03-01T12:00:00.000Z',
      tool: { name: 'Paved Path', version: '0.1.0' },
      repository: 'octo-org/hello-service',
      commit: 'a'.repeat(40),
      pullRequest: 7,
      verdict: 'fail',
      failOn: 'high',
      failOnScope: 'new',
      scanners: ['gosec'],
      findings: { total: 9, new: 6, fixed: 4, existing: 3, ignored: 1 },
      bySeverity: { critical: 1, high: 4, medium: 3, low: 1, note: 0 },
      newBySeverity: { critical: 1, high: 2, medium: 3, low: 0, note: 0 },
      sbomComponents: 42,
      licenseViolations: 2,
      vulnerableDependencies: 3,
      evidence: { controls: 3, frameworks: ['NIST SSDF v1.1', 'PCI DSS v4.0.1'] },
      scanSeconds: 42.5,
    };
    expect(facts).toEqual(expected);
    // The figures are the report's own.
    expect(facts.findings.total).toBe(report.counts.all.total);
    expect(facts.findings.total).toBe(facts.findings.new + facts.findings.existing);
    expect(facts.bySeverity).toEqual(report.counts.all.bySeverity);
    expect(facts.newBySeverity).toEqual(report.counts.newBySeverity);
    expect(factsErrors(facts)).toEqual([]);
  });

  it('writes null for what the run did not know, leaves pullRequest out on a push, and validates', () => {
    const report = makeReport(at('medium', 2), {
      classification: { kind: 'push' },
      context: { serverUrl: 'https://github.com', event: 'push' },
      // A scanner that found nothing still ran; a file that could not be loaded did not.
      files: [
        { file: 'gosec.sarif', loaded: true, tools: ['gosec'], resultCount: 2 },
        { file: 'bandit.sarif', loaded: true, tools: ['Bandit'], resultCount: 0 },
        { file: 'gosec-old.sarif', loaded: true, tools: ['gosec'], resultCount: 0 },
        { file: 'broken.sarif', loaded: false, tools: ['Semgrep'], resultCount: 0 },
      ],
    });
    const facts = reportFacts(report, { generatedAt: '2026-03-01T12:00:00Z' });
    expect(facts).toMatchObject({
      generatedAt: '2026-03-01T12:00:00Z',
      repository: null,
      commit: null,
      verdict: 'pass',
      scanners: ['Bandit', 'gosec'],
      findings: { total: 2, new: 0, fixed: 0, existing: 2, ignored: 0 },
      sbomComponents: null,
      licenseViolations: null,
      vulnerableDependencies: null,
      evidence: { controls: 0, frameworks: [] },
      scanSeconds: null,
    });
    expect('pullRequest' in facts).toBe(false);
    expect(factsErrors(facts)).toEqual([]);
    // An SBOM of no components is 0, not null: the SBOM was read.
    const empty = makeReport([], {
      inventory: [{ file: 'sbom.json', format: 'SPDX', specVersion: '2.3', components: 0 }],
    });
    expect(reportFacts(empty, { generatedAt: new Date(0) }).sbomComponents).toBe(0);
  });

  it('the schema refuses what reportFacts never writes', () => {
    const facts = reportFacts(pullRequestReport(), { generatedAt: new Date(0) });
    expect(factsErrors({ ...facts, markdown: '# hi' })).toEqual(['/ must NOT have additional properties']);
    expect(factsErrors({ ...facts, findings: { ...facts.findings, open: 1 } })).toEqual([
      '/findings must NOT have additional properties',
    ]);
    expect(factsErrors({ ...facts, bySeverity: { ...facts.bySeverity, info: 0 } })).toEqual([
      '/bySeverity must NOT have additional properties',
    ]);
    expect(factsErrors({ ...facts, schemaVersion: 2 })).toEqual(['/schemaVersion must be equal to constant']);
    expect(factsErrors({ ...facts, generatedAt: 'yesterday' })).toEqual([
      '/generatedAt must match format "date-time"',
    ]);
    expect(factsErrors({ ...facts, verdict: 'maybe' })).toEqual([
      '/verdict must be equal to one of the allowed values',
    ]);
    const withoutScan: Partial<Facts> = { ...facts };
    delete withoutScan.scanSeconds;
    expect(factsErrors(withoutScan)).toEqual(["/ must have required property 'scanSeconds'"]);
    expect(factsErrors({ ...facts, sbomComponents: -1 })).toContain(
      '/sbomComponents must match exactly one schema in oneOf',
    );
  });
});

describe('scanSecondsSince', () => {
  it.each([
    [String(1_000_000), 1_042_449, 42.4],
    [' 1000000 ', 1_000_000, 0],
    [undefined, 1, null],
    ['', 1, null],
    ['soon', 1, null],
    ['1.5e9', 2e9, null],
    [String(2_000), 1_000, null],
  ])('%p at %p is %p', (startedAt, now, seconds) => {
    expect(scanSecondsSince(startedAt, now)).toBe(seconds);
  });
});

// ---------------------------------------------------------------------------------------------
// badge.json

describe('badgeFor', () => {
  const cases: [string, () => ReturnType<typeof makeReport>, string, string][] = [
    ['nothing found', () => makeReport([]), 'passing', 'brightgreen'],
    [
      'new critical and high (fail-on high): the worst, and how many more fail',
      () => makeReport([...at('critical', 2), ...at('high', 3), ...at('low', 4)]),
      '2 new critical, 3 more',
      'red',
    ],
    ['one new high', () => makeReport(at('high', 1)), '1 new high', 'red'],
    [
      'fail-on medium: the new low findings below it are not counted',
      () => makeReport([...at('medium', 2), ...at('low', 5)], { failOn: 'medium' }),
      '2 new medium',
      'red',
    ],
    [
      'fail-on-scope all on a push: without "new"',
      () => makeReport(at('high', 4), { classification: { kind: 'push' }, failOnScope: 'all' }),
      '4 high',
      'red',
    ],
    [
      'a push with existing high and medium findings: passed, the worst open',
      () => makeReport([...at('high', 3), ...at('medium', 2)], { classification: { kind: 'push' } }),
      '3 high, 2 more',
      'orange',
    ],
    ['a new medium under fail-on high', () => makeReport(at('medium', 1)), '1 medium', 'yellow'],
    ['low findings only', () => makeReport(at('low', 2)), '2 low', 'yellowgreen'],
    ['notes only', () => makeReport(at('note', 2)), '2 notes', 'yellowgreen'],
    ['one note', () => makeReport(at('note', 1)), '1 note', 'yellowgreen'],
    [
      'the gate off (fail-on none)',
      () => makeReport(at('critical', 1), { failOn: 'none' }),
      '1 critical',
      'orange',
    ],
    [
      'ignored findings do not count',
      () =>
        makeReport([], {
          ignored: [
            { finding: makeFinding({ severity: 'critical' }), ignored: { reason: 'r', by: 'ignore[0]' } },
          ],
        }),
      'passing',
      'brightgreen',
    ],
  ];

  it.each(cases)('%s', (_name, build, message, color) => {
    const badge = badgeFor(build());
    expect(badge).toEqual({ schemaVersion: 1, label: 'paved path', message, color });
    expect(badgeErrors(badge)).toEqual([]);
  });

  it('takes a label, a logo and a cache time of at least 300 s (Shields ignores less)', () => {
    const report = makeReport([]);
    const badge = badgeFor(report, { label: 'security', namedLogo: 'githubactions', cacheSeconds: 60 });
    expect(badge).toEqual({
      schemaVersion: 1,
      label: 'security',
      message: 'passing',
      color: 'brightgreen',
      namedLogo: 'githubactions',
      cacheSeconds: 300,
    });
    expect(badgeFor(report, { cacheSeconds: 3600 }).cacheSeconds).toBe(3600);
    expect(badgeErrors(badge)).toEqual([]);
  });
});

describe('the shields endpoint schema', () => {
  it("accepts the documentation's example and refuses what Shields refuses", () => {
    const example = { schemaVersion: 1, label: 'hello', message: 'sweet world', color: 'orange' };
    expect(badgeErrors(example)).toEqual([]);
    expect(badgeErrors({ ...example, label: '' })).toEqual([]);
    expect(badgeErrors({ ...example, link: 'https://example.com' })).toEqual([
      '/ must NOT have additional properties',
    ]);
    expect(badgeErrors({ ...example, message: '' })).toEqual([
      '/message must NOT have fewer than 1 characters',
    ]);
    expect(badgeErrors({ ...example, schemaVersion: 2 })).toEqual([
      '/schemaVersion must be equal to constant',
    ]);
    expect(badgeErrors({ ...example, cacheSeconds: 60 })).toEqual(['/cacheSeconds must be >= 300']);
    expect(badgeErrors({ ...example, namedLogo: 'github', logoSvg: '<svg/>' })).toEqual([
      '/ must NOT be valid',
    ]);
    expect(badgeErrors({ ...example, logoColor: 'white' })).toEqual([
      '/ must have property namedLogo when property logoColor is present',
    ]);
    expect(badgeErrors({ ...example, logoWidth: 20 })).toContain('/ must match a schema in anyOf');
    expect(badgeErrors({ ...example, namedLogo: 'github', logoColor: 'white', logoWidth: 20 })).toEqual([]);
    expect(badgeErrors({ ...example, style: 'round' })).toEqual([
      '/style must be equal to one of the allowed values',
    ]);
    const withoutMessage: Partial<typeof example> = { ...example };
    delete withoutMessage.message;
    expect(badgeErrors(withoutMessage)).toEqual(["/ must have required property 'message'"]);
  });
});
