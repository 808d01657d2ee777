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

/**
 * A 64-bit non-cryptographic hash (two independent 32-bit FNV-1a style lanes with a murmur
 * finaliser), as 16 hex digits. Fingerprints need to be stable and well spread, not secret, and
 * this is several times faster than a crypto hash on the short keys of a large log.
 */
export function hash64(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (let p = 0; p < parts.length; p++) {
    const text = parts[p] as string;
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
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 ^= h2 >>> 16;
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
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

export function normaliseSnippet(snippet: string): string {
  return snippet.replace(/\s+/g, ' ').trim();
}

export function normaliseMessage(message: string): string {
  return message.replace(/\d+/g, '0').replace(/\s+/g, ' ').trim();
}

/**
 * The key of a finding, before any occurrence index. The path is part of it even with tool-given
 * fingerprints: CodeQL's primaryLocationLineHash, for one, hashes the line's text only.
 */
export function fingerprintKey(input: FingerprintInput): string {
  const own = stableEntries(input.fingerprints) ?? stableEntries(input.partialFingerprints);
  const kind = own ? 'f' : input.snippet?.trim() ? 's' : 'm';
  const content =
    own ?? (kind === 's' ? normaliseSnippet(input.snippet as string) : normaliseMessage(input.message));
  return hash64(input.tool, input.ruleId, input.path ?? '', kind, content);
}

/**
 * Appends occurrence indexes, in the order findings are given, so identical keys stay distinct:
 * the first keeps the key as it is, the next get `key:1`, `key:2`, ...
 */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(key: string): string {
    const n = this.seen.get(key);
    if (n === undefined) {
      this.seen.set(key, 1);
      return key;
    }
    this.seen.set(key, n + 1);
    return `${key}:${n}`;
  }
}

/**
 * The fingerprint of a finding: its key, with an occurrence index appended from the second
 * finding with the same key on (tools' own fingerprints collide too: Flawfinder's contextHash is
 * the line's text, so the same call on two lines gets one hash).
 */
export function fingerprintOf(input: FingerprintInput, occurrences: OccurrenceCounter): string {
  return occurrences.next(fingerprintKey(input));
}
