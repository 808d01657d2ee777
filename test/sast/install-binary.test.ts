/**
 * The binary engines (gosec, opengrep) through the SAST action's installer and runner, in a child
 * process as the action runs them, against a loopback release server: the archive (gosec) or bare
 * executable (opengrep) is a stand-in built here whose digest is injected through a catalogue
 * entry (the real assets cannot be downloaded here). Right digest: installed, then run, and the
 * real gosec and semgrep SARIF it prints (from ../shared/fixtures/real-world/sarif) comes back
 * tidied and enriched. Wrong digest: refused with a clear error, nothing cached, nothing run.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOLS, selectAsset, type ToolEntry } from '../../src/tools/catalogue.js';
import { CANNOT_RUN_SOURCES, spawnDriver, useScratchAndDownloads } from '../support/installer-harness.js';
import { HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';

const DRIVER = fileURLToPath(new URL('fixtures/engine-driver.mjs', import.meta.url));
const PLATFORM_KEY = `${process.platform}-${process.arch}`;
const GOSEC_SARIF = path.join(REAL_WORLD, 'sarif', 'gosec-gowaves-large.sarif');
const SEMGREP_SARIF = path.join(REAL_WORLD, 'sarif', 'semgrep-dataflow-traces.sarif');

const skipWhy =
  CANNOT_RUN_SOURCES ??
  (process.platform === 'win32'
    ? 'the stand-in tools are shell scripts'
    : !selectAsset('gosec', process.platform, process.arch) ||
        !selectAsset('opengrep', process.platform, process.arch)
      ? `the catalogue has no gosec or opengrep asset for ${PLATFORM_KEY}`
      : !HAS_REAL_WORLD
        ? 'the real-world fixtures are missing'
        : undefined);
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

type BinaryEngine = 'gosec' | 'opengrep';

const loopback = useScratchAndDownloads('pavedpath-sast-bin-');
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
  const dir = mkdtempSync(path.join(loopback.scratch, 'archive-'));
  writeFileSync(path.join(dir, 'gosec'), script);
  chmodSync(path.join(dir, 'gosec'), 0o755);
  writeFileSync(path.join(dir, 'LICENSE.txt'), 'Apache-2.0\n');
  const out = path.join(loopback.scratch, `gosec-${String(++counter)}.tar.gz`);
  execFileSync('tar', ['-czf', out, '-C', dir, 'gosec', 'LICENSE.txt']);
  return readFileSync(out);
}

function entryFor(tool: BinaryEngine, digest: string): ToolEntry {
  const asset = selectAsset(tool, process.platform, process.arch);
  if (!asset) throw new Error(`no ${tool} asset for ${PLATFORM_KEY}`);
  return {
    ...TOOLS[tool],
    assets: {
      [PLATFORM_KEY]: {
        ...asset,
        url: `${loopback.server.url}${new URL(asset.url).pathname}`,
        sha256: digest,
      },
    },
  };
}

/** Serves only `bytes`, as `tool`'s release asset; the entry returned pins `digest`. */
function serveAsset(tool: BinaryEngine, bytes: Buffer, digest: string): ToolEntry {
  loopback.server.reset();
  const entry = entryFor(tool, digest);
  loopback.server.serve(
    new URL(entry.assets[PLATFORM_KEY as keyof ToolEntry['assets']]!.url).pathname,
    bytes,
  );
  return entry;
}

const freshDir = (name: string): string => mkdtempSync(path.join(loopback.scratch, `${name}-`));

describeE2e('binary engines: verified download, then run (loopback release server)', () => {
  let emptyPath: string;
  let project: string;

  beforeAll(() => {
    emptyPath = freshDir('empty');
    project = freshDir('project');
    mkdirSync(path.join(project, 'svc'));
    writeFileSync(path.join(project, 'svc', 'go.mod'), 'module example.com/svc\n\ngo 1.22\n');
    writeFileSync(path.join(project, 'svc', 'main.go'), 'package main\n\nfunc main() {}\n');
  });

  const runOptions = () => ({
    root: project,
    targets: ['.'],
    goModules: ['svc'],
    extraArgs: [],
    scratch: freshDir('run'),
  });

  /** Installs `engine` from `entry`, with nothing on PATH, into `toolCache`; with `run`, runs it. */
  const install = (
    engine: BinaryEngine,
    entry: ToolEntry,
    toolCache: string,
    run?: ReturnType<typeof runOptions>,
  ): Promise<DriverResult> =>
    spawnDriver<DriverResult>(
      DRIVER,
      { engine, options: { searchPath: emptyPath, toolEntry: entry }, run },
      { scratch: loopback.scratch, env: { RUNNER_TOOL_CACHE: toolCache, RUNNER_TEMP: freshDir('temp') } },
    );

  /** `install` into a fresh tool cache, then a run in a fresh scratch folder. */
  async function installAndRun(engine: BinaryEngine, entry: ToolEntry) {
    const toolCache = freshDir('cache');
    const run = runOptions();
    return { result: await install(engine, entry, toolCache, run), toolCache, run };
  }

  it('gosec: right digest → extracted, cached, run in each Go module; its real SARIF comes back enriched', async () => {
    const bytes = gosecArchive(gosecScript(TOOLS.gosec.version));
    const entry = serveAsset('gosec', bytes, sha256(bytes));
    const { result, toolCache, run } = await installAndRun('gosec', entry);
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
    loopback.server.requests.length = 0;
    const again = await install('gosec', entry, toolCache);
    expect(again.installed?.source).toBe('cache');
    expect(loopback.server.requests).toEqual([]);
  }, 120_000);

  it('gosec: wrong digest → refused with the reason, nothing cached and nothing run', async () => {
    const bytes = gosecArchive(gosecScript(TOOLS.gosec.version));
    const entry = serveAsset('gosec', bytes, sha256(Buffer.from('something else')));
    const { result, toolCache, run } = await installAndRun('gosec', entry);
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('ToolInstallError');
    expect(result.error?.message).toContain(`is ${sha256(bytes)}`);
    expect(result.error?.message).toContain('nothing was extracted or cached');
    expect(readdirSync(toolCache)).toEqual([]);
    expect(readdirSync(run.scratch)).toEqual([]);
  }, 120_000);

  it('opengrep: right digest → installed as a bare executable, run with the starter rules; wrong digest → refused', async () => {
    const bytes = Buffer.from(opengrepScript(TOOLS.opengrep.version));
    const good = serveAsset('opengrep', bytes, sha256(bytes));
    const { result, run } = await installAndRun('opengrep', good);
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

    // The same asset, served still, against an entry that pins another digest.
    const bad = entryFor('opengrep', sha256(Buffer.from('not opengrep')));
    const { result: refused, toolCache: cache2 } = await installAndRun('opengrep', bad);
    expect(refused.error?.name).toBe('ToolInstallError');
    expect(refused.error?.message).toContain(`pins ${sha256(Buffer.from('not opengrep'))}`);
    expect(readdirSync(cache2)).toEqual([]);
  }, 120_000);
});
