import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import semver from 'semver';
import {
  artifactLocation,
  BANDIT_ALLOWED,
  BANDIT_DEFAULT_EXCLUDES,
  BANDIT_PINNED_VERSION,
  banditArgs,
  banditJsonToSarif,
  parseBanditVersion,
  type SarifLogOut,
  redactSecret,
} from '../../src/sast/bandit.js';
import type { SarifLog } from '../../src/sast/combine.js';
import { ENGINES } from '../../src/sast/engines.js';
import { expectedFindings, loadExpected } from '../support/expected-findings.js';
import { writeFiles } from '../support/file-tree.js';
import { recordedReports } from '../support/recorded-reports.js';
import { REPO_ROOT } from '../support/runner.js';
import { expectValidSarif } from '../support/sarif-validator.js';
import { findExecutable, missingTool } from '../support/tools.js';

const SERVICE = path.join(REPO_ROOT, 'examples', 'python-service');
/** Rewritten from the real bandit runs below with PAVEDPATH_RECORD_FIXTURES=1. */
const REPORTS = recordedReports(path.join(REPO_ROOT, 'test', 'fixtures', 'sast', 'bandit'), [
  'python-service',
  'edge-cases',
]);

const EXPECTED = expectedFindings('python-service', 'bandit');

const run0 = (log: SarifLogOut) => log.runs[0]!;

/** Every expected finding is a result at its file and line, under its rule, with its CWE tag. */
function expectGroundTruth(log: SarifLogOut): void {
  const run = run0(log);
  expect(EXPECTED).toHaveLength(7);
  for (const f of EXPECTED) {
    const hit = run.results.find(
      (r) =>
        r.ruleId === f.rules.bandit &&
        r.locations[0]!.physicalLocation.artifactLocation.uri === f.file &&
        r.locations[0]!.physicalLocation.region?.startLine === f.line,
    );
    expect({ ...f, found: hit !== undefined }).toEqual({ ...f, found: true });
    const rule = run.tool.driver.rules![hit!.ruleIndex]!;
    expect(rule.id).toBe(f.rules.bandit);
    expect(rule.properties.tags).toContain(`external/cwe/cwe-${String(f.tool_cwe?.bandit ?? f.cwe)}`);
  }
}

/** The project's own loader reads the log back: paths, lines and CWEs as the summary will see them. */
function expectLoaderReadsGroundTruth(log: SarifLogOut): void {
  for (const [f, finding] of loadExpected(log, 'bandit', 'Bandit', EXPECTED)) {
    expect(finding?.cwes).toEqual([f.tool_cwe?.bandit ?? f.cwe]);
  }
}

/** A tree with Bandit's edge cases; the bodies of node_modules and .venv cannot be committed. */
const EDGE_TREE: Record<string, string> = {
  'app/broken.py': 'def broken(:\n    pass\n',
  'app/unicode.py': '# -*- coding: utf-8 -*-\ngreeting = "héllo"; result = eval(input())\n',
  'app/multi.py': [
    'import subprocess',
    '',
    '',
    'def run(name):',
    '    query = ("SELECT * FROM users WHERE name = \'%s\'"',
    '             % name)',
    '    subprocess.call(',
    '        "ls " + name,',
    '        shell=True)',
    '    return query',
    '',
  ].join('\n'),
  'app/reviewed.py':
    'import hashlib\n\n\ndef digest(data):\n    return hashlib.md5(data).hexdigest()  # nosec B324\n',
  '.github/scripts/release.py': 'import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n',
  '.venv/lib/site.py': 'password = "hunter2"\n',
  'node_modules/pkg/setup.py': 'password = "hunter2"\n',
  'web/venv_tools.py': 'import pickle\n',
};

