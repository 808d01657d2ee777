/**
 * The pip install path of the Python engines (bandit, semgrep), end to end in a child process as
 * the action runs it: a real virtual environment, real pip, against a loopback stand-in for a
 * PyPI simple index (PEP 503) that serves a wheel built here. The wheel is a stand-in for bandit
 * (PyPI is not reachable from these machines): a console script `bandit` that answers
 * `--version` and writes bandit-shaped JSON, so the installed engine is also run.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeDownloads } from '../support/fake-downloads.js';
import { CANNOT_RUN_SOURCES, spawnDriver, useScratchAndDownloads } from '../support/installer-harness.js';

const DRIVER = fileURLToPath(new URL('fixtures/engine-driver.mjs', import.meta.url));

function hasVenv(): boolean {
  try {
    execFileSync('python3', ['-c', 'import venv, ensurepip'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const skipWhy =
  CANNOT_RUN_SOURCES ??
  (process.platform === 'win32'
    ? 'POSIX paths'
    : !hasVenv()
      ? 'python3 with venv and ensurepip is not installed'
      : undefined);
if (skipWhy && process.env.CI === 'true')
  throw new Error(`CI must run the pip install tests, but ${skipWhy}`);
const describeE2e = skipWhy ? describe.skip : describe;

const BANDIT_JSON = {
  errors: [],
  generated_at: '2026-11-23T00:00:00Z',
  metrics: {},
  results: [
    {
      code: '19 def run(cmd):\n20     return subprocess.call(cmd, shell=True)\n',
      col_offset: 11,
      filename: './tool.py',
      issue_confidence: 'HIGH',
      issue_cwe: { id: 78, link: 'https://cwe.mitre.org/data/definitions/78.html' },
      issue_severity: 'HIGH',
      issue_text: 'subprocess call with shell=True identified, security issue.',
      line_number: 20,
      line_range: [20],
      more_info:
        'https://bandit.readthedocs.io/en/1.9.4/plugins/b602_subprocess_popen_with_shell_equals_true.html',
      test_id: 'B602',
      test_name: 'subprocess_popen_with_shell_equals_true',
    },
  ],
};

/** A wheel named bandit-<version>, whose `bandit` console script imitates bandit's CLI. */
function buildWheel(dir: string, version: string): { file: string; bytes: Buffer } {
  const script = `
import json, sys
VERSION = ${JSON.stringify(version)}
RESULT = ${JSON.stringify(JSON.stringify(BANDIT_JSON))}
def main():
    args = sys.argv[1:]
    if "--version" in args:
        print("bandit " + VERSION)
        print("  python version = stand-in")
        return 0
    flag = "--output" if "--output" in args else "-o"
    out = args[args.index(flag) + 1]
    with open(out, "w") as f:
        f.write(RESULT)
    return 0 if "--exit-zero" in args else 1
`;
  const builder = `
import base64, hashlib, sys, zipfile
name, version, out, script = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
info = f"{name}-{version}.dist-info"
files = {
  "bandit_standin/__init__.py": script,
  f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\nSummary: a stand-in made by test/sast/install-python.test.ts\\n",
  f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: pavedpath-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
  f"{info}/entry_points.txt": "[console_scripts]\\nbandit = bandit_standin:main\\n",
}
record = []
with zipfile.ZipFile(out, "w") as z:
  for path, text in files.items():
    data = text.encode()
    z.writestr(path, data)
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    record.append(f"{path},sha256={digest},{len(data)}")
  record.append(f"{info}/RECORD,,")
  z.writestr(f"{info}/RECORD", "\\n".join(record) + "\\n")
`;
  const file = `bandit-${version}-py3-none-any.whl`;
  const out = path.join(dir, file);
  execFileSync('python3', ['-c', builder, 'bandit', version, out, script]);
  return { file, bytes: readFileSync(out) };
}

function indexPage(links: { file: string; bytes: Buffer }[]): string {
  const anchors = links
    .map(
      (l) =>
        `<a href="/packages/${l.file}#sha256=${createHash('sha256').update(l.bytes).digest('hex')}">${l.file}</a><br/>`,
    )
    .join('\n');
  return `<!DOCTYPE html>\n<html><body><h1>Links for bandit</h1>\n${anchors}\n</body></html>\n`;
}

interface DriverResult {
  ok: boolean;
  installed?: { engine: string; version: string; command: string; source: string };
  logs?: { runs: { tool: { driver: { name: string; version: string } }; results: { ruleId: string }[] }[] }[];
  error?: { name: string; message: string };
  log: string[];
}

const loopback = useScratchAndDownloads('pavedpath-pip-');

const runDriver = (request: Record<string, unknown>, env: Record<string, string>): Promise<DriverResult> =>
  spawnDriver<DriverResult>(DRIVER, request, { scratch: loopback.scratch, env });

