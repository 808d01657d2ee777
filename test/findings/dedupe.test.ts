import { describe, expect, test } from '@jest/globals';
import { dedupeFindings } from '../../src/findings/dedupe.js';
import type { Finding, Location } from '../../src/findings/finding.js';

let counter = 0;

function finding(
  tool: string,
  ruleId: string,
  location: Partial<Location> | undefined,
  over: Partial<Finding> = {},
): Finding {
  counter++;
  const f: Finding = {
    fingerprint: `fp-${counter}`,
    tool: { name: tool },
    seenBy: [tool],
    rule: { id: ruleId },
    message: `${ruleId} message`,
    severity: 'medium',
    severitySource: 'level',
    level: 'warning',
    cwes: [],
    suppressions: [],
    origin: { file: `${tool}.sarif`, run: 0, result: counter },
    ...over,
  };
  if (location) f.location = { path: 'src/app.js', linkable: true, ...location };
  return f;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('dedupeFindings', () => {
  test('the same fingerprint in two files is one finding', () => {
    const a = finding('semgrep', 'r1', { startLine: 3 }, { fingerprint: 'same' });
    const b = finding(
      'semgrep',
      'r1',
      { startLine: 3 },
      { fingerprint: 'same', origin: { file: 'b.sarif', run: 0, result: 0 } },
    );
    const out = dedupeFindings([a, b]);
    expect(out).toHaveLength(1);
    expect(out[0]?.fingerprint).toBe('same');
    expect(out[0]?.seenBy).toEqual(['semgrep']);
    expect(out[0]?.origin.file).toBe('semgrep.sarif');
  });

  test('the same fingerprint merges even at different lines (the baseline and a moved copy)', () => {
    const out = dedupeFindings([
      finding('t', 'r', { startLine: 3 }, { fingerprint: 'x' }),
      finding('t', 'r', { startLine: 33 }, { fingerprint: 'x' }),
    ]);
    expect(out).toHaveLength(1);
  });

  test('two tools, same path and line, a shared CWE: one finding, seen by both, with the higher severity', () => {
    const a = finding('semgrep', 'sqli', { startLine: 10 }, { cwes: [89], severity: 'medium' });
    const b = finding(
      'codeql',
      'js/sql-injection',
      { startLine: 10 },
      { cwes: [89, 943], severity: 'critical', severitySource: 'security-severity', score: 9.8 },
    );
    const out = dedupeFindings([a, b]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      fingerprint: a.fingerprint,
      seenBy: ['semgrep', 'codeql'],
      severity: 'critical',
      severitySource: 'security-severity',
      score: 9.8,
      cwes: [89, 943],
      rule: { id: 'sqli' },
    });
  });

  test('the higher severity wins whichever comes first', () => {
    const high = finding('a', 'r1', { startLine: 1 }, { cwes: [79], severity: 'high' });
    const low = finding('b', 'r2', { startLine: 1 }, { cwes: [79], severity: 'low' });
    expect(dedupeFindings([high, low])[0]?.severity).toBe('high');
    expect(dedupeFindings([low, high])[0]?.severity).toBe('high');
  });

  test('the same line with different CWEs stays two findings', () => {
    const out = dedupeFindings([
      finding('semgrep', 'xss', { startLine: 10 }, { cwes: [79] }),
      finding('codeql', 'sqli', { startLine: 10 }, { cwes: [89] }),
    ]);
    expect(out).toHaveLength(2);
  });

  test('one tool, same line, different rules: two findings, even with a shared CWE', () => {
    expect(
      dedupeFindings([
        finding('gosec', 'G201', { startLine: 5 }),
        finding('gosec', 'G202', { startLine: 5 }),
      ]),
    ).toHaveLength(2);
    expect(
      dedupeFindings([
        finding('gosec', 'G201', { startLine: 5 }, { cwes: [89] }),
        finding('gosec', 'G202', { startLine: 5 }, { cwes: [89] }),
      ]),
    ).toHaveLength(2);
  });

  test('without CWEs, two tools merge on the same rule id only', () => {
    expect(
      dedupeFindings([
        finding('eslint', 'no-eval', { startLine: 2 }),
        finding('oxlint', 'no-eval', { startLine: 2 }),
      ]),
    ).toHaveLength(1);
    expect(
      dedupeFindings([
        finding('eslint', 'no-eval', { startLine: 2 }),
        finding('oxlint', 'no-new-func', { startLine: 2 }),
      ]),
    ).toHaveLength(2);
  });

  test('a finding with CWEs and one without stay apart', () => {
    expect(
      dedupeFindings([
        finding('a', 'r', { startLine: 2 }, { cwes: [79] }),
        finding('b', 'r', { startLine: 2 }),
      ]),
    ).toHaveLength(2);
  });

  test('another line, another path, or no line: no cross-tool merge', () => {
    const out = dedupeFindings([
      finding('a', 'r', { startLine: 2 }, { cwes: [79] }),
      finding('b', 'r', { startLine: 3 }, { cwes: [79] }),
      finding('c', 'r', { startLine: 2, path: 'src/other.js' }, { cwes: [79] }),
      finding('d', 'r', {}, { cwes: [79] }),
      finding('e', 'r', {}, { cwes: [79] }),
      finding('f', 'r', undefined, { cwes: [79] }),
    ]);
    expect(out).toHaveLength(6);
  });

  test('first-seen order is kept', () => {
    const list = [
      finding('a', 'r1', { startLine: 1 }),
      finding('a', 'r2', { startLine: 2 }),
      finding('b', 'r1', { startLine: 1 }),
      finding('a', 'r3', { startLine: 3 }),
    ];
    expect(dedupeFindings(list).map((f) => f.rule.id)).toEqual(['r1', 'r2', 'r3']);
  });

  test('a merged finding takes the snippet it lacked', () => {
    const out = dedupeFindings([
      finding('a', 'r', { startLine: 1 }, { cwes: [22] }),
      finding('b', 'r', { startLine: 1, snippet: 'open(path)' }, { cwes: [22] }),
    ]);
    expect(out[0]?.location?.snippet).toBe('open(path)');
  });

  test('a third tool joins the merged finding once', () => {
    const out = dedupeFindings([
      finding('a', 'r', { startLine: 1 }, { cwes: [22] }),
      finding('b', 'r', { startLine: 1 }, { cwes: [22] }),
      finding('c', 'r', { startLine: 1 }, { cwes: [22] }),
      finding('b', 'r', { startLine: 1 }, { cwes: [22] }),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]?.seenBy).toEqual(['a', 'b', 'c']);
  });

  test('the input array and its findings are not changed', () => {
    const input = [
      finding('semgrep', 'sqli', { startLine: 10 }, { cwes: [89], severity: 'low' }),
      finding(
        'codeql',
        'sql',
        { startLine: 10, snippet: 'q(x)' },
        { cwes: [89, 564], severity: 'high', score: 8 },
      ),
      finding('semgrep', 'sqli', { startLine: 10 }, { fingerprint: 'fp-dup' }),
      finding('semgrep', 'sqli', { startLine: 10 }, { fingerprint: 'fp-dup', severity: 'critical' }),
      finding('bandit', 'B608', { startLine: 10 }, { cwes: [564] }),
    ];
    const before = structuredClone(input);
    const out = dedupeFindings(input);
    expect(input).toEqual(before);
    expect(out.length).toBeLessThan(input.length);
    // Frozen inputs: any write into them would throw in this (strict) module.
    expect(() => dedupeFindings(deepFreeze(structuredClone(before)))).not.toThrow();
    expect(dedupeFindings(deepFreeze(structuredClone(before)))).toEqual(out);
  });

  test('an empty list gives an empty list', () => {
    expect(dedupeFindings([])).toEqual([]);
  });
});
