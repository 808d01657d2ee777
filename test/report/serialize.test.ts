// report.json's form (src/report/serialize.ts): rules, tools and remediations written once, findings
// referring to them by key and index; deserializeReport gives back the Report it was made from.
import { describe, expect, it } from '@jest/globals';
import type { Finding, RuleInfo } from '../../src/findings/finding.js';
import type { Remediation, Report } from '../../src/report/model.js';
import { deserializeReport, type SerializedReport, serializeReport } from '../../src/report/serialize.js';
import { makeFinding, makeReport } from './report-builders.js';

/** What report.json holds, read back: the serialized report through JSON. */
function written(report: Report): SerializedReport {
  return JSON.parse(JSON.stringify(serializeReport(report))) as SerializedReport;
}

/** The report through report.json and back. */
function roundTrip(report: Report): Report {
  return deserializeReport(written(report));
}

/** Every finding's rule key names a rule, and every remediation index a remediation. */
function expectReferencesResolve(data: SerializedReport): void {
  for (const f of data.findings) {
    expect(data.rules).toHaveProperty([f.rule]);
    expect(data.tools).toHaveProperty([data.rules[f.rule]?.tool ?? '']);
    if (f.remediation !== undefined) {
      expect(f.remediation).toBeGreaterThanOrEqual(0);
      expect(f.remediation).toBeLessThan(data.remediations.length);
    }
  }
}

