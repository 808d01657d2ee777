import { describe, expect, test } from '@jest/globals';
import { dedupeFindings } from '../../src/findings/dedupe.js';
import type { Finding } from '../../src/findings/finding.js';
import { SEVERITIES } from '../../src/findings/finding.js';
import { resolveSeverity } from '../../src/findings/severity.js';
import { JsonSyntaxError, skipValue } from '../../src/sarif/json-scan.js';
import { loadSarif } from '../../src/sarif/load.js';

const enc = (s: string) => new TextEncoder().encode(s);
const log = (results: unknown[]) =>
  enc(
    JSON.stringify({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 't', rules: [{ id: 'r' }] } }, results }],
    }),
  );

describe('regressions found in review', () => {
  // Bug 1: src/findings/severity.ts:58, WORDS is a plain object literal, so Object.prototype names are "words".
  test.each(['constructor', '__proto__', 'CONSTRUCTOR'])(
    'the tool severity word %j is not a severity',
    (word) => {
      expect(
        resolveSeverity({ resultProperties: { severity: word }, ruleProperties: undefined, level: 'error' }),
      ).toEqual({
        severity: 'high',
        source: 'level',
      });
      const loaded = loadSarif(
        log([{ ruleId: 'r', message: { text: 'm' }, properties: { severity: word } }]),
        'x.sarif',
      );
      expect(SEVERITIES).toContain(loaded.findings[0]?.severity);
    },
  );

  // Bug 2: src/sarif/reader.ts:103, a property name that JSON.parse rejects throws a plain SyntaxError,
  // which load.ts:216 reports without line, column, JSON path or hint (and with a position inside the key).
  test('an invalid property name is reported at its line, with a hint', () => {
    const loaded = loadSarif(enc('{"version": "2.1.0",\n "ru\\x": []}'), 'x.sarif');
    expect(loaded.loaded).toBe(false);
    expect(loaded.diagnostics[0]).toMatchObject({
      level: 'error',
      line: 2,
      column: 2,
      hint: expect.any(String),
    });
  });

  // Bug 3: src/sarif/normalise.ts:85, 94, 126, 161, warnings collected through WarningTally carry no hint,
  // although diagnostics.ts promises every diagnostic says how to fix it.
  test.each([
    ['level ""', { level: '' }],
    ['suppressions object', { suppressions: { kind: 'inSource' } }],
    ['suppressions null', { suppressions: null }],
    ['dangling ruleIndex', { ruleId: undefined, ruleIndex: 9 }],
    ['unknown ruleId', { ruleId: 'nope' }],
  ])('the %s warning has a hint', (_name, extra) => {
    const loaded = loadSarif(log([{ ruleId: 'r', message: { text: 'm' }, ...extra }]), 'x.sarif');
    expect(loaded.diagnostics).toHaveLength(1);
    expect(loaded.diagnostics[0]?.hint).toEqual(expect.stringMatching(/\w/));
  });

  // Bug 4: src/findings/dedupe.ts:24-28, the merged finding takes the other's severity and source but keeps
  // its own score when the other has none: severity "high" from "level" shown with score 5.0.
  test('a merged finding never pairs a severity with a score it did not come from', () => {
    const base = {
      rule: { id: 'r' },
      message: 'm',
      level: 'warning',
      suppressions: [],
      origin: { file: 'f', run: 0, result: 0 },
    } as const;
    const scored: Finding = {
      ...base,
      fingerprint: 'a',
      tool: { name: 'a' },
      seenBy: ['a'],
      severity: 'medium',
      severitySource: 'security-severity',
      score: 5.0,
      cwes: [89],
      location: { path: 'x.js', linkable: true, startLine: 3 },
    };
    const levelled: Finding = {
      ...base,
      fingerprint: 'b',
      tool: { name: 'b' },
      seenBy: ['b'],
      severity: 'high',
      severitySource: 'level',
      level: 'error',
      cwes: [89],
      location: { path: 'x.js', linkable: true, startLine: 3 },
    };
    const [merged] = dedupeFindings([scored, levelled]);
    expect(merged).toMatchObject({ severity: 'high', severitySource: 'level' });
    expect(merged?.score).toBeUndefined();
  });

  // Bug 5 (minor): src/sarif/json-scan.ts:92, a backslash as the last byte reports an offset past the end.
  test('a string cut after a backslash reports the end of the input', () => {
    const buf = enc('["a\\');
    let error: unknown;
    try {
      skipValue(buf, 0);
    } catch (e) {
      error = e;
    }
    expect((error as JsonSyntaxError).offset).toBeLessThanOrEqual(buf.length);
  });

  // Bug 6 (minor): duplicate "runs" keys: JSON keeps the last, the loader reads every one (load.ts:120-126).
  test('a duplicated "runs" key loads as JSON.parse reads it (the last one)', () => {
    const text =
      '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "old"}}, "results": [{"message": {"text": "m"}}]}], "runs": []}';
    const loaded = loadSarif(enc(text), 'x.sarif');
    expect(loaded.runs).toEqual([]);
    expect(loaded.findings).toEqual([]);
  });
});

