/**
 * NuGet's order (NuGet.Versioning: NuGetVersion and VersionComparer.Default): SemVer 2.0 with an
 * optional fourth number, `Major[.Minor[.Patch[.Revision]]][-label.label][+metadata]`.
 * - Missing numbers are 0 (`1.0` = `1.0.0` = `1.0.0.0`); each fits a 32-bit signed int.
 * - A pre-release sorts below its release; labels compare one by one, numeric labels
 *   numerically and below alphanumeric ones, alphanumeric labels case-insensitively (ordinal);
 *   fewer labels sort first when the rest are equal. Metadata is ignored.
 */
import { compareDigits, compareStrings, type VersionOrder } from './order.js';

interface NuGetVersion {
  numbers: [bigint, bigint, bigint, bigint];
  release: string[];
}

const PATTERN =
  /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const INT_MAX = 2147483647n;

const isNumericLabel = (label: string): boolean => /^\d+$/.test(label) && BigInt(label) <= INT_MAX;

function compareLabel(a: string, b: string): number {
  const numericA = isNumericLabel(a);
  const numericB = isNumericLabel(b);
  if (numericA && numericB) return compareDigits(a, b);
  if (numericA) return -1;
  if (numericB) return 1;
  return compareStrings(a.toUpperCase(), b.toUpperCase());
}

function compareNuGet(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const x = a.numbers[i] as bigint;
    const y = b.numbers[i] as bigint;
    if (x !== y) return x < y ? -1 : 1;
  }
  // a release sorts above its pre-releases
  if (a.release.length === 0) return b.release.length === 0 ? 0 : 1;
  if (b.release.length === 0) return -1;
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    const x = a.release[i];
    const y = b.release[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const result = compareLabel(x, y);
    if (result !== 0) return result;
  }
  return 0;
}

export const nugetOrder: VersionOrder<NuGetVersion> = {
  parse(version) {
    const match = PATTERN.exec(version.trim());
    if (!match) return undefined;
    const numbers = [match[1], match[2], match[3], match[4]].map((n) => BigInt(n ?? '0'));
    if (numbers.some((n) => n > INT_MAX)) return undefined;
    return {
      numbers: numbers as NuGetVersion['numbers'],
      release: match[5] === undefined ? [] : match[5].split('.'),
    };
  },
  compare: compareNuGet,
};
