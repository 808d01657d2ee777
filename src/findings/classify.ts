/**
 * New, existing or fixed. With a baseline (the base branch's SARIF), by fingerprint: a finding
 * that moved keeps its fingerprint and stays "existing". Without one, by the pull request's diff:
 * a finding on an added or changed line is new. On a push, everything is existing.
 */
import type { ChangedLines } from './diff-hunks.js';
import { touchesChangedLines } from './diff-hunks.js';
import type { Finding } from './finding.js';

export type Classification =
  | { kind: 'baseline'; baseline: readonly Finding[] }
  | { kind: 'diff'; changed: ChangedLines }
  | { kind: 'push' }
  | { kind: 'none' };

export interface Classified {
  new: Finding[];
  existing: Finding[];
  /** Baseline findings that the head no longer has. */
  fixed: Finding[];
}

export function classifyFindings(head: readonly Finding[], how: Classification): Classified {
  const out: Classified = { new: [], existing: [], fixed: [] };
  switch (how.kind) {
    case 'baseline': {
      const base = new Set(how.baseline.map((f) => f.fingerprint));
      const seen = new Set<string>();
      for (const f of head) {
        seen.add(f.fingerprint);
        (base.has(f.fingerprint) ? out.existing : out.new).push(f);
      }
      for (const f of how.baseline) if (!seen.has(f.fingerprint)) out.fixed.push(f);
      return out;
    }
    case 'diff':
      for (const f of head) {
        const loc = f.location;
        const isNew =
          loc?.startLine !== undefined &&
          touchesChangedLines(how.changed, loc.path, loc.startLine, loc.endLine ?? loc.startLine);
        (isNew ? out.new : out.existing).push(f);
      }
      return out;
    default:
      out.existing.push(...head);
      return out;
  }
}
