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
      // Each fingerprint hashed once per side: a map from the baseline's fingerprints to the
      // first finding that has it, marked when the head has it too; the unmarked are fixed.
      const baseline = how.baseline;
      const firstWith = new Map<string, number>();
      const first = new Uint32Array(baseline.length);
      for (let i = 0; i < baseline.length; i++) {
        const fingerprint = (baseline[i] as Finding).fingerprint;
        let at = firstWith.get(fingerprint);
        if (at === undefined) {
          at = i;
          firstWith.set(fingerprint, i);
        }
        first[i] = at;
      }
      const inHead = new Uint8Array(baseline.length);
      for (const f of head) {
        const at = firstWith.get(f.fingerprint);
        if (at === undefined) out.new.push(f);
        else {
          inHead[at] = 1;
          out.existing.push(f);
        }
      }
      for (let i = 0; i < baseline.length; i++)
        if (inHead[first[i] as number] === 0) out.fixed.push(baseline[i] as Finding);
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
