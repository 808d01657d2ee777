// The comment stays under GitHub's 65,536-character limit however many findings there are, and
// what it keeps is what matters most: every new critical and high finding, first.
import { describe, expect, it } from '@jest/globals';
import type { Finding, Severity } from '../../src/findings/finding.js';
import { annotationsFor } from '../../src/report/annotations.js';
import { headline, MAX_COMMENT_CHARS, renderCommentMarkdown } from '../../src/report/comment-markdown.js';
import { makeFinding, makeReport } from './report-builders.js';

function manyFindings(total: number, severe: { critical: number; high: number }): Finding[] {
  const out: Finding[] = [];
  const order: Severity[] = ['medium', 'low', 'note'];
  for (let i = 0; i < total; i++) {
    const severity: Severity =
      i < severe.critical
        ? 'critical'
        : i < severe.critical + severe.high
          ? 'high'
          : (order[i % 3] as Severity);
    out.push(
      makeFinding({
        severity,
        message: `finding ${i}: user input reaches a sink in handler${i % 977}()`,
        location: {
          path: `services/svc${i % 40}/file${i % 3000}.go`,
          linkable: true,
          startLine: (i % 900) + 1,
        },
      }),
    );
  }
  // Shuffle deterministically, so the renderer has to sort.
  for (let i = out.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [out[i], out[j]] = [out[j] as Finding, out[i] as Finding];
  }
  return out;
}

describe('the PR comment within 65,536 characters', () => {
  const findings = manyFindings(200_000, { critical: 12, high: 40 });
  const report = makeReport(findings, {
    remediation: () => ({ summary: 'Use parameterised queries.', links: [] }),
  });
  const comment = renderCommentMarkdown(report, {
    budget: MAX_COMMENT_CHARS,
    unit: 'chars',
    fullReport: 'report.json',
  });

  it('fits, and says what it cut and where the rest is', () => {
    expect(report.counts.new).toBe(200_000);
    expect(comment.length).toBeLessThan(MAX_COMMENT_CHARS);
    expect(comment).toMatch(
      /_\d+ less severe findings not shown here \(the comment has a size limit\): the full list is in report\.json\._/,
    );
  });

  it('lists every new critical and high finding, before any other', () => {
    const rows = comment.split('\n').filter((l) => /^\| (🟥|🟧|🟨|🟦|⬜) /u.test(l));
    const severities = rows.map((r) =>
      r.startsWith('| 🟥') ? 'critical' : r.startsWith('| 🟧') ? 'high' : 'other',
    );
    expect(severities.filter((s) => s === 'critical')).toHaveLength(12);
    expect(severities.filter((s) => s === 'high')).toHaveLength(40);
    expect(severities.slice(0, 52)).toEqual([...Array(12).fill('critical'), ...Array(40).fill('high')]);
    expect(rows.length).toBeGreaterThan(52);
  });

  it('keeps the footer and the verdict', () => {
    expect(
      comment.startsWith(
        '<!-- pavedpath:pr-summary -->\n### ❌ Paved Path: 200000 new findings, 12 critical',
      ),
    ).toBe(true);
    expect(comment).toContain('Scanned 1 SARIF file from gosec');
  });

  it('when even the severe findings do not fit, lists the most severe first and says so', () => {
    const severe = makeReport(manyFindings(5_000, { critical: 2_000, high: 3_000 }));
    const text = renderCommentMarkdown(severe, { budget: MAX_COMMENT_CHARS, unit: 'chars' });
    expect(text.length).toBeLessThan(MAX_COMMENT_CHARS);
    const rows = text.split('\n').filter((l) => /^\| (🟥|🟧) /u.test(l));
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.every((r, i) => i === 0 || !(r.startsWith('| 🟥') && rows[i - 1]?.startsWith('| 🟧')))).toBe(
      true,
    );
    expect(text).toMatch(/not shown here/);
  });

  it('gives at most 10 annotations of each level, most severe first', () => {
    const { annotations, omitted } = annotationsFor(report);
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(annotations.filter((a) => a.level === 'warning')).toHaveLength(10);
    expect(annotations.filter((a) => a.level === 'error').every((a) => a.title.startsWith('critical'))).toBe(
      true,
    );
    expect(omitted).toBe(200_000 - annotations.length);
  });
});

describe('the headline', () => {
  it('says "no new issues" when there are none, and names the worst otherwise', () => {
    expect(headline(makeReport([]))).toBe('✅ Paved Path: no new issues');
    expect(headline(makeReport([makeFinding({ severity: 'high' }), makeFinding({ severity: 'high' })]))).toBe(
      '❌ Paved Path: 2 new high-severity findings',
    );
    expect(headline(makeReport([makeFinding({ severity: 'medium' })]))).toBe(
      '⚠️ Paved Path: 1 new medium-severity finding',
    );
  });
});

describe('ignored findings', () => {
  it('keep their real state, are listed last, and count for nothing in the gate', () => {
    const added = makeFinding({
      severity: 'critical',
      location: { path: 'new.go', linkable: true, startLine: 1 },
    });
    const old = makeFinding({
      severity: 'critical',
      location: { path: 'old.go', linkable: true, startLine: 1 },
    });
    const report = makeReport([], {
      ignored: [
        { finding: added, ignored: { reason: 'accepted risk', by: 'ignore[0]' } },
        { finding: old, ignored: { reason: 'nosemgrep', by: 'suppressed-by-tool' } },
      ],
      classification: {
        kind: 'diff',
        changed: { ranges: new Map([['new.go', [[1, 1]]]]), addedFiles: new Set() },
      },
    });
    expect(report.findings.map((f) => [f.location?.path, f.state, f.ignored?.by])).toEqual([
      ['new.go', 'new', 'ignore[0]'],
      ['old.go', 'existing', 'suppressed-by-tool'],
    ]);
    expect(report.gate.verdict).toBe('pass');
    expect(report.counts).toMatchObject({ new: 0, existing: 0, ignored: 2 });
  });
});
