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
});
