import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings/finding.js';
import { cweEntry } from '../../src/knowledge/cwe-catalogue.js';
import { findingCwes, MAX_LINKS, remediationFor } from '../../src/knowledge/remediation.js';
import type { Remediation } from '../../src/report/model.js';
import { loadSarif } from '../../src/sarif/load.js';
import { REAL_SARIF_DIR } from './research.js';

const load = (name: string): Finding[] => {
  const loaded = loadSarif(readFileSync(path.join(REAL_SARIF_DIR, name)), name);
  expect(loaded.loaded).toBe(true);
  return loaded.findings;
};

const fixOf = (cwe: number): string => cweEntry(cwe)?.fix ?? `no catalogue entry for CWE-${cwe}`;

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    fingerprint: 'fp0001',
    tool: { name: 'gosec' },
    seenBy: ['gosec'],
    rule: { id: 'G201' },
    message: 'SQL string formatting',
    severity: 'high',
    severitySource: 'tool-severity',
    level: 'error',
    cwes: [],
    suppressions: [],
    origin: { file: 'x.sarif', run: 0, result: 0 },
    ...overrides,
  };
}

/** Shape every remediation must have. */
function expectWellFormed(r: Remediation | undefined): asserts r is Remediation {
  expect(r).toBeDefined();
  if (!r) return;
  expect(r.summary.trim()).not.toBe('');
  expect(r.summary).not.toMatch(/[\r\n]/);
  expect(r.links.length).toBeLessThanOrEqual(MAX_LINKS);
  expect(new Set(r.links.map((l) => l.url)).size).toBe(r.links.length);
  for (const link of r.links) expect(new URL(link.url).protocol).toBe('https:');
}

