/**
 * Fingerprints that survive line moves (docs/adr/0006-fingerprints.md).
 *
 * - The tool's own `fingerprints`, else its `partialFingerprints` (stable by the tools' design),
 *   hashed with tool, rule and path so two tools can't collide.
 * - Otherwise a hash of tool, rule, path and the normalised snippet (or, without a snippet, the
 *   message with numbers blanked, as messages often quote line numbers). Line numbers are never
 *   part of it. Findings that share that key get an occurrence index, in file order.
 */

export interface FingerprintInput {
  tool: string;
  ruleId: string;
  path: string | undefined;
  snippet: string | undefined;
  message: string;
  fingerprints: Record<string, unknown> | undefined;
  partialFingerprints: Record<string, unknown> | undefined;
}

function fmix(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Two independent 32-bit lanes (FNV-1a style, murmur finaliser) over the parts, with separators. */
function lanes(parts: readonly string[]): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (const text of parts) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    // A separator no text contains, so ("ab", "c") and ("a", "bc") differ.
    h1 = Math.imul(h1 ^ 0xffff, 0x01000193);
    h2 = Math.imul(h2 ^ 0xffff, 0x5bd1e995);
  }
  return [fmix(h1), fmix(h2)];
}

function nibble(h: number, shift: number): number {
  const n = (h >>> shift) & 15;
  return n < 10 ? 48 + n : 87 + n;
}

/** 16 lower-case hex digits, built as one flat string (toString(16) and padStart cost more). */
function hex(h1: number, h2: number): string {
  return String.fromCharCode(
    nibble(h1, 28),
    nibble(h1, 24),
    nibble(h1, 20),
    nibble(h1, 16),
    nibble(h1, 12),
    nibble(h1, 8),
    nibble(h1, 4),
    nibble(h1, 0),
    nibble(h2, 28),
    nibble(h2, 24),
    nibble(h2, 20),
    nibble(h2, 16),
    nibble(h2, 12),
    nibble(h2, 8),
    nibble(h2, 4),
    nibble(h2, 0),
  );
}

/**
 * A 64-bit non-cryptographic hash of the parts, as 16 hex digits. Fingerprints need to be stable
 * and well spread, not secret, and this is several times faster than a crypto hash on the short
 * keys of a large log.
 */
export function hash64(...parts: string[]): string {
  const [h1, h2] = lanes(parts);
  return hex(h1, h2);
}

/** Combines the hashes of a finding's scope (tool and rule), path and content into one key. */
function combine(
  scope: readonly number[],
  path: readonly number[],
  content: readonly number[],
): [number, number] {
  const h1 = fmix(
    Math.imul(fmix(Math.imul(scope[0] as number, 0x01000193) ^ (path[0] as number)), 0x01000193) ^
      (content[0] as number),
  );
  const h2 = fmix(
    Math.imul(fmix(Math.imul(scope[1] as number, 0x5bd1e995) ^ (path[1] as number)), 0x5bd1e995) ^
      (content[1] as number),
  );
  return [h1, h2];
}

/**
 * Part hashes a run repeats (one rule, one file, many findings), computed once. The key of a
 * finding is the same with or without it.
 */
export class PartHashes {
  private readonly scopes = new Map<string, [number, number]>();
  private readonly paths = new Map<string, [number, number]>();

  scope(tool: string, ruleId: string): [number, number] {
    let h = this.scopes.get(ruleId);
    if (!h) {
      h = lanes([tool, ruleId]);
      this.scopes.set(ruleId, h);
    }
    return h;
  }

  path(path: string): [number, number] {
    let h = this.paths.get(path);
    if (!h) {
      h = lanes([path]);
      this.paths.set(path, h);
    }
    return h;
  }
}

function stableEntries(bag: Record<string, unknown> | undefined): string | undefined {
  if (!bag || typeof bag !== 'object') return undefined;
  const keys = Object.keys(bag);
  if (keys.length === 1) {
    const value = bag[keys[0] as string];
    return typeof value === 'string' && value !== '' ? `${keys[0]}=${value}` : undefined;
  }
  const entries = Object.entries(bag)
    .filter(([, v]) => typeof v === 'string' && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return undefined;
  return entries.map(([k, v]) => `${k}=${v as string}`).join('\n');
}

const NEEDS_NORMALISING = /\s\s|[\t\n\r\f\v\u00a0\u2028\u2029\ufeff]|^\s|\s$/;

export function normaliseSnippet(snippet: string): string {
  // Most snippets are one line with single spaces: no new string for them.
  if (!NEEDS_NORMALISING.test(snippet)) return snippet;
  return snippet.replace(/\s+/g, ' ').trim();
}

export function normaliseMessage(message: string): string {
  return message.replace(/\d+/g, '0').replace(/\s+/g, ' ').trim();
}

/**
 * The key of a finding, before any occurrence index. The path is part of it even with tool-given
 * fingerprints: CodeQL's primaryLocationLineHash, for one, hashes the line's text only.
 */
export function fingerprintKey(input: FingerprintInput, parts?: PartHashes): string {
  const [h1, h2] = keyHash(input, parts);
  return hex(h1, h2);
}

function keyHash(input: FingerprintInput, parts: PartHashes | undefined): [number, number] {
  const own = stableEntries(input.fingerprints) ?? stableEntries(input.partialFingerprints);
  const kind = own ? 'f' : input.snippet?.trim() ? 's' : 'm';
  const content =
    own ?? (kind === 's' ? normaliseSnippet(input.snippet as string) : normaliseMessage(input.message));
  const path = input.path ?? '';
  return combine(
    parts ? parts.scope(input.tool, input.ruleId) : lanes([input.tool, input.ruleId]),
    parts ? parts.path(path) : lanes([path]),
    lanes([kind, content]),
  );
}

/**
 * Appends occurrence indexes, in the order findings are given, so identical keys stay distinct:
 * the first keeps the key as it is, the next get `key:1`, `key:2`, ...
 */
export class OccurrenceCounter {
  /** The first key seen for each value of its first 32 bits: a small-integer map is cheap. */
  private readonly first = new Map<number, string>();
  /** Counts, only for keys whose first 32 bits were seen before (duplicates, rare collisions). */
  private readonly counts = new Map<string, number>();
  /** The part hashes of the run these findings come from. */
  readonly parts = new PartHashes();

  /** `key` the first time, then `key:1`, `key:2`, ...; `bucket` is any number derived from the key. */
  next(key: string, bucket = Number.parseInt(key.slice(0, 8), 16) | 0): string {
    const first = this.first.get(bucket);
    if (first === undefined) {
      this.first.set(bucket, key);
      return key;
    }
    const n = this.counts.get(key) ?? (first === key ? 1 : 0);
    this.counts.set(key, n + 1);
    return n === 0 ? key : `${key}:${n}`;
  }
}

/**
 * The fingerprint of a finding: its key, with an occurrence index appended from the second
 * finding with the same key on (tools' own fingerprints collide too: Flawfinder's contextHash is
 * the line's text, so the same call on two lines gets one hash).
 */
export function fingerprintOf(input: FingerprintInput, occurrences: OccurrenceCounter): string {
  const [h1, h2] = keyHash(input, occurrences.parts);
  return occurrences.next(hex(h1, h2), h1 | 0);
}
