/**
 * The SBOM model: the inventory (the ParsedManifests of src/inventory) merged into one list of
 * components and one dependency graph, with what the document says about itself (root, tool,
 * timestamp, serial number). The CycloneDX writer (cyclonedx.ts) and the SPDX writer (spdx.ts)
 * both render this model, so the two documents always say the same thing.
 *
 * Pure and deterministic: the caller passes the timestamp, the serial number (or none: then it is
 * derived from a hash of the content), the tool and the root; lists come out sorted by code unit
 * (never by locale), so equal inputs give equal models whatever order the manifests and their
 * components came in. That is what the action's `reproducible` mode needs; outside it, the action
 * passes a random UUID and the time of the run.
 */
import { createHash } from 'node:crypto';
import {
  type ComponentHash,
  type Ecosystem,
  type HashAlgorithm,
  type ParsedManifest,
  purlFor,
  type Scope,
} from '../inventory/component.js';

/** The project the SBOM describes: from package metadata, or the repository (`sbomRootFor`). */
export interface SbomRootInput {
  name: string;
  version?: string;
  purl?: string;
}

/** The tool that writes the SBOM (metadata.tools in CycloneDX, a `Tool:` creator in SPDX). */
export interface SbomTool {
  name: string;
  version: string;
}

export interface SbomInput {
  manifests: readonly ParsedManifest[];
  root: SbomRootInput;
  /** Keep components that only development dependencies reach. */
  includeDev: boolean;
  /** ISO 8601 date-time: the time of the run, or (reproducible) SOURCE_DATE_EPOCH / the commit time. */
  timestamp: string;
  /** `urn:uuid:<uuid>`, random per run; absent: derived from the content (reproducible mode). */
  serial?: string;
  tool: SbomTool;
}

/** One package at one version, merged over every manifest that holds it (same purl). */
export interface SbomComponent {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  purl: string;
  /** prod when any manifest reaches it through a production dependency. */
  scope: Scope;
  /** Declared by a project itself in any manifest. */
  direct: boolean;
  /** The licence as the first manifest (in path order) that records one writes it. */
  license?: string;
  /** One per algorithm, sorted by algorithm; empty when no lockfile records one. */
  hashes: ComponentHash[];
  /** Every manifest that holds it, sorted. */
  manifests: string[];
  /**
   * Purls of the components it depends on, sorted, only those in this SBOM. Undefined when no
   * manifest gives the graph for it (unknown, which is not the same as none).
   */
  dependsOn?: string[];
}

export interface SbomRoot {
  /** The root's reference in the document: its purl, else `name@version`, else the name. */
  ref: string;
  name: string;
  version?: string;
  purl?: string;
  /** Purls of the direct dependencies of every manifest's project, sorted. */
  dependsOn: string[];
}

