/**
 * Whether an ignore entry's selectors match a finding (all that the entry gives must match), and
 * how an entry is named in notices.
 *
 * - `rule`: the finding's rule id, exactly. `fingerprint`: its fingerprint, exactly.
 * - `path`: a glob over the finding's location path; a finding without a location never matches.
 * - `cwe`: one of the finding's CWEs.
 * - `advisory`: the rule id of a dependency finding, ignoring case; a rule id that continues with
 *   `-` after the advisory id also matches, as Grype writes `CVE-2021-3711-libssl1.1`.
 * - `package`: the package the caller's `packageOf` names for the finding (a purl or a name). A
 *   bare name matches a purl of any type with that name (`@babel/core`, `github.com/x/y`, and for
 *   Maven `group:artifact`); a purl without a version matches every version; with one, that one.
 */
import type { Finding } from '../findings/finding.js';
import { compileGlob } from './glob.js';
import type { IgnoreEntry, Selectors } from './schema.js';

export type PackageOf = (finding: Finding) => string | undefined;

interface PackageRef {
  type?: string;
  name: string;
  version?: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `pkg:npm/%40babel/core@7.0.0?x=y#sub` → npm, `@babel/core`, `7.0.0`; anything else is a name. */
export function parsePackageRef(text: string): PackageRef {
  const purl = /^pkg:\/*([^/]+)\/([^?#]+)/i.exec(text);
  if (!purl) return { name: text };
  const type = (purl[1] ?? '').toLowerCase();
  let path = purl[2] ?? '';
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > 0 && path[at - 1] !== '/') {
    version = decode(path.slice(at + 1));
    path = path.slice(0, at);
  }
  const name = path.split('/').filter(Boolean).map(decode).join('/');
  return version === undefined ? { type, name } : { type, name, version };
}

function sameName(selector: string, ref: PackageRef): boolean {
  const wanted = ref.type === 'maven' ? selector.replace(':', '/') : selector;
  if (ref.type === 'pypi') {
    // PEP 503: names are case-insensitive and treat runs of -, _ and . alike.
    const pep503 = (s: string) => s.toLowerCase().replace(/[-_.]+/g, '-');
    return pep503(wanted) === pep503(ref.name);
  }
  return wanted === ref.name;
}

export function packageMatches(selector: string, pkg: string): boolean {
  const wanted = parsePackageRef(selector);
  const actual = parsePackageRef(pkg);
  if (wanted.type === undefined) return sameName(wanted.name, actual);
  if (wanted.type !== actual.type || !sameName(wanted.name, actual)) return false;
  return wanted.version === undefined || wanted.version === actual.version;
}

export function advisoryMatches(advisory: string, ruleId: string): boolean {
  const id = advisory.toUpperCase();
  const rule = ruleId.toUpperCase();
  return rule === id || rule.startsWith(`${id}-`);
}

/** A predicate for the entry's selectors. Its `path` must be a valid glob (parseConfig checks). */
export function compileSelectors(selectors: Selectors, packageOf: PackageOf): (finding: Finding) => boolean {
  const { rule, fingerprint, path, cwe, advisory, package: pkg } = selectors;
  const pathMatches = path === undefined ? undefined : compileGlob(path);
  return (finding) => {
    if (rule !== undefined && finding.rule.id !== rule) return false;
    if (fingerprint !== undefined && finding.fingerprint !== fingerprint) return false;
    if (cwe !== undefined && !finding.cwes.includes(cwe)) return false;
    if (advisory !== undefined && !advisoryMatches(advisory, finding.rule.id)) return false;
    if (pathMatches) {
      const location = finding.location?.path;
      if (location === undefined || !pathMatches(location)) return false;
    }
    if (pkg !== undefined) {
      const actual = packageOf(finding);
      if (actual === undefined || !packageMatches(pkg, actual)) return false;
    }
    return true;
  };
}

/** `ignore[2] (rule G104, path cmd/**)`: how notices name an entry. */
export function describeEntry(entry: IgnoreEntry): string {
  const parts: string[] = [];
  if (entry.rule !== undefined) parts.push(`rule ${entry.rule}`);
  if (entry.advisory !== undefined) parts.push(`advisory ${entry.advisory}`);
  if (entry.cwe !== undefined) parts.push(`CWE-${entry.cwe}`);
  if (entry.package !== undefined) parts.push(`package ${entry.package}`);
  if (entry.path !== undefined) parts.push(`path ${entry.path}`);
  if (entry.fingerprint !== undefined) parts.push(`fingerprint ${entry.fingerprint}`);
  return parts.length === 0 ? entry.id : `${entry.id} (${parts.join(', ')})`;
}
