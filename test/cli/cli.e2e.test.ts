/**
 * The `pavedpath` command end to end, as a user runs it: `node dist/cli/index.js` in a child
 * process. Exit codes, help, `summarize` against the summary action on the real-world SARIF,
 * `scan` on the example services with the engines this machine has, `--format json` against the
 * report schema, `discover`, and `npm run demo` with the network cut (unshare -n).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { validateSerializedReport } from '../../src/report/validate.js';
import { REAL_WORLD, HAS_REAL_WORLD } from '../support/real-world.js';
import { REPO_ROOT, runAction } from '../support/runner.js';
import { missingTool, pathWithTestTools } from '../support/tools.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'index.js');

interface Expected {
  services: Record<string, { findings: { file: string; line: number; rules: Record<string, string> }[] }>;
}
const EXPECTED = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'examples', 'expected-findings.json'), 'utf8'),
) as Expected;

function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      RUNNER_TOOL_CACHE: mkdtempSync(path.join(tmpdir(), 'pavedpath-cli-cache-')),
      ...options.env,
    },
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A git repository with one commit holding an example service at its root. */
function serviceRepo(service: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `pavedpath-cli-${service}-`));
  cpSync(path.join(REPO_ROOT, 'examples', service), dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'service');
  return dir;
}

/** Errors of facts.json and badge.json in `out` against their schemas, and the two documents. */
function portalFiles(out: string) {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormatsModule.default(ajv);
  const check = (file: string, schema: string) => {
    const value = JSON.parse(readFileSync(path.join(out, file), 'utf8')) as Record<string, unknown>;
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', schema), 'utf8')) as object,
    );
    return { value, errors: validate(value) ? [] : (validate.errors ?? []) };
  };
  return {
    facts: check('facts.json', 'facts.schema.json'),
    badge: check('badge.json', 'shields-endpoint.schema.json'),
  };
}

interface JsonReport {
  gate: { verdict: string };
  counts: { new: number; existing: number; fixed: number };
  findings: { rule: string; location?: { path: string; startLine?: number } }[];
}

