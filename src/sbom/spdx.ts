/**
 * SPDX 2.3 JSON from the SBOM model, built by hand (no maintained SPDX 2.3 writer for Node fits;
 * the format is a flat list of packages and relationships).
 *
 * - SPDXIDs: `SPDXRef-DOCUMENT`, `SPDXRef-RootPackage` for the project, and
 *   `SPDXRef-Package-<type>-<name>-<version>` for each component, reduced to the characters SPDX
 *   allows (letters, digits, `.`, `-`); when two components reduce to the same id, both get a
 *   short hash of their purl, so an id does not depend on the order of the packages.
 * - Packages: versionInfo, downloadLocation / licenseConcluded / copyrightText NOASSERTION
 *   (a lockfile tells none of them), filesAnalyzed false, licenseDeclared (an SPDX expression as
 *   the lockfile writes it, a `LicenseRef-` with the text in hasExtractedLicensingInfos for a
 *   licence that is not one, NOASSERTION when none is recorded), checksums, the purl as a
 *   PACKAGE-MANAGER external reference, primaryPackagePurpose, and the manifests in sourceInfo.
 * - Relationships: the document DESCRIBES the root; the root DEPENDS_ON its direct dependencies,
 *   except that a direct development dependency is DEV_DEPENDENCY_OF the root instead; a
 *   component DEPENDS_ON what its lockfile says it depends on. A component whose graph is
 *   unknown has no relationships of its own.
 * - documentNamespace: `<base><name>-<uuid>`, the model's UUID (derived from the content in
 *   reproducible mode).
 */
import { createHash } from 'node:crypto';
import parseSpdx from 'spdx-expression-parse';
import type { HashAlgorithm } from '../inventory/component.js';
import { compareCodeUnits, type SbomComponent, type SbomModel } from './model.js';

/** Where our documents' namespaces live unless the caller gives its own base. */
export const DEFAULT_NAMESPACE_BASE = 'https://github.com/pavedpath/pavedpath/spdx/';

export interface SpdxOptions {
  /** Prefix of documentNamespace, ending in `/` (e.g. the repository's URL + `/spdx/`). */
  namespaceBase?: string;
}

export interface SpdxChecksum {
  algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512';
  checksumValue: string;
}

export interface SpdxPackage {
  name: string;
  SPDXID: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: string;
  copyrightText: 'NOASSERTION';
  checksums?: SpdxChecksum[];
  externalRefs?: { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }[];
  primaryPackagePurpose: 'APPLICATION' | 'LIBRARY';
  sourceInfo?: string;
}

export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: 'DESCRIBES' | 'DEPENDS_ON' | 'DEV_DEPENDENCY_OF';
  relatedSpdxElement: string;
}

export interface SpdxDocument {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPackage[];
  hasExtractedLicensingInfos?: { licenseId: string; name: string; extractedText: string }[];
  relationships: SpdxRelationship[];
}

export const ROOT_SPDXID = 'SPDXRef-RootPackage';

const CHECKSUM: Record<HashAlgorithm, SpdxChecksum['algorithm']> = {
  'SHA-1': 'SHA1',
  'SHA-256': 'SHA256',
  'SHA-384': 'SHA384',
  'SHA-512': 'SHA512',
};

