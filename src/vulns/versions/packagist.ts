/**
 * Packagist's order, as Composer decides it: composer/semver's VersionParser::normalize, then
 * PHP's version_compare on the normalised strings (Constraint::versionCompare).
 * - normalize: `v` prefix dropped, up to four numbers (`1.2` → `1.2.0.0`), stability suffixes
 *   spelled out (`-b2` → `-beta2`, `-RC1` → `-RC1`, `-p1`/`-pl1` → `-patch1`, `-stable` dropped),
 *   build metadata and `@stability` flags stripped, date versions (`20240101`), and numeric
 *   branches (`1.0.x-dev` → `1.0.9999999.9999999-dev`).
 * - version_compare: dev < alpha = a < beta = b < RC = rc < (a number) < patch = pl = p, unknown
 *   words below dev; a longer version is greater when the extra part is a number and smaller
 *   when it is a pre-release word (`1.0.0.0-beta1 < 1.0.0.0 < 1.0.0.0-patch1`).
 * Branch versions (`dev-main`) cannot be ordered: Composer never compares them.
 */
import { compareDigits, sign, type VersionOrder } from './order.js';

const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATETIME = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

function expandStability(stability: string): string {
  const s = stability.toLowerCase();
  switch (s) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      return s;
  }
}

/** VersionParser::normalizeBranch. */
function normalizeBranch(name: string): string {
  const match = BRANCH.exec(name.trim());
  if (!match) return `dev-${name}`;
  let version = '';
  for (let i = 1; i < 5; i++) version += match[i]?.replace(/[*X]/g, 'x') ?? '.x';
  return `${version.replaceAll('x', '9999999')}-dev`;
}

/** VersionParser::normalize; undefined where Composer throws "Invalid version string". */
export function composerNormalize(input: string): string | undefined {
  let version = input.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(version);
  if (alias?.[1]) version = alias[1];
  const flag = /@(?:stable|RC|beta|alpha|dev)$/i.exec(version);
  if (flag) version = version.slice(0, version.length - flag[0].length);
  if (version === 'master' || version === 'trunk' || version === 'default') version = `dev-${version}`;
  if (version.toLowerCase().startsWith('dev-')) return `dev-${version.slice(4)}`;
  const build = /^([^,\s+]+)\+\S+$/.exec(version);
  if (build?.[1]) version = build[1];

  let match = CLASSICAL.exec(version);
  let index = 5;
  if (match) {
    version = `${match[1] ?? ''}${match[2] || '.0'}${match[3] || '.0'}${match[4] || '.0'}`;
  } else {
    match = DATETIME.exec(version);
    index = 2;
    if (match) version = (match[1] ?? '').replace(/\D/g, '.');
  }
  if (match) {
    const stability = match[index];
    if (stability) {
      if (stability === 'stable') return version;
      version += `-${expandStability(stability)}${(match[index + 1] ?? '').replace(/^[.-]+/, '')}`;
    }
    if (match[index + 2]) version += '-dev';
    return version;
  }
  const dev = /^(.*?)[.-]?dev$/i.exec(version);
  if (dev) {
    const normalized = normalizeBranch(dev[1] ?? '');
    if (!normalized.includes('dev-')) return normalized;
  }
  return undefined;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);
const isSpecial = (c: string): boolean => c === '-' || c === '_' || c === '+';

/** php_canonicalize_version: `-_+` and other punctuation become `.`, and `.` goes between digits and letters. */
function canonicalize(version: string): string {
  if (version === '') return '';
  let out = version[0] as string;
  let previous = out;
  for (const c of version.slice(1)) {
    const last = out[out.length - 1];
    const digitNow = isDigit(c);
    const digitBefore = isDigit(previous);
    if (isSpecial(c)) {
      if (last !== '.') out += '.';
    } else if ((!digitBefore && previous !== '.' && digitNow) || (digitBefore && !digitNow && c !== '.')) {
      if (last !== '.') out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      if (last !== '.') out += '.';
    } else {
      out += c;
    }
    previous = c;
  }
  return out;
}

const SPECIAL_FORMS: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

/** compare_special_version_forms: the first form each starts with; unknown words rank -1. */
function compareSpecialForms(a: string, b: string): number {
  const rank = (form: string): number => SPECIAL_FORMS.find(([name]) => form.startsWith(name))?.[1] ?? -1;
  return sign(rank(a) - rank(b));
}

/** php_version_compare, part by part over the canonical forms. */
export function phpVersionCompare(version1: string, version2: string): number {
  if (version1 === '' || version2 === '') {
    return version1 === '' && version2 === '' ? 0 : version1 === '' ? -1 : 1;
  }
  const v1 = version1.startsWith('#') ? version1 : canonicalize(version1);
  const v2 = version2.startsWith('#') ? version2 : canonicalize(version2);
  let p1 = 0;
  let p2 = 0;
  // n1/n2: the position of the dot ending the current part, null for the last part
  let n1: number | null = 0;
  let n2: number | null = 0;
  let compare = 0;
  while (p1 < v1.length && p2 < v2.length && n1 !== null && n2 !== null) {
    const dot1 = v1.indexOf('.', p1);
    const dot2 = v2.indexOf('.', p2);
    n1 = dot1 === -1 ? null : dot1;
    n2 = dot2 === -1 ? null : dot2;
    const part1 = v1.slice(p1, n1 ?? v1.length);
    const part2 = v2.slice(p2, n2 ?? v2.length);
    if (isDigit(part1[0]) && isDigit(part2[0])) {
      compare = compareDigits(/^\d+/.exec(part1)?.[0] ?? '0', /^\d+/.exec(part2)?.[0] ?? '0');
    } else if (!isDigit(part1[0]) && !isDigit(part2[0])) {
      compare = compareSpecialForms(part1, part2);
    } else {
      compare = isDigit(part1[0]) ? compareSpecialForms('#N#', part2) : compareSpecialForms(part1, '#N#');
    }
    if (compare !== 0) break;
    if (n1 !== null) p1 = n1 + 1;
    if (n2 !== null) p2 = n2 + 1;
  }
  if (compare === 0) {
    if (n1 !== null) {
      const rest = v1.slice(p1);
      compare = isDigit(rest[0]) ? 1 : phpVersionCompare(rest, '#N#');
    } else if (n2 !== null) {
      const rest = v2.slice(p2);
      compare = isDigit(rest[0]) ? -1 : phpVersionCompare('#N#', rest);
    }
  }
  return compare;
}

export const packagistOrder: VersionOrder<string> = {
  parse(version) {
    const normalized = composerNormalize(version);
    return normalized === undefined || normalized.startsWith('dev-') ? undefined : normalized;
  },
  compare: phpVersionCompare,
};
