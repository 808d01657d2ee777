// The node example's SBOM against the reference tool, @cyclonedx/cyclonedx-npm (a devDependency),
// run here on a copy of examples/node-service:
//   cyclonedx-npm --package-lock-only --output-format JSON --spec-version 1.6
// (`--package-lock-only` makes its `npm ls` read the lockfile only: offline, no node_modules.)
//
// Equal: the set of components (purl and version), the dependency graph (as purl → purl edges),
// the declared licences and the SHA-512 hashes, and the root (metadata.component's purl).
// Expected differences, not compared:
// - cyclonedx-npm nests a copy installed under another package (node_modules/send/node_modules/ms)
//   inside that package's `components` and lists ms@2.1.3 twice (two install paths); we list
//   each purl once, flat, so its 104 entries are our 103 components.
// - Its bom-refs are install paths (`…|send@0.18.0|ms@2.1.3`); ours are purls.
// - It puts the integrity hash on a `distribution` external reference (with the tarball URL);
//   we put it in the component's `hashes` (the lockfile's integrity is the artifact's hash).
// - It records `cdx:npm:package:path`, npm's own version in tools, and the root's package.json
//   details (description, engines, private): things a lockfile alone does not give us.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parserFor } from '../../src/inventory/parsers.js';
import { cycloneDxDocument } from '../../src/sbom/cyclonedx.js';
import { buildSbomModel } from '../../src/sbom/model.js';
import { REPO_ROOT } from '../support/runner.js';
import { TIMESTAMP, TOOL } from './builders.js';

interface CdxComponent {
  'bom-ref': string;
  purl?: string;
  version?: string;
  licenses?: { license?: { id?: string; name?: string }; expression?: string }[];
  hashes?: { alg: string; content: string }[];
  externalReferences?: { type: string; hashes?: { alg: string; content: string }[] }[];
  components?: CdxComponent[];
}
interface CdxBom {
  metadata: { component: CdxComponent };
  components: CdxComponent[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
}

function flatten(list: CdxComponent[] | undefined): CdxComponent[] {
  return (list ?? []).flatMap((c) => [c, ...flatten(c.components)]);
}
const licenceText = (c: CdxComponent) =>
  (c.licenses ?? []).map((l) => l.expression ?? l.license?.id ?? l.license?.name ?? '').join(' | ');
const sortedSet = (items: Iterable<string>) => [...new Set(items)].sort();

/** purl → purl edges of a BOM's dependency graph (root as ROOT). */
function edges(bom: CdxBom): string[] {
  const purlOf = new Map<string, string>();
  for (const c of flatten(bom.components)) if (c.purl) purlOf.set(c['bom-ref'], c.purl);
  purlOf.set(bom.metadata.component['bom-ref'], 'ROOT');
  return sortedSet(
    (bom.dependencies ?? []).flatMap((d) =>
      (d.dependsOn ?? []).map((to) => `${purlOf.get(d.ref) ?? d.ref} -> ${purlOf.get(to) ?? to}`),
    ),
  );
}

const CLI = path.join(
  REPO_ROOT,
  'node_modules',
  '@cyclonedx',
  'cyclonedx-npm',
  'bin',
  'cyclonedx-npm-cli.js',
);
const LOCKFILE = 'examples/node-service/package-lock.json';

describe('the node example against @cyclonedx/cyclonedx-npm', () => {
  let dir: string;
  let reference: CdxBom;
  let ours: CdxBom;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-cyclonedx-npm-'));
    cpSync(path.join(REPO_ROOT, 'examples', 'node-service'), dir, { recursive: true });
    const out = execFileSync(
      process.execPath,
      [CLI, '--package-lock-only', '--output-format', 'JSON', '--spec-version', '1.6', '--output-file', '-'],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    reference = JSON.parse(out) as CdxBom;

    const manifest = parserFor(LOCKFILE)!(readFileSync(path.join(REPO_ROOT, LOCKFILE), 'utf8'), LOCKFILE);
    const model = buildSbomModel({
      manifests: [manifest],
      root: {
        name: 'pavedpath-example-node-service',
        version: '0.1.0',
        purl: 'pkg:npm/pavedpath-example-node-service@0.1.0',
      },
      includeDev: true,
      timestamp: TIMESTAMP,
      tool: TOOL,
    });
    ours = cycloneDxDocument(model) as unknown as CdxBom;
  }, 150_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the same components: purl and version', () => {
    const theirs = flatten(reference.components);
    expect(theirs).toHaveLength(104); // ms@2.1.3 twice, nested under jsonwebtoken and send
    const set = (list: CdxComponent[]) => sortedSet(list.map((c) => `${c.purl ?? '?'} ${c.version ?? '?'}`));
    expect(set(ours.components)).toEqual(set(theirs));
    expect(ours.components).toHaveLength(103);
  });

  it('has the same root', () => {
    expect(ours.metadata.component.purl).toBe(reference.metadata.component.purl);
  });

  it('has the same dependency graph', () => {
    const theirs = edges(reference);
    expect(theirs.length).toBeGreaterThan(100);
    expect(edges(ours)).toEqual(theirs);
  });

  it('has the same licences and hashes', () => {
    const byPurl = (list: CdxComponent[], value: (c: CdxComponent) => string) =>
      sortedSet(list.map((c) => `${c.purl ?? '?'} ${value(c)}`));
    const theirs = flatten(reference.components);
    expect(byPurl(ours.components, licenceText)).toEqual(byPurl(theirs, licenceText));
    const ourHash = (c: CdxComponent) => (c.hashes ?? []).map((h) => `${h.alg}:${h.content}`).join(',');
    const theirHash = (c: CdxComponent) =>
      (c.externalReferences ?? [])
        .filter((r) => r.type === 'distribution')
        .flatMap((r) => r.hashes ?? [])
        .map((h) => `${h.alg}:${h.content}`)
        .join(',');
    expect(byPurl(ours.components, ourHash)).toEqual(byPurl(theirs, theirHash));
  });
});