describe('banditArgs', () => {
  it('asks for a recursive, quiet JSON report that exits 0 unless bandit fails', () => {
    expect(banditArgs({ targets: ['.', 'src/app.py'], output: '/tmp/out/bandit.json' })).toEqual([
      '--recursive',
      '--format',
      'json',
      '--output',
      '/tmp/out/bandit.json',
      '--quiet',
      '--exit-zero',
      '--exclude',
      BANDIT_DEFAULT_EXCLUDES.join(','),
      '--',
      '.',
      'src/app.py',
    ]);
  });

  it('passes the config file, replaces the excludes on request and keeps extra arguments before the targets', () => {
    const args = banditArgs({
      targets: ['-odd-name.py'],
      config: 'pyproject.toml',
      exclude: [],
      extraArgs: ['--severity-level', 'medium'],
      output: 'o.json',
    });
    expect(args.slice(7)).toEqual([
      '--configfile',
      'pyproject.toml',
      '--severity-level',
      'medium',
      '--',
      '-odd-name.py',
    ]);
    expect(args).not.toContain('--exclude');
  });

  it('excludes directories by glob, not by substring, and keeps bandit’s own defaults', () => {
    expect(BANDIT_DEFAULT_EXCLUDES).toEqual(
      expect.arrayContaining([
        '*/.git/*',
        '*/node_modules/*',
        '*/.venv/*',
        '*/venv/*',
        '*/.tox/*',
        '*/__pycache__/*',
      ]),
    );
    expect(() => banditArgs({ targets: [], output: 'o.json' })).toThrow('at least one target');
  });

  it('pins the same version and range as the engine list', () => {
    const install = ENGINES.bandit.install;
    expect(install.kind === 'python' ? [install.version, install.allowed] : []).toEqual([
      BANDIT_PINNED_VERSION,
      BANDIT_ALLOWED,
    ]);
    expect(semver.satisfies(BANDIT_PINNED_VERSION, BANDIT_ALLOWED)).toBe(true);
    expect(semver.satisfies('1.6.2', BANDIT_ALLOWED)).toBe(false);
  });
});

describe('parseBanditVersion', () => {
  it('reads the first line of `bandit --version`', () => {
    expect(parseBanditVersion('__main__.py 1.7.10\n  python version = 3.11.2 (main)\n')).toBe('1.7.10');
    expect(parseBanditVersion('bandit 1.6.2\n  python version = 3.11.2\n')).toBe('1.6.2');
    expect(parseBanditVersion('\nbandit 1.9.4\r\n')).toBe('1.9.4');
    expect(parseBanditVersion('usage: bandit [-h]')).toBeUndefined();
    expect(parseBanditVersion('')).toBeUndefined();
  });
});

describe('artifactLocation', () => {
  const root = '/home/runner/work/app/app';
  it('makes paths relative to the root with forward slashes', () => {
    expect(artifactLocation('./auth.py', { root })).toEqual({ uri: 'auth.py' });
    expect(artifactLocation('auth.py', { root })).toEqual({ uri: 'auth.py' });
    expect(artifactLocation(`${root}/src/db.py`, { root })).toEqual({ uri: 'src/db.py' });
    expect(artifactLocation(`${root}//src/./x/../db.py`, { root: `${root}/` })).toEqual({ uri: 'src/db.py' });
    expect(artifactLocation('./db.py', { root, cwd: `${root}/src` })).toEqual({ uri: 'src/db.py' });
  });

  it('keeps a path outside the root absolute, as a file URI', () => {
    expect(artifactLocation('/usr/lib/python3/site.py', { root })).toEqual({
      uri: 'file:///usr/lib/python3/site.py',
    });
    expect(artifactLocation('../other/x.py', { root })).toEqual({
      uri: 'file:///home/runner/work/app/other/x.py',
    });
    expect(artifactLocation(`${root}-fork/x.py`, { root })).toEqual({
      uri: 'file:///home/runner/work/app/app-fork/x.py',
    });
  });

  it('handles Windows paths: backslashes, drive letters in either case', () => {
    expect(artifactLocation('.\\src\\app.py', { root })).toEqual({ uri: 'src/app.py' });
    expect(artifactLocation('C:\\a\\App\\src\\app.py', { root: 'c:\\a\\app' })).toEqual({
      uri: 'src/app.py',
    });
    expect(artifactLocation('D:\\tools\\x.py', { root: 'C:\\a\\app' })).toEqual({
      uri: 'file:///D:/tools/x.py',
    });
    expect(artifactLocation('src\\app.py', { root: 'C:\\a\\app' })).toEqual({ uri: 'src/app.py' });
  });

  it('percent-encodes what a URI cannot hold', () => {
    expect(artifactLocation('./my dir/100%#1.py', { root })).toEqual({ uri: 'my%20dir/100%25%231.py' });
    expect(artifactLocation('./ünï.py', { root })).toEqual({ uri: '%C3%BCn%C3%AF.py' });
    expect(artifactLocation('./a:b.py', { root })).toEqual({ uri: 'a%3Ab.py' });
  });
});