/** Letters, digits, `.` and `-` only; runs of anything else become one `-`. */
function idChars(text: string): string {
  return text
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Ids from `base(key)`, with a hash of the key added wherever two keys share a base. */
function uniqueIds(keys: readonly string[], base: (key: string) => string): Map<string, string> {
  const bases = new Map<string, string>();
  const count = new Map<string, number>();
  for (const key of keys) {
    const b = base(key);
    bases.set(key, b);
    count.set(b, (count.get(b) ?? 0) + 1);
  }
  const ids = new Map<string, string>();
  for (const [key, b] of bases) ids.set(key, (count.get(b) ?? 0) > 1 ? `${b}-${shortHash(key)}` : b);
  return ids;
}

/** `npm-babel-core-7.0.0` from `pkg:npm/%40babel/core@7.0.0`: the purl's readable part. */
function packageIdBase(purl: string): string {
  const withoutQualifiers = purl.replace(/[?#].*$/, '').replace(/^pkg:/, '');
  let readable: string;
  try {
    readable = decodeURIComponent(withoutQualifiers);
  } catch {
    readable = withoutQualifiers;
  }
  return `SPDXRef-Package-${idChars(readable) || 'unnamed'}`;
}

function isListedExpression(text: string): boolean {
  try {
    const leaves: parseSpdx.Info[] = [parseSpdx(text)];
    while (leaves.length > 0) {
      const node = leaves.pop() as parseSpdx.Info;
      if ('conjunction' in node) leaves.push(node.left, node.right);
      // LicenseRef-/DocumentRef- would need text we do not have: treated as licence text.
      else if (/^(LicenseRef|DocumentRef)-/.test(node.license)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function documentName(model: SbomModel): string {
  return model.root.version ? `${model.root.name}@${model.root.version}` : model.root.name;
}

/** SPDX 2.3 JSON as a plain value. */
export function spdxDocument(model: SbomModel, options: SpdxOptions = {}): SpdxDocument {
  const ids = uniqueIds(
    model.components.map((c) => c.purl),
    packageIdBase,
  );
  const idOf = (purl: string) => ids.get(purl) as string;

  const unlisted = [
    ...new Set(
      model.components.flatMap((c) => (c.license && !isListedExpression(c.license) ? [c.license] : [])),
    ),
  ].sort(compareCodeUnits);
  const licenseRefs = uniqueIds(
    unlisted,
    (text) => `LicenseRef-${idChars(text.replace(/^LicenseRef-/, '')).slice(0, 64) || 'unnamed'}`,
  );
  const declared = (c: SbomComponent) =>
    c.license === undefined ? 'NOASSERTION' : (licenseRefs.get(c.license) ?? c.license);

  const root: SpdxPackage = {
    name: model.root.name,
    SPDXID: ROOT_SPDXID,
    ...(model.root.version !== undefined ? { versionInfo: model.root.version } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    ...(model.root.purl !== undefined
      ? {
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: model.root.purl,
            },
          ],
        }
      : {}),
    primaryPackagePurpose: 'APPLICATION',
  };
  const packages: SpdxPackage[] = [
    root,
    ...model.components.map((c): SpdxPackage => ({
      name: c.name,
      SPDXID: idOf(c.purl),
      ...(c.version !== '' ? { versionInfo: c.version } : {}),
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: declared(c),
      copyrightText: 'NOASSERTION',
      ...(c.hashes.length > 0
        ? { checksums: c.hashes.map((h) => ({ algorithm: CHECKSUM[h.alg], checksumValue: h.content })) }
        : {}),
      externalRefs: [
        { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl },
      ],
      primaryPackagePurpose: 'LIBRARY',
      sourceInfo: `from ${c.manifests.join(', ')}${c.scope === 'dev' ? ' (development dependency)' : ''}`,
    })),
  ];

  const byPurl = new Map(model.components.map((c) => [c.purl, c]));
  const relationships: SpdxRelationship[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: ROOT_SPDXID },
  ];
  for (const purl of model.root.dependsOn) {
    const dep = byPurl.get(purl);
    if (!dep) continue;
    relationships.push(
      dep.scope === 'dev'
        ? {
            spdxElementId: idOf(purl),
            relationshipType: 'DEV_DEPENDENCY_OF',
            relatedSpdxElement: ROOT_SPDXID,
          }
        : { spdxElementId: ROOT_SPDXID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: idOf(purl) },
    );
  }
  for (const c of model.components) {
    for (const d of c.dependsOn ?? []) {
      if (byPurl.has(d)) {
        relationships.push({
          spdxElementId: idOf(c.purl),
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: idOf(d),
        });
      }
    }
  }

  const name = documentName(model);
  const document: SpdxDocument = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `${options.namespaceBase ?? DEFAULT_NAMESPACE_BASE}${idChars(name) || 'sbom'}-${model.uuid}`,
    creationInfo: {
      // SPDX 2.3 section 6.9: YYYY-MM-DDThh:mm:ssZ, no fraction.
      created: model.timestamp.replace(/\.\d+Z$/, 'Z'),
      creators: [`Tool: ${model.tool.name}-${model.tool.version}`],
    },
    packages,
    relationships,
  };
  if (unlisted.length > 0) {
    document.hasExtractedLicensingInfos = unlisted.map((text) => ({
      licenseId: licenseRefs.get(text) as string,
      name: text,
      extractedText: text,
    }));
  }
  return document;
}

/** SPDX 2.3 JSON text: two-space indent, a final newline. */
export function spdxJson(model: SbomModel, options: SpdxOptions = {}): string {
  return `${JSON.stringify(spdxDocument(model, options), null, 2)}\n`;
}