const upgrade = (): Remediation => ({
  summary: 'Upgrade lodash to 4.17.21.',
  links: [{ title: 'GHSA-35jh-r3h4-6jhm', url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm' }],
  fixedVersion: '4.17.21',
  command: 'npm install lodash@4.17.21',
});

describe('serializeReport and deserializeReport', () => {
  it('round-trip a report with remediation, ignored, fixed and unlocated findings', () => {
    const kept = makeFinding({ severity: 'critical', score: 9.8, baselineState: 'unchanged' });
    const added = makeFinding({ severity: 'high' });
    const gone = makeFinding({ severity: 'medium' });
    const noLocation = makeFinding({ severity: 'note', level: 'note' });
    delete noLocation.location;
    const report = makeReport([kept, added, noLocation], {
      classification: { kind: 'baseline', baseline: [kept, gone] },
      failOnScope: 'all',
      remediation: (f: Finding) => (f.severity === 'note' ? undefined : upgrade()),
      ignored: [
        { finding: makeFinding(), ignored: { reason: 'fixture', by: 'ignore[0]', expires: '2027-06-30' } },
        { finding: makeFinding(), ignored: { reason: 'false positive', by: 'suppressed-by-tool' } },
      ],
    });
    expect(new Set(report.findings.map((f) => f.state))).toEqual(new Set(['new', 'existing', 'fixed']));
    expect(report.findings.some((f) => f.ignored)).toBe(true);
    expect(report.findings.some((f) => f.remediation)).toBe(true);
    expect(report.findings.some((f) => !f.location)).toBe(true);

    const data = written(report);
    expectReferencesResolve(data);
    for (const f of data.findings) expect(f).not.toHaveProperty('tool');
    expect(roundTrip(report)).toEqual(report);
  });

  it('round-trips an empty report', () => {
    const report = makeReport([], { classification: { kind: 'none' }, failOn: 'none' });
    const data = written(report);
    expect(data).toMatchObject({ tools: {}, rules: {}, remediations: [], findings: [] });
    expect(roundTrip(report)).toEqual(report);
  });

  it('gives two different rules with one id in one tool their own keys and metadata', () => {
    const first: RuleInfo = { id: 'G101', name: 'Hardcoded credentials', helpUri: 'https://example.com/a' };
    const second: RuleInfo = {
      id: 'G101',
      name: 'Hardcoded credentials (v2)',
      helpUri: 'https://example.com/b',
    };
    const report = makeReport([
      makeFinding({ rule: first }),
      makeFinding({ rule: second }),
      makeFinding({ rule: first }),
      makeFinding({ rule: second }),
    ]);
    const data = written(report);
    expect(Object.keys(data.rules).sort()).toEqual(['gosec/G101', 'gosec/G101#2']);
    const keyOf = (rule: RuleInfo) =>
      Object.entries(data.rules).find(([, r]) => r.name === rule.name)?.[0] ?? 'missing';
    expect(data.rules[keyOf(first)]).toEqual({ tool: 'gosec', ...first });
    expect(data.rules[keyOf(second)]).toEqual({ tool: 'gosec', ...second });
    expect(keyOf(first)).not.toBe(keyOf(second));
    for (const [i, f] of report.findings.entries()) {
      expect(data.findings[i]?.rule).toBe(keyOf(f.rule));
    }
    const back = roundTrip(report);
    expect(back).toEqual(report);
    expect(back.findings.map((f) => f.rule.name)).toEqual(report.findings.map((f) => f.rule.name));
  });

  it('keeps one rule id of two tools apart, each with its tool', () => {
    const rule: RuleInfo = { id: 'CVE-2021-23337', shortDescription: 'lodash command injection' };
    const report = makeReport([
      makeFinding({ rule, tool: { name: 'grype', version: '0.80.0' }, seenBy: ['grype'] }),
      makeFinding({ rule: { ...rule }, tool: { name: 'trivy', version: '0.56.0' }, seenBy: ['trivy'] }),
    ]);
    const data = written(report);
    expect(Object.keys(data.rules).sort()).toEqual(['grype/CVE-2021-23337', 'trivy/CVE-2021-23337']);
    expect(data.rules['grype/CVE-2021-23337']?.tool).toBe('grype');
    expect(data.rules['trivy/CVE-2021-23337']?.tool).toBe('trivy');
    expect(data.tools).toEqual({
      grype: { name: 'grype', version: '0.80.0' },
      trivy: { name: 'trivy', version: '0.56.0' },
    });
    expectReferencesResolve(data);
    const back = roundTrip(report);
    expect(back).toEqual(report);
    expect(back.findings.map((f) => f.tool.name).sort()).toEqual(['grype', 'trivy']);
  });

  it('writes one remediation once, whether shared by identity or equal by value', () => {
    const shared = upgrade();
    const findings = [makeFinding(), makeFinding(), makeFinding(), makeFinding()];
    const byIdentity = makeReport(findings, { remediation: () => shared });
    const byValue = makeReport(findings, { remediation: () => upgrade() });
    for (const report of [byIdentity, byValue]) {
      expect(report.findings.every((f) => f.remediation)).toBe(true);
      const data = written(report);
      expect(data.remediations).toEqual([shared]);
      expect(data.findings.map((f) => f.remediation)).toEqual([0, 0, 0, 0]);
      expect(roundTrip(report)).toEqual(report);
    }
  });

  it('writes distinct remediations each once, in first-use order', () => {
    const other: Remediation = { summary: 'Use parameterised queries.', links: [] };
    const findings = [makeFinding(), makeFinding({ severity: 'medium' }), makeFinding()];
    const report = makeReport(findings, {
      remediation: (f: Finding) => (f.severity === 'medium' ? { ...other } : upgrade()),
    });
    const data = written(report);
    expect(data.remediations).toHaveLength(2);
    expect(data.remediations).toEqual(expect.arrayContaining([other, upgrade()]));
    expectReferencesResolve(data);
    expect(roundTrip(report)).toEqual(report);
  });

  it('writes a rule’s metadata once however many findings it has', () => {
    const rule: RuleInfo = {
      id: 'G201',
      name: 'SqlFormatting',
      help: 'Use **parameterised** queries. '.repeat(200),
      helpUri: 'https://securego.io/docs/rules/g201-g202',
    };
    // The same rule as one object and as equal copies: one entry either way.
    const findings = Array.from({ length: 50 }, (_, i) => makeFinding({ rule: i % 2 ? rule : { ...rule } }));
    const report = makeReport(findings);
    const data = written(report);
    expect(Object.keys(data.rules)).toEqual(['gosec/G201']);
    expect(data.findings.every((f) => f.rule === 'gosec/G201')).toBe(true);
    const json = JSON.stringify(data);
    expect(json.split('Use **parameterised** queries. '.repeat(200)).length - 1).toBe(1);
    const back = roundTrip(report);
    expect(back).toEqual(report);
    // Read back, the findings share one rule object, as the renderers expect.
    expect(new Set(back.findings.map((f) => f.rule)).size).toBe(1);
  });
});
