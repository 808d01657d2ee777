/**
 * End to end: dist/sast/index.js run as the Actions runner runs it, with real engines: bandit
 * (Debian's package, from PATH or .tools/bin) on examples/python-service, and ESLint with
 * eslint-plugin-security installed by the action itself from the npm registry into the tool
 * cache, on examples/node-service. Then dist/summary/index.js reads the SARIF the SAST action
 * wrote, as the reference pipeline chains them, and reports it with remediation links.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeDownloads, type FakeDownloads } from '../support/fake-downloads.js';
import { REPO_ROOT, runAction, type ActionRun } from '../support/runner.js';
import { HAS_SARIF_VALIDATOR, validateSarif } from '../support/sarif-validator.js';
import { missingTool, pathWithTestTools } from '../support/tools.js';

interface Expected {
  services: Record<
    string,
    {
      findings: {
        file: string;
        line: number;
        cwe: number;
        rules: Record<string, string>;
        tool_cwe?: Record<string, number>;
      }[];
    }
  >;
}
const EXPECTED = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'examples', 'expected-findings.json'), 'utf8'),
) as Expected;

interface SarifLike {
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        rules?: { id: string; properties?: { tags?: string[]; 'security-severity'?: string } }[];
      };
    };
    results: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
    automationDetails?: { id: string };
  }[];
}
interface EngineOut {
  name: string;
  status: string;
  version: string;
  source?: string;
  findings: number;
  reason?: string;
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

function workspaceWith(services: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-sast-'));
  for (const s of services)
    cpSync(path.join(REPO_ROOT, 'examples', s), path.join(dir, s), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'examples');
  return dir;
}

function sarifOf(run: ActionRun): SarifLike {
  return JSON.parse(readFileSync(run.outputs.sarif ?? '', 'utf8')) as SarifLike;
}

function located(log: SarifLike, tool: string): Set<string> {
  const out = new Set<string>();
  for (const r of log.runs.filter((x) => x.tool.driver.name === tool)) {
    for (const res of r.results) {
      const loc = res.locations[0]?.physicalLocation;
      out.add(`${loc?.artifactLocation.uri ?? ''}:${String(loc?.region.startLine)}:${res.ruleId}`);
    }
  }
  return out;
}

function cwesOf(log: SarifLike, tool: string, ruleId: string): string[] {
  const rule = log.runs
    .find((r) => r.tool.driver.name === tool)
    ?.tool.driver.rules?.find((r) => r.id === ruleId);
  return (rule?.properties?.tags ?? []).filter((t) => t.startsWith('external/cwe/'));
}

const banditMissing = missingTool('bandit');
const itBandit = banditMissing ? it.skip : it;
if (banditMissing)
  process.stderr.write(`warning: skipping the SAST end-to-end bandit tests: ${banditMissing}\n`);

// One tool cache for the file, as on a runner that keeps it: ESLint is installed once.
let toolCache: string;
let mirror: FakeDownloads;
beforeAll(async () => {
  toolCache = mkdtempSync(path.join(tmpdir(), 'pavedpath-sast-cache-'));
  mirror = await startFakeDownloads();
});
afterAll(async () => {
  await mirror.close();
});

describe('sast action, end to end', () => {
  itBandit(
    'python-service: engines auto → bandit; every README finding with its CWE; the summary reports it with remediation',
    async () => {
      const workspace = workspaceWith(['python-service']);
      const run = await runAction({
        action: 'sast',
        workspace,
        event: { name: 'push', fixture: 'push' },
        env: { PATH: pathWithTestTools(), RUNNER_TOOL_CACHE: toolCache },
        timeoutMs: 120_000,
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.outputs.sarif).toBe(path.join(run.runnerTemp, 'pavedpath', 'sast.sarif'));
      expect(run.outputs.status).toBe('complete');
      const engines = JSON.parse(run.outputs.engines ?? '[]') as EngineOut[];
      expect(engines).toEqual([expect.objectContaining({ name: 'bandit', status: 'ok', source: 'path' })]);
      expect(engines[0]?.version).toMatch(/^1\.(7|8|9)\./);

      const log = sarifOf(run);
      expect(log.runs).toHaveLength(1);
      const found = located(log, 'Bandit');
      for (const f of EXPECTED.services['python-service']?.findings ?? []) {
        const rule = f.rules.bandit;
        if (!rule) continue;
        expect(found).toContain(`python-service/${f.file}:${String(f.line)}:${rule}`);
        expect(cwesOf(log, 'Bandit', rule)).toContain(
          `external/cwe/cwe-${String(f.tool_cwe?.bandit ?? f.cwe)}`,
        );
      }
      expect(run.outputs['finding-count']).toBe(String(found.size));
      if (HAS_SARIF_VALIDATOR) expect(validateSarif(log).filter((p) => p.level === 'error')).toEqual([]);
      expect(run.summary).toContain('| bandit |');

      // The summary action finds the SARIF where the SAST action left it (its default input).
      const summary = await runAction({
        action: 'summary',
        workspace,
        event: { name: 'push', fixture: 'push' },
        env: { RUNNER_TEMP: run.runnerTemp },
        inputs: { comment: 'never', 'fail-on': 'none' },
      });
      expect(summary.stderr).toBe('');
      expect(summary.exitCode).toBe(0);
      expect(summary.outputs['total-count']).toBe(String(found.size));
      const markdown = readFileSync(summary.outputs['report-markdown'] ?? '', 'utf8');
      expect(markdown).toContain('python-service/db.py');
      expect(markdown).toContain(
        'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
      );
      expect(markdown).toContain(
        'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html',
      );
      // A hard-coded secret is not repeated in the report.
      expect(markdown).not.toContain('n0tes-7QmZ4xKp9LwR2vTb8Yc');
    },
    180_000,
  );

  it('node-service: ESLint and eslint-plugin-security installed into the tool cache, the README findings with CWEs', async () => {
    const workspace = workspaceWith(['node-service']);
    const run = await runAction({
      action: 'sast',
      workspace,
      event: { name: 'push', fixture: 'push' },
      inputs: { engines: 'eslint-security' },
      env: { RUNNER_TOOL_CACHE: toolCache },
      timeoutMs: 300_000,
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const engines = JSON.parse(run.outputs.engines ?? '[]') as EngineOut[];
    expect(engines).toEqual([
      expect.objectContaining({
        name: 'eslint-security',
        status: 'ok',
        version: '9.39.5',
        source: 'install',
      }),
    ]);
    // Installed into a folder of its own; the example's own files are untouched.
    expect(git(workspace, 'status', '--porcelain')).toBe('');
    const log = sarifOf(run);
    const found = located(log, 'ESLint');
    for (const f of EXPECTED.services['node-service']?.findings ?? []) {
      const rule = f.rules.eslint;
      if (!rule) continue;
      expect(found).toContain(`node-service/${f.file}:${String(f.line)}:${rule}`);
      expect(cwesOf(log, 'ESLint', rule)).not.toEqual([]);
    }
    if (HAS_SARIF_VALIDATOR) expect(validateSarif(log).filter((p) => p.level === 'error')).toEqual([]);
  }, 320_000);

  itBandit(
    'the monorepo fixture: four engines chosen; opengrep and gosec cannot be downloaded → partial, the others still run',
    async () => {
      const workspace = mkdtempSync(path.join(tmpdir(), 'pavedpath-sast-mono-'));
      cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'sast', 'monorepo'), workspace, { recursive: true });
      const run = await runAction({
        action: 'sast',
        workspace,
        event: { name: 'push', fixture: 'push' },
        // A mirror on loopback that has none of the files (404: no retries), offline.
        inputs: { 'tools-mirror': `${mirror.url}/releases`, category: 'mono' },
        env: { PATH: pathWithTestTools(), RUNNER_TOOL_CACHE: toolCache },
        timeoutMs: 300_000,
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.outputs.status).toBe('partial');
      const engines = JSON.parse(run.outputs.engines ?? '[]') as EngineOut[];
      expect(engines.map((e) => [e.name, e.status])).toEqual([
        ['opengrep', 'failed'],
        ['gosec', 'failed'],
        ['bandit', 'ok'],
        ['eslint-security', 'ok'],
      ]);
      expect(engines[0]?.reason).toContain(`${mirror.url}/releases/opengrep`);
      expect(mirror.count('GET', /^\/releases\/gosec_/)).toBe(1);
      const warnings = run.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
      expect(warnings.some((w) => w.startsWith('SAST is partial: opengrep ('))).toBe(true);
      const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.title);
      expect(errors).toEqual(['SAST engine opengrep failed', 'SAST engine gosec failed']);
      const log = sarifOf(run);
      // Failed engines add no run: an empty run would tell code scanning their alerts were fixed.
      expect(log.runs.map((r) => r.tool.driver.name)).toEqual(['Bandit', 'ESLint']);
      expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['mono/bandit/', 'mono/eslint-security/']);
      expect(located(log, 'Bandit')).toContain('tools/report/report.py:6:B602');
      expect(located(log, 'ESLint')).toContain('web/src/render.js:3:security/detect-eval-with-expression');
    },
    320_000,
  );

  itBandit(
    'a pull request: only the changed files are scanned',
    async () => {
      const workspace = workspaceWith(['python-service']);
      const base = git(workspace, 'rev-parse', 'HEAD');
      git(workspace, 'checkout', '-q', '-b', 'feature');
      writeFileSync(
        path.join(workspace, 'python-service', 'webhooks.py'),
        `${readFileSync(path.join(workspace, 'python-service', 'webhooks.py'), 'utf8')}\n# touched\n`,
      );
      mkdirSync(path.join(workspace, 'python-service', 'tools'));
      writeFileSync(
        path.join(workspace, 'python-service', 'tools', 'run.py'),
        'import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n',
      );
      git(workspace, 'add', '.');
      git(workspace, 'commit', '-q', '-m', 'change');
      const head = git(workspace, 'rev-parse', 'HEAD');
      const payload = JSON.parse(
        readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'events', 'pull_request.opened.json'), 'utf8'),
      ) as {
        pull_request: { base: { sha: string }; head: { sha: string } };
      };
      payload.pull_request.base.sha = base;
      payload.pull_request.head.sha = head;
      const run = await runAction({
        action: 'sast',
        workspace,
        event: { name: 'pull_request', payload },
        sha: head,
        env: { PATH: pathWithTestTools(), RUNNER_TOOL_CACHE: toolCache },
        timeoutMs: 120_000,
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain('Changed files only: 2 file(s)');
      const found = [...located(sarifOf(run), 'Bandit')].sort();
      expect(found).toEqual([
        'python-service/tools/run.py:1:B404',
        'python-service/tools/run.py:5:B602',
        'python-service/webhooks.py:15:B501',
      ]);
    },
    180_000,
  );

  it('refuses bad inputs before installing anything, naming each problem', async () => {
    const workspace = workspaceWith(['python-service']);
    const run = await runAction({
      action: 'sast',
      workspace,
      inputs: {
        engines: 'bandit, codeql',
        versions: 'gosec=2.1.0',
        config: 'eslint: my.config.js',
        'extra-args': 'bandit: --x "open',
      },
    });
    expect(run.exitCode).toBe(1);
    const message = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(message).toContain('The SAST inputs have 4 problem(s)');
    expect(message).toContain("'engines': 'codeql' is not an engine");
    expect(message).toContain("'versions': gosec 2.1.0 is not in Paved Path's table of verified downloads");
    expect(message).toContain("'config': eslint-security always runs with Paved Path's own ESLint config");
    expect(message).toContain('unclosed " quote');
  }, 60_000);

  // Code scanning rejects a run of more than 25,000 results. A stand-in bandit on PATH (a shell
  // script answering --version within range, then writing bandit JSON with 25,004 issues) shows
  // the action cutting the run to the 25,000 most severe and saying so.
  it("a run past code scanning's 25,000 results is cut to the most severe, with a warning", async () => {
    const workspace = workspaceWith(['python-service']);
    const bin = mkdtempSync(path.join(tmpdir(), 'pavedpath-fake-bandit-'));
    const issue = (i: number, severity: string) => ({
      code: `${i} x = 1\n`,
      col_offset: 0,
      end_col_offset: 5,
      filename: './python-service/app.py',
      issue_confidence: 'HIGH',
      issue_cwe: { id: 78, link: 'https://cwe.mitre.org/data/definitions/78.html' },
      issue_severity: severity,
      issue_text: `Issue ${i}`,
      line_number: i,
      line_range: [i],
      more_info:
        'https://bandit.readthedocs.io/en/1.8.6/plugins/b602_subprocess_popen_with_shell_equals_true.html',
      test_id: 'B602',
      test_name: 'subprocess_popen_with_shell_equals_true',
    });
    const results = Array.from({ length: 25_000 }, (_, i) => issue(i + 1, 'HIGH'));
    for (let i = 0; i < 4; i++) results.splice(i * 1000, 0, issue(30_000 + i, 'LOW'));
    writeFileSync(path.join(bin, 'bandit.json'), JSON.stringify({ errors: [], results }));
    writeFileSync(
      path.join(bin, 'bandit'),
      `#!/bin/sh
# A stand-in for bandit, made by test/actions/sast.e2e.test.ts.
if [ "$1" = "--version" ]; then echo "bandit 1.8.6"; exit 0; fi
while [ $# -gt 0 ]; do
  if [ "$1" = "--output" ]; then cp "${path.join(bin, 'bandit.json')}" "$2"; exit 0; fi
  shift
done
exit 2
`,
      { mode: 0o755 },
    );
    const run = await runAction({
      action: 'sast',
      workspace,
      event: { name: 'push', fixture: 'push' },
      inputs: { engines: 'bandit' },
      env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, RUNNER_TOOL_CACHE: toolCache },
      timeoutMs: 300_000,
    });
    expect(run.exitCode).toBe(0);
    const engines = JSON.parse(run.outputs.engines ?? '[]') as EngineOut[];
    expect(engines).toEqual([
      expect.objectContaining({ name: 'bandit', status: 'ok', version: '1.8.6', source: 'path' }),
    ]);
    const log = sarifOf(run);
    expect(log.runs[0]?.results).toHaveLength(25_000);
    // The four LOW results are the ones left out.
    expect(
      log.runs[0]?.results.some((r) => (r.locations[0]?.physicalLocation.region.startLine ?? 0) >= 30_000),
    ).toBe(false);
    expect(run.outputs['finding-count']).toBe('25000');
    // The engine's own count is what the file holds, too.
    expect(engines[0]?.findings).toBe(25_000);
    const warnings = run.annotations.filter((a) => a.title === 'SARIF cut to code scanning limits');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('at most 25,000 results in a run');
    expect(warnings[0]?.message).toContain(
      'had 25,004: the 25,000 most severe were kept and the 4 least severe left out',
    );
  });
});