describe('banditJsonToSarif on hand-written reports', () => {
  const ctx = { root: '/repo', version: '1.7.10' };
  const issue = (over: Record<string, unknown>) => ({
    code: '13 # comment\n14 ADMIN_PASSWORD = "s3cret"\n15 \n',
    col_offset: 17,
    end_col_offset: 25,
    filename: './auth.py',
    issue_confidence: 'MEDIUM',
    issue_cwe: { id: 259, link: 'https://cwe.mitre.org/data/definitions/259.html' },
    issue_severity: 'LOW',
    issue_text: "Possible hardcoded password: 's3cret'",
    line_number: 14,
    line_range: [14],
    more_info: 'https://bandit.readthedocs.io/en/1.7.10/plugins/b105_hardcoded_password_string.html',
    test_id: 'B105',
    test_name: 'hardcoded_password_string',
    ...over,
  });

  it('writes one run with the rule, the result, its region, levels and properties', () => {
    const log = banditJsonToSarif({ errors: [], results: [issue({})] }, ctx);
    expect(log).toMatchObject({ version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json' });
    const run = run0(log);
    expect(run.tool.driver).toMatchObject({
      name: 'Bandit',
      version: '1.7.10',
      informationUri: 'https://github.com/PyCQA/bandit',
    });
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'B105',
        name: 'hardcoded_password_string',
        shortDescription: { text: 'Hardcoded password string' },
        fullDescription: {
          text: 'Bandit check B105: Hardcoded password string.',
        },
        help: {
          text: "Hardcoded password string. Bandit's documentation of B105: https://bandit.readthedocs.io/en/1.7.10/plugins/b105_hardcoded_password_string.html",
          markdown:
            "Hardcoded password string. See [Bandit's documentation of B105](https://bandit.readthedocs.io/en/1.7.10/plugins/b105_hardcoded_password_string.html).",
        },
        helpUri: 'https://bandit.readthedocs.io/en/1.7.10/plugins/b105_hardcoded_password_string.html',
        properties: {
          tags: ['security', 'external/cwe/cwe-259'],
          'security-severity': '2.0',
          precision: 'medium',
        },
      },
    ]);
    expect(run.results).toEqual([
      {
        ruleId: 'B105',
        ruleIndex: 0,
        level: 'note',
        message: { text: 'Possible hardcoded password: (value redacted)' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'auth.py' },
              region: {
                startLine: 14,
                endLine: 14,
                startColumn: 18,
                endColumn: 26,
                snippet: { text: '"s3cret"' },
              },
            },
          },
        ],
        partialFingerprints: { 'pavedpath/sast/v1': expect.stringMatching(/^[0-9a-f]{16}$/) },
        properties: { issue_severity: 'LOW', issue_confidence: 'MEDIUM', 'security-severity': '2.0' },
      },
    ]);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.properties).toEqual({ pavedpath: { version: 1, engine: 'bandit' } });
    // The result of this converter can be handed to combineSarif as is.
    const asLog: SarifLog = log;
    expect(asLog.runs).toHaveLength(1);
  });

  it('maps severities to levels, and gives a rule the highest severity and confidence of its results', () => {
    const log = banditJsonToSarif(
      {
        results: [
          issue({ test_id: 'B324', test_name: 'hashlib', issue_severity: 'MEDIUM', issue_confidence: 'LOW' }),
          issue({
            test_id: 'B324',
            test_name: 'hashlib',
            issue_severity: 'HIGH',
            issue_confidence: 'HIGH',
            line_number: 15,
            line_range: [15],
          }),
          issue({
            test_id: 'B101',
            test_name: 'assert_used',
            issue_severity: 'UNDEFINED',
            issue_confidence: 'UNDEFINED',
          }),
        ],
      },
      ctx,
    );
    const run = run0(log);
    expect(
      run.results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.properties?.['security-severity']]),
    ).toEqual([
      ['B324', 0, 'warning', '5.5'],
      ['B324', 0, 'error', '8.0'],
      ['B101', 1, 'warning', undefined],
    ]);
    expect(
      run.tool.driver.rules!.map((r) => [r.id, r.properties['security-severity'], r.properties.precision]),
    ).toEqual([
      ['B324', '8.0', 'high'],
      ['B101', undefined, undefined],
    ]);
  });

  it('takes the CWE from issue_cwe, else from the rule map (Bandit before 1.7.5 has no issue_cwe)', () => {
    const log = banditJsonToSarif(
      {
        results: [
          issue({ test_id: 'B602', issue_cwe: undefined }),
          issue({ test_id: 'B608', issue_cwe: { id: 0, link: '' } }),
          issue({ test_id: 'B999', issue_cwe: undefined }),
        ],
      },
      ctx,
    );
    expect(run0(log).tool.driver.rules!.map((r) => r.properties.tags)).toEqual([
      ['security', 'external/cwe/cwe-78'],
      ['security', 'external/cwe/cwe-89'],
      ['security'],
    ]);
  });

  it('names blacklist checks after their documentation anchor', () => {
    const log = banditJsonToSarif(
      {
        results: [
          issue({
            test_id: 'B403',
            test_name: 'blacklist',
            more_info:
              'https://bandit.readthedocs.io/en/1.7.10/blacklists/blacklist_imports.html#b403-import-pickle',
          }),
        ],
      },
      ctx,
    );
    expect(run0(log).tool.driver.rules![0]).toMatchObject({
      name: 'import_pickle',
      shortDescription: { text: 'Import pickle' },
    });
  });

  it('counts columns in UTF-16 units (Python counts UTF-8 bytes) and gives multi-line regions no end column', () => {
    const line = 'greeting = "héllo"; result = eval(input())';
    const byteCol = Buffer.byteLength(line.slice(0, line.indexOf('eval(')), 'utf8');
    const log = banditJsonToSarif(
      {
        results: [
          issue({
            code: `2 ${line}\n`,
            line_number: 2,
            line_range: [2],
            col_offset: byteCol,
            end_col_offset: byteCol + 'eval(input())'.length,
          }),
          issue({ code: '', line_number: 9, line_range: [7, 8, 9], col_offset: 4, end_col_offset: 18 }),
        ],
      },
      ctx,
    );
    const [one, multi] = run0(log).results.map((r) => r.locations[0]!.physicalLocation.region);
    expect(one).toEqual({
      startLine: 2,
      endLine: 2,
      startColumn: line.indexOf('eval(') + 1,
      endColumn: line.length + 1,
      snippet: { text: 'eval(input())' },
    });
    expect(multi).toEqual({ startLine: 7, endLine: 9, startColumn: 5 });
  });

  it('turns files bandit could not parse into notifications, and accepts the report as text', () => {
    const log = banditJsonToSarif(
      JSON.stringify({
        errors: [{ filename: '/repo/app/broken.py', reason: 'syntax error while parsing AST from file' }],
        results: [],
      }),
      ctx,
    );
    expect(run0(log).invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: {
              text: 'Bandit could not scan /repo/app/broken.py: syntax error while parsing AST from file',
            },
            descriptor: { id: 'bandit/file-not-scanned' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'app/broken.py' } } }],
          },
        ],
      },
    ]);
    expect(run0(log).results).toEqual([]);
  });

  it('says what is wrong with input that is not a bandit report', () => {
    expect(() => banditJsonToSarif('{"results": [', ctx)).toThrow(/^bandit's JSON output is not JSON: /);
    expect(() => banditJsonToSarif(null, ctx)).toThrow("bandit's JSON output is not an object");
    expect(() => banditJsonToSarif([], ctx)).toThrow("bandit's JSON output is not an object");
    expect(() => banditJsonToSarif({ errors: [] }, ctx)).toThrow(
      "bandit's JSON output has no 'results' array",
    );
    expect(() => banditJsonToSarif({ results: {} }, ctx)).toThrow(
      "bandit's JSON output has no 'results' array",
    );
    expect(() => banditJsonToSarif({ results: [42] }, ctx)).toThrow(
      "bandit's JSON output: results[0] is not an object",
    );
    expect(() => banditJsonToSarif({ results: [issue({}), issue({ test_id: undefined })] }, ctx)).toThrow(
      "bandit's JSON output: results[1] has no 'test_id'",
    );
    expect(() => banditJsonToSarif({ results: [issue({ line_number: '14' })] }, ctx)).toThrow(
      "bandit's JSON output: results[0] has no valid 'line_number'",
    );
    expect(() => banditJsonToSarif({ results: [issue({ issue_text: 7 })] }, ctx)).toThrow(
      "bandit's JSON output: results[0].issue_text is not a string",
    );
    expect(() => banditJsonToSarif({ results: [], errors: 'x' }, ctx)).toThrow(
      "has an 'errors' that is not an array",
    );
  });
});