describe('errors say where', () => {
  test('another version is refused at the line of "version", before the rest is read', () => {
    const loaded = loadSarif(enc('{\n  "version": "2.0.0",\n  "runs": [{"results": 5}]\n}'), 'old.sarif');
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({
        jsonPath: 'version',
        line: 2,
        column: 14,
        message: expect.stringMatching(/2\.0\.0/),
      }),
    ]);
  });

  test('a result that is not an object is reported at its line', () => {
    const text =
      '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [\n{"message": {"text": "m"}},\n42]}]}';
    const loaded = loadSarif(enc(text), 'x.sarif');
    expect(loaded.findings).toHaveLength(1);
    expect(loaded.diagnostics).toEqual([
      expect.objectContaining({ level: 'error', jsonPath: 'runs[0].results[1]', line: 3, column: 1 }),
    ]);
  });

  test('a file cut after a property name says it looks truncated', () => {
    const loaded = loadSarif(enc('{"version": "2.1.0", "runs"'), 'x.sarif');
    expect(loaded.diagnostics[0]?.message).toMatch(/truncated/);
  });
});

describe('second review', () => {
  const withResults = (
    results: unknown[],
    rules: unknown[] = [{ id: 'r', properties: { 'security-severity': '9.8' } }],
  ) => enc(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 't', rules } }, results }] }));

  test('kind pass and notApplicable are not findings; open and review are notes, never scored', () => {
    const loaded = loadSarif(
      withResults([
        { ruleId: 'r', kind: 'pass', message: { text: 'ok' } },
        { ruleId: 'r', kind: 'notApplicable', message: { text: 'n/a' } },
        { ruleId: 'r', kind: 'open', message: { text: 'look' } },
        { ruleId: 'r', kind: 'review', message: { text: 'look' } },
        { ruleId: 'r', message: { text: 'bad' } },
      ]),
      'k.sarif',
    );
    expect(loaded.runs[0]).toMatchObject({ resultCount: 5, notProblems: 2 });
    expect(loaded.findings.map((f) => [f.level, f.severity])).toEqual([
      ['none', 'note'],
      ['none', 'note'],
      ['warning', 'critical'],
    ]);
  });

  test("one tool's suppression does not hide another tool's live finding on the same line", () => {
    const suppressed = makeDedupeFinding('a', [{ kind: 'inSource' }]);
    const live = makeDedupeFinding('b', []);
    const [merged] = dedupeFindings([suppressed, live]);
    expect(merged?.seenBy).toEqual(['a', 'b']);
    expect(merged?.suppressions).toEqual([]);
  });

  test('a hierarchical rule id finds its parent rule', () => {
    const loaded = loadSarif(withResults([{ ruleId: 'r/sub', message: { text: 'm' } }]), 'h.sarif');
    expect(loaded.findings[0]?.severity).toBe('critical');
    expect(loaded.diagnostics).toEqual([]);
  });

  test('doubled braces are literal in message templates with arguments', () => {
    const loaded = loadSarif(
      withResults([{ ruleId: 'r', message: { text: '{{0}} is {0}', arguments: ['x'] } }]),
      'b.sarif',
    );
    expect(loaded.findings[0]?.message).toBe('{0} is x');
  });

  test('a repeated "results" key reads as JSON.parse does (the last one)', () => {
    const text =
      '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"t"}},"results":[{"message":{"text":"a"}}],"results":[]}]}';
    expect(loadSarif(enc(text), 'r.sarif').findings).toEqual([]);
  });

  test('thousands of non-object results give ten errors and one summary line, quickly', () => {
    const loaded = loadSarif(withResults(Array.from({ length: 40_000 }, () => 1)), 'n.sarif');
    const errors = loaded.diagnostics.filter((d) => d.level === 'error');
    expect(errors).toHaveLength(11);
    expect(errors.at(-1)?.message).toBe('39990 more result(s) that are not objects were skipped');
  });
});

function makeDedupeFinding(tool: string, suppressions: Finding['suppressions']): Finding {
  return {
    fingerprint: `fp-${tool}`,
    tool: { name: tool },
    seenBy: [tool],
    rule: { id: `${tool}-rule` },
    message: 'm',
    severity: 'high',
    severitySource: 'level',
    level: 'error',
    cwes: [89],
    suppressions,
    origin: { file: `${tool}.sarif`, run: 0, result: 0 },
    location: { path: 'a.js', linkable: true, startLine: 3 },
  };
}
