/**
 * CycloneDX 1.6 JSON from the SBOM model, through @cyclonedx/cyclonedx-library's model and its
 * JSON normaliser (docs/adr/0008-cyclonedx-library.md says why, and what we do around it).
 *
 * - bom-ref: the purl (unique after the model's merge); the root's is its purl or `name@version`.
 * - Components: type `library`; group and name per ecosystem as the CycloneDX generators write
 *   them (npm `@scope` and Maven `groupId` and Composer's vendor are the group; a Go module's name is
 *   its whole path); version; purl; licences (`license.id` for a listed SPDX id, `expression` for
 *   any other SPDX expression, `license.name` for text that is neither), acknowledged `declared`
 *   because lockfiles carry what packages declare; hashes; properties.
 * - Development dependencies: no `scope` (as @cyclonedx/cyclonedx-npm: it keeps `scope` for
 *   optional packages), the taxonomy's `cdx:npm:package:development` / `cdx:composer:package:
 *   isDevRequirement` where one exists, and `pavedpath:development` in every ecosystem.
 * - `pavedpath:manifest`: every manifest that holds the component.
 * - dependencies: an entry for the root and for every component whose graph a lockfile gives;
 *   components with no entry have unknown dependencies (CycloneDX 1.6: an entry without
 *   `dependsOn` says "none").
 *
 * Lists are built in the model's code-unit order and serialised with the library's `sortLists`
 * off: its sorting uses `localeCompare`, which depends on the machine's locale.
 */
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import parseSpdx from 'spdx-expression-parse';
import type { Ecosystem, HashAlgorithm } from '../inventory/component.js';
import { compareCodeUnits, type SbomComponent, type SbomModel } from './model.js';

/** Our property namespace (CycloneDX property taxonomy: custom names go under one's own prefix). */
export const PROPERTY_PREFIX = 'pavedpath:';

/** Group and name as the ecosystem's CycloneDX generators split a package name. */
export function cycloneDxName(ecosystem: Ecosystem, name: string): { group?: string; name: string } {
  if (ecosystem === 'npm' && name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash > 1) return { group: name.slice(0, slash), name: name.slice(slash + 1) };
  }
  if (ecosystem === 'Maven') {
    const colon = name.indexOf(':');
    if (colon > 0) return { group: name.slice(0, colon), name: name.slice(colon + 1) };
  }
  if (ecosystem === 'Packagist') {
    const slash = name.indexOf('/');
    if (slash > 0) return { group: name.slice(0, slash), name: name.slice(slash + 1) };
  }
  return { name };
}

function isSpdxExpression(text: string): boolean {
  try {
    parseSpdx(text);
    return true;
  } catch {
    return false;
  }
}

/** A declared licence as CycloneDX writes it: SPDX id, SPDX expression, or a name. */
export function cycloneDxLicense(text: string): Models.License {
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

const DEV_TAXONOMY: Partial<Record<Ecosystem, string>> = {
  npm: 'cdx:npm:package:development',
  Packagist: 'cdx:composer:package:isDevRequirement',
};

function properties(c: SbomComponent): Models.Property[] {
  const list: [string, string][] = c.manifests.map((m) => [`${PROPERTY_PREFIX}manifest`, m]);
  if (c.scope === 'dev') {
    list.push([`${PROPERTY_PREFIX}development`, 'true']);
    const taxonomy = DEV_TAXONOMY[c.ecosystem];
    if (taxonomy) list.push([taxonomy, 'true']);
  }
  return list
    .sort(([n1, v1], [n2, v2]) => compareCodeUnits(n1, n2) || compareCodeUnits(v1, v2))
    .map(([name, value]) => new Models.Property(name, value));
}

function libraryComponent(c: SbomComponent): Models.Component {
  const { group, name } = cycloneDxName(c.ecosystem, c.name);
  const component = new Models.Component(Enums.ComponentType.Library, name, { bomRef: c.purl, purl: c.purl });
  if (group !== undefined) component.group = group;
  if (c.version !== '') component.version = c.version;
  if (c.license !== undefined) component.licenses.add(cycloneDxLicense(c.license));
  for (const hash of c.hashes) component.hashes.set(HASH_ALGORITHM[hash.alg], hash.content);
  for (const property of properties(c)) component.properties.add(property);
  return component;
}

/** The library's BOM for the model (lists in the model's order). */
export function cycloneDxModel(model: SbomModel): Models.Bom {
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

/** CycloneDX 1.6 JSON as a plain value (the shape the library's normaliser gives). */
export function cycloneDxDocument(model: SbomModel): Serialize.JSON.Types.Normalized.Bom {
  const factory = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6);
  const document = factory.makeForBom().normalize(cycloneDxModel(model), { sortLists: false });
  const unknown = new Set(model.components.filter((c) => c.dependsOn === undefined).map((c) => c.purl));
  if (document.dependencies) {
    document.dependencies = document.dependencies.filter((d) => !unknown.has(d.ref));
  }
  return document;
}

/** CycloneDX 1.6 JSON text: two-space indent, a final newline. */
export function cycloneDxJson(model: SbomModel): string {
  return `${JSON.stringify(cycloneDxDocument(model), null, 2)}\n`;
}
