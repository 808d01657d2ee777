/**
 * What changed between two SBOMs, for the summary: components added and removed, versions
 * changed, and licences the head has that the base did not. Either side is an SBOM document
 * (CycloneDX or SPDX JSON, parsed) or an inventory (the ParsedManifests of src/inventory), which
 * is what the action compares: the base branch's lockfiles with the head's. Pure.
 *
 * A component's identity is its purl without version, qualifiers and subpath (`pkg:npm/lodash`),
 * percent-decoded, PyPI names normalised (PEP 503); a component without a purl is known by name.
 * One package may be present at several versions (npm nests copies): a package whose set of
 * versions differs is "changed", with the versions only the base has (`from`) and those only the
 * head has (`to`). Licences are compared by SPDX licence id (the leaves of an expression, `+` and
 * `WITH` kept), and as written when the text is not an SPDX expression.
 */
import parseSpdx from 'spdx-expression-parse';
import { normalisePythonName, type ParsedManifest } from '../inventory/component.js';
import { compareCodeUnits } from './model.js';

/** One component of one side, as the diff sees it. */
export interface SbomDiffComponent {
  /** `pkg:npm/lodash`, or `name:<name>` without a purl. */
  key: string;
  /** The package name for people: `@babel/core`, `org.slf4j:slf4j-api`, `github.com/x/y`. */
  name: string;
  version: string;
  /** Declared licences (SPDX expressions or text), as written. */
  licenses: string[];
}

export interface SbomDiffEntry {
  key: string;
  name: string;
  /** Sorted. */
  versions: string[];
}

export interface SbomVersionChange {
  key: string;
  name: string;
  /** Versions only the base has, sorted. */
  from: string[];
  /** Versions only the head has, sorted. */
  to: string[];
}

export interface SbomNewLicense {
  /** An SPDX licence id (`GPL-3.0-only`, `GPL-2.0+`, `Apache-2.0 WITH LLVM-exception`) or the text. */
  license: string;
  /** The head's components that declare it, `name@version`, sorted. */
  components: string[];
}

export interface SbomDiff {
  /** Distinct components (identity and version) on each side. */
  counts: { base: number; head: number };
  added: SbomDiffEntry[];
  removed: SbomDiffEntry[];
  changed: SbomVersionChange[];
  newLicenses: SbomNewLicense[];
}

/** An inventory, or a parsed CycloneDX / SPDX JSON document. */
export type SbomSide = readonly ParsedManifest[] | Readonly<Record<string, unknown>>;

