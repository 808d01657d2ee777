import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { SarifLogOut } from '../../src/sast/bandit.js';
import type { SarifLog } from '../../src/sast/combine.js';
import { ENGINES } from '../../src/sast/engines.js';
import {
  ESLINT_IGNORES,
  ESLINT_PINNED,
  ESLINT_TYPESCRIPT_PINNED,
  eslintArgs,
  eslintConfigSource,
  eslintJsonToSarif,
  eslintLints,
  parseEslintVersion,
} from '../../src/sast/eslint.js';
import { loadSarif } from '../../src/sarif/load.js';
import { expectedFindings, loadExpected } from '../support/expected-findings.js';
import { writeFiles } from '../support/file-tree.js';
import { recordedReports } from '../support/recorded-reports.js';
import { REPO_ROOT } from '../support/runner.js';
import { expectValidSarif } from '../support/sarif-validator.js';

const SERVICE = path.join(REPO_ROOT, 'examples', 'node-service');
const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
/** Rewritten from the real ESLint runs below with PAVEDPATH_RECORD_FIXTURES=1. */
const REPORTS = recordedReports(path.join(REPO_ROOT, 'test', 'fixtures', 'sast', 'eslint'), [
  'node-service',
  'edge-cases',
]);

const EXPECTED = expectedFindings('node-service', 'eslint');

const run0 = (log: SarifLogOut) => log.runs[0]!;
const where = (log: SarifLogOut) =>
  run0(log).results.map((r) => {
    const loc = r.locations[0]!.physicalLocation;
    return `${r.ruleId} ${loc.artifactLocation.uri}:${String(loc.region?.startLine)}`;
  });

/** The node-service's four eslint-plugin-security findings, and nothing else. */
function expectGroundTruth(log: SarifLogOut): void {
  const run = run0(log);
  expect(EXPECTED).toHaveLength(4);
  expect(where(log).sort()).toEqual(
    EXPECTED.map((f) => `${f.rules.eslint} ${f.file}:${String(f.line)}`).sort(),
  );
  for (const f of EXPECTED) {
    const hit = run.results.find((r) => r.ruleId === f.rules.eslint)!;
    const rule = run.tool.driver.rules![hit.ruleIndex]!;
    expect(rule.id).toBe(f.rules.eslint);
    expect(rule.properties.tags).toContain(`external/cwe/cwe-${String(f.cwe)}`);
    expect(rule.helpUri).toBe(
      `https://github.com/eslint-community/eslint-plugin-security/blob/main/docs/rules/${f.rules.eslint!.slice(9)}.md`,
    );
  }
  expect(run.invocations).toEqual([{ executionSuccessful: true }]);
}

function expectLoaderReadsGroundTruth(log: SarifLogOut): void {
  for (const [f, finding] of loadExpected(log, 'eslint', 'ESLint', EXPECTED)) {
    expect(finding?.cwes).toContain(f.cwe);
    expect(finding?.severity).toBe('medium');
  }
}

const recorded = (name: string) => REPORTS.read(name) as { results: unknown[]; metadata: { cwd: string } };