describe('banditJsonToSarif on recorded bandit 1.7.10 reports', () => {
  it('python-service: every ground-truth finding, and nothing else but the two import warnings', () => {
    const log = banditJsonToSarif(REPORTS.read('python-service'), { root: SERVICE, version: '1.7.10' });
    expectGroundTruth(log);
    expect(
      run0(log)
        .results.map((r) => r.ruleId)
        .sort(),
    ).toEqual(['B105', 'B301', 'B324', 'B403', 'B404', 'B501', 'B506', 'B602', 'B608'].sort());
    expectLoaderReadsGroundTruth(log);
  });

  it('python-service: passes the SARIF validator with GitHub’s rules', () => {
    expectValidSarif(banditJsonToSarif(REPORTS.read('python-service'), { root: SERVICE, version: '1.7.10' }));
  }, 120_000);

  it('edge cases: unparsable file, excluded directories, .github kept, nosec, multi-line and non-ASCII regions', () => {
    const log = banditJsonToSarif(REPORTS.read('edge-cases'), { root: '/anywhere', version: '1.7.10' });
    expectEdgeCases(log);
    expectValidSarif(log);
  }, 120_000);
});

function expectEdgeCases(log: SarifLogOut): void {
  const run = run0(log);
  const at = run.results.map((r) => {
    const loc = r.locations[0]!.physicalLocation;
    return `${r.ruleId} ${loc.artifactLocation.uri}:${String(loc.region?.startLine)}`;
  });
  expect(at.sort()).toEqual(
    [
      'B301 .github/scripts/release.py:5',
      'B403 .github/scripts/release.py:1',
      'B307 app/unicode.py:2',
      'B404 app/multi.py:1',
      'B602 app/multi.py:7',
      'B608 app/multi.py:5',
      'B403 web/venv_tools.py:1',
    ].sort(),
  );
  expect(run.invocations[0]!.toolExecutionNotifications).toEqual([
    expect.objectContaining({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'app/broken.py' } } }],
    }),
  ]);
  const unicode = run.results.find((r) => r.ruleId === 'B307')!.locations[0]!.physicalLocation.region;
  expect(unicode).toMatchObject({ startColumn: 30, endColumn: 43, snippet: { text: 'eval(input())' } });
  const shell = run.results.find((r) => r.ruleId === 'B602')!.locations[0]!.physicalLocation.region;
  expect(shell).toMatchObject({ startLine: 7, endLine: 9, startColumn: 5 });
  expect(shell?.endColumn).toBeUndefined();
}

