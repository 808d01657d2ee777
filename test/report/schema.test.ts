// schema/report.schema.json describes report.json exactly: report.json is the serialized report
// (src/report/serialize.ts: rules, tools and remediations written once, findings referring to them).
// Every report we build, serialized, validates against it (from builders with every optional field
// set, and from the real-world SARIF logs), broken ones are refused at the right place, and the
// schema's properties, required lists and enums are checked against the TypeScript types
// (SerializedReport), so neither can change without the other.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { FindingCounts } from '../../src/findings/counts.js';
import {
  type BaselineState,
  type Finding,
  type SarifLevel,
  SEVERITIES,
  type SeveritySource,
  type Suppression,
  type ToolRef,
  type Location,
} from '../../src/findings/finding.js';
import { buildReport } from '../../src/report/build.js';
import {
  type ControlEvidence,
  type FindingState,
  type GateResult,
  type Ignored,
  type Remediation,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportContext,
} from '../../src/report/model.js';
import {
  type SerializedFinding,
  type SerializedReport,
  serializeReport,
} from '../../src/report/serialize.js';
import type { Diagnostic } from '../../src/sarif/diagnostics.js';
import { describeRealWorld } from '../support/real-world.js';
import { REPO_ROOT } from '../support/runner.js';
import type { DependencyChangeRow, DependencySummary } from '../../src/report/dependencies.js';
import type { SbomSummary } from '../../src/report/inventory.js';
import type { ProjectBreakdown, ProjectCounts, StateCounts } from '../../src/report/projects.js';
import {
  loadSarifDir,
  makeFinding,
  makeReport,
  PULL_REQUEST_CONTEXT,
  reportFiles,
} from './report-builders.js';

// ajv is CommonJS: an ES default import gives its module.exports, whose `default` is the class.
const Ajv = AjvModule.default;

const SCHEMA_PATH = path.join(REPO_ROOT, 'schema', 'report.schema.json');
const REAL_SARIF = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'real-world', 'sarif');

/** The parts of a JSON Schema node this test reads. */
interface SchemaNode {
  $ref?: string;
  allOf?: SchemaNode[];
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  definitions?: Record<string, SchemaNode>;
}

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as SchemaNode & { $id: string };

let validate: ValidateFunction;
beforeAll(() => {
  // strict: unknown keywords, formats, union types and `required` names without a property throw.
  const ajv = new Ajv({ strict: true, allErrors: true });
  validate = ajv.compile(schema);
});

/** What report.json holds: the serialized report through JSON (undefined-valued keys dropped). */
function asWritten(report: Report | SerializedReport): unknown {
  const serialized = 'rules' in report ? report : serializeReport(report);
  return JSON.parse(JSON.stringify(serialized)) as unknown;
}