const PLUGIN_VERSION = (
  JSON.parse(readFileSync(path.join(NODE_MODULES, 'eslint-plugin-security', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** ESLint's edge cases; what sits in node_modules cannot be committed, so the tree is written per run. */
const EDGE_TREE: Record<string, string> = {
  // The repository's own config must never be loaded: loading this one fails the run.
  'eslint.config.js': "throw new Error('the repository ESLint config was loaded');\n",
  'src/directives.js': [
    '/* eslint no-console: "error", react/no-danger: "off" */',
    '// eslint-disable-next-line @typescript-eslint/no-explicit-any',
    "const fs = require('fs');",
    'export function read(name, table) {',
    '  fs.readFileSync(name); // eslint-disable-line security/detect-non-literal-fs-filename -- name is validated',
    '  console.log(name);',
    '  return table[name];',
    '}',
    '',
  ].join('\n'),
  'src/component.jsx': 'export const View = ({ code }) => <button onClick={() => eval(code)}>run</button>;\n',
  'src/broken.js': 'const x = ;\n',
  'src/legacy.cjs':
    "if (!process.env.RUN) return;\nconst cp = require('child_process');\ncp.exec(process.argv[2]);\n",
  'src/typed.ts': [
    "import { exec } from 'child_process';",
    'export function run(command: string): void {',
    '  exec(command);',
    '}',
    '',
  ].join('\n'),
  'src/view.tsx': 'export const View = <T,>({ code }: { code: T }) => <i>{eval(String(code))}</i>;\n',
  'src/types.d.ts': 'declare const x: string;\nexport default x;\n',
  'lib/app.min.js': 'eval(a);\n',
  'dist/bundle.js': 'eval(a);\n',
  'build/out.js': 'eval(a);\n',
  'coverage/lcov-report/prettify.js': 'eval(a);\n',
  'vendor/lib.js': 'eval(a);\n',
  'node_modules/pkg/index.js': 'eval(a);\n',
};

describe('eslintArgs', () => {
  it('uses our config only, a JSON report with the rules’ metadata, and no failure on ignored or absent files', () => {
    expect(
      eslintArgs({ configFile: '/t/eslint.config.mjs', targets: ['.', 'src/a.js'], output: '/t/out.json' }),
    ).toEqual([
      '--config',
      '/t/eslint.config.mjs',
      '--format',
      'json-with-metadata',
      '--output-file',
      '/t/out.json',
      '--no-warn-ignored',
      '--no-error-on-unmatched-pattern',
      '--',
      '.',
      'src/a.js',
    ]);
    expect(
      eslintArgs({
        configFile: 'c.mjs',
        targets: ['--odd.js'],
        extraArgs: ['--ignore-pattern', 'gen/**'],
        output: 'o',
      }).slice(8),
    ).toEqual(['--ignore-pattern', 'gen/**', '--', '--odd.js']);
    expect(() => eslintArgs({ configFile: 'c.mjs', targets: [], output: 'o' })).toThrow(
      'at least one target',
    );
  });

  it('pins the same packages as the engine list', () => {
    const install = ENGINES['eslint-security'].install;
    expect(install.kind === 'npm' ? install.packages : {}).toEqual({
      ...ESLINT_PINNED,
      ...ESLINT_TYPESCRIPT_PINNED,
    });
  });

  it('reads `eslint --version`', () => {
    expect(parseEslintVersion('v9.39.5\n')).toBe('9.39.5');
    expect(parseEslintVersion('9.0.0-rc.1')).toBe('9.0.0-rc.1');
    expect(parseEslintVersion('Oops! Something went wrong')).toBeUndefined();
  });
});

describe('eslintConfigSource', () => {
  it('imports the plugin by name by default and lints only JavaScript without a TypeScript parser', () => {
    const source = eslintConfigSource();
    expect(source).toContain('import security from "eslint-plugin-security";');
    expect(source).toContain('files: ["**/*.{js,cjs,mjs,jsx}"]');
    expect(source).not.toContain('tsParser');
    expect(source).not.toContain('.{ts,tsx');
    expect(source).toContain(`ignores: ${JSON.stringify(ESLINT_IGNORES)}`);
    expect(source).toContain("reportUnusedDisableDirectives: 'off'");
  });

  it('quotes the specifiers it is given and adds a TypeScript block with the parser', () => {
    const source = eslintConfigSource({
      pluginSpecifier: 'file:///opt/tool cache/"x"/index.js',
      typescriptParserSpecifier: '@typescript-eslint/parser',
    });
    expect(source).toContain('import security from "file:///opt/tool cache/\\"x\\"/index.js";');
    expect(source).toContain('import tsParser from "@typescript-eslint/parser";');
    expect(source).toContain('files: ["**/*.{ts,tsx,mts,cts}"]');
  });

  it('says which files it lints', () => {
    expect(['a.js', 'b.cjs', 'c.mjs', 'd.JSX'].map((f) => eslintLints(f, { typescript: false }))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['a.ts', 'b.tsx', 'c.mts', 'd.cts'].map((f) => eslintLints(f, { typescript: false }))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['a.ts', 'b.tsx', 'x.d.ts', 'y.d.mts'].map((f) => eslintLints(f, { typescript: true }))).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(eslintLints('README.md', { typescript: true })).toBe(false);
  });
});

describe('eslintJsonToSarif on hand-written reports', () => {
  const ctx = { root: '/repo', version: '9.39.5', pluginVersion: '4.1.0' };
  const message = (over: Record<string, unknown>) => ({
    ruleId: 'security/detect-non-literal-regexp',
    severity: 1,
    message: 'Found non-literal argument to RegExp Constructor',
    line: 2,
    column: 12,
    nodeType: 'NewExpression',
    endLine: 2,
    endColumn: 33,
    ...over,
  });
  const file = (over: Record<string, unknown>) => ({
    filePath: '/repo/src/notes.js',
    messages: [message({})],
    suppressedMessages: [],
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 1,
    source: "const a = 1;\nconst re = new RegExp(term, 'i');\n",
    ...over,
  });

  it('writes one ESLint run with the plugin as an extension, rules, results, regions and snippets', () => {
    const log = eslintJsonToSarif([file({})], ctx);
    const run = run0(log);
    expect(log).toMatchObject({ version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json' });
    expect(run.tool).toEqual({
      driver: {
        name: 'ESLint',
        version: '9.39.5',
        informationUri: 'https://eslint.org',
        rules: [
          {
            id: 'security/detect-non-literal-regexp',
            name: 'detect-non-literal-regexp',
            shortDescription: { text: 'eslint-plugin-security rule detect-non-literal-regexp' },
            fullDescription: {
              text: 'eslint-plugin-security rule detect-non-literal-regexp: eslint-plugin-security rule detect-non-literal-regexp',
            },
            help: expect.objectContaining({ text: expect.stringContaining('detect-non-literal-regexp.md') }),
            helpUri:
              'https://github.com/eslint-community/eslint-plugin-security/blob/main/docs/rules/detect-non-literal-regexp.md',
            properties: {
              tags: ['security', 'external/cwe/cwe-1333', 'external/cwe/cwe-400'],
              'security-severity': '5.5',
            },
          },
        ],
      },
      extensions: [
        {
          name: 'eslint-plugin-security',
          version: '4.1.0',
          informationUri: 'https://github.com/eslint-community/eslint-plugin-security',
        },
      ],
    });
    expect(run.results).toEqual([
      {
        ruleId: 'security/detect-non-literal-regexp',
        ruleIndex: 0,
        level: 'warning',
        message: { text: 'Found non-literal argument to RegExp Constructor' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/notes.js' },
              region: {
                startLine: 2,
                startColumn: 12,
                endLine: 2,
                endColumn: 33,
                snippet: { text: "new RegExp(term, 'i')" },
              },
            },
          },
        ],
        partialFingerprints: { 'pavedpath/sast/v1': expect.stringMatching(/^[0-9a-f]{16}$/) },
        properties: { 'security-severity': '5.5' },
      },
    ]);
    expect(run.properties).toEqual({ pavedpath: { version: 1, engine: 'eslint-security' } });
    const asLog: SarifLog = log;
    expect(asLog.runs).toHaveLength(1);
  });

  it('takes descriptions from json-with-metadata, and a rule’s severity from its worst result', () => {
    const log = eslintJsonToSarif(
      {
        results: [
          file({
            messages: [
              message({
                ruleId: 'security/detect-eval-with-expression',
                message: 'eval with argument of type Identifier',
              }),
              message({ ruleId: 'security/detect-eval-with-expression', severity: 2, line: 1, endLine: 1 }),
              message({ ruleId: 'security/detect-invisible-characters', line: 1, endLine: 1 }),
            ],
          }),
        ],
        metadata: {
          cwd: '/repo',
          rulesMeta: {
            'security/detect-eval-with-expression': {
              type: 'problem',
              docs: { description: 'Detects "eval(variable)".', url: 'https://example.invalid/eval' },
            },
          },
        },
      },
      ctx,
    );
    const run = run0(log);
    expect(run.results.map((r) => [r.ruleIndex, r.level, r.properties?.['security-severity']])).toEqual([
      [0, 'warning', '5.5'],
      [0, 'error', '8.0'],
      [1, 'warning', '5.5'],
    ]);
    expect(run.tool.driver.rules!.map((r) => [r.shortDescription.text, r.properties])).toEqual([
      [
        'Detects "eval(variable)".',
        { tags: ['security', 'external/cwe/cwe-95'], 'security-severity': '8.0' },
      ],
      // A rule of the plugin the CWE map does not know yet (new in 4.1.0).
      [
        'eslint-plugin-security rule detect-invisible-characters',
        { tags: ['security'], 'security-severity': '5.5' },
      ],
    ]);
  });

  it('makes parse errors and rule-less messages notifications, and sums up messages of other rules in one note', () => {
    const log = eslintJsonToSarif(
      [
        file({
          filePath: '/repo/src/broken.js',
          messages: [
            {
              ruleId: null,
              fatal: true,
              severity: 2,
              message: 'Parsing error: Unexpected token ;',
              line: 1,
              column: 11,
            },
          ],
          source: undefined,
        }),
        file({
          messages: [
            message({
              ruleId: 'react/no-danger',
              severity: 2,
              message: "Definition for rule 'react/no-danger' was not found.",
            }),
            message({ ruleId: 'no-console', severity: 2, message: 'Unexpected console statement.' }),
            message({ ruleId: 'no-console', severity: 2, message: 'Unexpected console statement.' }),
            { ruleId: null, severity: 1, message: 'Unused eslint-disable directive.', line: 4, column: 1 },
          ],
        }),
      ],
      ctx,
    );
    const run = run0(log);
    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toEqual([]);
    expect(run.invocations[0]!.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'ESLint could not lint src/broken.js:1:11: Parsing error: Unexpected token ;' },
        descriptor: { id: 'eslint/parse-error' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/broken.js' },
              region: { startLine: 1, startColumn: 11 },
            },
          },
        ],
      },
      {
        level: 'warning',
        message: { text: 'ESLint could not lint src/notes.js:4:1: Unused eslint-disable directive.' },
        descriptor: { id: 'eslint/message' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/notes.js' },
              region: { startLine: 4, startColumn: 1 },
            },
          },
        ],
      },
      {
        level: 'note',
        message: {
          text: "Ignored 3 ESLint messages about rules outside eslint-plugin-security (no-console, react/no-danger): comments in the code name rules of the repository's own ESLint setup, which this scan does not load.",
        },
        descriptor: { id: 'eslint/other-rules' },
      },
    ]);
  });

  it('keeps suppressed messages as suppressed results, with the directive’s justification', () => {
    const log = eslintJsonToSarif(
      [
        file({
          messages: [],
          suppressedMessages: [
            message({ suppressions: [{ kind: 'directive', justification: 'term is escaped' }] }),
            message({ line: 1, endLine: 1, suppressions: [{ kind: 'directive', justification: '' }] }),
            message({ line: 1, endLine: 1, suppressions: [{ kind: 'file', justification: '' }] }),
            message({ ruleId: 'no-console', suppressions: [{ kind: 'directive', justification: '' }] }),
          ],
        }),
      ],
      ctx,
    );
    expect(run0(log).results.map((r) => r.suppressions)).toEqual([
      [{ kind: 'inSource', justification: 'term is escaped' }],
      [{ kind: 'inSource' }],
      [{ kind: 'external' }],
    ]);
    const loaded = loadSarif(Buffer.from(JSON.stringify(log)), 'eslint.sarif');
    expect(loaded.findings.map((f) => f.suppressions.length)).toEqual([1, 1, 1]);
  });

  it('writes URIs relative to the root: absolute, relative to cwd, outside the root, Windows', () => {
    const uris = (files: string[], c: { root: string; cwd?: string }) =>
      run0(
        eslintJsonToSarif(
          files.map((filePath) => file({ filePath })),
          { ...ctx, ...c },
        ),
      ).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(
      uris(['/repo/a.js', 'src/b.js', '/elsewhere/c.js', '/repo/my dir/d.js'], { root: '/repo' }),
    ).toEqual(['a.js', 'src/b.js', 'file:///elsewhere/c.js', 'my%20dir/d.js']);
    expect(uris(['b.js'], { root: '/repo', cwd: '/repo/web' })).toEqual(['web/b.js']);
    expect(uris(['C:\\Repo\\src\\a.js', 'D:\\x\\b.js'], { root: 'c:\\repo\\' })).toEqual([
      'src/a.js',
      'file:///D:/x/b.js',
    ]);
  });

  it('names TypeScript files it was told were not scanned', () => {
    const log = eslintJsonToSarif([], {
      ...ctx,
      notScanned: {
        files: ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts', 'f.tsx'],
        reason: 'no TypeScript parser.',
      },
    });
    expect(run0(log).invocations[0]!.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: {
          text: 'ESLint did not scan 6 files (a.ts, b.ts, c.ts, d.ts, e.ts, …): no TypeScript parser.',
        },
        descriptor: { id: 'eslint/not-scanned' },
      },
    ]);
  });

  it('says what is wrong with input that is not an ESLint report', () => {
    expect(() => eslintJsonToSarif('[{', ctx)).toThrow(/^eslint's JSON output is not JSON: /);
    expect(() => eslintJsonToSarif(42, ctx)).toThrow(
      "eslint's JSON output is neither an array of files nor an object with 'results'",
    );
    expect(() => eslintJsonToSarif({ metadata: {} }, ctx)).toThrow(
      "eslint's JSON output has no 'results' array",
    );
    expect(() => eslintJsonToSarif(['x'], ctx)).toThrow("eslint's JSON output: results[0] is not an object");
    expect(() => eslintJsonToSarif([file({ filePath: 3 })], ctx)).toThrow("results[0] has no 'filePath'");
    expect(() => eslintJsonToSarif([file({ messages: {} })], ctx)).toThrow(
      'results[0].messages is not an array',
    );
    expect(() => eslintJsonToSarif([file({ messages: [message({ severity: 0 })] })], ctx)).toThrow(
      "results[0].messages[0] has a 'severity' that is not 1 or 2",
    );
    expect(() => eslintJsonToSarif([file({ messages: [message({ message: undefined })] })], ctx)).toThrow(
      "results[0].messages[0] has no 'message'",
    );
    expect(() => eslintJsonToSarif([file({ suppressedMessages: [message({ ruleId: 5 })] })], ctx)).toThrow(
      "results[0].suppressedMessages[0] has a 'ruleId' that is not a string",
    );
  });

  it('passes the SARIF validator with notifications, suppressions and a URI outside the root', () => {
    const log = eslintJsonToSarif(
      [
        file({
          suppressedMessages: [message({ line: 1, endLine: 1, suppressions: [{ kind: 'directive' }] })],
        }),
        file({ filePath: '/elsewhere/x.js' }),
        file({
          filePath: '/repo/b.js',
          messages: [{ ruleId: null, fatal: true, severity: 2, message: 'Parsing error', line: 1 }],
        }),
      ],
      ctx,
    );
    expectValidSarif(log);
  }, 120_000);
});

