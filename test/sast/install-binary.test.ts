/**
 * The binary engines (gosec, opengrep) through the SAST action's installer and runner, in a child
 * process as the action runs them, against a loopback release server: the archive (gosec) or bare
 * executable (opengrep) is a stand-in built here whose digest is injected through a catalogue
 * entry (the real assets cannot be downloaded here). Right digest: installed, then run, and the
 * real gosec and semgrep SARIF it prints (from ../shared/fixtures/real-world/sarif) comes back
 * tidied and enriched. Wrong digest: refused with a clear error, nothing cached, nothing run.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOLS, selectAsset, type ToolEntry } from '../../src/tools/catalogue.js';
import { startFakeDownloads, type FakeDownloads } from '../support/fake-downloads.js';
import { HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');
const DRIVER = path.join(HERE, 'fixtures', 'engine-driver.mjs');
const PLATFORM_KEY = `${process.platform}-${process.arch}`;
const GOSEC_SARIF = path.join(REAL_WORLD, 'sarif', 'gosec-gowaves-large.sarif');
const SEMGREP_SARIF = path.join(REAL_WORLD, 'sarif', 'semgrep-dataflow-traces.sarif');

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const skipWhy =
  major < 22 || (major === 22 && minor < 15)
    ? `Node ${process.versions.node} cannot run the TypeScript sources directly`
    : process.platform === 'win32'
      ? 'the stand-in tools are shell scripts'
      : !selectAsset('gosec', process.platform, process.arch) ||
          !selectAsset('opengrep', process.platform, process.arch)
        ? `the catalogue has no gosec or opengrep asset for ${PLATFORM_KEY}`
        : !HAS_REAL_WORLD
          ? 'the real-world fixtures are missing'
          : undefined;
const describeE2e = skipWhy ? describe.skip : describe;

interface SarifRunLike {
  tool: {
    driver: {
      name: string;
      version?: string;
      rules?: { id: string; properties?: Record<string, unknown> }[];
    };
  };
  results: { ruleId: string; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[];
}
interface DriverResult {
  ok: boolean;
  installed?: { engine: string; version: string; command: string; source: string };
  logs?: { runs: SarifRunLike[] }[];
  error?: { name: string; message: string };
  log: string[];
}

let scratch: string;
let server: FakeDownloads;
let counter = 0;

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** gosec's CLI as the runner calls it: `-fmt=sarif -out=<file> … ./...`; writes real gosec SARIF. */
function gosecScript(version: string): string {
  return `#!/bin/sh
# A stand-in for gosec ${version}, made by test/sast/install-binary.test.ts.
out=""
for arg in "$@"; do
  case "$arg" in
    -version|--version) echo "Version: ${version}"; exit 0 ;;
    -out=*) out="\${arg#-out=}" ;;
  esac
done
pwd > "$out.cwd"
cp '${GOSEC_SARIF}' "$out"
`;
}

/** opengrep's CLI: `scan --config <rules> … --sarif --output <file> -- <targets>`; writes real semgrep SARIF. */
function opengrepScript(version: string): string {
  return `#!/bin/sh
# A stand-in for opengrep ${version}, made by test/sast/install-binary.test.ts.
[ "$1" = "--version" ] && { echo "${version}"; exit 0; }
out=""; prev=""; configs=""
for arg in "$@"; do
  [ "$prev" = "--output" ] && out="$arg"
  [ "$prev" = "--config" ] && configs="$configs $arg"
  prev="$arg"
done
echo "$configs" > "$out.configs"
cp '${SEMGREP_SARIF}' "$out"
`;
}

function gosecArchive(script: string): Buffer {
  const dir = mkdtempSync(path.join(scratch, 'archive-'));
  writeFileSync(path.join(dir, 'gosec'), script);
  chmodSync(path.join(dir, 'gosec'), 0o755);
  writeFileSync(path.join(dir, 'LICENSE.txt'), 'Apache-2.0\n');
  const out = path.join(scratch, `gosec-${String(++counter)}.tar.gz`);
  execFileSync('tar', ['-czf', out, '-C', dir, 'gosec', 'LICENSE.txt']);
  return readFileSync(out);
}

