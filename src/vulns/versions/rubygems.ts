/**
 * RubyGems' order: a port of Gem::Version (rubygems/version.rb).
 * - A version matches `\A\s*([0-9]+(?>\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*\z`;
 *   a `-` reads as `.pre.` (`1.0-rc1` = `1.0.pre.rc1`).
 * - Segments are the runs of digits and of letters (`1.0.b1` → 1, 0, "b", 1); a version with a
 *   letter is a pre-release, and a letter segment sorts below any number (`1.0.a < 1.0 < 1.0.1`).
 * - Comparison uses the canonical segments: trailing zeros dropped from the numeric part and
 *   from the part after the first letter (`1.0 = 1`, `1.0.a.0 = 1.a`). Letters compare
 *   byte-wise, so case matters. Missing segments count as 0.
 * Gem::Version reads the empty string as "0"; here it cannot be ordered (no component has it).
 */
import { compareStrings, sign, type VersionOrder } from './order.js';

type Segment = bigint | string;

const ANCHORED = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?)?\s*$/;

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === 0n) end--;
  return segments.slice(0, end);
}

/** Gem::Version#canonical_segments. */
function canonicalSegments(version: string): Segment[] {
  const segments: Segment[] = (version.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) =>
    /^\d+$/.test(s) ? BigInt(s) : s,
  );
  const stringStart = segments.findIndex((s) => typeof s === 'string');
  const numeric = stringStart === -1 ? segments : segments.slice(0, stringStart);
  const rest = stringStart === -1 ? [] : segments.slice(stringStart);
  return [...dropTrailingZeros(numeric), ...dropTrailingZeros(rest)];
}

/** Gem::Version#<=>. */
function compareSegments(left: Segment[], right: Segment[]): number {
  const limit = Math.max(left.length, right.length);
  for (let i = 0; i < limit; i++) {
    const lhs = left[i] ?? 0n;
    const rhs = right[i] ?? 0n;
    if (lhs === rhs) continue;
    if (typeof lhs === 'string' && typeof rhs !== 'string') return -1;
    if (typeof lhs !== 'string' && typeof rhs === 'string') return 1;
    return typeof lhs === 'string' ? compareStrings(lhs, rhs as string) : sign(lhs - (rhs as bigint));
  }
  return 0;
}

export const rubygemsOrder: VersionOrder<Segment[]> = {
  parse(version) {
    if (version.trim() === '' || !ANCHORED.test(version)) return undefined;
    return canonicalSegments(version.trim().replaceAll('-', '.pre.'));
  },
  compare: compareSegments,
};