describe('remediationFor on real SARIF', () => {
  it('eslint-security-express.sarif: every finding gets one through the eslint rule map (no CWE in the file)', () => {
    const findings = load('eslint-security-express.sarif');
    expect(findings).toHaveLength(65);
    for (const f of findings) {
      expect(f.cwes).toEqual([]);
      const r = remediationFor(f);
      expectWellFormed(r);
      // The rule's own help page first, then the catalogue's.
      expect(r.links[0]?.url).toBe(f.rule.helpUri);
      expect(r.links[0]?.url).toMatch(/^https:\/\/github\.com\/eslint-community\/eslint-plugin-security\//);
      expect(r.links.some((l) => l.url.startsWith('https://cwe.mitre.org/'))).toBe(true);
    }
    const byRule = (id: string) => findings.find((f) => f.rule.id === id)!;
    const injection = remediationFor(byRule('security/detect-object-injection'));
    expect(injection?.summary).toBe(fixOf(1321));
    expect(injection?.links.map((l) => l.url)).toEqual([
      'https://github.com/eslint-community/eslint-plugin-security/blob/main/docs/rules/detect-object-injection.md',
      'https://cheatsheetseries.owasp.org/cheatsheets/Prototype_Pollution_Prevention_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/1321.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html',
    ]);
    expect(remediationFor(byRule('security/detect-non-literal-fs-filename'))?.summary).toBe(fixOf(22));
    expect(remediationFor(byRule('security/detect-non-literal-require'))?.summary).toBe(fixOf(829));
    expect(findingCwes(byRule('security/detect-non-literal-require'))).toEqual([829, 94]);
  });

  it('gosec-gowaves-large.sarif: the CWE the tool states picks the fix', () => {
    const findings = load('gosec-gowaves-large.sarif');
    const byRule = new Map(findings.map((f) => [f.rule.id, f]));
    const overflow = remediationFor(byRule.get('G115')!);
    expect(overflow).toEqual({
      summary: fixOf(190),
      links: [
        {
          title: 'OWASP C-Based Toolchain Hardening Cheat Sheet',
          url: 'https://cheatsheetseries.owasp.org/cheatsheets/C-Based_Toolchain_Hardening_Cheat_Sheet.html',
        },
        {
          title: 'CWE-190: Integer Overflow or Wraparound',
          url: 'https://cwe.mitre.org/data/definitions/190.html',
        },
        { title: 'OWASP ASVS 4.0.3 5.4.3', url: 'https://github.com/OWASP/ASVS/tree/master/4.0/en' },
      ],
    });
    expect(remediationFor(byRule.get('G101')!)?.summary).toBe(fixOf(798));
    expect(remediationFor(byRule.get('G404')!)?.summary).toBe(fixOf(338));
    // CWE-242 has no catalogue entry: the rule's short description, and the named CWE page.
    const unsafe = remediationFor(byRule.get('G103')!);
    expect(unsafe).toEqual({
      summary: 'Use of unsafe calls should be audited',
      links: [
        {
          title: 'CWE-242: Use of Inherently Dangerous Function',
          url: 'https://cwe.mitre.org/data/definitions/242.html',
        },
      ],
    });
    // G706 carries no CWE in this file: the gosec map gives CWE-117.
    const log = byRule.get('G706')!;
    expect(log.cwes).toEqual([]);
    expect(remediationFor(log)?.summary).toBe(fixOf(117));
    for (const f of findings) expectWellFormed(remediationFor(f));
  });

  it('a tool whose help URI is the CWE page gets the CWE title for it (Flawfinder)', () => {
    const findings = load('flawfinder-bcrypt.sarif');
    const overflow = findings.find((f) => f.cwes.includes(190))!;
    const r = remediationFor(overflow);
    expectWellFormed(r);
    expect(r.summary).toBe(fixOf(190));
    expect(r.links[0]).toEqual({
      title: 'CWE-190: Integer Overflow or Wraparound',
      url: 'https://cwe.mitre.org/data/definitions/190.html',
    });
    expect(r.links.filter((l) => l.url.includes('/190.html'))).toHaveLength(1);
  });

  it('every finding of every real-world SARIF file gets a well-formed remediation or none', () => {
    const dir = REAL_SARIF_DIR;
    const files = [
      'snyk-code-suppressions-codeflows.sarif',
      'cwe-taxonomy-ghas-sample.sarif',
      'msdo-seven-tools-multi-run.sarif',
      'trivy-image-alpine-310.sarif',
      'semgrep-dataflow-traces.sarif',
    ];
    let withRemediation = 0;
    for (const name of files) {
      for (const f of loadSarif(readFileSync(path.join(dir, name)), name).findings) {
        const r = remediationFor(f);
        if (r === undefined) continue;
        expectWellFormed(r);
        withRemediation++;
      }
    }
    expect(withRemediation).toBeGreaterThan(100);
  });
});

describe('remediationFor', () => {
  it('summary: the first CWE the catalogue knows; links: for every CWE, at most four, deduplicated', () => {
    const r = remediationFor(finding({ cwes: [9999, 89, 79, 22] }));
    expectWellFormed(r);
    expect(r.summary).toBe(fixOf(89));
    expect(r.links.map((l) => l.url)).toEqual([
      'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/79.html',
    ]);
  });

  it('the help URI comes first only when it is https', () => {
    const https = remediationFor(
      finding({ cwes: [89], rule: { id: 'G201', helpUri: 'https://securego.io/docs/rules/g201-g202' } }),
    );
    expect(https?.links[0]).toEqual({ title: 'gosec G201', url: 'https://securego.io/docs/rules/g201-g202' });
    for (const helpUri of [
      'http://securego.io/docs/rules/g201-g202',
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'https://user:pass@example.com/',
      '//example.com/rule',
      'not a url',
      '',
    ]) {
      const r = remediationFor(finding({ cwes: [89], rule: { id: 'G201', helpUri } }));
      expect(
        r?.links.every(
          (l) =>
            l.url.startsWith('https://cheatsheetseries.') ||
            l.url.startsWith('https://cwe.') ||
            l.url.startsWith('https://github.com/OWASP/'),
        ),
      ).toBe(true);
    }
  });

  it("falls back to the rule's rule map, then its short description, flattened to one line", () => {
    expect(remediationFor(finding({ tool: { name: 'Bandit' }, rule: { id: 'B608' } }))?.summary).toBe(
      fixOf(89),
    );
    const r = remediationFor(
      finding({
        tool: { name: 'acme' },
        rule: { id: 'X1', shortDescription: '  Do not\n\nuse   X.  ', helpUri: 'https://acme.example/x1' },
      }),
    );
    expect(r).toEqual({
      summary: 'Do not use X.',
      links: [{ title: 'acme X1', url: 'https://acme.example/x1' }],
    });
    const long = remediationFor(
      finding({ tool: { name: 'acme' }, rule: { id: 'X2', shortDescription: 'y'.repeat(500) } }),
    );
    expect(long?.summary.length).toBe(200);
    expect(long?.summary.endsWith('…')).toBe(true);
    expect(
      remediationFor(
        finding({ tool: { name: 'acme' }, rule: { id: 'X3', helpUri: 'https://acme.example/x3' } }),
      )?.summary,
    ).toBe('See the linked guidance.');
  });

  it('is undefined when there is nothing to say', () => {
    expect(remediationFor(finding({ tool: { name: 'acme' }, rule: { id: 'X' } }))).toBeUndefined();
    expect(
      remediationFor(finding({ tool: { name: 'acme' }, rule: { id: 'X', shortDescription: '  ' } })),
    ).toBeUndefined();
  });

  it('dependency findings: upgrade summary, fixed version, command, and the dependency guidance first', () => {
    const r = remediationFor(
      finding({
        tool: { name: 'Paved Path dependency review' },
        rule: { id: 'GHSA-jfh8-c2jp-5v3q', helpUri: 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q' },
        cwes: [502, 20],
      }),
      {
        dependency: {
          ecosystem: 'Maven',
          name: 'org.apache.logging.log4j:log4j-core',
          fixedVersion: '2.15.0',
          manifest: 'pom.xml',
        },
      },
    );
    expectWellFormed(r);
    expect(r.summary).toBe('Upgrade org.apache.logging.log4j:log4j-core to 2.15.0 or later.');
    expect(r.fixedVersion).toBe('2.15.0');
    expect(r.command).toBe(
      'mvn versions:use-dep-version -Dincludes=org.apache.logging.log4j:log4j-core -DdepVersion=2.15.0',
    );
    expect(r.links.map((l) => l.url)).toEqual([
      'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q',
      'https://cheatsheetseries.owasp.org/cheatsheets/Vulnerable_Dependency_Management_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/1395.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html',
    ]);
  });

  it('dependency findings with an unsafe name get no command', () => {
    const r = remediationFor(finding({ rule: { id: 'GHSA-x' } }), {
      dependency: { ecosystem: 'npm', name: 'lodash; rm -rf /', fixedVersion: '4.17.21' },
    });
    expectWellFormed(r);
    expect(r.command).toBeUndefined();
    expect(r.fixedVersion).toBe('4.17.21');
  });
});

describe('a CWE known through its catalogued parent', () => {
  it("Bandit's CWE-259 (hard-coded password) gets CWE-798's fix and links, and its own page", () => {
    const remediation = remediationFor(
      finding({
        tool: { name: 'Bandit' },
        seenBy: ['Bandit'],
        rule: { id: 'B105', shortDescription: 'Hardcoded password string' },
        cwes: [259],
      }),
    );
    expect(remediation?.summary).toBe(
      'Move the secret to a secret manager or CI secrets, then revoke and rotate the exposed credential.',
    );
    expect(remediation?.links.map((l) => l.url)).toEqual(
      expect.arrayContaining([
        'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
        'https://cwe.mitre.org/data/definitions/259.html',
      ]),
    );
  });
});

describe("the rule's own weakness first", () => {
  it('eslint-plugin-security non-literal RegExp: CWE-1333 (the rule map order) before CWE-400 (sorted first)', () => {
    const f = finding({
      tool: { name: 'ESLint' },
      seenBy: ['ESLint'],
      rule: { id: 'security/detect-non-literal-regexp' },
      cwes: [400, 1333],
    });
    expect(findingCwes(f)).toEqual([1333, 400]);
    expect(remediationFor(f)?.summary).toBe(cweEntry(1333)?.fix);
    // A rule the map does not know keeps the finding's order.
    expect(findingCwes(finding({ cwes: [79, 22], rule: { id: 'X1' } }))).toEqual([79, 22]);
  });
});
