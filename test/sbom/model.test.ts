// The SBOM model on hand-made inventories: merging by purl, the graph, the root, development
// dependencies, the serial number, timestamps, and the helpers the action calls.
import { describe, expect, it } from '@jest/globals';
import {
  buildSbomModel,
  compareCodeUnits,
  reproducibleTimestamp,
  sbomRootFor,
  uuidV5,
} from '../../src/sbom/model.js';
import { component, input, manifest } from './builders.js';

const sha = (c: string) => c.repeat(128);

describe('buildSbomModel', () => {
  it('merges one purl held by two manifests into one component, recording both', () => {
    const a = manifest('a/package-lock.json', [
      component('npm', 'lodash', '4.17.21', { scope: 'dev', license: 'MIT', dependsOn: ['pkg:npm/x@1.0.0'] }),
      component('npm', 'x', '1.0.0', { dependsOn: [] }),
    ]);
    const b = manifest('b/package-lock.json', [
      component('npm', 'lodash', '4.17.21', {
        scope: 'prod',
        direct: true,
        license: 'Apache-2.0',
        hashes: [{ alg: 'SHA-512', content: sha('A') }],
        dependsOn: ['pkg:npm/y@2.0.0'],
      }),
      component('npm', 'y', '2.0.0'),
    ]);
    const model = buildSbomModel(input([b, a]));
    expect(model.components.map((c) => c.purl)).toEqual([
      'pkg:npm/lodash@4.17.21',
      'pkg:npm/x@1.0.0',
      'pkg:npm/y@2.0.0',
    ]);
    expect(model.components[0]).toEqual({
      ecosystem: 'npm',
      name: 'lodash',
      version: '4.17.21',
      purl: 'pkg:npm/lodash@4.17.21',
      scope: 'prod', // prod in one manifest: prod
      direct: true,
      license: 'MIT', // the first manifest in path order that records one
      hashes: [{ alg: 'SHA-512', content: sha('a') }], // lower-cased hex
      manifests: ['a/package-lock.json', 'b/package-lock.json'],
      // y has no graph of its own, but lodash's edge to it is known
      dependsOn: ['pkg:npm/x@1.0.0', 'pkg:npm/y@2.0.0'],
    });
    expect(model.components[1]?.dependsOn).toEqual([]); // known: no dependencies
    expect(model.components[2]?.dependsOn).toBeUndefined(); // unknown
  });

  it('keeps one hash per algorithm, sorted, and drops edges to packages not in the SBOM', () => {
    const model = buildSbomModel(
      input([
        manifest('a/Cargo.lock', [
          component('crates.io', 'serde', '1.0.0', {
            hashes: [
              { alg: 'SHA-512', content: sha('b') },
              { alg: 'SHA-256', content: 'c'.repeat(64) },
              { alg: 'SHA-512', content: sha('d') },
            ],
            dependsOn: ['pkg:cargo/missing@1.0.0', 'pkg:cargo/serde@1.0.0'],
          }),
        ]),
      ]),
    );
    expect(model.components[0]?.hashes).toEqual([
      { alg: 'SHA-256', content: 'c'.repeat(64) },
      { alg: 'SHA-512', content: sha('b') },
    ]);
    expect(model.components[0]?.dependsOn).toEqual([]);
  });

  it("makes the root depend on each manifest's direct dependencies: its root's list, else the direct flags", () => {
    const withRoot = manifest(
      'web/package-lock.json',
      [component('npm', 'a', '1.0.0'), component('npm', 'b', '1.0.0', { direct: true })],
      { name: 'web', version: '2.0.0', dependsOn: ['pkg:npm/a@1.0.0'] },
    );
    const withoutRoot = manifest('api/requirements.txt', [
      component('PyPI', 'flask', '3.0.0', { direct: true }),
      component('PyPI', 'click', '8.1.7'),
    ]);
    const model = buildSbomModel(input([withRoot, withoutRoot]));
    expect(model.root).toEqual({
      ref: 'pkg:npm/demo@1.0.0',
      name: 'demo',
      version: '1.0.0',
      purl: 'pkg:npm/demo@1.0.0',
      dependsOn: ['pkg:npm/a@1.0.0', 'pkg:pypi/flask@3.0.0'],
    });
  });

  it('turns a component that is the project itself into the root', () => {
    const uv = manifest('uv.lock', [
      component('PyPI', 'demo', '1.0.0', { direct: true, dependsOn: ['pkg:pypi/flask@3.0.0'] }),
      component('PyPI', 'flask', '3.0.0'),
    ]);
    const model = buildSbomModel(
      input([uv], { root: { name: 'demo', version: '1.0.0', purl: 'pkg:pypi/demo@1.0.0' } }),
    );
    expect(model.components.map((c) => c.purl)).toEqual(['pkg:pypi/flask@3.0.0']);
    expect(model.root.dependsOn).toEqual(['pkg:pypi/flask@3.0.0']);
  });

  it('leaves development dependencies out without includeDev, with the edges to them', () => {
    const m = manifest('package-lock.json', [
      component('npm', 'app-dep', '1.0.0', { direct: true, dependsOn: ['pkg:npm/shared@1.0.0'] }),
      component('npm', 'jest', '29.0.0', { direct: true, scope: 'dev', dependsOn: ['pkg:npm/shared@1.0.0'] }),
      component('npm', 'shared', '1.0.0', { dependsOn: [] }),
    ]);
    const withDev = buildSbomModel(input([m]));
    expect(withDev.components.map((c) => c.name)).toEqual(['app-dep', 'jest', 'shared']);
    expect(withDev.root.dependsOn).toEqual(['pkg:npm/app-dep@1.0.0', 'pkg:npm/jest@29.0.0']);
    const withoutDev = buildSbomModel(input([m], { includeDev: false }));
    expect(withoutDev.components.map((c) => c.name)).toEqual(['app-dep', 'shared']);
    expect(withoutDev.root.dependsOn).toEqual(['pkg:npm/app-dep@1.0.0']);
  });

  it('gives a root without a purl a name@version reference', () => {
    const model = buildSbomModel(input([], { root: { name: 'octo/app', version: 'abc1234' } }));
    expect(model.root).toEqual({
      ref: 'octo/app@abc1234',
      name: 'octo/app',
      version: 'abc1234',
      dependsOn: [],
    });
    expect(buildSbomModel(input([], { root: { name: 'octo/app' } })).root.ref).toBe('octo/app');
  });

  it('uses the serial number it is given, and derives one from the content without', () => {
    const m = [manifest('package-lock.json', [component('npm', 'a', '1.0.0')])];
    const given = buildSbomModel(input(m, { serial: 'urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79' }));
    expect(given.serial).toBe('urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79');
    expect(given.uuid).toBe('3e671687-395b-41f5-a30f-a58921a69b79');

    const derived = buildSbomModel(input(m));
    expect(derived.serial).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(buildSbomModel(input(m)).serial).toBe(derived.serial);
    // Any change to what the documents say changes it.
    const other = [manifest('package-lock.json', [component('npm', 'a', '1.0.1')])];
    expect(buildSbomModel(input(other)).serial).not.toBe(derived.serial);
    expect(buildSbomModel(input(m, { timestamp: '2026-01-02T03:04:06Z' })).serial).not.toBe(derived.serial);
    expect(buildSbomModel(input(m, { tool: { name: 'pavedpath', version: '0.2.0' } })).serial).not.toBe(
      derived.serial,
    );
  });

  it('refuses a serial number that is not a urn:uuid, and a timestamp that is not a date', () => {
    expect(() => buildSbomModel(input([], { serial: 'urn:uuid:nope' }))).toThrow(RangeError);
    expect(() => buildSbomModel(input([], { serial: '3e671687-395b-41f5-a30f-a58921a69b79' }))).toThrow(
      /urn:uuid/,
    );
    expect(() => buildSbomModel(input([], { timestamp: 'yesterday' }))).toThrow(/not an ISO 8601/);
    expect(() => buildSbomModel(input([], { root: { name: ' ' } }))).toThrow(/name/);
  });

  it('normalises the timestamp to UTC ISO 8601', () => {
    expect(buildSbomModel(input([], { timestamp: '2026-01-02T05:04:05+02:00' })).timestamp).toBe(
      '2026-01-02T03:04:05.000Z',
    );
  });
});