function errorsOf(data: unknown): ErrorObject[] {
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

function expectValid(data: unknown): void {
  // On failure, the message names each error's place and keyword.
  expect(errorsOf(data).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message ?? ''}`)).toEqual([]);
}

/** A node by JSON pointer ('' is the root). */
function at(pointer: string): SchemaNode {
  let node: unknown = schema;
  for (const part of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[part];
  if (node === undefined) throw new Error(`no schema node at ${pointer}`);
  return node as SchemaNode;
}

// --- The model, every optional field set -----------------------------------------------------

/** T with every optional property made required, all the way down. */
type DeepRequired<T> = T extends readonly (infer U)[]
  ? DeepRequired<U>[]
  : T extends object
    ? { [K in keyof T]-?: DeepRequired<T[K]> }
    : T;

/**
 * A serialized report with every property present, at least once. The type makes it complete: a
 * property added to the model (or any type it uses) fails to compile here until it is set.
 */
const FULL: DeepRequired<SerializedReport> = {
  schemaVersion: REPORT_SCHEMA_VERSION,
  tool: { name: 'Paved Path', version: '1.0.0' },
  context: {
    repository: 'octo-org/hello-service',
    sha: 'b'.repeat(40),
    serverUrl: 'https://github.com',
    event: 'pull_request',
    pullRequest: 42,
    baseRef: 'main',
    classification: 'baseline',
  },
  gate: {
    verdict: 'fail',
    failOn: 'high',
    scope: 'new',
    failing: ['0123456789abcdef'],
    reason: '1 new finding(s) of high or higher severity (1 high).',
  },
  counts: {
    new: 1,
    existing: 0,
    fixed: 0,
    ignored: 0,
    all: {
      total: 1,
      bySeverity: { critical: 0, high: 1, medium: 0, low: 0, note: 0 },
      byTool: { gosec: 1, semgrep: 1 },
    },
    newBySeverity: { critical: 0, high: 1, medium: 0, low: 0, note: 0 },
  },
  tools: { gosec: { name: 'gosec', version: '2.24.7' } },
  rules: {
    'gosec/G201': {
      tool: 'gosec',
      id: 'G201',
      name: 'SqlFormatting',
      shortDescription: 'SQL query construction using format string',
      fullDescription: 'SQL query built with fmt.Sprintf from user input.',
      help: 'Use **parameterised** queries.',
      helpUri: 'https://securego.io/docs/rules/g201-g202',
    },
  },
  remediations: [
    {
      summary: 'Pass user input as query parameters, never in the SQL text.',
      links: [{ title: 'CWE-89', url: 'https://cwe.mitre.org/data/definitions/89.html' }],
      fixedVersion: '1.2.3',
      command: 'go get example.com/db@v1.2.3',
    },
  ],
  findings: [
    {
      fingerprint: '0123456789abcdef',
      seenBy: ['gosec', 'semgrep'],
      rule: 'gosec/G201',
      message: 'SQL string formatting',
      severity: 'high',
      severitySource: 'security-severity',
      score: 8.8,
      level: 'error',
      cwes: [89],
      location: {
        path: 'pkg/store/users.go',
        linkable: true,
        startLine: 12,
        endLine: 14,
        startColumn: 5,
        endColumn: 40,
        snippet: 'q := fmt.Sprintf("SELECT * FROM users WHERE id = %s", id)',
      },
      suppressions: [{ kind: 'inSource', status: 'rejected', justification: 'needs a fix' }],
      baselineState: 'new',
      origin: { file: 'gosec.sarif', run: 0, result: 3 },
      state: 'new',
      remediation: 0,
      ignored: { reason: 'test data only', by: 'ignore[0]', expires: '2027-01-31' },
    },
  ],
  files: [{ file: 'gosec.sarif', loaded: true, tools: ['gosec'], resultCount: 4 }],
  diagnostics: [
    {
      level: 'warning',
      file: 'gosec.sarif',
      jsonPath: 'runs[0].results[3].level',
      line: 120,
      column: 18,
      message: 'level "" is not one of error, warning, note, none',
      hint: 'Omit "level" or use one of the four values',
    },
  ],
  notices: ['ignore[1] expired on 2026-01-31: its findings count again.'],
  compliance: [
    {
      framework: 'PCI DSS v4.0.1',
      control: '6.2.4',
      title: 'Software engineering techniques prevent common attacks',
      evidence: 'SAST over 1 language, 1 new high finding',
    },
  ],
  inventory: [
    {
      file: 'sbom/bom.cdx.json',
      format: 'CycloneDX',
      specVersion: '1.6',
      components: 99,
      generator: '@cyclonedx/cyclonedx-npm 3.1.0',
    },
  ],
  dependencies: {
    mode: 'pull-request',
    counts: { added: 1, removed: 0, changed: 1, vulnerable: 1, unpinned: 0, licenses: 0 },
    changes: [
      {
        change: 'changed',
        ecosystem: 'npm',
        name: 'lodash',
        manifest: 'package-lock.json',
        from: '4.17.15',
        to: '4.17.20',
        vulnerabilities: [{ id: 'GHSA-35jh-r3h4-6jhm', severity: 'high', fixedIn: '4.17.21' }],
        fixedIn: '4.17.21',
        upgrade: 'npm install lodash@4.17.21',
      },
    ],
    omitted: 0,
    newLicenses: [{ license: 'GPL-3.0-only', components: ['gpl-thing@1.0.0'] }],
  },
  projects: {
    items: [{ name: 'store', path: 'pkg/store', new: 1, fixed: 0, existing: 0 }],
    outside: { new: 0, fixed: 1, existing: 2 },
  },
};

// --- Which keys are optional, checked against the TypeScript types ---------------------------

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T] & string;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * The optional keys of T, listed: `true` compiles only when the list names exactly T's optional
 * properties (a `?` added to or dropped from the model breaks the build until this table follows).
 */
function optionalKeys<T>() {
  return <const K extends readonly string[]>(
    keys: K,
    exact: Same<K[number], OptionalKeys<T>>,
  ): readonly string[] => {
    if (!exact) throw new Error('unreachable: the compiler rejects a list that is not exact');
    return keys;
  };
}

/** Every object schema of ours, by JSON pointer, with its TypeScript type's optional keys. */
const OBJECTS: Record<string, readonly string[]> = {
  '': optionalKeys<SerializedReport>()(['dependencies', 'projects'], true),
  '/definitions/ProjectBreakdown': optionalKeys<ProjectBreakdown>()(['outside'], true),
  '/definitions/ProjectCounts': optionalKeys<ProjectCounts>()([], true),
  '/definitions/StateCounts': optionalKeys<StateCounts>()([], true),
  '/definitions/DependencySummary': optionalKeys<DependencySummary>()([], true),
  '/definitions/DependencySummary/properties/counts': optionalKeys<DependencySummary['counts']>()([], true),
  '/definitions/DependencyChangeRow': optionalKeys<DependencyChangeRow>()(
    ['from', 'to', 'fixedIn', 'upgrade'],
    true,
  ),
  '/definitions/DependencySummary/properties/newLicenses/items': optionalKeys<
    DependencySummary['newLicenses'][number]
  >()([], true),
  '/definitions/DependencyChangeRow/properties/vulnerabilities/items': optionalKeys<
    DependencyChangeRow['vulnerabilities'][number]
  >()(['fixedIn'], true),
  '/properties/tool': optionalKeys<Report['tool']>()([], true),
  '/properties/counts': optionalKeys<Report['counts']>()([], true),
  '/definitions/SeverityCounts': optionalKeys<Report['counts']['newBySeverity']>()([], true),
  '/definitions/FindingCounts': optionalKeys<FindingCounts>()([], true),
  '/definitions/ToolRef': optionalKeys<ToolRef>()(['version'], true),
  '/definitions/Rule': optionalKeys<SerializedReport['rules'][string]>()(
    ['name', 'shortDescription', 'fullDescription', 'help', 'helpUri'],
    true,
  ),
  '/definitions/Location': optionalKeys<Location>()(
    ['startLine', 'endLine', 'startColumn', 'endColumn', 'snippet'],
    true,
  ),
  '/definitions/Suppression': optionalKeys<Suppression>()(['status', 'justification'], true),
  '/definitions/Origin': optionalKeys<Finding['origin']>()([], true),
  '/definitions/Remediation': optionalKeys<Remediation>()(['fixedVersion', 'command'], true),
  '/definitions/Remediation/properties/links/items': optionalKeys<Remediation['links'][number]>()([], true),
  '/definitions/Ignored': optionalKeys<Ignored>()(['expires'], true),
  '/definitions/ReportFinding': optionalKeys<SerializedFinding>()(
    ['score', 'location', 'baselineState', 'remediation', 'ignored'],
    true,
  ),
  '/definitions/ReportContext': optionalKeys<ReportContext>()(
    ['repository', 'sha', 'serverUrl', 'event', 'pullRequest', 'baseRef'],
    true,
  ),
  '/definitions/GateResult': optionalKeys<GateResult>()([], true),
  '/definitions/SarifFile': optionalKeys<Report['files'][number]>()([], true),
  '/definitions/Diagnostic': optionalKeys<Diagnostic>()(['jsonPath', 'line', 'column', 'hint'], true),
  '/definitions/ControlEvidence': optionalKeys<ControlEvidence>()([], true),
  '/definitions/SbomSummary': optionalKeys<SbomSummary>()(['generator'], true),
};

/** Each string union of the model, as an object whose keys `satisfies` makes exactly its members. */
const UNIONS: Record<string, readonly string[]> = {
  '/definitions/FindingState': Object.keys({ new: 1, existing: 1, fixed: 1 } satisfies Record<
    FindingState,
    1
  >),
  '/definitions/SeveritySource': Object.keys({
    'security-severity': 1,
    cvss: 1,
    'tool-severity': 1,
    level: 1,
  } satisfies Record<SeveritySource, 1>),
  '/definitions/SarifLevel': Object.keys({ error: 1, warning: 1, note: 1, none: 1 } satisfies Record<
    SarifLevel,
    1
  >),
  '/definitions/BaselineState': Object.keys({
    new: 1,
    unchanged: 1,
    updated: 1,
    absent: 1,
  } satisfies Record<BaselineState, 1>),
  '/definitions/ReportContext/properties/classification': Object.keys({
    baseline: 1,
    diff: 1,
    push: 1,
    none: 1,
  } satisfies Record<ReportContext['classification'], 1>),
  '/definitions/GateResult/properties/verdict': Object.keys({ pass: 1, fail: 1 } satisfies Record<
    GateResult['verdict'],
    1
  >),
  '/definitions/GateResult/properties/scope': Object.keys({ new: 1, all: 1 } satisfies Record<
    GateResult['scope'],
    1
  >),
  '/definitions/Diagnostic/properties/level': Object.keys({ error: 1, warning: 1 } satisfies Record<
    Diagnostic['level'],
    1
  >),
  '/definitions/Severity': SEVERITIES,
  '/definitions/GateResult/properties/failOn': [...SEVERITIES, 'none'],
};

/** Every node of the schema with its JSON pointer. */
function* nodes(node: SchemaNode, pointer = ''): Generator<[string, SchemaNode]> {
  yield [pointer, node];
  for (const [key, child] of Object.entries(node.properties ?? {}))
    yield* nodes(child, `${pointer}/properties/${key}`);
  for (const [key, child] of Object.entries(node.definitions ?? {}))
    yield* nodes(child, `${pointer}/definitions/${key}`);
  for (const [i, child] of (node.allOf ?? []).entries()) yield* nodes(child, `${pointer}/allOf/${i}`);
  if (node.items) yield* nodes(node.items, `${pointer}/items`);
  if (typeof node.additionalProperties === 'object') {
    yield* nodes(node.additionalProperties, `${pointer}/additionalProperties`);
  }
}

/**
 * Walks a value and the schema together and returns the key paths (`findings[].rule.helpUri`) the
 * schema does not describe. Marks each described property in `seen`, by schema pointer.
 */
function undescribed(
  value: unknown,
  node: SchemaNode,
  where: string,
  seen: Set<string>,
  pointer: string,
): string[] {
  const resolvedPointer = (n: SchemaNode, p: string): [SchemaNode, string] => {
    let current = n;
    let ptr = p;
    for (;;) {
      if (current.$ref) {
        ptr = current.$ref.replace(/^#/, '');
        current = at(ptr);
      } else if (current.allOf?.length === 1 && !current.type) {
        ptr = `${ptr}/allOf/0`;
        current = current.allOf[0] as SchemaNode;
      } else return [current, ptr];
    }
  };
  const [schemaNode, ptr] = resolvedPointer(node, pointer);
  if (Array.isArray(value)) {
    if (!schemaNode.items) return [`${where} (an array the schema does not describe as one)`];
    return value.flatMap((item) =>
      undescribed(item, schemaNode.items as SchemaNode, `${where}[]`, seen, `${ptr}/items`),
    );
  }
  if (typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const keyPath = where === '' ? key : `${where}.${key}`;
    const property = schemaNode.properties?.[key];
    if (property) {
      seen.add(`${ptr}/properties/${key}`);
      out.push(...undescribed(child, property, keyPath, seen, `${ptr}/properties/${key}`));
    } else if (typeof schemaNode.additionalProperties === 'object') {
      out.push(
        ...undescribed(
          child,
          schemaNode.additionalProperties,
          `${where}[*]`,
          seen,
          `${ptr}/additionalProperties`,
        ),
      );
    } else {
      out.push(keyPath);
    }
  }
  return out;
}

// --- Reports built from test data -------------------------------------------------------------

function richReports(): Record<string, Report> {
  const remediation = (f: Finding): Remediation | undefined =>
    f.severity === 'note'
      ? undefined
      : {
          summary: 'Upgrade the package to the fixed version.',
          links: [
            { title: 'Rule help', url: f.rule.helpUri ?? 'https://example.com' },
            { title: 'CWE-1395', url: 'https://cwe.mitre.org/data/definitions/1395.html' },
          ],
          fixedVersion: '4.17.21',
          command: 'npm install lodash@4.17.21',
        };
  const compliance = (partial: { newCount: number; fixedCount: number; verdict: 'pass' | 'fail' }) => [
    {
      framework: 'NIST SSDF v1.1',
      control: 'PW.7.2',
      title: 'Review and analyse human-readable code',
      evidence: `SAST over 1 language: ${partial.newCount} new, ${partial.fixedCount} fixed, ${partial.verdict}`,
    },
    {
      framework: 'NIST SP 800-53 Rev. 5',
      control: 'SA-11',
      title: 'Developer Testing and Evaluation',
      evidence: 'Static analysis on every pull request',
    },
  ];
  const context = PULL_REQUEST_CONTEXT;
  const kept = makeFinding({
    severity: 'critical',
    severitySource: 'cvss',
    score: 9.8,
    baselineState: 'unchanged',
    tool: { name: 'grype' },
    seenBy: ['grype', 'trivy'],
    rule: {
      id: 'GHSA-35jh-r3h4-6jhm',
      name: 'lodash command injection',
      shortDescription: 'Command Injection in lodash',
      fullDescription: 'lodash before 4.17.21 is vulnerable to command injection via template.',
      help: '## Fix\nUpgrade to **4.17.21**.',
      helpUri: 'not a uri: tools write these',
    },
    cwes: [77, 94],
    location: {
      path: 'package-lock.json',
      linkable: true,
      startLine: 3,
      endLine: 9,
      startColumn: 1,
      endColumn: 2,
      snippet: '"lodash": "4.17.20"',
    },
    suppressions: [{ kind: 'external', status: 'underReview', justification: 'triage pending' }],
  });
  const added = makeFinding({ severity: 'high', severitySource: 'security-severity', score: 7.5 });
  const gone = makeFinding({ severity: 'medium', location: { path: 'old/gone.go', linkable: false } });
  const noLocation = makeFinding({ severity: 'note', level: 'note' });
  delete noLocation.location;
  const ignoredFinding = makeFinding({ severity: 'low', level: 'warning' });
  const ignored = [
    { finding: ignoredFinding, ignored: { reason: 'fixture data', by: 'ignore[0]', expires: '2027-06-30' } },
    { finding: makeFinding(), ignored: { reason: 'false positive', by: 'suppressed-by-tool' } },
  ];
  const diagnostics: Diagnostic[] = [
    {
      level: 'warning',
      file: 'gosec.sarif',
      jsonPath: 'runs[0].results[3].level',
      line: 88,
      column: 20,
      message: 'level "" is not one of error, warning, note, none; the rule\'s default level was used',
      hint: 'Omit "level" or use one of the four values; report it to the tool that wrote the file',
    },
    { level: 'error', file: 'broken.sarif', message: 'could not read the file: ENOENT' },
  ];
  const inventory: SbomSummary[] = [
    {
      file: 'sbom.cdx.json',
      format: 'CycloneDX',
      specVersion: '1.6',
      components: 99,
      generator: 'cyclonedx-npm 3.1.0',
    },
    { file: 'sbom.spdx.json', format: 'SPDX', specVersion: '2.3', components: 12 },
  ];
  const dependencies: DependencySummary = {
    mode: 'pull-request',
    counts: { added: 1, removed: 1, changed: 1, vulnerable: 1, unpinned: 1, licenses: 0 },
    changes: [
      {
        change: 'changed',
        ecosystem: 'npm',
        name: 'lodash',
        manifest: 'package-lock.json',
        from: '4.17.15',
        to: '4.17.20',
        vulnerabilities: [{ id: 'GHSA-35jh-r3h4-6jhm', severity: 'high', fixedIn: '4.17.21' }],
        fixedIn: '4.17.21',
        upgrade: 'npm install lodash@4.17.21',
      },
      {
        change: 'removed',
        ecosystem: 'PyPI',
        name: 'six',
        manifest: 'requirements.txt',
        from: '1.16.0',
        vulnerabilities: [],
      },
    ],
    omitted: 0,
    newLicenses: [{ license: 'MPL-2.0', components: ['certifi@2024.2.2'] }],
  };
  // Findings in pkg/store are the project's; package-lock.json, old/ and no location are outside.
  const projects = [{ name: 'store', path: 'pkg/store' }];
  const common = {
    remediation,
    compliance,
    ignored,
    diagnostics,
    context,
    inventory,
    dependencies,
    projects,
  };
  return {
    baseline: makeReport([kept, added, noLocation], {
      ...common,
      classification: { kind: 'baseline', baseline: [kept, gone] },
      notices: ['ignore[3] expired on 2026-10-01: its findings count again.'],
      failOnScope: 'all',
    }),
    diff: makeReport([kept, added], { ...common, failOn: 'critical' }),
    'gate off, nothing found': makeReport([], {
      classification: { kind: 'none' },
      failOn: 'none',
      files: [{ file: 'empty.sarif', loaded: false, tools: [], resultCount: 0 }],
    }),
  };
}

describe('schema/report.schema.json', () => {
  it('is draft-07, with the published $id, and compiles in strict mode', () => {
    expect(schema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'https://raw.githubusercontent.com/pavedpath/pavedpath/v1/schema/report.schema.json',
    });
    expect(typeof validate).toBe('function');
    expect(at('/properties/schemaVersion').const).toBe(REPORT_SCHEMA_VERSION);
  });

  it('gives every property a title and a description', () => {
    const missing = [...nodes(schema)]
      .filter(([pointer]) => /\/(properties\/[^/]+|additionalProperties|definitions\/[^/]+)$/.test(pointer))
      .filter(([, node]) => !node.title || !node.description)
      .map(([pointer]) => pointer);
    expect(missing).toEqual([]);
  });

  it('closes every object it describes (additionalProperties: false), except the maps', () => {
    const objects = [...nodes(schema)].filter(([, node]) => node.type === 'object');
    const open = objects
      .filter(([, node]) => node.additionalProperties !== false)
      .map(([pointer]) => pointer);
    expect(open.sort()).toEqual(
      ['/definitions/FindingCounts/properties/byTool', '/properties/rules', '/properties/tools'].sort(),
    );
    expect(
      objects
        .filter(([, n]) => n.properties)
        .map(([pointer]) => pointer)
        .sort(),
    ).toEqual(Object.keys(OBJECTS).sort());
  });

  it.each(Object.entries(OBJECTS))('requires what the model requires at %p', (pointer, optional) => {
    const node = at(pointer);
    const properties = Object.keys(node.properties ?? {});
    expect(properties.filter((p) => !(node.required ?? []).includes(p)).sort()).toEqual([...optional].sort());
    expect((node.required ?? []).filter((p) => !properties.includes(p))).toEqual([]);
  });

  it.each(Object.entries(UNIONS))('lists the values of the model at %p', (pointer, values) => {
    expect([...(at(pointer).enum ?? [])].sort()).toEqual([...values].sort());
  });

  it('describes every property of the model, and nothing else', () => {
    const seen = new Set<string>();
    expect(undescribed(FULL, schema, '', seen, '')).toEqual([]);
    const properties = [...nodes(schema)]
      .map(([pointer]) => pointer)
      .filter((pointer) => /\/properties\/[^/]+$/.test(pointer));
    // Every property the schema has is one FULL sets: the schema names no field the model lacks.
    expect(properties.filter((pointer) => !seen.has(pointer))).toEqual([]);
  });

  it('accepts the fully populated model', () => {
    expectValid(asWritten(FULL));
  });
});

describe('reports built from test data validate', () => {
  const reports = richReports();

  it('exercise every optional field', () => {
    const { baseline } = reports;
    if (!baseline) throw new Error('no baseline report');
    const states = new Set(baseline.findings.map((f) => f.state));
    expect([...states].sort()).toEqual(['existing', 'fixed', 'new']);
    expect(baseline.findings.some((f) => f.ignored?.expires)).toBe(true);
    expect(baseline.findings.some((f) => f.remediation?.command && f.remediation.fixedVersion)).toBe(true);
    expect(baseline.findings.some((f) => f.location === undefined)).toBe(true);
    expect(baseline.compliance.length).toBeGreaterThan(0);
    expect(baseline.notices.length).toBeGreaterThan(0);
    expect(baseline.gate.failing.length).toBeGreaterThan(0);
    const written = serializeReport(baseline);
    expect(written.remediations.length).toBeGreaterThan(0);
    expect(written.findings.some((f) => f.remediation !== undefined)).toBe(true);
    // Every property the model has appears in the three reports together, as written.
    const seen = new Set<string>();
    for (const report of Object.values(reports))
      expect(undescribed(asWritten(report), schema, '', seen, '')).toEqual([]);
    const unseen = [...nodes(schema)]
      .map(([pointer]) => pointer)
      .filter((pointer) => /\/properties\/[^/]+$/.test(pointer) && !seen.has(pointer));
    expect(unseen).toEqual([]);
  });

  it.each(Object.entries(reports))('%s', (_, report) => {
    expectValid(asWritten(report));
    // As serialized, before JSON: no key holds undefined where the schema wants a value.
    expectValid(serializeReport(report));
  });
});

describeRealWorld('a report built from the real-world SARIF logs validates', () => {
  it('every file in ../shared/fixtures/real-world/sarif, loaded, built with push classification', () => {
    const { names, set } = loadSarifDir(REAL_SARIF);
    const report = buildReport({
      version: '1.0.0',
      findings: set.findings,
      ignored: [],
      classification: { kind: 'push' },
      failOn: 'high',
      failOnScope: 'all',
      files: reportFiles(set),
      diagnostics: set.diagnostics,
      notices: [],
      context: { repository: 'octo-org/hello-service', sha: 'd'.repeat(40), event: 'push' },
    });
    expect(report.files).toHaveLength(names.length);
    expect(report.findings.length).toBeGreaterThan(1000);
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(report.gate.verdict).toBe('fail');
    expectValid(asWritten(report));
  });
});

describe('broken reports are refused where they are broken', () => {
  const base = (): Record<string, unknown> =>
    asWritten(makeReport([makeFinding()])) as Record<string, unknown>;
  const firstFinding = (report: Record<string, unknown>): Record<string, unknown> =>
    (report.findings as Record<string, unknown>[])[0] as Record<string, unknown>;

  it('starts from a valid report', () => {
    expectValid(base());
  });

  const cases: [string, (r: Record<string, unknown>) => void, Partial<ErrorObject>][] = [
    [
      'a report without gate',
      (r) => delete r.gate,
      { instancePath: '', keyword: 'required', params: { missingProperty: 'gate' } },
    ],
    [
      'a finding of severity "severe"',
      (r) => (firstFinding(r).severity = 'severe'),
      { instancePath: '/findings/0/severity', keyword: 'enum' },
    ],
    [
      'an extra top-level property',
      (r) => (r.verdict = 'pass'),
      { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'verdict' } },
    ],
    [
      'a location at line 0',
      (r) => ((firstFinding(r).location as Record<string, unknown>).startLine = 0),
      { instancePath: '/findings/0/location/startLine', keyword: 'minimum' },
    ],
    [
      'another schemaVersion',
      (r) => (r.schemaVersion = '2.0'),
      { instancePath: '/schemaVersion', keyword: 'const' },
    ],
    [
      'an unknown finding state',
      (r) => (firstFinding(r).state = 'resolved'),
      { instancePath: '/findings/0/state', keyword: 'enum' },
    ],
    [
      'a finding with its tool (the in-memory form)',
      (r) => (firstFinding(r).tool = { name: 'gosec' }),
      {
        instancePath: '/findings/0',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'tool' },
      },
    ],
    [
      'a finding whose rule is an object, not a key',
      (r) => (firstFinding(r).rule = { id: 'G201' }),
      { instancePath: '/findings/0/rule', keyword: 'type' },
    ],
    [
      'a negative remediation index',
      (r) => (firstFinding(r).remediation = -1),
      { instancePath: '/findings/0/remediation', keyword: 'minimum' },
    ],
    [
      'a rule without its tool',
      (r) => delete (r.rules as Record<string, Record<string, unknown>>)['gosec/G201']?.tool,
      { instancePath: '/rules/gosec~1G201', keyword: 'required', params: { missingProperty: 'tool' } },
    ],
    [
      'a report without rules',
      (r) => delete r.rules,
      { instancePath: '', keyword: 'required', params: { missingProperty: 'rules' } },
    ],
    [
      'a remediation without summary',
      (r) => (r.remediations = [{ links: [] }]),
      { instancePath: '/remediations/0', keyword: 'required', params: { missingProperty: 'summary' } },
    ],
  ];

  it.each(cases)('%s', (_, breakIt, expected) => {
    const report = base();
    breakIt(report);
    expect(errorsOf(report)).toEqual([expect.objectContaining(expected)]);
  });
});
