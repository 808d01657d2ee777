/**
 * CycloneDX 1.6 JSON from the SBOM model, written directly as the JSON value: the same document,
 * byte for byte, as `@cyclonedx/cyclonedx-library`'s model and JSON normaliser give (the tests
 * compare the two on every example and real-world lockfile), at a fraction of the time and
 * without the library's XML dependencies in the bundle. docs/adr/0008-cyclonedx-library.md and
 * docs/adr/0014-cyclonedx-json-written-directly.md say why.
 *
 * - bom-ref: the purl (unique after the model's merge); the root's is its purl or `name@version`.
 * - Components: type `library`; group and name per ecosystem as the CycloneDX generators write
 *   them (npm `@scope` and Maven `groupId` and Composer's vendor are the group; a Go module's name is
 *   its whole path); version; purl; licences (`license.id` for an id on CycloneDX's SPDX list,
 *   `expression` for any other SPDX expression, `license.name` for text that is neither),
 *   acknowledged `declared` because lockfiles carry what packages declare; hashes (hex of a length
 *   the spec allows); properties.
 * - Development dependencies: no `scope` (as @cyclonedx/cyclonedx-npm: it keeps `scope` for
 *   optional packages), the taxonomy's `cdx:npm:package:development` / `cdx:composer:package:
 *   isDevRequirement` where one exists, and `pavedpath:development` in every ecosystem.
 * - `pavedpath:manifest`: every manifest that holds the component.
 * - dependencies: an entry for the root and for every component whose graph a lockfile gives;
 *   components with no entry have unknown dependencies (CycloneDX 1.6: an entry without
 *   `dependsOn` says "none").
 *
 * Lists come in the model's code-unit order (never `localeCompare`, which depends on the locale);
 * keys in the order the library's normaliser writes them, so the text is the same.
 */
import { fixupSpdxId } from '@cyclonedx/cyclonedx-library/SPDX';
import parseSpdx from 'spdx-expression-parse';
import type { Ecosystem } from '../inventory/component.js';
import { compareCodeUnits, type SbomComponent, type SbomModel } from './model.js';

/** A CycloneDX 1.6 licence choice, as written for declared licences. */
export type CycloneDxLicense =
  | { license: { id: string; acknowledgement: 'declared' } }
  | { license: { name: string; acknowledgement: 'declared' } }
  | { expression: string; acknowledgement: 'declared' };

export interface CycloneDxProperty {
  name: string;
  value: string;
}

export interface CycloneDxHash {
  alg: string;
  content: string;
}

export interface CycloneDxComponent {
  type: 'library' | 'application';
  name: string;
  group?: string;
  version?: string;
  'bom-ref'?: string;
  hashes?: CycloneDxHash[];
  licenses?: CycloneDxLicense[];
  purl?: string;
  properties?: CycloneDxProperty[];
}

export interface CycloneDxDependency {
  ref: string;
  dependsOn?: string[];
}

/** The parts of a CycloneDX 1.6 BOM this writer fills. */
export interface CycloneDxBom {
  $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json';
  bomFormat: 'CycloneDX';
  specVersion: '1.6';
  version: 1;
  serialNumber?: string;
  metadata: {
    timestamp: string;
    tools: { components: CycloneDxComponent[] };
    component: CycloneDxComponent;
  };
  components: CycloneDxComponent[];
  dependencies: CycloneDxDependency[];
}

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

/** Whether `text` parses as an SPDX licence expression. */
export function isSpdxExpression(text: string): boolean {
  try {
    parseSpdx(text);
    return true;
  } catch {
    return false;
  }
}

/** A declared licence as CycloneDX writes it: SPDX id, SPDX expression, or a name. */
export function cycloneDxLicense(text: string): CycloneDxLicense {
  const id = fixupSpdxId(text);
  if (id !== undefined) return { license: { id, acknowledgement: 'declared' } };
  if (isSpdxExpression(text)) return { expression: text, acknowledgement: 'declared' };
  return { license: { name: text, acknowledgement: 'declared' } };
}

