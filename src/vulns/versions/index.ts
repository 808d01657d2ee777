/**
 * Version order per ecosystem, for evaluating OSV `SEMVER`/`ECOSYSTEM` ranges. Pure.
 *
 * `parseVersion` returns undefined for a string the ecosystem cannot order (a Composer branch,
 * a non-PEP 440 Python version, a malformed SemVer), so callers can fall back to exact matching
 * instead of guessing; `compareVersions` throws a RangeError for such strings.
 */
import type { Ecosystem } from '../../inventory/component.js';
import { mavenOrder } from './maven.js';
import { nugetOrder } from './nuget.js';
import type { VersionOrder } from './order.js';
import { packagistOrder } from './packagist.js';
import { pypiOrder } from './pypi.js';
import { rubygemsOrder } from './rubygems.js';
import { cratesOrder, goOrder, npmOrder } from './semver.js';

export type { VersionOrder } from './order.js';

/** A version the ecosystem can order. `raw` is the string as given. */
export interface ParsedVersion {
  readonly ecosystem: Ecosystem;
  readonly raw: string;
  /** The ecosystem's own representation; only meaningful to `compareParsed`. */
  readonly key: unknown;
}

function erase<T>(order: VersionOrder<T>): VersionOrder<unknown> {
  return { parse: (version) => order.parse(version), compare: (a, b) => order.compare(a as T, b as T) };
}

const ORDERS: Record<Ecosystem, VersionOrder<unknown>> = {
  npm: erase(npmOrder),
  Go: erase(goOrder),
  PyPI: erase(pypiOrder),
  'crates.io': erase(cratesOrder),
  RubyGems: erase(rubygemsOrder),
  Maven: erase(mavenOrder),
  Packagist: erase(packagistOrder),
  NuGet: erase(nugetOrder),
};

/** The ecosystem's reading of `version`, or undefined when the ecosystem cannot order it. */
export function parseVersion(ecosystem: Ecosystem, version: string): ParsedVersion | undefined {
  if (typeof version !== 'string' || version.length > 1024) return undefined;
  const order = Object.hasOwn(ORDERS, ecosystem) ? ORDERS[ecosystem] : undefined;
  const key = order?.parse(version);
  return key === undefined ? undefined : { ecosystem, raw: version, key };
}

/** -1, 0 or 1. Both must come from `parseVersion` for the same ecosystem. */
export function compareParsed(a: ParsedVersion, b: ParsedVersion): -1 | 0 | 1 {
  if (a.ecosystem !== b.ecosystem)
    throw new RangeError(`cannot compare ${a.ecosystem} and ${b.ecosystem} versions`);
  const result = ORDERS[a.ecosystem].compare(a.key, b.key);
  return result < 0 ? -1 : result > 0 ? 1 : 0;
}

/** -1, 0 or 1 in the ecosystem's order; throws a RangeError when either cannot be ordered. */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): -1 | 0 | 1 {
  const left = parseVersion(ecosystem, a);
  const right = parseVersion(ecosystem, b);
  if (!left || !right) {
    throw new RangeError(`${ecosystem} cannot order version ${JSON.stringify(left ? b : a)}`);
  }
  return compareParsed(left, right);
}

/** The versions in ascending order (stable for equal ones); unorderable ones are dropped. */
export function sortVersions(ecosystem: Ecosystem, versions: readonly string[]): string[] {
  return versions
    .map((v) => parseVersion(ecosystem, v))
    .filter((v): v is ParsedVersion => v !== undefined)
    .sort(compareParsed)
    .map((v) => v.raw);
}