export interface SbomDiffOptions {
  /** For an inventory side: count components only development dependencies reach (default true). */
  includeDev?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Identity, display name and version of a purl; undefined when it is not one. */
export function purlIdentity(purl: string): { key: string; name: string; version?: string } | undefined {
  const m = /^pkg:\/*([A-Za-z.+-][A-Za-z0-9.+-]*)\/([^?#]+)/.exec(purl.trim());
  if (!m) return undefined;
  const type = (m[1] as string).toLowerCase();
  const path = (m[2] as string).replace(/\/+$/, '');
  const slash = path.lastIndexOf('/');
  const last = path.slice(slash + 1);
  const at = last.indexOf('@');
  const base = at >= 0 ? last.slice(0, at) : last;
  const version = at >= 0 ? decode(last.slice(at + 1)) : undefined;
  let namespace = slash >= 0 ? path.slice(0, slash).split('/').map(decode) : [];
  let name = decode(base);
  if (name === '') return undefined;
  if (type === 'pypi') name = normalisePythonName(name);
  if (type === 'composer' || type === 'github') {
    namespace = namespace.map((s) => s.toLowerCase());
    name = name.toLowerCase();
  }
  const key = `pkg:${type}/${[...namespace, name].join('/')}`;
  const display =
    namespace.length === 0 ? name : `${namespace.join('/')}${type === 'maven' ? ':' : '/'}${name}`;
  return version === undefined ? { key, name: display } : { key, name: display, version };
}

function entry(purl: string | undefined, name: string, version: string | undefined, licenses: string[]) {
  const id = purl === undefined ? undefined : purlIdentity(purl);
  const component: SbomDiffComponent = {
    key: id?.key ?? `name:${name}`,
    name: id?.name ?? name,
    version: version ?? id?.version ?? '',
    licenses,
  };
  return component;
}

function fromInventory(manifests: readonly ParsedManifest[], includeDev: boolean): SbomDiffComponent[] {
  return manifests.flatMap((m) =>
    m.components
      .filter((c) => includeDev || c.scope === 'prod')
      .map((c) => entry(c.purl, c.name, c.version, c.license ? [c.license] : [])),
  );
}

function cycloneDxComponents(list: unknown, out: SbomDiffComponent[]): void {
  if (!Array.isArray(list)) return;
  for (const c of list) {
    if (!isObject(c)) continue;
    const name = str(c.name);
    if (name !== undefined) {
      const group = str(c.group);
      const licenses: string[] = [];
      for (const l of Array.isArray(c.licenses) ? c.licenses : []) {
        if (!isObject(l)) continue;
        const text =
          str(l.expression) ?? (isObject(l.license) ? (str(l.license.id) ?? str(l.license.name)) : undefined);
        if (text !== undefined) licenses.push(text);
      }
      out.push(entry(str(c.purl), group ? `${group}/${name}` : name, str(c.version), licenses));
    }
    cycloneDxComponents(c.components, out);
  }
}

function spdxPackages(doc: Json): SbomDiffComponent[] {
  const described = new Set<string>();
  for (const id of Array.isArray(doc.documentDescribes) ? doc.documentDescribes : []) {
    if (typeof id === 'string') described.add(id);
  }
  for (const r of Array.isArray(doc.relationships) ? doc.relationships : []) {
    if (!isObject(r) || typeof r.relatedSpdxElement !== 'string') continue;
    if (r.spdxElementId === doc.SPDXID && r.relationshipType === 'DESCRIBES')
      described.add(r.relatedSpdxElement);
    if (r.relatedSpdxElement === doc.SPDXID && r.relationshipType === 'DESCRIBED_BY') {
      if (typeof r.spdxElementId === 'string') described.add(r.spdxElementId);
    }
  }
  // A licence that is not an SPDX expression is a LicenseRef with the text beside it: use the text.
  const extracted = new Map<string, string>();
  for (const info of Array.isArray(doc.hasExtractedLicensingInfos) ? doc.hasExtractedLicensingInfos : []) {
    if (!isObject(info) || typeof info.licenseId !== 'string') continue;
    const text = str(info.name) ?? str(info.extractedText);
    if (text !== undefined && text !== 'NOASSERTION') extracted.set(info.licenseId, text);
  }
  const known = (v: unknown) => {
    const s = str(v);
    return s === undefined || s === 'NOASSERTION' || s === 'NONE' ? undefined : (extracted.get(s) ?? s);
  };
  const out: SbomDiffComponent[] = [];
  for (const p of Array.isArray(doc.packages) ? doc.packages : []) {
    if (!isObject(p) || (typeof p.SPDXID === 'string' && described.has(p.SPDXID))) continue;
    const name = str(p.name);
    if (name === undefined) continue;
    const purl = (Array.isArray(p.externalRefs) ? p.externalRefs : [])
      .filter(isObject)
      .map((r) => (r.referenceType === 'purl' ? str(r.referenceLocator) : undefined))
      .find((r) => r !== undefined);
    const license = known(p.licenseDeclared) ?? known(p.licenseConcluded);
    out.push(entry(purl, name, str(p.versionInfo), license ? [license] : []));
  }
  return out;
}

/**
 * The components of one side. Throws a TypeError for a value that is neither an inventory nor a
 * CycloneDX or SPDX JSON document (read untrusted files with summariseSbom first).
 */
export function sbomDiffComponents(side: SbomSide, options: SbomDiffOptions = {}): SbomDiffComponent[] {
  if (Array.isArray(side))
    return fromInventory(side as readonly ParsedManifest[], options.includeDev ?? true);
  const doc = side as Json;
  if (doc.bomFormat === 'CycloneDX') {
    const out: SbomDiffComponent[] = [];
    cycloneDxComponents(doc.components, out);
    return out;
  }
  if (typeof doc.spdxVersion === 'string') return spdxPackages(doc);
  throw new TypeError(
    'not an SBOM: neither an inventory, CycloneDX JSON ("bomFormat") nor SPDX JSON ("spdxVersion")',
  );
}

/** The licence ids of one declared licence: the leaves of an SPDX expression, or the text. */
export function licenseIds(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'NOASSERTION' || trimmed === 'NONE') return [];
  try {
    const out: string[] = [];
    const stack: parseSpdx.Info[] = [parseSpdx(trimmed)];
    while (stack.length > 0) {
      const node = stack.pop() as parseSpdx.Info;
      if ('conjunction' in node) stack.push(node.right, node.left);
      else
        out.push(`${node.license}${node.plus ? '+' : ''}${node.exception ? ` WITH ${node.exception}` : ''}`);
    }
    return out;
  } catch {
    return [trimmed];
  }
}

function sortedVersions(set: Iterable<string>): string[] {
  return [...set].sort(compareCodeUnits);
}

/** The difference between the base's components and the head's (see the file comment). */
export function diffSboms(base: SbomSide, head: SbomSide, options: SbomDiffOptions = {}): SbomDiff {
  const group = (list: SbomDiffComponent[]) => {
    const map = new Map<string, { name: string; versions: Set<string> }>();
    for (const c of list) {
      const g = map.get(c.key) ?? { name: c.name, versions: new Set<string>() };
      g.versions.add(c.version);
      map.set(c.key, g);
    }
    return map;
  };
  const baseList = sbomDiffComponents(base, options);
  const headList = sbomDiffComponents(head, options);
  const before = group(baseList);
  const after = group(headList);

  const added: SbomDiffEntry[] = [];
  const removed: SbomDiffEntry[] = [];
  const changed: SbomVersionChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(compareCodeUnits)) {
    const b = before.get(key);
    const h = after.get(key);
    if (h && !b) added.push({ key, name: h.name, versions: sortedVersions(h.versions) });
    else if (b && !h) removed.push({ key, name: b.name, versions: sortedVersions(b.versions) });
    else if (b && h) {
      const from = sortedVersions([...b.versions].filter((v) => !h.versions.has(v)));
      const to = sortedVersions([...h.versions].filter((v) => !b.versions.has(v)));
      if (from.length > 0 || to.length > 0) changed.push({ key, name: h.name, from, to });
    }
  }

  const baseLicenses = new Set(baseList.flatMap((c) => c.licenses.flatMap(licenseIds)));
  const carriers = new Map<string, Set<string>>();
  for (const c of headList) {
    for (const id of new Set(c.licenses.flatMap(licenseIds))) {
      if (baseLicenses.has(id)) continue;
      const set = carriers.get(id) ?? new Set<string>();
      set.add(c.version === '' ? c.name : `${c.name}@${c.version}`);
      carriers.set(id, set);
    }
  }
  const newLicenses = [...carriers.keys()]
    .sort(compareCodeUnits)
    .map((license) => ({ license, components: [...(carriers.get(license) ?? [])].sort(compareCodeUnits) }));

  const distinct = (list: SbomDiffComponent[]) => new Set(list.map((c) => `${c.key}@${c.version}`)).size;
  return {
    counts: { base: distinct(baseList), head: distinct(headList) },
    added,
    removed,
    changed,
    newLicenses,
  };
}
