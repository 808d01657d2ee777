import { describe, expect, it } from '@jest/globals';
import { countFindings } from '../../src/findings/counts.js';
import { escapeInline, inlineCode, safeHttpsUrl, truncate } from '../../src/report/escape.js';
import { makeFinding } from './report-builders.js';

describe('escaping', () => {
  it('escapes math, so $…$ cannot render as a formula', () => {
    expect(escapeInline('a $\\Huge{FAKE}$ b')).toBe('a \\$\\\\Huge\\{FAKE\\}\\$ b');
  });

  it('cuts between code points, never inside an emoji', () => {
    const cut = truncate('ab😀cd', 4);
    expect(cut).toBe('ab…');
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(escapeInline('x'.repeat(298) + '😀😀', 300))).toBe(
      false,
    );
  });

  it('keeps backticks from closing an inline code span', () => {
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
  });

  it('links only https URLs, normalised so what is shown is what is followed', () => {
    expect(safeHttpsUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpsUrl('http://example.com')).toBeUndefined();
    expect(safeHttpsUrl('https://example.com/a|b(c)')).toBe('https://example.com/a%7Cb%28c%29');
    expect(safeHttpsUrl('https://example.com/\u202Eexe')).toBe('https://example.com/%E2%80%AEexe');
  });
});

describe('counts by tool', () => {
  it('survive tools named after object built-ins', () => {
    const counts = countFindings([
      makeFinding({ seenBy: ['constructor'] }),
      makeFinding({ seenBy: ['__proto__'] }),
      makeFinding({ seenBy: ['toString'] }),
    ]);
    expect(counts.byTool.constructor).toBe(1);
    expect(Object.getOwnPropertyDescriptor(counts.byTool, '__proto__')?.value).toBe(1);
    expect(Object.getOwnPropertyDescriptor(counts.byTool, 'toString')?.value).toBe(1);
  });
});