describe('pavedpath: usage and exit codes', () => {
  it('--help lists the commands and the exit codes; --version prints the version', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['scan', 'summarize', 'discover']) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain(
      'Exit codes: 0 the gate passed · 1 the gate failed · 2 bad usage, input or config · 3 a scanner or the network failed',
    );
    expect(cli(['scan', '--help']).stdout).toContain('--offline-db <dir>');
    const version = cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('bad usage exits 2 with the reason: an unknown option, a bad choice, a folder that does not exist', () => {
    const unknown = cli(['scan', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
    const choice = cli(['scan', '--fail-on', 'severe']);
    expect(choice.code).toBe(2);
    expect(choice.stderr).toContain(
      "argument 'severe' is invalid. Allowed choices are critical, high, medium, low, none.",
    );
    const missing = cli(['scan', '/nonexistent/folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('error: /nonexistent/folder is not a folder.');
  });

  it('a config file that does not exist exits 2 with the config error of the summary action', () => {
    const run = cli([
      'summarize',
      path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif'),
      '--config',
      'missing.yml',
      '--out',
      mkdtempSync(path.join(tmpdir(), 'o-')),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: The config file '.*missing\.yml' \(input 'config'\) does not exist/);
  });
});

(HAS_REAL_WORLD ? describe : describe.skip)('pavedpath summarize', () => {
  it('gives the same counts as the summary action on every real-world SARIF file at once', async () => {
    const dir = path.join(REAL_WORLD, 'sarif');
    const workspace = mkdtempSync(path.join(tmpdir(), 'pavedpath-sum-'));
    const action = await runAction({
      action: 'summary',
      workspace,
      inputs: { sarif: dir, comment: 'never', 'fail-on': 'none' },
      timeoutMs: 120_000,
    });
    expect(action.exitCode).toBe(0);
    const run = cli(
      ['summarize', dir, '--format', 'json', '--fail-on', 'none', '--out', path.join(workspace, 'out')],
      {
        cwd: workspace,
      },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport & {
      counts: { all: { total: number; byTool: unknown } };
    };
    expect(validateSerializedReport(report).ok).toBe(true);
    const counts = JSON.parse(action.outputs.counts ?? '{}') as { byTool: unknown; bySeverity: unknown };
    expect(report.counts.all.total).toBe(Number(action.outputs['total-count']));
    expect(report.counts.all.total).toBeGreaterThan(1000);
    expect(report.counts.all.byTool).toEqual(counts.byTool);
    expect(report.gate.verdict).toBe(action.outputs.verdict);
  }, 240_000);

  it('a finding in the baseline is existing; the gate then decides the exit code', () => {
    const head = path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif');
    const out = mkdtempSync(path.join(tmpdir(), 'o-'));
    const same = cli(['summarize', head, '--baseline', head, '--format', 'json', '--out', out]);
    const report = JSON.parse(same.stdout) as JsonReport;
    expect(report.counts.new).toBe(0);
    expect(report.counts.existing).toBeGreaterThan(0);
    expect(same.code).toBe(0);
    const all = cli(['summarize', head, '--fail-on-scope', 'all', '--fail-on', 'medium', '--out', out]);
    expect(all.code).toBe(1);
    expect(all.stdout.split('\n')[0]).toMatch(/^FAIL: /);
  });
});

describe('pavedpath summarize --out', () => {
  it("writes facts.json and badge.json, which validate and hold the report's figures", () => {
    const head = path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif');
    const out = mkdtempSync(path.join(tmpdir(), 'o-'));
    const run = cli(['summarize', head, '--fail-on-scope', 'all', '--fail-on', 'medium', '--out', out]);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as JsonReport & {
      counts: { all: { total: number; bySeverity: Record<string, number> } };
    };
    const { facts, badge } = portalFiles(out);
    expect([facts.errors, badge.errors]).toEqual([[], []]);
    expect(facts.value).toMatchObject({
      verdict: 'fail',
      failOn: 'medium',
      failOnScope: 'all',
      findings: { total: report.counts.all.total, new: 0, existing: report.counts.existing },
      bySeverity: report.counts.all.bySeverity,
      // The summary alone: no SBOM, no dependency review, no start of the run.
      sbomComponents: null,
      vulnerableDependencies: null,
      scanSeconds: null,
    });
    expect(badge.value).toEqual({
      schemaVersion: 1,
      label: 'paved path',
      message: `${report.counts.all.total} medium`,
      color: 'red',
    });
  });
});

describe('pavedpath scan on the example services', () => {
  const banditMissing = missingTool('bandit');

  (banditMissing ? it.skip : it)(
    'python-service: the bandit findings of its README; --format json validates against the report schema',
    () => {
      const repo = serviceRepo('python-service');
      const out = mkdtempSync(path.join(tmpdir(), 'o-'));
      const advisories = path.join(REPO_ROOT, 'scripts', 'demo', 'advisories');
      const run = cli(['scan', repo, '--format', 'json', '--offline-db', advisories, '--out', out], {
        env: { PATH: pathWithTestTools() },
      });
      // A push-like run: everything is existing, and the gate counts new findings.
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const checked = validateSerializedReport(JSON.parse(run.stdout));
      expect(checked.ok).toBe(true);
      const report = JSON.parse(run.stdout) as JsonReport;
      const found = new Set(
        report.findings.map((f) => `${f.location?.path ?? ''}:${String(f.location?.startLine)}:${f.rule}`),
      );
      for (const f of EXPECTED.services['python-service']?.findings ?? []) {
        if (f.rules.bandit) expect(found).toContain(`${f.file}:${String(f.line)}:Bandit/${f.rules.bandit}`);
      }
      expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
      expect(readFileSync(path.join(out, 'sast.sarif'), 'utf8')).toContain('"Bandit"');
    },
  );

  it('node-service: ESLint from this clone, the README findings, facts.json and badge.json; --fail-on-scope all fails the gate (exit 1)', () => {
    const repo = serviceRepo('node-service');
    const out = mkdtempSync(path.join(tmpdir(), 'o-'));
    const run = cli([
      'scan',
      repo,
      '--fail-on-scope',
      'all',
      '--offline-db',
      path.join(REPO_ROOT, 'scripts', 'demo', 'advisories'),
      '--out',
      out,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toMatch(/^FAIL: /);
    for (const f of EXPECTED.services['node-service']?.findings ?? []) {
      if (f.rules.eslint) expect(run.stdout).toContain(`${f.file}:${String(f.line)}  ${f.rules.eslint}`);
    }
    expect(run.stdout).toContain('run: npm install lodash@4.17.21');
    expect(run.stdout).toMatch(/SBOM: \d+ components \(CycloneDX 1\.6/);
    // The developer-portal files: the whole scan's figures, its time included.
    const { facts, badge } = portalFiles(out);
    expect([facts.errors, badge.errors]).toEqual([[], []]);
    const sbom = JSON.parse(readFileSync(path.join(out, 'sbom.cdx.json'), 'utf8')) as {
      components: unknown[];
    };
    expect(facts.value).toMatchObject({
      verdict: 'fail',
      scanners: expect.arrayContaining(['ESLint', 'Paved Path dependency review']),
      sbomComponents: sbom.components.length,
      vulnerableDependencies: expect.any(Number),
      scanSeconds: expect.any(Number),
    });
    expect(facts.value.vulnerableDependencies).toBeGreaterThan(0);
    expect(facts.value.scanSeconds).toBeGreaterThan(0);
    expect(badge.value).toMatchObject({
      message: expect.stringMatching(/^\d+ (critical|high|medium)/),
      color: 'red',
    });
  });

  it('go-service: names the engine it skipped and how to get it; exit 3 (a scanner did not run)', () => {
    const repo = serviceRepo('go-service');
    // An empty PATH besides git and node: no gosec here.
    const run = cli([
      'scan',
      repo,
      '--offline-db',
      path.join(REPO_ROOT, 'scripts', 'demo', 'advisories'),
      '--out',
      mkdtempSync(path.join(tmpdir(), 'o-')),
    ]);
    expect(run.stderr).toContain(
      'warning: gosec did not run: gosec is not installed on this machine, and installing is off: put gosec',
    );
    expect(run.code).toBe(3);
  });
});

describe('pavedpath discover', () => {
  it('prints the matrix of a folder holding the three examples', () => {
    const run = cli(['discover', path.join(REPO_ROOT, 'examples')]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { include: { name: string }[] }).include.map((p) => p.name)).toEqual([
      'go-service',
      'node-service',
      'python-service',
    ]);
  });
});

describe('npm run demo', () => {
  const canUnshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  if (!canUnshare && process.env.CI === 'true')
    throw new Error('CI must run the demo without network, but unshare -n is not permitted');

  (canUnshare ? it : it.skip)(
    'runs offline (unshare -n) in under 60 s, with a verdict, SAST and dependency findings, the upgrade command and the SBOM',
    () => {
      const started = Date.now();
      const run = spawnSync(
        'unshare',
        ['-n', process.execPath, path.join(REPO_ROOT, 'scripts', 'demo.mjs')],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
          timeout: 60_000,
        },
      );
      const seconds = (Date.now() - started) / 1000;
      writeFileSync(path.join(tmpdir(), 'pavedpath-demo-last.txt'), `${run.stdout}\n${run.stderr}`);
      expect(run.status).toBe(0);
      expect(seconds).toBeLessThan(60);
      expect(run.stdout).toMatch(/^FAIL: \d+ new finding\(s\) of high or higher severity/m);
      expect(run.stdout).toContain('src/notes.js:48  security/detect-eval-with-expression');
      expect(run.stdout).toContain(
        'lodash 4.17.15 (package-lock.json): GHSA-35jh-r3h4-6jhm, GHSA-p6mc-m468-83gw; fixed in 4.17.21',
      );
      expect(run.stdout).toContain('run: npm install lodash@4.17.21');
      expect(run.stdout).toMatch(/SBOM: \d+ components \(CycloneDX 1\.6, pavedpath /);
      expect(run.stdout).toMatch(/The report as a web page: .*report\.html/);
    },
    90_000,
  );
});
