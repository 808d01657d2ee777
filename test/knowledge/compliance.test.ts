import { describe, expect, it } from '@jest/globals';
import {
  COMPLIANCE_CONTROLS,
  complianceControl,
  complianceEvidence,
  complianceFooter,
  FEDRAMP_BASELINES_SOURCE,
  FRAMEWORKS,
  type RunFacts,
} from '../../src/knowledge/compliance.js';
import type { ControlEvidence } from '../../src/report/model.js';
import { research, section, tableRows } from './research.js';

function facts(overrides: Partial<RunFacts> = {}): RunFacts {
  return {
    sast: { ran: false, tools: [] },
    dependencyReview: { ran: false },
    sbom: { ran: false },
    gate: { verdict: 'pass', failOn: 'high' },
    pullRequest: true,
    newFindings: 0,
    fixedFindings: 0,
    ...overrides,
  };
}

const ids = (evidence: ControlEvidence[]): string[] => evidence.map((e) => `${e.framework} ${e.control}`);

const plain = (s: string): string => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').toLowerCase();

describe('the control table follows research §5', () => {
  const text = plain(section(5));

  it('every control id, title and CI-evidence text is the research’s', () => {
    for (const c of COMPLIANCE_CONTROLS) {
      expect(text).toContain(plain(c.control));
      expect(text).toContain(plain(c.title));
      expect(text).toContain(plain(c.ciEvidence));
    }
  });

  it('FedRAMP baselines are the research’s ✓ columns', () => {
    const nist = new Map(tableRows(section(5), /^(SA|RA|SI|CM|SR)-\d/).map((r) => [r[0]!, r]));
    for (const c of COMPLIANCE_CONTROLS.filter((c) => c.framework === 'nist')) {
      const row = nist.get(c.control);
      expect(row).toBeDefined();
      expect(row?.[1]).toBe(c.title);
      expect(c.fedramp).toEqual({ moderate: row?.[2] === '✓', high: row?.[3] === '✓' });
    }
    expect(research).toContain(FEDRAMP_BASELINES_SOURCE);
  });

  it('every source is an https URL the research cites', () => {
    for (const c of COMPLIANCE_CONTROLS) {
      expect(new URL(c.source).protocol).toBe('https:');
      expect(research).toContain(c.source);
    }
    for (const f of Object.values(FRAMEWORKS)) expect(research).toContain(f.source);
  });

  it('leaves out what the research says a CI scan does not evidence', () => {
    const controls = COMPLIANCE_CONTROLS.map((c) => c.control);
    for (const absent of ['PW.8', '11.3.1', '11.3.2', 'SA-11(8)', 'RA-5(11)', 'SR-4', 'SA-11(4)', '6.2.3.1'])
      expect(controls).not.toContain(absent);
  });
});