describe('eslintJsonToSarif on recorded ESLint 9.39.5 reports', () => {
  it('node-service: the four ground-truth findings, read back by the loader, valid for GitHub', () => {
    const report = recorded('node-service');
    const log = eslintJsonToSarif(report, {
      root: report.metadata.cwd,
      version: '9.39.5',
      pluginVersion: '4.1.0',
    });
    expectGroundTruth(log);
    expectLoaderReadsGroundTruth(log);
    expect(run0(log).tool.driver.rules![0]!.shortDescription.text).toMatch(
      /^Detects variable in filename argument/,
    );
    expectValidSarif(log);
  }, 120_000);

  it('edge cases (with the TypeScript parser)', () => {
    const report = recorded('edge-cases');
    const log = eslintJsonToSarif(report, {
      root: report.metadata.cwd,
      version: '9.39.5',
      pluginVersion: '4.1.0',
    });
    expectEdgeCases(log, true);
    expectValidSarif(log);
  }, 120_000);
});

function expectEdgeCases(log: SarifLogOut, typescript: boolean): void {
  const run = run0(log);
  const open = run.results.filter((r) => !r.suppressions);
  expect(where({ ...log, runs: [{ ...run, results: open }] }).sort()).toEqual(
    [
      'security/detect-eval-with-expression src/component.jsx:1',
      'security/detect-child-process src/legacy.cjs:3',
      'security/detect-object-injection src/directives.js:7',
      ...(typescript
        ? [
            'security/detect-child-process src/typed.ts:3',
            'security/detect-eval-with-expression src/view.tsx:1',
          ]
        : []),
    ].sort(),
  );
  const suppressed = run.results.filter((r) => r.suppressions);
  expect(
    suppressed.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region?.startLine, r.suppressions]),
  ).toEqual([
    [
      'security/detect-non-literal-fs-filename',
      5,
      [{ kind: 'inSource', justification: 'name is validated' }],
    ],
  ]);
  const notes = run.invocations[0]!.toolExecutionNotifications ?? [];
  expect(notes.map((n) => [n.descriptor?.id, n.level])).toEqual([
    ['eslint/parse-error', 'error'],
    ['eslint/other-rules', 'note'],
  ]);
  expect(notes[0]!.message.text).toBe(
    'ESLint could not lint src/broken.js:1:11: Parsing error: Unexpected token ;',
  );
  expect(notes[1]!.message.text).toMatch(
    /^Ignored 3 ESLint messages .*\(@typescript-eslint\/no-explicit-any, no-console, react\/no-danger\)/,
  );
}

