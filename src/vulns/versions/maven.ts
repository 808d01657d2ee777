/**
 * Maven's version order: a port of org.apache.maven.artifact.versioning.ComparableVersion as
 * Maven 3.9.x ships it (maven-artifact 3.9.11; https://maven.apache.org/pom.html#version-order-specification).
 *
 * - `.` and `-` separate items, and so does every switch between digits and letters
 *   (`1.0alpha1` is `1.0-alpha-1`); a `-` (or a letter run after digits) opens a sub-list.
 * - Numbers compare numerically; a number is greater than any qualifier or sub-list at the same
 *   place (`1.0.1 > 1.0-1 > 1.0-sp`). Ints (up to 9 digits), longs (up to 18) and big integers
 *   are distinct item types, ordered int < long < big, after leading zeros are stripped.
 * - Qualifiers (case-insensitive): alpha = a < beta = b < milestone = m < rc = cr < snapshot
 *   < "" = ga = final = release < sp < any other qualifier, the others in lexical order.
 *   `a`, `b` and `m` are aliases only when a digit follows (`1a1` = `1-alpha-1`, `1a` is "a").
 * - "Null" items (0, "", ga, final, release, empty sub-lists) are trimmed from the end of every
 *   list, so `1 = 1.0 = 1.0.0 = 1-0 = 1.ga`.
 * - MNG-7644: a qualifier after a dot is read as after a hyphen (`2.0.a = 2-a`); MNG-6964: a
 *   sub-list compares all its items against nothing (`1-0.alpha < 1`).
 * Every string is a Maven version; parse only refuses the empty string.
 */
import { compareStrings, sign, type VersionOrder } from './order.js';

type NumberKind = 'int' | 'long' | 'big';
type Item =
  { kind: NumberKind; value: bigint } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };
type ListItem = Extract<Item, { kind: 'list' }>;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
/** comparableQualifier("") */
const RELEASE_VERSION_INDEX = String(QUALIFIERS.indexOf(''));
const NUMBER_RANK: Record<NumberKind, number> = { int: 0, long: 1, big: 2 };

function stringItem(raw: string, followedByDigit: boolean): Item {
  let value = raw;
  if (followedByDigit && value.length === 1) {
    // a1 = alpha-1, b1 = beta-1, m1 = milestone-1
    value = value === 'a' ? 'alpha' : value === 'b' ? 'beta' : value === 'm' ? 'milestone' : value;
  }
  return { kind: 'string', value: Object.hasOwn(ALIASES, value) ? (ALIASES[value] ?? value) : value };
}

function stripLeadingZeroes(buf: string): string {
  if (buf === '') return '0';
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] !== '0') return buf.slice(i);
  }
  return buf;
}

function numberItem(buf: string): Item {
  const digits = stripLeadingZeroes(buf);
  const kind: NumberKind = digits.length <= 9 ? 'int' : digits.length <= 18 ? 'long' : 'big';
  return { kind, value: BigInt(digits) };
}

function parseItem(isDigit: boolean, buf: string): Item {
  return isDigit ? numberItem(buf) : stringItem(buf, false);
}

function comparableQualifier(qualifier: string): string {
  const i = QUALIFIERS.indexOf(qualifier);
  return i === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(i);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'string':
      return comparableQualifier(item.value) === RELEASE_VERSION_INDEX;
    case 'list':
      return item.items.length === 0;
    default:
      return item.value === 0n;
  }
}

/** Item.compareTo(Item) of ComparableVersion, `other` undefined being Java's null. */
function compareItem(item: Item, other: Item | undefined): number {
  switch (item.kind) {
    case 'string': {
      if (other === undefined) return compareStrings(comparableQualifier(item.value), RELEASE_VERSION_INDEX); // 1-rc < 1, 1-ga > 1
      if (other.kind === 'string') {
        return compareStrings(comparableQualifier(item.value), comparableQualifier(other.value));
      }
      return -1; // 1.any < 1.1, 1.any < 1-1
    }
    case 'list': {
      if (other === undefined) {
        // MNG-6964: the whole list against nothing, not only its first item
        for (const child of item.items) {
          const result = compareItem(child, undefined);
          if (result !== 0) return result;
        }
        return 0; // 1-0 = 1- (normalize) = 1
      }
      if (other.kind === 'string') return 1; // 1-1 > 1-sp
      if (other.kind !== 'list') return -1; // 1-1 < 1.0.x
      const length = Math.max(item.items.length, other.items.length);
      for (let i = 0; i < length; i++) {
        const l = item.items[i];
        const r = other.items[i];
        // if this is shorter, invert the comparison
        const result =
          l === undefined ? (r === undefined ? 0 : -1 * compareItem(r, undefined)) : compareItem(l, r);
        if (result !== 0) return result;
      }
      return 0;
    }
    default: {
      if (other === undefined) return item.value === 0n ? 0 : 1; // 1.0 == 1, 1.1 > 1
      if (other.kind === 'string' || other.kind === 'list') return 1; // 1.1 > 1-sp, 1.1 > 1-1
      if (other.kind === item.kind) return sign(item.value - other.value);
      return NUMBER_RANK[item.kind] < NUMBER_RANK[other.kind] ? -1 : 1;
    }
  }
}

/** ListItem.normalize(): drop trailing null items, looking through trailing sub-lists. */
function normalize(list: ListItem): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i] as Item;
    if (isNull(last)) list.items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

const isAsciiDigit = (c: string): boolean => c >= '0' && c <= '9';

/** ComparableVersion.parseVersion. */
export function parseMavenVersion(version: string): ListItem {
  const text = version.toLowerCase();
  const items: ListItem = { kind: 'list', items: [] };
  let list = items;
  const stack: ListItem[] = [list];
  const openSubList = (): void => {
    const sub: ListItem = { kind: 'list', items: [] };
    list.items.push(sub);
    list = sub;
    stack.push(sub);
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '.' || c === '-') {
      list.items.push(i === start ? { kind: 'int', value: 0n } : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      if (c === '-') openSubList();
    } else if (isAsciiDigit(c)) {
      if (!isDigit && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X (MNG-7644)
        if (list.items.length > 0) openSubList();
        list.items.push(stringItem(text.slice(start, i), true));
        start = i;
        openSubList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, text.slice(start, i)));
        start = i;
        openSubList();
      }
      isDigit = false;
    }
  }
  if (text.length > start) {
    // 1.0.0.X1 < 1.0.0-X2: treat .X as -X for any string qualifier X (MNG-7644)
    if (!isDigit && list.items.length > 0) openSubList();
    list.items.push(parseItem(isDigit, text.slice(start)));
  }
  for (let sub = stack.pop(); sub !== undefined; sub = stack.pop()) normalize(sub);
  return items;
}

function canonicalOf(item: Item): string {
  if (item.kind === 'string') return item.value;
  if (item.kind !== 'list') return item.value.toString();
  let buffer = '';
  for (const child of item.items) {
    if (buffer.length > 0) buffer += child.kind === 'list' ? '-' : '.';
    buffer += canonicalOf(child);
  }
  return buffer;
}

/** ComparableVersion.getCanonical(): the normalised form Maven prints (`1.0-SP1` → `1-sp-1`). */
export function mavenCanonical(version: string): string {
  return canonicalOf(parseMavenVersion(version));
}

export const mavenOrder: VersionOrder<ListItem> = {
  parse: (version) => (version.trim() === '' ? undefined : parseMavenVersion(version.trim())),
  compare: (a, b) => compareItem(a, b),
};