describe('complianceEvidence', () => {
  it('nothing ran: no evidence', () => {
    expect(complianceEvidence(facts())).toEqual([]);
    expect(complianceEvidence(facts({ gate: { verdict: 'fail', failOn: 'critical' } }))).toEqual([]);
  });

  it('SAST only, on a pull request', () => {
    const evidence = complianceEvidence(
      facts({ sast: { ran: true, tools: ['gosec', 'Semgrep OSS'] }, newFindings: 2, fixedFindings: 1 }),
    );
    expect(ids(evidence)).toEqual([
      'PCI DSS v4.0.1 6.2.3',
      'PCI DSS v4.0.1 6.2.4',
      'PCI DSS v4.0.1 6.5.1',
      'NIST SP 800-53 Rev. 5 SA-11',
      'NIST SP 800-53 Rev. 5 SA-11(1)',
      'NIST SP 800-53 Rev. 5 RA-5',
      'NIST SP 800-53 Rev. 5 SI-2',
      'NIST SP 800-53 Rev. 5 CM-3(2)',
      'NIST SSDF v1.1 PO.3.3',
      'NIST SSDF v1.1 PO.4',
      'NIST SSDF v1.1 PW.7',
      'NIST SSDF v1.1 RV.1',
      'NIST SSDF v1.1 RV.2',
      'EU Cyber Resilience Act, Annex I Part II (2)',
      'EU Cyber Resilience Act, Annex I Part II (3)',
      'OpenSSF Scorecard SAST',
    ]);
    const by = (control: string) => evidence.find((e) => e.control === control)?.evidence;
    expect(by('6.2.4')).toBe(
      'SAST by gosec, Semgrep OSS checked for common software attacks: 2 new findings, 1 fixed',
    );
    expect(by('SI-2')).toBe('1 finding fixed in this change');
    expect(by('PO.4')).toBe('Gate (fail on high) passed: 2 new findings, 1 fixed');
    expect(by('PO.3.3')).toBe('Artefacts of this run: SARIF and the report');
    for (const e of evidence) {
      expect(e.title).toBe(complianceControl(e.framework, e.control)?.title);
      expect(Object.keys(e).sort()).toEqual(['control', 'evidence', 'framework', 'title']);
    }
  });

  it('SAST on a push with languages, gate off: no pull-request or gate controls, RA-5(3) added', () => {
    const evidence = complianceEvidence(
      facts({
        pullRequest: false,
        sast: { ran: true, tools: ['CodeQL'], languages: ['go', 'python'] },
        gate: { verdict: 'pass', failOn: 'none' },
      }),
    );
    expect(ids(evidence)).toEqual([
      'PCI DSS v4.0.1 6.2.4',
      'NIST SP 800-53 Rev. 5 SA-11',
      'NIST SP 800-53 Rev. 5 SA-11(1)',
      'NIST SP 800-53 Rev. 5 RA-5',
      'NIST SP 800-53 Rev. 5 RA-5(3)',
      'NIST SSDF v1.1 PO.3.3',
      'NIST SSDF v1.1 PW.7',
      'NIST SSDF v1.1 RV.1',
      'EU Cyber Resilience Act, Annex I Part II (3)',
    ]);
    expect(evidence.find((e) => e.control === 'RA-5(3)')?.evidence).toBe(
      'SAST covered 2 languages: go, python',
    );
    expect(evidence.find((e) => e.control === 'SA-11')?.evidence).toBe(
      'SAST by CodeQL over go, python on this change: 0 new findings, 0 fixed',
    );
  });

  it('dependency review with the gate enforced', () => {
    const evidence = complianceEvidence(
      facts({ dependencyReview: { ran: true, vulnerable: 3 }, gate: { verdict: 'fail', failOn: 'high' } }),
    );
    expect(ids(evidence)).toEqual([
      'PCI DSS v4.0.1 6.3.1',
      'PCI DSS v4.0.1 6.3.3',
      'PCI DSS v4.0.1 6.5.1',
      'NIST SP 800-53 Rev. 5 RA-5',
      'NIST SP 800-53 Rev. 5 SI-2',
      'NIST SP 800-53 Rev. 5 CM-3(2)',
      'NIST SP 800-53 Rev. 5 CM-4',
      'NIST SSDF v1.1 PO.3.3',
      'NIST SSDF v1.1 PO.4',
      'NIST SSDF v1.1 PW.4.4',
      'NIST SSDF v1.1 RV.1',
      'NIST SSDF v1.1 RV.2',
      'EU Cyber Resilience Act, Annex I Part II (3)',
    ]);
    expect(evidence.find((e) => e.control === '6.3.3')?.evidence).toBe(
      'Dependency review: 3 vulnerable dependencies; gate (fail on high) failed',
    );
    expect(evidence.find((e) => e.control === '6.3.1')?.evidence).toBe(
      'Dependency review: 3 vulnerable dependencies, matched against advisory databases and ranked by severity',
    );
  });

  it('dependency review without the gate: no 6.3.3, SI-2 or PO.4', () => {
    const controls = complianceEvidence(
      facts({ dependencyReview: { ran: true, vulnerable: 0 }, gate: { verdict: 'pass', failOn: 'none' } }),
    ).map((e) => e.control);
    expect(controls).toContain('6.3.1');
    expect(controls).not.toContain('6.3.3');
    expect(controls).not.toContain('SI-2');
    expect(controls).not.toContain('PO.4');
    expect(controls).not.toContain('RV.2');
  });

  it('SBOM only', () => {
    const evidence = complianceEvidence(
      facts({ sbom: { ran: true, formats: ['CycloneDX 1.6', 'SPDX 2.3'] } }),
    );
    expect(ids(evidence)).toEqual([
      'PCI DSS v4.0.1 6.3.2',
      'NIST SP 800-53 Rev. 5 CM-8',
      'NIST SSDF v1.1 PO.3.3',
      'NIST SSDF v1.1 PO.4',
      'NIST SSDF v1.1 PS.3.2',
      'EU Cyber Resilience Act, Annex I Part II (1)',
    ]);
    expect(evidence[0]?.evidence).toBe('SBOM produced (CycloneDX 1.6, SPDX 2.3) for this commit');
  });

  it('everything: each control at most once, in table order', () => {
    const evidence = complianceEvidence(
      facts({
        sast: { ran: true, tools: ['gosec', 'gosec', ' '], languages: ['go'] },
        dependencyReview: { ran: true, vulnerable: 1 },
        sbom: { ran: true },
        newFindings: 1,
        fixedFindings: 4,
      }),
    );
    expect(evidence).toHaveLength(COMPLIANCE_CONTROLS.length);
    expect(evidence.map((e) => e.control)).toEqual(COMPLIANCE_CONTROLS.map((c) => c.control));
    expect(evidence.find((e) => e.control === 'PW.7')?.evidence).toBe(
      'SAST by gosec over go: 1 new finding, 4 fixed',
    );
    expect(evidence.find((e) => e.control === 'SI-2')?.evidence).toBe(
      '4 findings fixed in this change; dependency review: 1 vulnerable dependency; gate (fail on high) passed',
    );
  });
});