describe('helpers', () => {
  it('uuidV5 follows RFC 4122 (the RFC 9562 example: DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('compareCodeUnits orders by code unit, whatever the locale', () => {
    expect(['zz', 'aab', 'B', 'a-b', '_x'].sort(compareCodeUnits)).toEqual(['B', '_x', 'a-b', 'aab', 'zz']);
  });

  it('reproducibleTimestamp: SOURCE_DATE_EPOCH, else the commit time, else undefined', () => {
    expect(reproducibleTimestamp('1700000000', '2020-01-01T00:00:00Z')).toBe('2023-11-14T22:13:20.000Z');
    expect(reproducibleTimestamp(undefined, '2020-01-01T01:00:00+01:00')).toBe('2020-01-01T00:00:00.000Z');
    expect(reproducibleTimestamp('not a number', '1600000000')).toBe('2020-09-13T12:26:40.000Z');
    expect(reproducibleTimestamp('', '')).toBeUndefined();
    expect(reproducibleTimestamp(undefined, 'garbage')).toBeUndefined();
  });

  it('sbomRootFor: the one project the manifests name, else the repository, else the first', () => {
    const web = manifest('package-lock.json', [], { name: '@acme/web', version: '1.2.3' });
    expect(sbomRootFor([web], 'Acme/Repo')).toEqual({
      name: '@acme/web',
      version: '1.2.3',
      purl: 'pkg:npm/%40acme/web@1.2.3',
    });
    const api = { ...manifest('api/Cargo.lock', [], { name: 'api' }), ecosystem: 'crates.io' as const };
    expect(sbomRootFor([web, api], 'Acme/Repo', '0123456789ABCDEF0123456789ABCDEF01234567')).toEqual({
      name: 'Acme/Repo',
      version: '0123456789abcdef0123456789abcdef01234567',
      purl: 'pkg:github/acme/repo@0123456789abcdef0123456789abcdef01234567',
    });
    expect(sbomRootFor([web, api], 'Acme/Repo')).toEqual({ name: 'Acme/Repo', purl: 'pkg:github/acme/repo' });
    expect(sbomRootFor([web, api], undefined)).toEqual({ name: 'api' }); // first by path, no version: no purl
    expect(sbomRootFor([], 'not a repository')).toEqual({ name: 'project' });
  });
});