describeE2e('Python engines: pip install into a virtual environment of their own (loopback index)', () => {
  let scratch: string;
  let server: FakeDownloads;
  let toolCache: string;
  let emptyPath: string;
  let project: string;

  beforeAll(() => {
    ({ scratch, server } = loopback);
    toolCache = path.join(scratch, 'tool-cache');
    mkdirSync(toolCache);
    emptyPath = mkdtempSync(path.join(scratch, 'empty-'));
    project = mkdtempSync(path.join(scratch, 'project-'));
    writeFileSync(
      path.join(project, 'tool.py'),
      'import subprocess\n'.padEnd(20, '\n') + 'def run(cmd):\n    return subprocess.call(cmd, shell=True)\n',
    );
  });

  function env(): Record<string, string> {
    return {
      RUNNER_TOOL_CACHE: toolCache,
      RUNNER_TEMP: scratch,
      PIP_INDEX_URL: `${server.url}/simple/`,
      PIP_NO_CACHE_DIR: '1',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
    };
  }

  it('installs the pinned bandit (wheels only) when none is on PATH, runs it, then finds it in the cache', async () => {
    const pinned = buildWheel(scratch, '1.9.4');
    const older = buildWheel(scratch, '1.8.6');
    server.serve('/simple/bandit/', indexPage([older, pinned]), 'text/html');
    server.serve(`/packages/${pinned.file}`, pinned.bytes);
    server.serve(`/packages/${older.file}`, older.bytes);

    const first = await runDriver(
      {
        engine: 'bandit',
        options: { searchPath: emptyPath },
        run: {
          root: project,
          targets: ['.'],
          goModules: [],
          extraArgs: [],
          scratch: mkdtempSync(path.join(scratch, 'run-')),
        },
      },
      env(),
    );
    expect(first.error).toBeUndefined();
    expect(first.installed).toMatchObject({ engine: 'bandit', version: '1.9.4', source: 'install' });
    expect(first.installed?.command).toBe(
      path.join(toolCache, 'pavedpath-bandit', '1.9.4', process.arch, 'bin', 'bandit'),
    );
    expect(server.count('GET', `/packages/${pinned.file}`)).toBe(1);
    expect(server.count('GET', `/packages/${older.file}`)).toBe(0);
    expect(existsSync(path.join(toolCache, 'pavedpath-bandit', '1.9.4', `${process.arch}.complete`))).toBe(
      true,
    );
    expect(first.log.join('\n')).toContain('pip install --only-binary=:all: bandit==1.9.4');
    // The installed engine ran and its JSON became SARIF.
    const run = first.logs?.[0]?.runs[0];
    expect(run?.tool.driver).toMatchObject({ name: 'Bandit', version: '1.9.4' });
    expect(run?.results.map((r) => r.ruleId)).toEqual(['B602']);

    const requestsBefore = server.requests.length;
    const second = await runDriver({ engine: 'bandit', options: { searchPath: emptyPath } }, env());
    expect(second.installed).toMatchObject({ version: '1.9.4', source: 'cache' });
    expect(server.requests.length).toBe(requestsBefore);
  }, 180_000);

  it('installs a `versions` override within range, and says when the index lacks the version', async () => {
    const ok = await runDriver(
      { engine: 'bandit', options: { searchPath: emptyPath, version: '1.8.6' } },
      env(),
    );
    expect(ok.installed).toMatchObject({ version: '1.8.6', source: 'install' });

    const missing = await runDriver(
      { engine: 'bandit', options: { searchPath: emptyPath, version: '1.8.5' } },
      env(),
    );
    expect(missing.ok).toBe(false);
    expect(missing.error?.name).toBe('EngineInstallError');
    expect(missing.error?.message).toMatch(
      /^bandit: pip could not install bandit==1\.8\.5 \(.*No matching distribution found for bandit==1\.8\.5.*\)\. Check that the runner can reach PyPI; on an air-gapped runner set PIP_INDEX_URL/,
    );
    // Nothing half-installed is left to be mistaken for an install.
    expect(existsSync(path.join(toolCache, 'pavedpath-bandit', '1.8.5', process.arch))).toBe(false);
  }, 180_000);

  it('uses a bandit on PATH within range as is, and replaces one that is too old', async () => {
    const bin = mkdtempSync(path.join(scratch, 'bin-'));
    const fake = (version: string): void => {
      writeFileSync(
        path.join(bin, 'bandit'),
        `#!/bin/sh\necho "__main__.py ${version}"\necho "  python version = 3.11"\n`,
        { mode: 0o755 },
      );
    };
    fake('1.7.10');
    const onPath = await runDriver({ engine: 'bandit', options: { searchPath: bin } }, env());
    expect(onPath.installed).toMatchObject({
      version: '1.7.10',
      source: 'path',
      command: path.join(bin, 'bandit'),
    });

    fake('1.6.2');
    const old = await runDriver({ engine: 'bandit', options: { searchPath: bin } }, env());
    expect(old.installed).toMatchObject({ version: '1.9.4', source: 'cache' });
    expect(old.log[0]).toBe(
      `bandit on PATH (${path.join(bin, 'bandit')}) is 1.6.2, not >=1.7.0 <2.0.0: installing bandit 1.9.4 instead`,
    );
  }, 180_000);

  it('refuses a package that installs another version than asked (a wrong index), and cleans up', async () => {
    const liar = buildWheel(mkdtempSync(path.join(scratch, 'liar-')), '1.9.4');
    // The index serves a wheel named 1.9.3 whose metadata says 1.9.4: pip itself refuses it.
    server.serve(
      '/simple/bandit/',
      indexPage([{ file: 'bandit-1.9.3-py3-none-any.whl', bytes: liar.bytes }]),
      'text/html',
    );
    server.serve('/packages/bandit-1.9.3-py3-none-any.whl', liar.bytes);
    const result = await runDriver(
      { engine: 'bandit', options: { searchPath: emptyPath, version: '1.9.3' } },
      env(),
    );
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/^bandit: pip could not install bandit==1\.9\.3/);
    expect(existsSync(path.join(toolCache, 'pavedpath-bandit', '1.9.3', process.arch))).toBe(false);
  }, 180_000);

  it('says what to do outside a runner (no tool cache)', async () => {
    const result = await runDriver(
      { engine: 'bandit', options: { searchPath: emptyPath } },
      { PIP_INDEX_URL: `${server.url}/simple/` },
    );
    expect(result.error?.message).toBe(
      'bandit 1.9.4 is not on PATH and cannot be installed here: RUNNER_TOOL_CACHE is not set (this is not a GitHub Actions runner). Install bandit and put it on PATH.',
    );
  }, 60_000);
});