describe('complianceFooter', () => {
  it('groups by framework in a stable order', () => {
    const evidence = complianceEvidence(
      facts({ sast: { ran: true, tools: ['gosec'] }, dependencyReview: { ran: true }, pullRequest: false }),
    );
    expect(complianceFooter(evidence)).toBe(
      'Evidence for PCI DSS 6.2.4, 6.3.1, 6.3.3 · NIST SP 800-53 SA-11, SA-11(1), RA-5, SI-2 · ' +
        'SSDF PO.3.3, PO.4, PW.4.4, PW.7, RV.1 · EU CRA Annex I Part II (3)',
    );
    // Order and duplicates of the input do not matter.
    expect(complianceFooter([...evidence].reverse().concat(evidence))).toBe(complianceFooter(evidence));
  });

  it('the brief’s example', () => {
    const e = (framework: string, control: string): ControlEvidence => ({
      framework,
      control,
      title: '',
      evidence: '',
    });
    expect(
      complianceFooter([
        e('NIST SSDF v1.1', 'PW.7'),
        e('NIST SP 800-53 Rev. 5', 'RA-5'),
        e('PCI DSS v4.0.1', '6.3.1'),
        e('NIST SP 800-53 Rev. 5', 'SA-11'),
        e('PCI DSS v4.0.1', '6.2.4'),
        e('NIST SSDF v1.1', 'PW.8'),
      ]),
    ).toBe('Evidence for PCI DSS 6.2.4, 6.3.1 · NIST SP 800-53 SA-11, RA-5 · SSDF PW.7, PW.8');
  });

  it('unknown frameworks follow, in the order given; nothing gives an empty string', () => {
    const e = (framework: string, control: string): ControlEvidence => ({
      framework,
      control,
      title: '',
      evidence: '',
    });
    expect(
      complianceFooter([
        e('ISO/IEC 27001:2022', 'A.8.28'),
        e('PCI DSS v4.0.1', '6.2.4'),
        e('ISO/IEC 27001:2022', 'A.8.8'),
      ]),
    ).toBe('Evidence for PCI DSS 6.2.4 · ISO/IEC 27001:2022 A.8.28, A.8.8');
    expect(complianceFooter([])).toBe('');
  });
});
