// CycloneDX 1.6 content on hand-made components: bom-refs, names per ecosystem, licences,
// hashes, properties, the dependency graph (unknown graphs left out), metadata; and the schema.
import { describe, expect, it } from '@jest/globals';
import { summariseSbom } from '../../src/report/inventory.js';
import { cycloneDxDocument, cycloneDxJson, cycloneDxName } from '../../src/sbom/cyclonedx.js';
import { buildSbomModel, type SbomModel } from '../../src/sbom/model.js';
import { itRealWorld } from '../support/real-world.js';
import { component, input, manifest, TOOL } from './builders.js';
import { expectSameText, libraryCycloneDxJson } from './cyclonedx-library.js';
import { cycloneDxSchemaErrors } from './schemas.js';

const SHA512 = 'ab'.repeat(64);
const SHA1 = 'cd'.repeat(20);

function sample() {
  return buildSbomModel(
    input(
      [
        manifest('web/package-lock.json', [
          component('npm', '@babel/core', '7.24.0', {
            direct: true,
            license: 'MIT',
            hashes: [{ alg: 'SHA-512', content: SHA512 }],
            dependsOn: ['pkg:npm/debug@4.3.4'],
          }),
          component('npm', 'debug', '4.3.4', { license: '(MIT OR Apache-2.0)', dependsOn: [] }),
          component('npm', 'jest', '29.7.0', {
            direct: true,
            scope: 'dev',
            license: 'SEE LICENSE IN LICENSE.md',
            hashes: [{ alg: 'SHA-1', content: SHA1 }],
            dependsOn: ['pkg:npm/debug@4.3.4'],
          }),
        ]),
        manifest('api/go.mod', [
          component('Go', 'github.com/gorilla/mux', '1.8.1', { direct: true, license: 'BSD-3-Clause' }),
        ]),
        manifest('svc/pom.xml', [component('Maven', 'org.slf4j:slf4j-api', '2.0.13', { direct: true })]),
        manifest('php/composer.lock', [
          component('Packagist', 'monolog/monolog', '3.6.0', { direct: true, scope: 'dev', license: 'mit' }),
        ]),
      ],
      { serial: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79' },
    ),
  );
}

/** A model with the edges the writer must handle as the library does. */
function edgeModel(): SbomModel {
  const base = (c: Partial<SbomModel['components'][number]> & { purl: string }) => ({
    ecosystem: 'npm' as const,
    name: c.purl.slice('pkg:npm/'.length, c.purl.lastIndexOf('@')),
    version: c.purl.slice(c.purl.lastIndexOf('@') + 1),
    scope: 'prod' as const,
    direct: false,
    hashes: [],
    manifests: ['package-lock.json'],
    ...c,
  });
  return {
    root: {
      ref: 'app@2.0.0',
      name: 'app',
      version: '2.0.0',
      dependsOn: ['pkg:npm/a@1.0.0', 'pkg:npm/a@1.0.0', 'pkg:npm/gone@1.0.0', 'pkg:npm/b@'],
    },
    components: [
      base({
        purl: 'pkg:npm/a@1.0.0',
        license: 'apache-2.0',
        // Too short, not hex, and two good ones.
        hashes: [
          { alg: 'SHA-1', content: 'abc' },
          { alg: 'SHA-256', content: 'zz'.repeat(32) },
          { alg: 'SHA-384', content: 'AB'.repeat(48) },
          { alg: 'SHA-512', content: '01'.repeat(64) },
        ],
        dependsOn: ['pkg:npm/a@1.0.0', 'pkg:npm/b@', 'pkg:npm/b@', 'pkg:npm/gone@1.0.0'],
      }),
      base({ purl: 'pkg:npm/b@', version: '', license: 'MIT AND (BSD-2-Clause OR ISC)', dependsOn: [] }),
      base({
        purl: 'pkg:npm/c@1.0.0',
        license: 'Custom: see LICENSE',
        scope: 'dev',
        manifests: ['a/package-lock.json', 'b/package-lock.json'],
      }),
      base({ purl: 'pkg:npm/d@1.0.0', license: 'LicenseRef-Acme' }),
      // Every hash invalid: the library writes an empty list.
      base({ purl: 'pkg:npm/e@1.0.0', hashes: [{ alg: 'SHA-512', content: 'not-hex' }] }),
    ],
    timestamp: '2026-01-02T03:04:05.000Z',
    serial: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    uuid: '3e671687-395b-41f5-a30f-a58921a69b79',
    tool: TOOL,
  };
}

describe('cycloneDxDocument', () => {
  it('writes the header and the metadata: timestamp, our tool, the root', () => {
    const bom = cycloneDxDocument(sample());
    expect(bom).toMatchObject({
      $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    });
    expect(bom.metadata).toEqual({
      timestamp: '2026-01-02T03:04:05.000Z',
      tools: { components: [{ type: 'application', name: 'pavedpath', version: '0.1.0' }] },
      component: {
        type: 'application',
        name: 'demo',
        version: '1.0.0',
        'bom-ref': 'pkg:npm/demo@1.0.0',
        purl: 'pkg:npm/demo@1.0.0',
      },
    });
    // The summary's inventory line reads it.
    expect(summariseSbom(bom, 'sbom.cdx.json')).toEqual({
      file: 'sbom.cdx.json',
      format: 'CycloneDX',
      specVersion: '1.6',
      components: 6,
      generator: 'pavedpath 0.1.0',
    });
  });

  it('writes components with bom-ref = purl, group and name per ecosystem, licences, hashes, properties', () => {
    const bom = cycloneDxDocument(sample());
    const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]));
    expect(byRef.get('pkg:npm/%40babel/core@7.24.0')).toEqual({
      type: 'library',
      name: 'core',
      group: '@babel',
      version: '7.24.0',
      'bom-ref': 'pkg:npm/%40babel/core@7.24.0',
      hashes: [{ alg: 'SHA-512', content: SHA512 }],
      licenses: [{ license: { id: 'MIT', acknowledgement: 'declared' } }],
      purl: 'pkg:npm/%40babel/core@7.24.0',
      properties: [{ name: 'pavedpath:manifest', value: 'web/package-lock.json' }],
    });
    expect(byRef.get('pkg:npm/debug@4.3.4')?.licenses).toEqual([
      { expression: '(MIT OR Apache-2.0)', acknowledgement: 'declared' },
    ]);
    const jest = byRef.get('pkg:npm/jest@29.7.0');
    expect(jest?.licenses).toEqual([
      { license: { name: 'SEE LICENSE IN LICENSE.md', acknowledgement: 'declared' } },
    ]);
    expect(jest?.hashes).toEqual([{ alg: 'SHA-1', content: SHA1 }]);
    // Development: no scope (as cyclonedx-npm), the npm taxonomy property and ours.
    expect(jest).not.toHaveProperty('scope');
    expect(jest?.properties).toEqual([
      { name: 'cdx:npm:package:development', value: 'true' },
      { name: 'pavedpath:development', value: 'true' },
      { name: 'pavedpath:manifest', value: 'web/package-lock.json' },
    ]);
    expect(byRef.get('pkg:golang/github.com/gorilla/mux@1.8.1')).toMatchObject({
      name: 'github.com/gorilla/mux',
      version: '1.8.1',
    });
    expect(byRef.get('pkg:golang/github.com/gorilla/mux@1.8.1')?.group).toBeUndefined();
    expect(byRef.get('pkg:maven/org.slf4j/slf4j-api@2.0.13')).toMatchObject({
      group: 'org.slf4j',
      name: 'slf4j-api',
    });
    const monolog = byRef.get('pkg:composer/monolog/monolog@3.6.0');
    expect(monolog).toMatchObject({ group: 'monolog', name: 'monolog' });
    // A licence id in the wrong case is fixed up; Composer's taxonomy property for dev.
    expect(monolog?.licenses).toEqual([{ license: { id: 'MIT', acknowledgement: 'declared' } }]);
    expect(monolog?.properties?.map((p) => p.name)).toEqual([
      'cdx:composer:package:isDevRequirement',
      'pavedpath:development',
      'pavedpath:manifest',
    ]);
  });

  it('writes the graph: the root, known graphs (empty ones too), no entry where it is unknown', () => {
    const bom = cycloneDxDocument(sample());
    expect(bom.dependencies).toEqual([
      {
        ref: 'pkg:npm/demo@1.0.0',
        dependsOn: [
          'pkg:npm/%40babel/core@7.24.0',
          'pkg:npm/jest@29.7.0',
          'pkg:composer/monolog/monolog@3.6.0',
          'pkg:golang/github.com/gorilla/mux@1.8.1',
          'pkg:maven/org.slf4j/slf4j-api@2.0.13',
        ].sort(),
      },
      { ref: 'pkg:npm/%40babel/core@7.24.0', dependsOn: ['pkg:npm/debug@4.3.4'] },
      { ref: 'pkg:npm/debug@4.3.4' },
      { ref: 'pkg:npm/jest@29.7.0', dependsOn: ['pkg:npm/debug@4.3.4'] },
    ]);
  });

  it('lists components in code-unit order of purl', () => {
    const refs = cycloneDxDocument(sample()).components.map((c) => c['bom-ref']);
    expect(refs).toEqual([...refs].sort());
  });

  it('names per ecosystem', () => {
    expect(cycloneDxName('npm', '@scope/pkg')).toEqual({ group: '@scope', name: 'pkg' });
    expect(cycloneDxName('npm', 'pkg')).toEqual({ name: 'pkg' });
    expect(cycloneDxName('Maven', 'g.h:a')).toEqual({ group: 'g.h', name: 'a' });
    expect(cycloneDxName('Go', 'golang.org/x/net')).toEqual({ name: 'golang.org/x/net' });
    expect(cycloneDxName('Packagist', 'vendor/name')).toEqual({ group: 'vendor', name: 'name' });
    expect(cycloneDxName('PyPI', 'Flask')).toEqual({ name: 'Flask' });
  });

  it('writes JSON text with two-space indent and a final newline', () => {
    const text = cycloneDxJson(sample());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "$schema"')).toBe(true);
  });

  // The writer builds the JSON itself (docs/adr/0014); the library's model and normaliser are the
  // reference. Real lockfiles are compared in validate.test.ts; here, the edges.
  describe('the same text as @cyclonedx/cyclonedx-library', () => {
    it('for the sample and for an empty SBOM', () => {
      expectSameText(cycloneDxJson(sample()), libraryCycloneDxJson(sample()));
      const empty = buildSbomModel(input([], { root: { name: 'octo/app' } }));
      expectSameText(cycloneDxJson(empty), libraryCycloneDxJson(empty));
    });

    it('for the edges: bad hashes, no version, licence spellings, self and unknown edges, duplicates', () => {
      const model = edgeModel();
      const text = cycloneDxJson(model);
      expectSameText(text, libraryCycloneDxJson(model));
      const bom = cycloneDxDocument(model);
      expect(bom.components[0]?.hashes?.map((h) => h.alg)).toEqual(['SHA-384', 'SHA-512']);
      expect(bom.components[0]?.licenses).toEqual([
        { license: { id: 'Apache-2.0', acknowledgement: 'declared' } },
      ]);
      expect(bom.components[1]).not.toHaveProperty('version');
      expect(bom.components[4]?.hashes).toEqual([]);
      expect(bom.dependencies).toEqual([
        { ref: 'app@2.0.0', dependsOn: ['pkg:npm/a@1.0.0', 'pkg:npm/b@'] },
        { ref: 'pkg:npm/a@1.0.0', dependsOn: ['pkg:npm/b@'] },
        { ref: 'pkg:npm/b@' },
      ]);
      // A root without a version or purl, a tool without a version.
      const bare: SbomModel = {
        ...model,
        root: { ref: 'app', name: 'app', dependsOn: [] },
        tool: { name: 'x', version: '' },
      };
      expectSameText(cycloneDxJson(bare), libraryCycloneDxJson(bare));
    });

    it('expectSameText names the first line that differs', () => {
      expect(() => {
        expectSameText('{\n  "a": 1\n}\n', '{\n  "a": 2\n}\n');
      }).toThrow(/at line 2/);
    });
  });

  itRealWorld('validates against the CycloneDX 1.6 schema', () => {
    expect(cycloneDxSchemaErrors(cycloneDxDocument(sample()))).toEqual([]);
    const empty = buildSbomModel(input([], { root: { name: 'octo/app' } }));
    expect(cycloneDxSchemaErrors(cycloneDxDocument(empty))).toEqual([]);
    // Including an empty hashes list (every hash invalid), as the library writes it.
    expect(cycloneDxSchemaErrors(cycloneDxDocument(edgeModel()))).toEqual([]);
  });
});
