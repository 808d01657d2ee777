import { describe, expect, it } from '@jest/globals';
import { renderTerminalText } from '../../src/report/terminal-text.js';
import { makeFinding, makeReport } from './report-builders.js';

describe('terminal text', () => {
  const report = makeReport(
    [
      makeFinding({ severity: 'critical', message: 'bad\u202Ething\nsecond line' }),
      makeFinding({ severity: 'low' }),
    ],
    { remediation: () => ({ summary: 'Use parameterised queries.', links: [] }) },
  );

  it('puts the verdict first, then the new findings with their fix', () => {
    const text = renderTerminalText(report, { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('FAIL: 1 new finding(s) of high or higher severity (1 critical).');
    expect(lines[1]).toBe('2 new · 0 fixed · 0 existing · 0 ignored');
    expect(text).toMatch(
      / {2}CRITICAL pkg\/store\/file\d+\.go:\d+ {2}G201: badthing second line\n {11}fix: Use parameterised queries\./,
    );
  });

  it('colours only when asked, and never passes control characters through', () => {
    expect(renderTerminalText(report, { color: false })).not.toMatch(/\u001b/);
    expect(renderTerminalText(report, { color: true })).toMatch(/^\u001b\[31mFAIL/);
    expect(renderTerminalText(report, { color: false })).not.toMatch(/\u202E/);
  });

  it('lists the vulnerable dependencies with the fixed version and the upgrade command, and the SBOM', () => {
    const withDeps: typeof report = {
      ...report,
      dependencies: {
        mode: 'pull-request',
        counts: { added: 2, removed: 0, changed: 0, vulnerable: 1, unpinned: 0, licenses: 0 },
        changes: [
          {
            change: 'added',
            ecosystem: 'npm',
            name: 'lodash',
            manifest: 'package-lock.json',
            to: '4.17.15',
            vulnerabilities: [{ id: 'GHSA-35jh-r3h4-6jhm', severity: 'high', fixedIn: '4.17.21' }],
            fixedIn: '4.17.21',
            upgrade: 'npm install lodash@4.17.21',
          },
          {
            change: 'added',
            ecosystem: 'npm',
            name: 'ms',
            manifest: 'package-lock.json',
            to: '2.1.3',
            vulnerabilities: [],
          },
        ],
        omitted: 0,
        newLicenses: [],
      },
      inventory: [
        {
          file: 'sbom.cdx.json',
          format: 'CycloneDX',
          specVersion: '1.6',
          components: 212,
          generator: 'pavedpath 0.1.0',
        },
      ],
    };
    const text = renderTerminalText(withDeps, { color: false });
    expect(text).toContain(
      'Vulnerable dependencies (1)\n  lodash 4.17.15 (package-lock.json): GHSA-35jh-r3h4-6jhm; fixed in 4.17.21\n           run: npm install lodash@4.17.21\n',
    );
    expect(text).not.toContain('ms 2.1.3');
    expect(text).toContain('SBOM: 212 components (CycloneDX 1.6, pavedpath 0.1.0)');
  });
});