const skipReason = missingTool('bandit');
if (skipReason) process.stderr.write(`bandit tests skipped: ${skipReason}\n`);
const describeBandit = skipReason ? describe.skip : describe;

describeBandit('real bandit', () => {
  const bandit = findExecutable('bandit') ?? 'bandit';
  const work = mkdtempSync(path.join(tmpdir(), 'pavedpath-bandit-'));
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  const version = parseBanditVersion(execFileSync(bandit, ['--version'], { encoding: 'utf8' })) ?? '';

  function runBandit(
    targets: string[],
    cwd: string,
    name: string,
    extra: Partial<Parameters<typeof banditArgs>[0]> = {},
  ) {
    const output = path.join(work, `${name}.json`);
    execFileSync(bandit, banditArgs({ targets, output, ...extra }), {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const text = readFileSync(output, 'utf8');
    REPORTS.record(name, text);
    return JSON.parse(text) as unknown;
  }

  const edgeTree = (): string => writeFiles(mkdtempSync(path.join(work, 'tree-')), EDGE_TREE);

  it('is a version within the allowed range', () => {
    expect(semver.satisfies(version, BANDIT_ALLOWED)).toBe(true);
  });

  it('finds the python-service ground truth, run in the service with a relative target', () => {
    const log = banditJsonToSarif(runBandit(['.'], SERVICE, 'python-service'), { root: SERVICE, version });
    expectGroundTruth(log);
    expectLoaderReadsGroundTruth(log);
    expectValidSarif(log);
  }, 120_000);

  it('gives the same URIs when bandit is given an absolute target from elsewhere', () => {
    const report = runBandit([SERVICE], work, 'absolute');
    expect((report as { results: { filename: string }[] }).results[0]!.filename).toMatch(/^\//);
    const log = banditJsonToSarif(report, { root: SERVICE, version });
    expectGroundTruth(log);
    // With the repository as the root, the URIs carry the service's folder.
    const fromRepo = banditJsonToSarif(report, { root: REPO_ROOT, version });
    expect(
      run0(fromRepo).results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri),
    ).toContain('examples/python-service/auth.py');
  });

  it('edge cases: exclusions by glob, parse errors as notifications, nosec honoured', () => {
    const tree = edgeTree();
    const log = banditJsonToSarif(runBandit(['.'], tree, 'edge-cases'), { root: tree, version });
    expectEdgeCases(log);
  });

  it('exit codes: 0 with findings (--exit-zero), 1 with findings without it, 2 for a bad config', () => {
    const status = (args: string[]) => {
      try {
        execFileSync(bandit, args, { cwd: SERVICE, stdio: 'ignore' });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    const output = path.join(work, 'status.json');
    expect(status(banditArgs({ targets: ['.'], output }))).toBe(0);
    expect(status(banditArgs({ targets: ['.'], output }).filter((a) => a !== '--exit-zero'))).toBe(1);
    expect(status(banditArgs({ targets: ['.'], output, config: path.join(work, 'missing.yaml') }))).toBe(2);
  });

  it('applies a YAML config: skipped tests and extra excluded directories', () => {
    const config = path.join(work, 'bandit.yaml');
    writeFileSync(config, "skips: ['B602', 'B404']\nexclude_dirs: ['*/webhooks.py']\n");
    const log = banditJsonToSarif(runBandit(['.'], SERVICE, 'with-config', { config }), {
      root: SERVICE,
      version,
    });
    const seen = run0(log).results.map(
      (r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`,
    );
    expect(seen).not.toContain('B602 files.py');
    expect(seen).not.toContain('B501 webhooks.py');
    expect(seen).toContain('B608 db.py');
  });
});

describe('redactSecret', () => {
  it('replaces the quoted secret of the hard-coded password checks, and nothing else', () => {
    expect(redactSecret('B105', "Possible hardcoded password: 'n0tes-7QmZ4x'")).toBe(
      'Possible hardcoded password: (value redacted)',
    );
    expect(redactSecret('b106', 'Possible hardcoded password: "it\'s: a secret"')).toBe(
      'Possible hardcoded password: (value redacted)',
    );
    expect(redactSecret('B602', "subprocess call with shell=True: 'x'")).toBe(
      "subprocess call with shell=True: 'x'",
    );
  });
});
