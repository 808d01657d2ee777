// The order of report.findings (every renderer lists in it): new, fixed, existing, ignored; most
// severe first in each; then path (code-unit order) and line; ties keep the input order.
import { describe, expect, it } from '@jest/globals';
import { SEVERITIES, type Finding } from '../../src/findings/finding.js';
import type { ReportFinding } from '../../src/report/model.js';
import { makeFinding, makeReport } from './report-builders.js';

/** The order spelled out as a comparator, to check the numeric keys of sortForReport against. */
function expectedOrder(findings: readonly ReportFinding[]): ReportFinding[] {
  const state = (f: ReportFinding) => (f.ignored ? 3 : f.state === 'new' ? 0 : f.state === 'fixed' ? 1 : 2);
  const path = (f: ReportFinding) => f.location?.path ?? '';
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        state(a.f) - state(b.f) ||
        SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) ||
        (path(a.f) < path(b.f) ? -1 : path(a.f) > path(b.f) ? 1 : 0) ||
        (a.f.location?.startLine ?? 0) - (b.f.location?.startLine ?? 0) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

/**
 * The findings in the order buildReport hands them to the sort: the head's new ones, the head's
 * existing ones (both in the head's order), then the baseline's fixed ones.
 */
function buildOrder(findings: readonly ReportFinding[], head: readonly Finding[], base: readonly Finding[]) {
  const byState = (state: ReportFinding['state'], from: readonly Finding[]) => {
    const of = new Map(findings.filter((f) => f.state === state).map((f) => [f.fingerprint, f]));
    return from.flatMap((f) => of.get(f.fingerprint) ?? []);
  };
  return [...byState('new', head), ...byState('existing', head), ...byState('fixed', base)];
}

const fingerprints = (findings: readonly Finding[]) => findings.map((f) => f.fingerprint);

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function findingsFrom(next: () => number, count: number, maxLine: number): Finding[] {
  const paths = ['b.go', 'a.go', 'B.go', 'a/b.go', 'a-b.go', 'é.go', 'z.go'];
  return Array.from({ length: count }, () => {
    const p = paths[Math.floor(next() * paths.length)] as string;
    const line = Math.floor(next() * maxLine);
    const f = makeFinding({ severity: SEVERITIES[Math.floor(next() * SEVERITIES.length)] });
    if (next() < 0.1) delete f.location;
    else f.location = { path: p, linkable: true, ...(line > 0 ? { startLine: line } : {}) };
    return f;
  });
}

describe('report order', () => {
  it.each([
    ['small lines', 1, 200],
    ['lines past 2^32', 2, 2 ** 40],
    ['lines too large for one number (compared in parts)', 3, Number.MAX_SAFE_INTEGER],
  ])('matches the comparator on random findings: %s', (_name, seed, maxLine) => {
    const next = random(seed);
    const head = findingsFrom(next, 600, maxLine);
    const base = [...head.filter(() => next() < 0.5), ...findingsFrom(next, 100, maxLine)];
    const report = makeReport(head, { classification: { kind: 'baseline', baseline: base } });
    expect(new Set(report.findings.map((f) => f.state))).toEqual(new Set(['new', 'existing', 'fixed']));
    expect(fingerprints(report.findings)).toEqual(
      fingerprints(expectedOrder(buildOrder(report.findings, head, base))),
    );
    // Ties keep the input's order: reversed input, reversed ties.
    const reversed = [...head].reverse();
    const again = makeReport(reversed, { classification: { kind: 'baseline', baseline: base } });
    expect(fingerprints(again.findings)).toEqual(
      fingerprints(expectedOrder(buildOrder(again.findings, reversed, base))),
    );
  });

  it('puts new before fixed before existing, most severe first, then path and line', () => {
    const existing = makeFinding({
      severity: 'critical',
      location: { path: 'a.go', linkable: true, startLine: 1 },
    });
    const fixed = makeFinding({ severity: 'low', location: { path: 'a.go', linkable: true, startLine: 1 } });
    const newLow = makeFinding({ severity: 'low', location: { path: 'a.go', linkable: true, startLine: 1 } });
    const newHigh2 = makeFinding({
      severity: 'high',
      location: { path: 'b.go', linkable: true, startLine: 2 },
    });
    const newHigh1 = makeFinding({
      severity: 'high',
      location: { path: 'b.go', linkable: true, startLine: 1 },
    });
    const report = makeReport([existing, newLow, newHigh2, newHigh1], {
      classification: { kind: 'baseline', baseline: [existing, fixed] },
    });
    expect(report.findings.map((f) => [f.state, f.fingerprint])).toEqual([
      ['new', newHigh1.fingerprint],
      ['new', newHigh2.fingerprint],
      ['new', newLow.fingerprint],
      ['fixed', fixed.fingerprint],
      ['existing', existing.fingerprint],
    ]);
  });
});
