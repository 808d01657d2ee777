/**
 * The reference for src/sbom/cyclonedx.ts: the same SBOM model rendered through
 * @cyclonedx/cyclonedx-library's model and its CycloneDX 1.6 JSON normaliser (the OWASP
 * project's own library, what @cyclonedx/cyclonedx-npm is built on), as the writer did before
 * docs/adr/0014. The tests require our text to equal this one byte for byte.
 */
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import type { HashAlgorithm } from '../../src/inventory/component.js';
import { cycloneDxName, isSpdxExpression, PROPERTY_PREFIX } from '../../src/sbom/cyclonedx.js';
import { compareCodeUnits, type SbomComponent, type SbomModel } from '../../src/sbom/model.js';

function libraryLicense(text: string): Models.License {
  const id = SPDX.fixupSpdxId(text);
  const license: Models.License =
    id !== undefined
      ? new Models.SpdxLicense(id)
      : isSpdxExpression(text)
        ? new Models.LicenseExpression(text)
        : new Models.NamedLicense(text);
  license.acknowledgement = Enums.LicenseAcknowledgement.Declared;
  return license;
}

const HASH_ALGORITHM: Record<HashAlgorithm, Enums.HashAlgorithm> = {
  'SHA-1': Enums.HashAlgorithm['SHA-1'],
  'SHA-256': Enums.HashAlgorithm['SHA-256'],
  'SHA-384': Enums.HashAlgorithm['SHA-384'],
  'SHA-512': Enums.HashAlgorithm['SHA-512'],
};

function libraryComponent(c: SbomComponent): Models.Component {
  const { group, name } = cycloneDxName(c.ecosystem, c.name);
  const component = new Models.Component(Enums.ComponentType.Library, name, { bomRef: c.purl, purl: c.purl });
  if (group !== undefined) component.group = group;
  if (c.version !== '') component.version = c.version;
  if (c.license !== undefined) component.licenses.add(libraryLicense(c.license));
  for (const hash of c.hashes) component.hashes.set(HASH_ALGORITHM[hash.alg], hash.content);
  const properties: [string, string][] = c.manifests.map((m) => [`${PROPERTY_PREFIX}manifest`, m]);
  if (c.scope === 'dev') {
    properties.push([`${PROPERTY_PREFIX}development`, 'true']);
    if (c.ecosystem === 'npm') properties.push(['cdx:npm:package:development', 'true']);
    if (c.ecosystem === 'Packagist') properties.push(['cdx:composer:package:isDevRequirement', 'true']);
  }
  properties.sort(([n1, v1], [n2, v2]) => compareCodeUnits(n1, n2) || compareCodeUnits(v1, v2));
  for (const [n, v] of properties) component.properties.add(new Models.Property(n, v));
  return component;
}

/** The library's BOM for the model (lists in the model's order). */
function libraryBom(model: SbomModel): Models.Bom {
  const bom = new Models.Bom({ serialNumber: model.serial });
  bom.metadata.timestamp = new Date(model.timestamp);
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, model.tool.name, { version: model.tool.version }),
  );
  const root = new Models.Component(Enums.ComponentType.Application, model.root.name, {
    bomRef: model.root.ref,
  });
  if (model.root.version !== undefined) root.version = model.root.version;
  if (model.root.purl !== undefined) root.purl = model.root.purl;
  bom.metadata.component = root;

  const byPurl = new Map<string, Models.Component>();
  for (const c of model.components) {
    const component = libraryComponent(c);
    byPurl.set(c.purl, component);
    bom.components.add(component);
  }
  // The normaliser matches dependencies by BomRef object, so edges point at the components' own.
  const refOf = (purl: string) => byPurl.get(purl)?.bomRef;
  for (const d of model.root.dependsOn) {
    const ref = refOf(d);
    if (ref) root.dependencies.add(ref);
  }
  for (const c of model.components) {
    const component = byPurl.get(c.purl);
    for (const d of c.dependsOn ?? []) {
      const ref = refOf(d);
      if (component && ref) component.dependencies.add(ref);
    }
  }
  return bom;
}

/**
 * CycloneDX 1.6 JSON text through the library: normalised with `sortLists` off (its sort follows
 * the locale), the entries of components whose graph is unknown dropped, two-space indent.
 */
export function libraryCycloneDxJson(model: SbomModel): string {
  const factory = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6);
  const document = factory.makeForBom().normalize(libraryBom(model), { sortLists: false });
  const unknown = new Set(model.components.filter((c) => c.dependsOn === undefined).map((c) => c.purl));
  if (document.dependencies) {
    document.dependencies = document.dependencies.filter((d) => !unknown.has(d.ref));
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The same text, or a failure naming the first line that differs (the documents run to megabytes). */
export function expectSameText(actual: string, expected: string): void {
  if (actual === expected) return;
  const a = actual.split('\n');
  const b = expected.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  throw new Error(
    `CycloneDX text differs from the library's at line ${i + 1}:\n` +
      `  ours:    ${a.slice(Math.max(0, i - 2), i + 3).join('\n           ')}\n` +
      `  library: ${b.slice(Math.max(0, i - 2), i + 3).join('\n           ')}`,
  );
}