export interface SbomModel {
  root: SbomRoot;
  /** Sorted by purl. */
  components: SbomComponent[];
  /** ISO 8601, UTC, milliseconds (`Date.prototype.toISOString`). */
  timestamp: string;
  /** `urn:uuid:<uuid>`. */
  serial: string;
  /** The UUID of `serial`, also the last part of the SPDX document namespace. */
  uuid: string;
  tool: SbomTool;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** RFC 4122's URL namespace, for the name-based (version 5) UUIDs of reproducible documents. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
const SERIAL_NAME_PREFIX = 'https://github.com/pavedpath/pavedpath/sbom#';

/** A version 5 (SHA-1, name-based) UUID, RFC 4122 section 4.3. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function normaliseTimestamp(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) {
    throw new RangeError(`SBOM timestamp '${timestamp}' is not an ISO 8601 date-time`);
  }
  return new Date(ms).toISOString();
}

/**
 * The timestamp of a reproducible SBOM: SOURCE_DATE_EPOCH (whole seconds since 1970, as the
 * reproducible-builds.org spec defines it) when it is set and valid, else the commit time (ISO
 * 8601, or seconds like `git log -1 --format=%ct`). Undefined when neither is usable.
 */
export function reproducibleTimestamp(
  sourceDateEpoch: string | undefined,
  commitTime: string | undefined,
): string | undefined {
  const fromSeconds = (s: string | undefined) =>
    s !== undefined && /^\d{1,12}$/.test(s.trim())
      ? new Date(Number(s.trim()) * 1000).toISOString()
      : undefined;
  const epoch = fromSeconds(sourceDateEpoch);
  if (epoch) return epoch;
  if (commitTime === undefined || commitTime.trim() === '') return undefined;
  const seconds = fromSeconds(commitTime);
  if (seconds) return seconds;
  const ms = Date.parse(commitTime);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The root of an SBOM when the caller has no better one: the one project the manifests name
 * (package-lock's root package…), else the repository (`owner/name`, as GITHUB_REPOSITORY gives
 * it) with a `pkg:github` purl at the commit, else the first project named, else `project`.
 */
export function sbomRootFor(
  manifests: readonly ParsedManifest[],
  repository?: string,
  commit?: string,
): SbomRootInput {
  const named = new Map<string, SbomRootInput>();
  for (const m of [...manifests].sort((a, b) => compareCodeUnits(a.file, b.file))) {
    if (!m.root || m.root.name === '') continue;
    const root: SbomRootInput = { name: m.root.name };
    if (m.root.version) {
      root.version = m.root.version;
      root.purl = purlFor(m.ecosystem, m.root.name, m.root.version);
    }
    const key = `${m.ecosystem}\n${m.root.name}\n${m.root.version ?? ''}`;
    if (!named.has(key)) named.set(key, root);
  }
  const first = [...named.values()][0];
  if (named.size === 1 && first) return first;
  const repo = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository?.trim() ?? '');
  if (repo) {
    const [owner, name] = [(repo[1] as string).toLowerCase(), (repo[2] as string).toLowerCase()];
    const root: SbomRootInput = { name: `${repo[1] as string}/${repo[2] as string}` };
    root.purl = `pkg:github/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
    if (commit && /^[0-9a-f]{7,64}$/i.test(commit)) {
      root.version = commit.toLowerCase();
      root.purl += `@${root.version}`;
    }
    return root;
  }
  return first ?? { name: 'project' };
}

const HASH_ORDER: Record<HashAlgorithm, number> = { 'SHA-1': 0, 'SHA-256': 1, 'SHA-384': 2, 'SHA-512': 3 };

interface Merging {
  component: SbomComponent;
  /** Union of the manifests' dependsOn; undefined while no manifest gave one. */
  edges?: Set<string>;
}

/** Merge the manifests' components by purl (every manifest recorded), the graph with them. */
function mergeComponents(manifests: readonly ParsedManifest[]): Map<string, Merging> {
  const byPurl = new Map<string, Merging>();
  const ordered = [...manifests].sort((a, b) => compareCodeUnits(a.file, b.file));
  for (const manifest of ordered) {
    for (const c of manifest.components) {
      let entry = byPurl.get(c.purl);
      if (!entry) {
        entry = {
          component: {
            ecosystem: c.ecosystem,
            name: c.name,
            version: c.version,
            purl: c.purl,
            scope: c.scope,
            direct: c.direct,
            hashes: [],
            manifests: [],
          },
        };
        byPurl.set(c.purl, entry);
      }
      const merged = entry.component;
      if (c.scope === 'prod') merged.scope = 'prod';
      if (c.direct) merged.direct = true;
      if (merged.license === undefined && c.license !== undefined && c.license.trim() !== '') {
        merged.license = c.license.trim();
      }
      const manifestPath = c.manifest || manifest.file;
      if (!merged.manifests.includes(manifestPath)) merged.manifests.push(manifestPath);
      for (const hash of c.hashes ?? []) {
        if (!merged.hashes.some((h) => h.alg === hash.alg)) {
          merged.hashes.push({ alg: hash.alg, content: hash.content.toLowerCase() });
        }
      }
      if (c.dependsOn) {
        entry.edges ??= new Set();
        for (const d of c.dependsOn) entry.edges.add(d);
      }
    }
  }
  return byPurl;
}

/** The purls each manifest's project depends on directly: its root's list, else its direct components. */
function rootEdges(manifests: readonly ParsedManifest[]): Set<string> {
  const edges = new Set<string>();
  for (const m of manifests) {
    const listed = m.root?.dependsOn;
    if (listed) for (const d of listed) edges.add(d);
    else for (const c of m.components) if (c.direct) edges.add(c.purl);
  }
  return edges;
}

/**
 * Merge the inventory into the SBOM model. Throws a RangeError for a timestamp that is not a
 * date-time or a serial number that is not `urn:uuid:<uuid>` (caller errors, not input errors).
 */
export function buildSbomModel(input: SbomInput): SbomModel {
  const timestamp = normaliseTimestamp(input.timestamp);
  if (input.root.name.trim() === '') throw new RangeError('the SBOM root needs a name');
  const merged = mergeComponents(input.manifests);
  const rootPurl = input.root.purl;
  const rootDeps = rootEdges(input.manifests);

  // A component that is the project itself (uv.lock lists the editable project) becomes the root.
  const self = rootPurl === undefined ? undefined : merged.get(rootPurl);
  if (self && rootPurl !== undefined) {
    merged.delete(rootPurl);
    rootDeps.delete(rootPurl);
    for (const d of self.edges ?? []) rootDeps.add(d);
  }
  if (!input.includeDev) {
    for (const [purl, entry] of merged) if (entry.component.scope === 'dev') merged.delete(purl);
  }

  const present = (purl: string) => merged.has(purl);
  const components = [...merged.values()]
    .map(({ component, edges }) => {
      component.manifests.sort(compareCodeUnits);
      component.hashes.sort((a, b) => HASH_ORDER[a.alg] - HASH_ORDER[b.alg]);
      if (edges) {
        component.dependsOn = [...edges]
          .filter((d) => d !== component.purl && present(d))
          .sort(compareCodeUnits);
      }
      return component;
    })
    .sort((a, b) => compareCodeUnits(a.purl, b.purl));

  const root: SbomRoot = {
    ref: rootPurl ?? (input.root.version ? `${input.root.name}@${input.root.version}` : input.root.name),
    name: input.root.name,
    dependsOn: [...rootDeps].filter(present).sort(compareCodeUnits),
  };
  if (input.root.version) root.version = input.root.version;
  if (rootPurl !== undefined) root.purl = rootPurl;
  const tool: SbomTool = { name: input.tool.name, version: input.tool.version };

  let uuid: string;
  if (input.serial !== undefined) {
    const match = /^urn:uuid:(.+)$/i.exec(input.serial.trim());
    uuid = match?.[1]?.toLowerCase() ?? '';
    if (!UUID.test(uuid)) {
      throw new RangeError(`SBOM serial number '${input.serial}' is not urn:uuid:<RFC 4122 UUID>`);
    }
  } else {
    // Everything the documents say, in a fixed key order: equal content, equal serial number.
    const content = JSON.stringify({ root, components, timestamp, tool });
    uuid = uuidV5(URL_NAMESPACE, SERIAL_NAME_PREFIX + createHash('sha256').update(content).digest('hex'));
  }
  return { root, components, timestamp, serial: `urn:uuid:${uuid}`, uuid, tool };
}
