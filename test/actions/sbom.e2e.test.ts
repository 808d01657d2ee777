// End to end: dist/sbom/index.js run as the Actions runner runs it: SBOMs of the example
// services that validate against the official schemas, reproducible bytes, and an image SBOM
// through syft (a stand-in syft on PATH at an allowed version: nothing is downloaded).
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT, runAction } from '../support/runner.js';
import { cycloneDxSchemaErrors, spdxSchemaErrors } from '../sbom/schemas.js';
import { HAS_REAL_WORLD } from '../support/real-world.js';

function gitRepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-sbom-'));
  for (const service of ['node-service', 'python-service', 'go-service']) {
    cpSync(path.join(REPO_ROOT, 'examples', service), path.join(dir, service), { recursive: true });
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: dir,
      stdio: 'ignore',
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'examples'],
    {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_COMMITTER_DATE: '2026-11-01T12:00:00Z',
        GIT_AUTHOR_DATE: '2026-11-01T12:00:00Z',
      },
    },
  );
  return dir;
}

describe('sbom action, end to end', () => {
  (HAS_REAL_WORLD ? it : it.skip)(
    'writes CycloneDX 1.6 and SPDX 2.3 that validate, for every example service',
    async () => {
      const workspace = gitRepo();
      const run = await runAction({
        action: 'sbom',
        workspace,
        inputs: { format: 'both' },
        event: { name: 'push', fixture: 'push' },
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      const [cdxFile, spdxFile] = run.outputs.sbom!.split('\n');
      expect(cdxFile).toBe(path.join(run.runnerTemp, 'pavedpath', 'sbom', 'sbom.cdx.json'));
      const cdx = JSON.parse(readFileSync(cdxFile!, 'utf8'));
      const spdx = JSON.parse(readFileSync(spdxFile!, 'utf8'));
      expect(cycloneDxSchemaErrors(cdx)).toEqual([]);
      expect(spdxSchemaErrors(spdx)).toEqual([]);
      expect(run.outputs['component-count']).toBe(String(cdx.components.length));
      const purls = new Set(cdx.components.map((c: { purl: string }) => c.purl));
      expect(purls).toContain('pkg:npm/lodash@4.17.15');
      expect(purls).toContain('pkg:pypi/flask@2.2.2');
      expect(purls).toContain('pkg:golang/github.com/gorilla/websocket@v1.4.0');
      // Hashes from the lockfile's integrity, and the graph.
      const lodash = cdx.components.find((c: { purl: string }) => c.purl === 'pkg:npm/lodash@4.17.15');
      expect(lodash.hashes).toEqual([expect.objectContaining({ alg: 'SHA-512' })]);
      expect(cdx.dependencies.length).toBeGreaterThan(10);
      expect(spdx.relationships).toEqual(
        expect.arrayContaining([expect.objectContaining({ relationshipType: 'DESCRIBES' })]),
      );
      // Development dependencies are left out by default; the summary reads the SBOM it finds.
      const summary = await runAction({
        action: 'summary',
        workspace,
        env: { RUNNER_TEMP: run.runnerTemp },
        inputs: {
          sarif: path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif'),
          sbom: path.join(run.runnerTemp, 'pavedpath', 'sbom'),
          comment: 'never',
        },
        event: { name: 'push', fixture: 'push' },
      });
      expect(readFileSync(summary.outputs['report-markdown']!, 'utf8')).toContain(
        `${cdx.components.length} components`,
      );
    },
  );

  it('reproducible: the same commit gives the same bytes, at the commit time or SOURCE_DATE_EPOCH', async () => {
    const workspace = gitRepo();
    const once = async (env: Record<string, string> = {}) => {
      const run = await runAction({
        action: 'sbom',
        workspace,
        env,
        inputs: { format: 'both', reproducible: 'true' },
        event: { name: 'push', fixture: 'push' },
      });
      expect(run.exitCode).toBe(0);
      return run.outputs.sbom!.split('\n').map((f) => readFileSync(f, 'utf8'));
    };
    const [a, b] = [await once(), await once()];
    expect(a).toEqual(b);
    expect(JSON.parse(a[0]!).metadata.timestamp).toBe('2026-11-01T12:00:00.000Z');
    const pinned = await once({ SOURCE_DATE_EPOCH: '1700000000' });
    expect(JSON.parse(pinned[0]!).metadata.timestamp).toBe('2023-11-14T22:13:20.000Z');
    // Without reproducible, every run has its own serial number.
    const free = async () =>
      JSON.parse(
        readFileSync(
          (await runAction({ action: 'sbom', workspace, event: { name: 'push', fixture: 'push' } })).outputs
            .sbom!,
          'utf8',
        ),
      ).serialNumber;
    expect(await free()).not.toBe(await free());
  });

  it('an image goes through syft: a syft on PATH at an allowed version is used, nothing downloaded', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'pavedpath-bin-'));
    const syft = path.join(bin, 'syft');
    // A stand-in for syft 1.44.0: `version`, and `scan IMAGE -o FORMAT=FILE -q` writing a small SBOM.
    writeFileSync(
      syft,
      `#!/bin/sh
if [ "$1" = version ]; then printf 'Application:   syft\\nVersion:       1.44.0\\n'; exit 0; fi
if [ "$1" = scan ]; then
  out="\${4#*=}"
  printf '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"busybox","version":"1.36.1","purl":"pkg:apk/alpine/busybox@1.36.1-r15"}]}' > "$out"
  echo "scanned $2" >&2
  exit 0
fi
echo "unexpected: $*" >&2; exit 2
`,
    );
    chmodSync(syft, 0o755);
    const run = await runAction({
      action: 'sbom',
      inputs: { image: 'alpine:3.20' },
      env: {
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
        RUNNER_TOOL_CACHE: mkdtempSync(path.join(tmpdir(), 'tc-')),
      },
      event: { name: 'push', fixture: 'push' },
    });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('syft 1.44.0 (from PATH)');
    expect(run.outputs['component-count']).toBe('1');
    expect(JSON.parse(readFileSync(run.outputs.sbom!, 'utf8')).components[0].name).toBe('busybox');
  });

  it('says what is wrong: a bad format, a missing folder, an image syft cannot read', async () => {
    const bad = await runAction({
      action: 'sbom',
      inputs: { format: 'xml' },
      event: { name: 'push', fixture: 'push' },
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.annotations.at(-1)?.message).toMatch(
      /Input 'format' is 'xml', which is not one of cyclonedx-json, spdx-json, both/,
    );
    const missing = await runAction({
      action: 'sbom',
      inputs: { path: 'nope' },
      event: { name: 'push', fixture: 'push' },
    });
    expect(missing.annotations.at(-1)?.message).toMatch(
      /The folder 'nope' \('path'\) does not exist in the workspace/,
    );
    const bin = mkdtempSync(path.join(tmpdir(), 'pavedpath-bin-'));
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      path.join(bin, 'syft'),
      `#!/bin/sh\nif [ "$1" = version ]; then printf 'Version: 1.44.0\\n'; exit 0; fi\necho "could not fetch image \\"$2\\": unauthorized" >&2; exit 1\n`,
    );
    chmodSync(path.join(bin, 'syft'), 0o755);
    const image = await runAction({
      action: 'sbom',
      inputs: { image: 'ghcr.io/private/app:1' },
      env: {
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
        RUNNER_TOOL_CACHE: mkdtempSync(path.join(tmpdir(), 'tc-')),
      },
      event: { name: 'push', fixture: 'push' },
    });
    expect(image.exitCode).toBe(1);
    expect(image.annotations.at(-1)?.message).toMatch(
      /syft could not describe the image 'ghcr\.io\/private\/app:1': could not fetch image .*unauthorized\. Check the image reference/,
    );
  });
});
