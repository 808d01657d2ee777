// SPDX 2.3 content on hand-made components: ids, packages, licences, checksums, purls,
// relationships, namespace and creation info; and the schema.
import { describe, expect, it } from '@jest/globals';
import { summariseSbom } from '../../src/report/inventory.js';
import { buildSbomModel } from '../../src/sbom/model.js';
import { DEFAULT_NAMESPACE_BASE, ROOT_SPDXID, spdxDocument, spdxJson } from '../../src/sbom/spdx.js';
import { itRealWorld } from '../support/real-world.js';
import { component, input, manifest } from './builders.js';
import { spdxProblems, spdxSchemaErrors } from './schemas.js';

const UUID = '3e671687-395b-41f5-a30f-a58921a69b79';
const SHA512 = 'ab'.repeat(64);

function sample() {
  return buildSbomModel(
    input(
      [
        manifest('package-lock.json', [
          component('npm', '@babel/core', '7.24.0', {
            direct: true,
            license: 'MIT',
            hashes: [
              { alg: 'SHA-512', content: SHA512 },
              { alg: 'SHA-1', content: 'cd'.repeat(20) },
            ],
            dependsOn: ['pkg:npm/debug@4.3.4'],
          }),
          component('npm', 'debug', '4.3.4', { license: 'MIT OR Apache-2.0', dependsOn: [] }),
          component('npm', 'jest', '29.7.0', {
            direct: true,
            scope: 'dev',
            license: 'SEE LICENSE IN LICENSE.md',
            dependsOn: ['pkg:npm/debug@4.3.4'],
          }),
          component('npm', 'custom', '1.0.0', { direct: true, license: 'LicenseRef-Custom' }),
        ]),
        // Two purls that reduce to the same SPDXID characters.
        manifest('requirements.txt', [
          component('PyPI', 'a_b', '1.0', { direct: true }),
          { ...component('PyPI', 'a-b', '1.0'), purl: 'pkg:pypi/a+b@1.0' },
        ]),
      ],
      { serial: `urn:uuid:${UUID}` },
    ),
  );
}

describe('spdxDocument', () => {
  it('writes the document header: version, licence, id, name, namespace, creation info', () => {
    const doc = spdxDocument(sample());
    expect(doc).toMatchObject({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'demo@1.0.0',
      documentNamespace: `${DEFAULT_NAMESPACE_BASE}demo-1.0.0-${UUID}`,
      creationInfo: { created: '2026-01-02T03:04:05Z', creators: ['Tool: pavedpath-0.1.0'] },
    });
    expect(spdxDocument(sample(), { namespaceBase: 'https://example.com/sboms/' }).documentNamespace).toBe(
      `https://example.com/sboms/demo-1.0.0-${UUID}`,
    );
    expect(summariseSbom(doc, 'sbom.spdx.json')).toEqual({
      file: 'sbom.spdx.json',
      format: 'SPDX',
      specVersion: '2.3',
      components: 7,
      generator: 'pavedpath-0.1.0',
    });
  });

  it('writes the root and one package per component', () => {
    const doc = spdxDocument(sample());
    expect(doc.packages[0]).toEqual({
      name: 'demo',
      SPDXID: ROOT_SPDXID,
      versionInfo: '1.0.0',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:npm/demo@1.0.0',
        },
      ],
      primaryPackagePurpose: 'APPLICATION',
    });
    const babel = doc.packages.find((p) => p.name === '@babel/core');
    expect(babel).toEqual({
      name: '@babel/core',
      SPDXID: 'SPDXRef-Package-npm-babel-core-7.24.0',
      versionInfo: '7.24.0',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'MIT',
      copyrightText: 'NOASSERTION',
      checksums: [
        { algorithm: 'SHA1', checksumValue: 'cd'.repeat(20) },
        { algorithm: 'SHA512', checksumValue: SHA512 },
      ],
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:npm/%40babel/core@7.24.0',
        },
      ],
      primaryPackagePurpose: 'LIBRARY',
      sourceInfo: 'from package-lock.json',
    });
    expect(doc.packages.find((p) => p.name === 'jest')?.sourceInfo).toBe(
      'from package-lock.json (development dependency)',
    );
  });

  it('declares SPDX expressions as they are, and other licence text as a LicenseRef with the text', () => {
    const doc = spdxDocument(sample());
    const declared = Object.fromEntries(doc.packages.map((p) => [p.name, p.licenseDeclared]));
    expect(declared.debug).toBe('MIT OR Apache-2.0');
    expect(declared['a_b']).toBe('NOASSERTION');
    expect(declared.jest).toBe('LicenseRef-SEE-LICENSE-IN-LICENSE.md');
    expect(declared.custom).toBe('LicenseRef-Custom');
    expect(doc.hasExtractedLicensingInfos).toEqual([
      { licenseId: 'LicenseRef-Custom', name: 'LicenseRef-Custom', extractedText: 'LicenseRef-Custom' },
      {
        licenseId: 'LicenseRef-SEE-LICENSE-IN-LICENSE.md',
        name: 'SEE LICENSE IN LICENSE.md',
        extractedText: 'SEE LICENSE IN LICENSE.md',
      },
    ]);
  });

  it('gives colliding ids a hash of the purl each, so ids stay unique and order-free', () => {
    const ids = spdxDocument(sample())
      .packages.map((p) => p.SPDXID)
      .filter((id) => id.startsWith('SPDXRef-Package-pypi-a'));
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^SPDXRef-Package-pypi-a-b-1\.0-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2);
  });

  it('relates: DESCRIBES the root, DEPENDS_ON for the graph, DEV_DEPENDENCY_OF for direct dev dependencies', () => {
    const doc = spdxDocument(sample());
    const id = (name: string) => doc.packages.find((p) => p.name === name)?.SPDXID ?? name;
    expect(doc.relationships).toEqual([
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: ROOT_SPDXID },
      { spdxElementId: ROOT_SPDXID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: id('@babel/core') },
      { spdxElementId: ROOT_SPDXID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: id('custom') },
      { spdxElementId: id('jest'), relationshipType: 'DEV_DEPENDENCY_OF', relatedSpdxElement: ROOT_SPDXID },
      { spdxElementId: ROOT_SPDXID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: id('a_b') },
      { spdxElementId: id('@babel/core'), relationshipType: 'DEPENDS_ON', relatedSpdxElement: id('debug') },
      { spdxElementId: id('jest'), relationshipType: 'DEPENDS_ON', relatedSpdxElement: id('debug') },
    ]);
  });

  it('writes a root without version or purl, and JSON text with a final newline', () => {
    const model = buildSbomModel(input([], { root: { name: 'octo/app' }, serial: `urn:uuid:${UUID}` }));
    const doc = spdxDocument(model);
    expect(doc.name).toBe('octo/app');
    expect(doc.documentNamespace).toBe(`${DEFAULT_NAMESPACE_BASE}octo-app-${UUID}`);
    expect(doc.packages).toEqual([
      expect.not.objectContaining({ versionInfo: expect.anything(), externalRefs: expect.anything() }),
    ]);
    expect(spdxJson(model).endsWith('}\n')).toBe(true);
  });

  it('meets what SPDX 2.3 says beyond the schema', () => {
    expect(spdxProblems(spdxDocument(sample()))).toEqual([]);
  });

  itRealWorld('validates against the SPDX 2.3 schema', () => {
    expect(spdxSchemaErrors(spdxDocument(sample()))).toEqual([]);
  });
});