/** The hash values CycloneDX 1.6 accepts (hex of MD5, SHA-1, SHA-256, SHA-384, SHA-512 length). */
const HASH_VALUE = /^(?:[a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$/;

const DEV_TAXONOMY: Partial<Record<Ecosystem, string>> = {
  npm: 'cdx:npm:package:development',
  Packagist: 'cdx:composer:package:isDevRequirement',
};

function properties(c: SbomComponent): CycloneDxProperty[] {
  const list: CycloneDxProperty[] = c.manifests.map((m) => ({
    name: `${PROPERTY_PREFIX}manifest`,
    value: m,
  }));
  if (c.scope === 'dev') {
    list.push({ name: `${PROPERTY_PREFIX}development`, value: 'true' });
    const taxonomy = DEV_TAXONOMY[c.ecosystem];
    if (taxonomy) list.push({ name: taxonomy, value: 'true' });
  }
  return list.length < 2
    ? list
    : list.sort((a, b) => compareCodeUnits(a.name, b.name) || compareCodeUnits(a.value, b.value));
}

/**
 * One component, keys in the normaliser's order (type, name, group, version, bom-ref, hashes,
 * licenses, purl, properties); absent values are left out, as JSON.stringify leaves out
 * `undefined`.
 */
function component(c: SbomComponent): CycloneDxComponent {
  const { group, name } = cycloneDxName(c.ecosystem, c.name);
  const out: CycloneDxComponent = { type: 'library', name };
  if (group) out.group = group;
  if (c.version !== '') out.version = c.version;
  if (c.purl !== '') out['bom-ref'] = c.purl;
  // As the library's normaliser: the list when the component has hashes, then only valid values
  // in it (so a component whose every hash is invalid gets an empty list).
  if (c.hashes.length > 0) {
    out.hashes = c.hashes
      .filter((h) => HASH_VALUE.test(h.content))
      .map(({ alg, content }) => ({ alg, content }));
  }
  if (c.license !== undefined) out.licenses = [cycloneDxLicense(c.license)];
  out.purl = c.purl;
  const props = properties(c);
  if (props.length > 0) out.properties = props;
  return out;
}

/** A `dependencies` entry: known targets only, never itself, each once, in the model's order. */
function dependency(
  ref: string,
  dependsOn: readonly string[],
  known: ReadonlySet<string>,
): CycloneDxDependency {
  const targets: string[] = [];
  const seen = new Set<string>();
  for (const d of dependsOn) {
    if (d !== ref && known.has(d) && !seen.has(d)) {
      seen.add(d);
      targets.push(d);
    }
  }
  return targets.length > 0 ? { ref, dependsOn: targets } : { ref };
}

/** CycloneDX 1.6 as a plain JSON value. */
export function cycloneDxDocument(model: SbomModel): CycloneDxBom {
  const root: CycloneDxComponent = { type: 'application', name: model.root.name };
  if (model.root.version) root.version = model.root.version;
  if (model.root.ref !== '') root['bom-ref'] = model.root.ref;
  if (model.root.purl !== undefined) root.purl = model.root.purl;
  const tool: CycloneDxComponent = { type: 'application', name: model.tool.name };
  if (model.tool.version !== '') tool.version = model.tool.version;

  const known = new Set<string>();
  for (const c of model.components) known.add(c.purl);
  const dependencies: CycloneDxDependency[] = [];
  if (model.root.ref !== '') dependencies.push(dependency(model.root.ref, model.root.dependsOn, known));
  for (const c of model.components) {
    // No entry where no lockfile gives the graph: an entry without dependsOn would say "none".
    if (c.dependsOn !== undefined && c.purl !== '') dependencies.push(dependency(c.purl, c.dependsOn, known));
  }
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    ...(SERIAL_NUMBER.test(model.serial) ? { serialNumber: model.serial } : {}),
    metadata: {
      timestamp: new Date(model.timestamp).toISOString(),
      tools: { components: [tool] },
      component: root,
    },
    components: model.components.map(component),
    dependencies,
  };
}

const SERIAL_NUMBER = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** CycloneDX 1.6 JSON text: two-space indent, a final newline. */
export function cycloneDxJson(model: SbomModel): string {
  return `${JSON.stringify(cycloneDxDocument(model), null, 2)}\n`;
}
