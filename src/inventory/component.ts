/**
 * A component: one package at one version, as a lockfile or manifest pins it. Every parser in
 * src/inventory turns its format into these; the diff, the vulnerability matcher, the SBOM and the
 * report all read them. Pure data.
 */

/** OSV's ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field). */
export const ECOSYSTEMS = [
  'npm',
  'Go',
  'PyPI',
  'crates.io',
  'RubyGems',
  'Maven',
  'Packagist',
  'NuGet',
] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export type Scope = 'prod' | 'dev';

export interface Component {
  ecosystem: Ecosystem;
  /**
   * The name as the ecosystem writes it: npm `@scope/name`, Go the module path, PyPI the project
   * name as written in the lockfile (compare with `componentKey`, which normalises), Maven
   * `group:artifact`, Packagist `vendor/name`.
   */
  name: string;
  version: string;
  /** Package URL (https://github.com/package-url/purl-spec), from `purlFor`. */
  purl: string;
  /** A dependency the project declares itself (not one pulled in by another package). */
  direct: boolean;
  /** prod when any path to it is a production dependency; dev when only dev paths reach it. */
  scope: Scope;
  /** SPDX expression, when the lockfile records it. */
  license?: string;
  /** The lockfile or manifest, relative to the repository root, with `/` separators. */
  manifest: string;
  /** 1-based line in `manifest` that pins this version, when known. */
  line?: number;
  /**
   * Hashes of the package artifact, as the lockfile records them (npm `integrity`, Cargo
   * `checksum`, composer `dist.shasum`…), hex-encoded lower case. Absent when the lockfile has none.
   */
  hashes?: ComponentHash[];
  /**
   * The components of the same manifest this one depends on, by purl, sorted, when the lockfile
   * gives the graph. Absent when it does not (an empty array means: no dependencies).
   */
  dependsOn?: string[];
}

export type HashAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface ComponentHash {
  alg: HashAlgorithm;
  /** Hex, lower case. */
  content: string;
}

/** The project a manifest belongs to, when the manifest (or the file beside it) names it. */
export interface ManifestRoot {
  name: string;
  version?: string;
  /** Purls of the project's direct dependencies in this manifest, sorted, when known. */
  dependsOn?: string[];
}

/** A requirement that is not pinned to one version (requirements.txt `flask>=2`): a finding of its own. */
export interface UnpinnedRequirement {
  ecosystem: Ecosystem;
  name: string;
  /** The specifier as written (`>=2,<3`), or '' for none at all. */
  spec: string;
  manifest: string;
  line: number;
}

export interface InventoryProblem {
  level: 'error' | 'warning';
  file: string;
  line?: number;
  message: string;
  /** How to fix it. */
  hint?: string;
}

/** What one parser made of one file. A file that does not parse has an error problem and no components. */
export interface ParsedManifest {
  file: string;
  /** e.g. `package-lock.json v3`, `yarn.lock berry v8`, `poetry.lock 2.0`. */
  format: string;
  ecosystem: Ecosystem;
  components: Component[];
  unpinned: UnpinnedRequirement[];
  problems: InventoryProblem[];
  /** The project itself (package-lock's root package, Cargo's workspace members…), when known. */
  root?: ManifestRoot;
}

/** An SRI `integrity` value (`sha512-<base64>`) as a ComponentHash, or undefined. */
export function hashFromIntegrity(integrity: string): ComponentHash | undefined {
  const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})$/.exec(
    integrity.trim().split(/\s+/)[0] ?? '',
  );
  if (!m) return undefined;
  const alg = ({ sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' } as const)[
    m[1] as 'sha1' | 'sha256' | 'sha384' | 'sha512'
  ];
  const bytes = Buffer.from(m[2] as string, 'base64');
  const expected = { 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[alg];
  return bytes.length === expected ? { alg, content: bytes.toString('hex') } : undefined;
}

/** The signature every lockfile parser has: the file's text and its repository-relative path. */
export type ManifestParser = (text: string, file: string) => ParsedManifest;

/** PEP 503: lower case, runs of `-`, `_` and `.` become one `-`. */
export function normalisePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The identity of a package in an ecosystem, for diffs and look-ups (PyPI names normalised). */
export function componentKey(ecosystem: Ecosystem, name: string): string {
  const n =
    ecosystem === 'PyPI' ? normalisePythonName(name) : ecosystem === 'NuGet' ? name.toLowerCase() : name;
  return `${ecosystem}:${n}`;
}

const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  Go: 'golang',
  PyPI: 'pypi',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Maven: 'maven',
  Packagist: 'composer',
  NuGet: 'nuget',
};

/** purl-spec percent-encoding of one segment: everything but unreserved characters. */
function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The Package URL of a component, per the purl-spec type rules of each ecosystem. */
export function purlFor(ecosystem: Ecosystem, name: string, version: string): string {
  const type = PURL_TYPE[ecosystem];
  let namespace: string[] = [];
  let base = name;
  if (ecosystem === 'npm' && name.startsWith('@') && name.includes('/')) {
    const i = name.indexOf('/');
    namespace = [name.slice(0, i)];
    base = name.slice(i + 1);
  } else if (ecosystem === 'Maven' && name.includes(':')) {
    const i = name.indexOf(':');
    namespace = [name.slice(0, i)];
    base = name.slice(i + 1);
  } else if (ecosystem === 'Go' || ecosystem === 'Packagist') {
    const parts = name.split('/');
    base = parts.pop() ?? name;
    namespace = parts;
  }
  if (ecosystem === 'PyPI') base = normalisePythonName(base);
  if (ecosystem === 'Packagist') {
    namespace = namespace.map((p) => p.toLowerCase());
    base = base.toLowerCase();
  }
  const path = [...namespace, base].map(encodeSegment).join('/');
  return `pkg:${type}/${path}@${encodeSegment(version)}`;
}
