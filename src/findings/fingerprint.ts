/**
 * Fingerprints that survive line moves (docs/adr/0006-fingerprints.md).
 *
 * - The tool's own `fingerprints`, else its `partialFingerprints` (stable by the tools' design),
 *   hashed with tool, rule and path so two tools can't collide.
 * - Otherwise a hash of tool, rule, path and the normalised snippet (or, without a snippet, the
 *   message with numbers blanked, as messages often quote line numbers). Line numbers are never
 *   part of it. Findings that share that key get an occurrence index, in file order.
 */
import { createHash } from 'node:crypto';

export interface FingerprintInput {
  tool: string;
  ruleId: string;
  path: string | undefined;
  snippet: string | undefined;
  message: string;
  fingerprints: Record<string, unknown> | undefined;
  partialFingerprints: Record<string, unknown> | undefined;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function stableEntries(bag: Record<string, unknown> | undefined): string | undefined {
  if (!bag || typeof bag !== 'object') return undefined;
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
 * The key of a finding before its occurrence index. The path is part of it even with tool-given
 * fingerprints: CodeQL's primaryLocationLineHash, for one, hashes the line's text only.
 */
export function fingerprintKey(input: FingerprintInput): string {
  const own = stableEntries(input.fingerprints) ?? stableEntries(input.partialFingerprints);
  const content = own
    ? `f:${own}`
    : input.snippet?.trim()
      ? `s:${normaliseSnippet(input.snippet)}`
      : `m:${normaliseMessage(input.message)}`;
  return hash(`${input.tool}\u0000${input.ruleId}\u0000${input.path ?? ''}\u0000${content}`);
}

/** Appends occurrence indexes, in the order findings are given, so identical keys stay distinct. */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(key: string): string {
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return `${key}:${n}`;
  }
}