function entryFor(tool: 'gosec' | 'opengrep', digest: string): ToolEntry {
  const asset = selectAsset(tool, process.platform, process.arch);
  if (!asset) throw new Error(`no ${tool} asset for ${PLATFORM_KEY}`);
  return {
    ...TOOLS[tool],
    assets: {
      [PLATFORM_KEY]: { ...asset, url: `${server.url}${new URL(asset.url).pathname}`, sha256: digest },
    },
  };
}

async function runDriver(request: Record<string, unknown>, toolCache: string): Promise<DriverResult> {
  const resultFile = path.join(scratch, `result-${String(++counter)}.json`);
  const requestFile = path.join(scratch, `request-${String(counter)}.json`);
  writeFileSync(requestFile, JSON.stringify({ repoRoot: REPO_ROOT, ...request, resultFile }));
  const temp = mkdtempSync(path.join(scratch, 'temp-'));
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', DRIVER, requestFile],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? scratch,
        RUNNER_TOOL_CACHE: toolCache,
        RUNNER_TEMP: temp,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0 || !existsSync(resultFile)) throw new Error(`driver exited ${String(code)}:\n${output}`);
  return JSON.parse(readFileSync(resultFile, 'utf8')) as DriverResult;
}

describeE2e('binary engines: verified download, then run (loopback release server)', () => {
  let emptyPath: string;
  let project: string;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'pavedpath-sast-bin-'));
    server = await startFakeDownloads();
    emptyPath = mkdtempSync(path.join(scratch, 'empty-'));
    project = mkdtempSync(path.join(scratch, 'project-'));
    mkdirSync(path.join(project, 'svc'));
    writeFileSync(path.join(project, 'svc', 'go.mod'), 'module example.com/svc\n\ngo 1.22\n');
    writeFileSync(path.join(project, 'svc', 'main.go'), 'package main\n\nfunc main() {}\n');
  });
  afterAll(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const runOptions = () => ({
    root: project,
    targets: ['.'],
    goModules: ['svc'],
    extraArgs: [],
    scratch: mkdtempSync(path.join(scratch, 'run-')),
  });

  it('gosec: right digest → extracted, cached, run in each Go module; its real SARIF comes back enriched', async () => {
    server.reset();
    const bytes = gosecArchive(gosecScript(TOOLS.gosec.version));
    const entry = entryFor('gosec', sha256(bytes));
    server.serve(new URL(entry.assets[PLATFORM_KEY as keyof ToolEntry['assets']]!.url).pathname, bytes);
    const toolCache = mkdtempSync(path.join(scratch, 'cache-'));
    const run = runOptions();
    const result = await runDriver(
      { engine: 'gosec', options: { searchPath: emptyPath, toolEntry: entry }, run },
      toolCache,
    );
    expect(result.error).toBeUndefined();
    expect(result.installed).toMatchObject({
      engine: 'gosec',
      version: TOOLS.gosec.version,
      source: 'download',
      command: path.join(toolCache, 'gosec', TOOLS.gosec.version, process.arch, 'gosec'),
    });
    // gosec ran in the module's folder.
    expect(readFileSync(path.join(run.scratch, 'gosec-0.sarif.cwd'), 'utf8').trim()).toBe(
      path.join(project, 'svc'),
    );
    const original = JSON.parse(readFileSync(GOSEC_SARIF, 'utf8')) as { runs: SarifRunLike[] };
    const sarifRun = result.logs?.[0]?.runs[0];
    expect(sarifRun?.tool.driver.name).toBe('gosec');
    expect(sarifRun?.results).toHaveLength(original.runs[0]?.results.length ?? -1);
    // gosec gives the CWE as a taxonomy relationship only: the rule now has the tag as well.
    const g304 = sarifRun?.tool.driver.rules?.find((r) => r.id === 'G304');
    expect(g304?.properties?.tags).toEqual(expect.arrayContaining(['security', 'external/cwe/cwe-22']));
    expect(g304?.properties?.['security-severity']).toMatch(/^\d+\.\d$/);

    // A second run finds it in the tool cache: no download.
    server.requests.length = 0;
    const again = await runDriver(
      { engine: 'gosec', options: { searchPath: emptyPath, toolEntry: entry } },
      toolCache,
    );
    expect(again.installed?.source).toBe('cache');
    expect(server.requests).toEqual([]);
  }, 120_000);

  it('gosec: wrong digest → refused with the reason, nothing cached and nothing run', async () => {
    server.reset();
    const bytes = gosecArchive(gosecScript(TOOLS.gosec.version));
    const entry = entryFor('gosec', sha256(Buffer.from('something else')));
    server.serve(new URL(entry.assets[PLATFORM_KEY as keyof ToolEntry['assets']]!.url).pathname, bytes);
    const toolCache = mkdtempSync(path.join(scratch, 'cache-'));
    const run = runOptions();
    const result = await runDriver(
      { engine: 'gosec', options: { searchPath: emptyPath, toolEntry: entry }, run },
      toolCache,
    );
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('ToolInstallError');
    expect(result.error?.message).toContain(`is ${sha256(bytes)}`);
    expect(result.error?.message).toContain('nothing was extracted or cached');
    expect(readdirSync(toolCache)).toEqual([]);
    expect(readdirSync(run.scratch)).toEqual([]);
  }, 120_000);

  it('opengrep: right digest → installed as a bare executable, run with the starter rules; wrong digest → refused', async () => {
    server.reset();
    const bytes = Buffer.from(opengrepScript(TOOLS.opengrep.version));
    const good = entryFor('opengrep', sha256(bytes));
    const assetPath = new URL(good.assets[PLATFORM_KEY as keyof ToolEntry['assets']]!.url).pathname;
    server.serve(assetPath, bytes);
    const toolCache = mkdtempSync(path.join(scratch, 'cache-'));
    const run = runOptions();
    const result = await runDriver(
      { engine: 'opengrep', options: { searchPath: emptyPath, toolEntry: good }, run },
      toolCache,
    );
    expect(result.error).toBeUndefined();
    expect(result.installed).toMatchObject({
      engine: 'opengrep',
      source: 'download',
      version: TOOLS.opengrep.version,
    });
    expect(readFileSync(path.join(run.scratch, 'opengrep.sarif.configs'), 'utf8').trim()).toBe(
      path.join(run.scratch, 'pavedpath-starter-rules.yml'),
    );
    expect(readFileSync(path.join(run.scratch, 'pavedpath-starter-rules.yml'), 'utf8')).toMatch(/^rules:\n/m);
    const sarifRun = result.logs?.[0]?.runs[0];
    const original = JSON.parse(readFileSync(SEMGREP_SARIF, 'utf8')) as { runs: SarifRunLike[] };
    expect(sarifRun?.results.map((r) => r.ruleId)).toEqual(original.runs[0]?.results.map((r) => r.ruleId));

    const bad = entryFor('opengrep', sha256(Buffer.from('not opengrep')));
    const cache2 = mkdtempSync(path.join(scratch, 'cache-'));
    const refused = await runDriver(
      { engine: 'opengrep', options: { searchPath: emptyPath, toolEntry: bad }, run: runOptions() },
      cache2,
    );
    expect(refused.error?.name).toBe('ToolInstallError');
    expect(refused.error?.message).toContain(`pins ${sha256(Buffer.from('not opengrep'))}`);
    expect(readdirSync(cache2)).toEqual([]);
  }, 120_000);
});
