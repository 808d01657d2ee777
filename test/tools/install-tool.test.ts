/**
 * The installer end to end, in a child process per run (as an action runs it), against a
 * loopback download server: real .tar.gz archives and executables built here, their digests
 * computed here and injected through a catalogue entry (the real digests cannot be served).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOLS, selectAsset, type ToolAsset, type ToolEntry } from '../../src/tools/catalogue.js';
import { type FakeDownloads, startFakeDownloads } from '../support/fake-downloads.js';
import { CANNOT_RUN_SOURCES, spawnDriver, useScratchAndDownloads } from '../support/installer-harness.js';

const DRIVER = fileURLToPath(new URL('fixtures/ensure-tool-driver.mjs', import.meta.url));

const PLATFORM_KEY = `${process.platform}-${process.arch}`;
const realSyft = selectAsset('syft', process.platform, process.arch);
const skipWhy =
  CANNOT_RUN_SOURCES ??
  (process.platform === 'win32'
    ? 'the fake tools are shell scripts'
    : !realSyft
      ? `the catalogue has no syft asset for ${PLATFORM_KEY}`
      : undefined);
if (skipWhy) process.stderr.write(`warning: skipping the installer's end-to-end tests: ${skipWhy}\n`);
const describeE2e = skipWhy ? describe.skip : describe;

interface DriverResult {
  ok: boolean;
  tool?: { name: string; version: string; path: string; from: string; url?: string };
  error?: { name: string; message: string; failure?: string };
  log: string[];
}

/** A shell script shaped like syft: `version`, `--version`, and `<image> -o cyclonedx-json`. */
function fakeSyft(version: string): string {
  return `#!/bin/sh
# A stand-in for syft ${version}, made by test/tools/install-tool.test.ts.
case "$1" in
  version)
    printf 'Application:       syft\\nVersion:           ${version}\\nBuildDate:         2025-01-01T00:00:00Z\\nGitCommit:         0000000000000000000000000000000000000000\\nGitDescription:    v${version}\\nPlatform:          linux/amd64\\nGoVersion:         go1.24.0\\nCompiler:          gc\\n'
    ;;
  --version) echo "syft ${version}" ;;
  *)
    if [ "$2" = "-o" ] && [ "$3" = "cyclonedx-json" ]; then
      printf '{"bomFormat":"CycloneDX","specVersion":"1.6","serialNumber":"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79","version":1,"metadata":{"tools":{"components":[{"type":"application","author":"anchore","name":"syft","version":"${version}"}]},"component":{"bom-ref":"image","type":"container","name":"%s"}},"components":[{"bom-ref":"pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.0","type":"library","name":"musl","version":"1.2.4-r2","purl":"pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.0"}]}\\n' "$1"
    else
      echo "fake syft: unsupported arguments: $*" >&2
      exit 2
    fi
    ;;
esac
`;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const loopback = useScratchAndDownloads('pavedpath-install-tool-');
let scratch: string;
let server: FakeDownloads;
let counter = 0;

/** A goreleaser-like archive: the executable at the top, beside README.md and LICENSE. */
function buildArchive(name: string, script: string): { bytes: Buffer; digest: string } {
  const dir = mkdtempSync(path.join(scratch, 'archive-'));
  writeFileSync(path.join(dir, name), script);
  chmodSync(path.join(dir, name), 0o755);
  writeFileSync(path.join(dir, 'README.md'), `# ${name}\n`);
  writeFileSync(path.join(dir, 'LICENSE'), 'Apache-2.0\n');
  const out = path.join(scratch, `archive-${++counter}.tar.gz`);
  execFileSync('tar', ['-czf', out, '-C', dir, name, 'README.md', 'LICENSE']);
  const bytes = readFileSync(out);
  return { bytes, digest: sha256(bytes) };
}

/** A folder holding an executable script `name`, for the PATH cases. */
function binDir(name: string, script: string): string {
  const dir = mkdtempSync(path.join(scratch, 'bin-'));
  writeFileSync(path.join(dir, name), script);
  chmodSync(path.join(dir, name), 0o755);
  return dir;
}

/** The real catalogue entry with one asset for this machine: served here, with `digest`. */
function injectedEntry(entry: ToolEntry, asset: ToolAsset, digest: string): ToolEntry {
  const releasePath = new URL(asset.url).pathname;
  return {
    ...entry,
    assets: { [PLATFORM_KEY]: { ...asset, url: `${server.url}${releasePath}`, sha256: digest } },
  };
}

interface RunnerDirs {
  toolCache: string;
  temp: string;
}

function runnerDirs(): RunnerDirs {
  const root = mkdtempSync(path.join(scratch, 'runner-'));
  const dirs = { toolCache: path.join(root, 'tool-cache'), temp: path.join(root, 'temp') };
  mkdirSync(dirs.toolCache);
  mkdirSync(dirs.temp);
  return dirs;
}

/** Runs the driver asynchronously: the fake server answers from this process's event loop. */
function runDriver(
  tool: string | ToolEntry,
  options: Record<string, unknown>,
  dirs: RunnerDirs | undefined,
): Promise<DriverResult> {
  // An empty search path unless a case sets one: a real syft on this machine must not interfere.
  const searchPath = mkdtempSync(path.join(scratch, 'empty-'));
  const env: Record<string, string> = dirs
    ? { RUNNER_TOOL_CACHE: dirs.toolCache, RUNNER_TEMP: dirs.temp }
    : {};
  return spawnDriver<DriverResult>(DRIVER, { tool, options: { searchPath, ...options } }, { scratch, env });
}

function run(file: string, args: string[]): string {
  return execFileSync(file, args, { encoding: 'utf8' });
}

describeE2e('ensureTool (child process, loopback download server)', () => {
  let good: { bytes: Buffer; digest: string };
  let syft: ToolEntry;
  let releasePath: string;

  beforeAll(() => {
    ({ scratch, server } = loopback);
    good = buildArchive('syft', fakeSyft(TOOLS.syft.version));
    syft = injectedEntry(TOOLS.syft, realSyft!, good.digest);
    releasePath = new URL(realSyft!.url).pathname;
  });

  const fresh = (): void => {
    server.reset();
  };

  it('downloads the pinned asset (through a redirect), verifies, extracts and caches it; then finds it in the cache', async () => {
    fresh();
    const storage = `/github-production-release-asset/${counter}`;
    server.serve(storage, good.bytes);
    // Absolute, as GitHub sends it (@actions/http-client cannot follow a relative Location).
    server.redirect(releasePath, `${server.url}${storage}`);
    const dirs = runnerDirs();

    const first = await runDriver(syft, {}, dirs);
    expect(first.error).toBeUndefined();
    const binary = path.join(dirs.toolCache, 'syft', TOOLS.syft.version, process.arch, 'syft');
    expect(first.tool).toEqual({
      name: 'syft',
      version: TOOLS.syft.version,
      path: binary,
      from: 'download',
      url: `${server.url}${releasePath}`,
    });
    expect(server.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', releasePath, 302],
      ['GET', storage, 200],
    ]);
    expect(first.log.join('\n')).toContain(`SHA-256 ${good.digest} matches the pinned digest`);
    expect(existsSync(`${path.dirname(binary)}.complete`)).toBe(true);
    expect(readdirSync(path.dirname(binary)).sort()).toEqual(['LICENSE', 'README.md', 'syft']);
    // The downloaded archive and the extraction folder are gone.
    expect(readdirSync(dirs.temp)).toEqual([]);

    // It runs, and what it prints is what a consumer reads.
    expect(run(binary, ['version'])).toContain(`Version:           ${TOOLS.syft.version}`);
    const sbom = JSON.parse(run(binary, ['alpine:3.19', '-o', 'cyclonedx-json'])) as {
      bomFormat: string;
      metadata: { component: { name: string } };
      components: { purl: string }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.metadata.component.name).toBe('alpine:3.19');
    expect(sbom.components.map((c) => c.purl)).toEqual([
      'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.0',
    ]);

    server.requests.length = 0;
    const second = await runDriver(syft, {}, dirs);
    expect(second.tool).toEqual({ name: 'syft', version: TOOLS.syft.version, path: binary, from: 'cache' });
    expect(server.requests).toEqual([]);
  });

  it('refuses an asset whose digest differs: clear error, nothing extracted or cached', async () => {
    fresh();
    const other = buildArchive('syft', `${fakeSyft(TOOLS.syft.version)}# tampered\n`);
    server.serve(releasePath, other.bytes);
    const dirs = runnerDirs();
    const result = await runDriver(syft, {}, dirs);
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('ToolInstallError');
    expect(result.error?.failure).toBe('digest');
    const message = result.error?.message ?? '';
    for (const part of [
      `syft ${TOOLS.syft.version}`,
      realSyft!.file,
      `${server.url}${releasePath}`,
      `is ${other.digest}`,
      `pins ${good.digest}`,
      'nothing was extracted or cached',
      `put syft ${TOOLS.syft.allowed} on PATH`,
    ]) {
      expect(message).toContain(part);
    }
    expect(readdirSync(dirs.toolCache)).toEqual([]);
    expect(readdirSync(dirs.temp)).toEqual([]);
    expect(server.count('GET', releasePath)).toBe(1);
  });

  it('downloads the same file name from a mirror, and says when the mirror serves another file', async () => {
    fresh();
    server.serve(`/mirror/tools/${realSyft!.file}`, good.bytes);
    const dirs = runnerDirs();
    const ok = await runDriver(syft, { mirror: `${server.url}/mirror/tools/` }, dirs);
    expect(ok.tool?.from).toBe('download');
    expect(ok.tool?.url).toBe(`${server.url}/mirror/tools/${realSyft!.file}`);
    expect(server.requests.map((r) => r.path)).toEqual([`/mirror/tools/${realSyft!.file}`]);

    server.serve(`/mirror/tools/${realSyft!.file}`, Buffer.from('not the release asset'));
    const bad = await runDriver(syft, { mirror: `${server.url}/mirror/tools` }, runnerDirs());
    expect(bad.error?.failure).toBe('digest');
    expect(bad.error?.message).toContain(
      `The mirror ${server.url}/mirror/tools serves a different file under that name: replace it with the release asset from ${TOOLS.syft.releasePage}`,
    );

    const notUrl = await runDriver(syft, { mirror: 'mirror.internal/tools' }, runnerDirs());
    expect(notUrl.error?.name).toBe('ConfigurationError');
    expect(notUrl.error?.message).toContain("The tool mirror 'mirror.internal/tools' is not an http(s) URL");
  });

  it('uses a syft on PATH at an allowed version, with no download', async () => {
    fresh();
    const dir = binDir('syft', fakeSyft('1.45.2'));
    const result = await runDriver(
      syft,
      { searchPath: [path.join(scratch, 'missing'), dir].join(path.delimiter) },
      runnerDirs(),
    );
    expect(result.tool).toEqual({
      name: 'syft',
      version: '1.45.2',
      path: path.join(dir, 'syft'),
      from: 'path',
    });
    expect(server.requests).toEqual([]);
  });

  it('finds a catalogue tool by name on PATH (no network needed)', async () => {
    fresh();
    const dir = binDir(
      'gosec',
      "#!/bin/sh\nprintf 'Version: 2.28.1\\nGit tag: v2.28.1\\nBuild date: 2025-01-01\\n'\n",
    );
    const result = await runDriver('gosec', { searchPath: dir }, undefined);
    expect(result.tool).toEqual({
      name: 'gosec',
      version: '2.28.1',
      path: path.join(dir, 'gosec'),
      from: 'path',
    });
  });

  it('downloads when the syft on PATH is outside the allowed range', async () => {
    fresh();
    server.serve(releasePath, good.bytes);
    const dir = binDir('syft', fakeSyft('0.99.0'));
    const result = await runDriver(syft, { searchPath: dir }, runnerDirs());
    expect(result.tool?.from).toBe('download');
    expect(result.log).toContain(
      `syft at ${path.join(dir, 'syft')} is version 0.99.0, outside ${TOOLS.syft.allowed}: not used.`,
    );
    expect(server.count('GET', releasePath)).toBe(1);
  });

  it('installs a bare executable asset (opengrep) with its executable bit', async () => {
    fresh();
    const asset = selectAsset('opengrep', process.platform, process.arch);
    if (!asset) return;
    const script = Buffer.from(`#!/bin/sh\necho ${TOOLS.opengrep.version}\n`);
    const entry = injectedEntry(TOOLS.opengrep, asset, sha256(script));
    server.serve(new URL(asset.url).pathname, script);
    const dirs = runnerDirs();
    const result = await runDriver(entry, {}, dirs);
    const binary = path.join(dirs.toolCache, 'opengrep', TOOLS.opengrep.version, process.arch, 'opengrep');
    expect(result.tool).toMatchObject({ path: binary, from: 'download' });
    expect(run(binary, ['--version']).trim()).toBe(TOOLS.opengrep.version);
    expect(readdirSync(dirs.temp)).toEqual([]);
  });

  it.each([
    [404, 1],
    [500, 3],
  ])('names the URL when the server answers %i (after %i attempts)', async (status, attempts) => {
    fresh();
    server.fault({ kind: 'status', status, path: releasePath, times: Infinity });
    const dirs = runnerDirs();
    const result = await runDriver(syft, {}, dirs);
    expect(result.error?.failure).toBe('download');
    expect(result.error?.message).toContain(
      `Could not download syft ${TOOLS.syft.version} (${realSyft!.file}) from ${server.url}${releasePath}: the server answered HTTP ${status}.`,
    );
    expect(result.error?.message).toContain('set the mirror to a server that holds');
    expect(server.count('GET', releasePath)).toBe(attempts);
    expect(readdirSync(dirs.toolCache)).toEqual([]);
  });

  it('names the URL when nothing listens there', async () => {
    fresh();
    const closed = await startFakeDownloads();
    const url = closed.url;
    await closed.close();
    const entry: ToolEntry = {
      ...syft,
      assets: { [PLATFORM_KEY]: { ...realSyft!, url: `${url}/x/${realSyft!.file}`, sha256: good.digest } },
    };
    const result = await runDriver(entry, {}, runnerDirs());
    expect(result.error?.failure).toBe('download');
    expect(result.error?.message).toMatch(
      new RegExp(
        `^Could not download syft .* from ${url}/x/${realSyft!.file.replace(/\./g, '\\.')}: .*ECONNREFUSED`,
      ),
    );
  });

  it('says what to do on a platform the catalogue has no asset for', async () => {
    fresh();
    const result = await runDriver(syft, { platform: 'freebsd', arch: 'x64' }, runnerDirs());
    expect(result.error?.failure).toBe('unsupported-platform');
    expect(result.error?.message).toBe(
      `Paved Path has no pinned download of syft ${TOOLS.syft.version} for freebsd-x64 (it has ${PLATFORM_KEY}). ` +
        `Install syft and put syft ${TOOLS.syft.allowed} on PATH.`,
    );
    expect(server.requests).toEqual([]);
  });

  it('says what to do outside a runner (no tool cache)', async () => {
    fresh();
    const result = await runDriver(syft, {}, undefined);
    expect(result.error?.failure).toBe('no-tool-cache');
    expect(result.error?.message).toContain('RUNNER_TOOL_CACHE and RUNNER_TEMP are not set');
    expect(result.error?.message).toContain(`Put syft ${TOOLS.syft.allowed} on PATH.`);
  });
});