describe('real ESLint with eslint-plugin-security', () => {
  const eslint = path.join(NODE_MODULES, 'eslint', 'bin', 'eslint.js');
  const work = mkdtempSync(path.join(tmpdir(), 'pavedpath-eslint-'));
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /**
   * What the action does: the engine's packages in a prefix of their own, our config beside them,
   * imported by bare name. The packages are linked from this repository's node_modules.
   */
  function prefix(name: string, typescript: boolean): string {
    const dir = path.join(work, name);
    mkdirSync(path.join(dir, 'node_modules', '@typescript-eslint'), { recursive: true });
    for (const pkg of ['eslint-plugin-security', '@typescript-eslint/parser']) {
      symlinkSync(path.join(NODE_MODULES, pkg), path.join(dir, 'node_modules', pkg), 'dir');
    }
    const config = path.join(dir, 'eslint.config.mjs');
    writeFileSync(
      config,
      eslintConfigSource(typescript ? { typescriptParserSpecifier: '@typescript-eslint/parser' } : {}),
    );
    return config;
  }

  /** Runs ESLint; returns its exit status and report. */
  function runEslint(
    cwd: string,
    configFile: string,
    name: string,
  ): { status: number; report: unknown; stderr: string } {
    const output = path.join(work, `${name}.json`);
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [eslint, ...eslintArgs({ configFile, targets: ['.'], output })], {
        cwd,
        env: { ...process.env, ESLINT_USE_FLAT_CONFIG: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    let report: unknown;
    try {
      const text = readFileSync(output, 'utf8');
      REPORTS.record(name, text);
      report = JSON.parse(text);
    } catch {
      report = undefined;
    }
    return { status, report, stderr };
  }

  const edgeTree = (): string => writeFiles(mkdtempSync(path.join(work, 'tree-')), EDGE_TREE);

  const version =
    parseEslintVersion(execFileSync(process.execPath, [eslint, '--version'], { encoding: 'utf8' })) ?? '';

  it('is the pinned ESLint and plugin', () => {
    expect([version, PLUGIN_VERSION]).toEqual([
      ESLINT_PINNED.eslint,
      ESLINT_PINNED['eslint-plugin-security'],
    ]);
  });

  it('node-service: finds the ground truth with our config, not the repository’s (which ignores examples/)', () => {
    const { status, report } = runEslint(SERVICE, prefix('js-only', false), 'node-service');
    expect(status).toBe(0);
    const log = eslintJsonToSarif(report, { root: SERVICE, version, pluginVersion: PLUGIN_VERSION });
    expectGroundTruth(log);
    expectLoaderReadsGroundTruth(log);
    expectValidSarif(log);
  }, 120_000);

  it('edge cases with the TypeScript parser: exit 1 for the parse error, everything else as expected', () => {
    const tree = edgeTree();
    const { status, report, stderr } = runEslint(tree, prefix('typescript', true), 'edge-cases');
    expect({ status, stderr: stderr.includes('Oops') }).toEqual({ status: 1, stderr: false });
    expectEdgeCases(eslintJsonToSarif(report, { root: tree, version, pluginVersion: PLUGIN_VERSION }), true);
  }, 120_000);

  it('edge cases without it: TypeScript files are not linted, and the caller can name them', () => {
    const tree = edgeTree();
    const { status, report } = runEslint(tree, prefix('javascript', false), 'edge-cases-js');
    expect(status).toBe(1);
    const typescriptFiles = Object.keys(EDGE_TREE).filter(
      (f) =>
        eslintLints(f, { typescript: true }) &&
        !eslintLints(f, { typescript: false }) &&
        !f.startsWith('node_modules/'),
    );
    expect(typescriptFiles).toEqual(['src/typed.ts', 'src/view.tsx']);
    const log = eslintJsonToSarif(report, {
      root: tree,
      version,
      pluginVersion: PLUGIN_VERSION,
      notScanned: { files: typescriptFiles, reason: 'TypeScript needs @typescript-eslint/parser.' },
    });
    const run = run0(log);
    expect(
      run.results.some((r) => /\.tsx?$/.test(r.locations[0]!.physicalLocation.artifactLocation.uri)),
    ).toBe(false);
    expect(run.invocations[0]!.toolExecutionNotifications!.at(-1)!.message.text).toBe(
      'ESLint did not scan 2 files (src/typed.ts, src/view.tsx): TypeScript needs @typescript-eslint/parser.',
    );
  }, 120_000);

  it('exit 2 and no report when our config cannot load its plugin', () => {
    const dir = path.join(work, 'broken-prefix');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'eslint.config.mjs'), eslintConfigSource());
    expect(readdirSync(dir)).toEqual(['eslint.config.mjs']);
    const { status, report, stderr } = runEslint(SERVICE, path.join(dir, 'eslint.config.mjs'), 'broken');
    expect(status).toBe(2);
    expect(report).toBeUndefined();
    expect(stderr).toContain("Cannot find package 'eslint-plugin-security'");
  }, 120_000);
});
