// The SBOM diff for the summary: hand-made cases, the same answer from an inventory, a CycloneDX
// document and an SPDX document, real third-party SBOMs read, and the real base/head lockfile pairs
// against the package names their expected-diff.txt lists (names whose set of versions changed).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { normalisePythonName, type ParsedManifest } from '../../src/inventory/component.js';
import { parserFor } from '../../src/inventory/parsers.js';
import { cycloneDxDocument } from '../../src/sbom/cyclonedx.js';
import { diffSboms, licenseIds, purlIdentity, sbomDiffComponents } from '../../src/sbom/diff.js';
import { buildSbomModel } from '../../src/sbom/model.js';
import { spdxDocument } from '../../src/sbom/spdx.js';
import { describeRealWorld, HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';
import { component, input, manifest } from './builders.js';

const base = [
  manifest('package-lock.json', [
    component('npm', 'lodash', '4.17.20', { license: 'MIT' }),
    component('npm', 'minimatch', '3.1.2', { license: 'ISC' }),
    component('npm', 'minimatch', '5.1.6', { license: 'ISC' }),
    component('npm', 'left-pad', '1.3.0', { license: 'WTFPL' }),
    component('npm', 'jest', '29.0.0', { scope: 'dev', license: 'MIT' }),
  ]),
];
const head = [
  manifest('package-lock.json', [
    component('npm', 'lodash', '4.17.21', { license: 'MIT' }),
    component('npm', 'minimatch', '3.1.2', { license: 'ISC' }),
    component('npm', '@scope/gpl-thing', '1.0.0', { license: '(MIT OR GPL-3.0-only)' }),
    component('npm', 'odd', '0.1.0', { license: 'SEE LICENSE IN LICENSE' }),
    component('npm', 'jest', '29.0.0', { scope: 'dev', license: 'MIT' }),
    component('npm', 'eslint', '9.0.0', { scope: 'dev', license: 'Apache-2.0 WITH LLVM-exception' }),
  ]),
];

const EXPECTED = {
  counts: { base: 5, head: 6 },
  added: [
    { key: 'pkg:npm/@scope/gpl-thing', name: '@scope/gpl-thing', versions: ['1.0.0'] },
    { key: 'pkg:npm/eslint', name: 'eslint', versions: ['9.0.0'] },
    { key: 'pkg:npm/odd', name: 'odd', versions: ['0.1.0'] },
  ],
  removed: [{ key: 'pkg:npm/left-pad', name: 'left-pad', versions: ['1.3.0'] }],
  changed: [
    { key: 'pkg:npm/lodash', name: 'lodash', from: ['4.17.20'], to: ['4.17.21'] },
    { key: 'pkg:npm/minimatch', name: 'minimatch', from: ['5.1.6'], to: [] },
  ],
  newLicenses: [
    { license: 'Apache-2.0 WITH LLVM-exception', components: ['eslint@9.0.0'] },
    { license: 'GPL-3.0-only', components: ['@scope/gpl-thing@1.0.0'] },
    { license: 'SEE LICENSE IN LICENSE', components: ['odd@0.1.0'] },
  ],
};

const model = (manifests: ParsedManifest[], includeDev = true) =>
  buildSbomModel(input(manifests, { root: { name: 'demo' }, includeDev }));

describe('diffSboms', () => {
  it('compares two inventories: added, removed, versions changed, new licences', () => {
    expect(diffSboms(base, head)).toEqual(EXPECTED);
  });

  it('gives the same answer for CycloneDX and SPDX documents of the same inventories', () => {
    const cdx = (m: ParsedManifest[]) => cycloneDxDocument(model(m)) as unknown as Record<string, unknown>;
    const spdx = (m: ParsedManifest[]) => spdxDocument(model(m)) as unknown as Record<string, unknown>;
    expect(diffSboms(cdx(base), cdx(head))).toEqual(EXPECTED);
    expect(diffSboms(spdx(base), spdx(head))).toEqual(EXPECTED);
    expect(diffSboms(base, spdx(head))).toEqual(EXPECTED);
    expect(diffSboms(cdx(base), head)).toEqual(EXPECTED);
  });

  it('leaves development dependencies out of an inventory when asked', () => {
    const diff = diffSboms(base, head, { includeDev: false });
    expect(diff.added.map((a) => a.name)).toEqual(['@scope/gpl-thing', 'odd']);
    expect(diff.newLicenses.map((l) => l.license)).toEqual(['GPL-3.0-only', 'SEE LICENSE IN LICENSE']);
    expect(diffSboms(base, base)).toEqual({
      counts: { base: 5, head: 5 },
      added: [],
      removed: [],
      changed: [],
      newLicenses: [],
    });
  });

  it('refuses what is neither an inventory nor an SBOM', () => {
    expect(() => diffSboms(base, { version: '2.1.0', runs: [] })).toThrow(/not an SBOM/);
  });

  it('reads nested CycloneDX components and SPDX packages other than the described root', () => {
    const cdx = {
      bomFormat: 'CycloneDX',
      metadata: { component: { name: 'app', purl: 'pkg:npm/app@1.0.0' } },
      components: [
        {
          name: 'outer',
          version: '1.0.0',
          purl: 'pkg:npm/outer@1.0.0',
          licenses: [{ license: { name: 'Custom' } }],
          components: [{ name: 'inner', group: 'org.x', version: '2.0' }],
        },
      ],
    };
    expect(sbomDiffComponents(cdx)).toEqual([
      { key: 'pkg:npm/outer', name: 'outer', version: '1.0.0', licenses: ['Custom'] },
      { key: 'name:org.x/inner', name: 'org.x/inner', version: '2.0', licenses: [] },
    ]);
    const spdx = {
      spdxVersion: 'SPDX-2.2',
      SPDXID: 'SPDXRef-DOCUMENT',
      documentDescribes: ['SPDXRef-image'],
      packages: [
        { SPDXID: 'SPDXRef-image', name: 'alpine', versionInfo: '3.18' },
        {
          SPDXID: 'SPDXRef-musl',
          name: 'musl',
          versionInfo: '1.2.4-r1',
          licenseDeclared: 'NOASSERTION',
          licenseConcluded: 'MIT',
          externalRefs: [
            { referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:musl:musl:1.2.4-r1:*:*:*:*:*:*:*' },
            { referenceType: 'purl', referenceLocator: 'pkg:apk/alpine/musl@1.2.4-r1?arch=x86_64' },
          ],
        },
      ],
    };
    expect(sbomDiffComponents(spdx)).toEqual([
      { key: 'pkg:apk/alpine/musl', name: 'alpine/musl', version: '1.2.4-r1', licenses: ['MIT'] },
    ]);
  });
});

describe('helpers', () => {
  it('purlIdentity: without version, qualifiers and subpath; decoded; PyPI normalised', () => {
    expect(purlIdentity('pkg:npm/%40babel/core@7.24.0')).toEqual({
      key: 'pkg:npm/@babel/core',
      name: '@babel/core',
      version: '7.24.0',
    });
    expect(purlIdentity('pkg:npm/@babel/core@7.24.0?vcs_url=x#sub')?.key).toBe('pkg:npm/@babel/core');
    expect(purlIdentity('pkg:pypi/Typing_Extensions@4.0')?.key).toBe('pkg:pypi/typing-extensions');
    expect(purlIdentity('pkg:maven/org.slf4j/slf4j-api@2.0.13')?.name).toBe('org.slf4j:slf4j-api');
    expect(purlIdentity('pkg:golang/github.com/x/y/v2@v2.0.0+incompatible')).toEqual({
      key: 'pkg:golang/github.com/x/y/v2',
      name: 'github.com/x/y/v2',
      version: 'v2.0.0+incompatible',
    });
    expect(purlIdentity('pkg:golang/golang.org/x/net')).toEqual({
      key: 'pkg:golang/golang.org/x/net',
      name: 'golang.org/x/net',
    });
    expect(purlIdentity('not a purl')).toBeUndefined();
  });

  it('licenseIds: the leaves of an expression, else the text', () => {
    expect(licenseIds('(MIT OR GPL-2.0+) AND Apache-2.0 WITH LLVM-exception')).toEqual([
      'MIT',
      'GPL-2.0+',
      'Apache-2.0 WITH LLVM-exception',
    ]);
    expect(licenseIds(' BSD ')).toEqual(['BSD']);
    expect(licenseIds('NOASSERTION')).toEqual([]);
  });
});

/** The names of an expected-diff.txt line: `added 2 ['a', 'b']` or `removed 1 [('a', 'v1')]`. */
function expectedNames(text: string, kind: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(`${kind} `)) ?? '';
  const list = line.slice(line.indexOf('['));
  const tuples = [...list.matchAll(/\('([^']+)'/g)].map((m) => m[1] as string);
  return tuples.length > 0 ? tuples : [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
}

const PAIRS = path.join(REAL_WORLD, 'lockfiles', 'pairs');
const pairs = HAS_REAL_WORLD ? readdirSync(PAIRS).sort() : [];

describeRealWorld('diffSboms over the real lockfile pairs', () => {
  function side(pair: string, which: 'base' | 'head'): ParsedManifest[] {
    const dir = path.join(PAIRS, pair, which);
    return readdirSync(dir).flatMap((f) => {
      const rel = `${which}/${f}`;
      const parser = parserFor(rel);
      return parser ? [parser(readFileSync(path.join(dir, f), 'utf8'), rel)] : [];
    });
  }

  it.each(pairs)('%s: the changed names of expected-diff.txt, from inventories and from SBOMs', (pair) => {
    const before = side(pair, 'base');
    const after = side(pair, 'head');
    const diff = diffSboms(before, after);
    const expected = readFileSync(path.join(PAIRS, pair, 'expected-diff.txt'), 'utf8');
    const norm = (names: string[]) =>
      names.map((n) => (pair.startsWith('python') ? normalisePythonName(n) : n)).sort();
    expect(norm(diff.added.map((a) => a.name))).toEqual(norm(expectedNames(expected, 'added')));
    expect(norm(diff.removed.map((a) => a.name))).toEqual(norm(expectedNames(expected, 'removed')));
    expect(norm(diff.changed.map((a) => a.name))).toEqual(norm(expectedNames(expected, 'changed')));
    // The same from the SBOM documents of each side.
    const cdx = (m: ParsedManifest[]) => cycloneDxDocument(model(m)) as unknown as Record<string, unknown>;
    const spdx = (m: ParsedManifest[]) => spdxDocument(model(m)) as unknown as Record<string, unknown>;
    expect(diffSboms(cdx(before), spdx(after))).toEqual(diff);
  });

  it('reads the real third-party SBOMs (components as their MANIFEST counts them)', () => {
    const dir = path.join(REAL_WORLD, 'sboms');
    const read = (f: string) => sbomDiffComponents(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    expect(read('cyclonedx-1.6-node-npm-deps-from-git.json')).toHaveLength(99);
    expect(read('cyclonedx-1.4-laravel-7.12.0.json')).toHaveLength(62);
    // 89 packages, one of them the image the document DESCRIBES.
    expect(read('spdx-2.3-syft-0.90.0-kubectl-linux-amd64.spdx.json')).toHaveLength(88);
    const diff = diffSboms(
      JSON.parse(readFileSync(path.join(dir, 'cyclonedx-1.4-syft-alpine.json'), 'utf8')),
      JSON.parse(readFileSync(path.join(dir, 'spdx-2.2-syft-0.57.0-alpine.spdx.json'), 'utf8')),
    );
    // The same alpine image by two syft versions in two formats: the same 14 packages; the
    // CycloneDX one also lists the operating system itself as a component, SPDX 2.2 syft does not.
    expect(diff.counts).toEqual({ base: 15, head: 14 });
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([{ key: 'name:alpine', name: 'alpine', versions: ['3.16.2'] }]);
  });
});
