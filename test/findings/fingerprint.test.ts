import { describe, expect, test } from '@jest/globals';
import {
  type FingerprintInput,
  fingerprintKey,
  fingerprintOf,
  hash64,
  normaliseMessage,
  normaliseSnippet,
  OccurrenceCounter,
} from '../../src/findings/fingerprint.js';
import { load, log, result, run } from '../sarif/sarif-builders.js';

const input = (over: Partial<FingerprintInput> = {}): FingerprintInput => ({
  tool: 'semgrep',
  ruleId: 'python.lang.security.audit.eval',
  path: 'app/main.py',
  snippet: 'eval(user_input)',
  message: 'Detected eval on line 12',
  fingerprints: undefined,
  partialFingerprints: undefined,
  ...over,
});

const keyOf = (over: Partial<FingerprintInput>) => fingerprintKey(input(over));

describe('hash64', () => {
  test('golden values: a change of the hash (which changes every stored baseline) is caught', () => {
    expect(hash64('a')).toBe('8d472b7c4d529ed1');
    expect(hash64('')).toBe('0201b9460e39eb6b');
    expect(hash64('tool', 'rule', 'src/a.js', 's', 'x')).toBe('79c306fa4ba0f6dd');
  });

  test('16 lowercase hex digits', () => {
    for (const text of ['', 'x', 'ключ😀', '\u0000\uffff'.repeat(1000)]) {
      expect(hash64(text)).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  test('part boundaries matter', () => {
    expect(hash64('ab', 'c')).not.toBe(hash64('a', 'bc'));
    expect(hash64('abc')).not.toBe(hash64('ab', 'c'));
    expect(hash64('', 'x')).not.toBe(hash64('x', ''));
    expect(hash64('x')).not.toBe(hash64('x', ''));
  });

  test('no collisions among 100,000 distinct inputs', () => {
    const inputs = new Set<string>();
    const seen = new Map<string, string>();
    const collisions: string[] = [];
    const add = (parts: string[]) => {
      const label = parts.join('|');
      inputs.add(label);
      const hash = hash64(...parts);
      const other = seen.get(hash);
      if (other !== undefined) collisions.push(`${label} = ${other}`);
      else seen.set(hash, label);
    };
    for (let i = 0; i < 50_000; i++) {
      add([`tool${i % 7}`, `rule-${i % 977}`, `src/dir${i % 13}/file${i % 101}.ts`, 's', `call(x${i})`]);
    }
    for (let i = 0; i < 30_000; i++) add([String(i)]);
    // Near-identical inputs: one character apart from the alphabet.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    for (let i = 0; i < 20_000; i++) {
      const chars = alphabet.split('');
      chars[i % 26] = String.fromCharCode(0x100 + Math.floor(i / 26));
      add([chars.join('')]);
    }
    expect(inputs.size).toBe(100_000);
    expect(collisions).toEqual([]);
    expect(seen.size).toBe(100_000);
  });
});

describe('normalisation', () => {
  test('snippets: whitespace runs collapsed, trimmed', () => {
    expect(normaliseSnippet('  eval(\n\t  user_input )  ')).toBe('eval( user_input )');
  });

  test('messages: digits blanked, whitespace collapsed', () => {
    expect(normaliseMessage(' Line 12 has  3\nissues ')).toBe('Line 0 has 0 issues');
  });
});

describe('fingerprintKey', () => {
  test('the same finding on another line (no line in the input at all) keeps its key', () => {
    expect(keyOf({})).toBe(keyOf({ message: 'Detected eval on line 42' }));
  });

  test('a different path, rule or tool gives a different key', () => {
    const base = keyOf({});
    expect(keyOf({ path: 'app/other.py' })).not.toBe(base);
    expect(keyOf({ path: undefined })).not.toBe(base);
    expect(keyOf({ ruleId: 'other' })).not.toBe(base);
    expect(keyOf({ tool: 'bandit' })).not.toBe(base);
  });

  test('the snippet decides when there is one, whitespace aside', () => {
    expect(keyOf({ snippet: '  eval( user_input)\n' })).toBe(keyOf({ snippet: 'eval( user_input)' }));
    expect(keyOf({ snippet: 'eval(other)' })).not.toBe(keyOf({}));
    expect(keyOf({ message: 'a completely different message' })).toBe(keyOf({}));
  });

  test('without a snippet, the message decides, ignoring numbers and whitespace', () => {
    const a = keyOf({ snippet: undefined, message: 'Found 3 issues on line 12 (offset 0x1f)' });
    const b = keyOf({ snippet: undefined, message: 'Found  17 issues\non line 450 (offset 0x99f)' });
    expect(a).toBe(b);
    expect(keyOf({ snippet: '   ', message: 'Found 3 issues on line 12 (offset 0x1f)' })).toBe(a);
    expect(keyOf({ snippet: undefined, message: 'Found 3 problems on line 12' })).not.toBe(a);
  });

  test('a snippet-derived and a message-derived key never coincide', () => {
    expect(keyOf({ snippet: 'same text', message: 'x' })).not.toBe(
      keyOf({ snippet: undefined, message: 'same text' }),
    );
  });

  test('tool-given fingerprints come before partialFingerprints, and before snippet and message', () => {
    const fp = { 'matchBasedId/v1': 'abc' };
    const partial = { primaryLocationLineHash: '39fa2ee980eb94b0:1' };
    const withBoth = keyOf({ fingerprints: fp, partialFingerprints: partial });
    expect(withBoth).toBe(keyOf({ fingerprints: fp, snippet: 'other', message: 'other' }));
    expect(withBoth).not.toBe(keyOf({ partialFingerprints: partial }));
    expect(withBoth).not.toBe(keyOf({}));
    expect(keyOf({ partialFingerprints: partial, snippet: 'x' })).toBe(
      keyOf({ partialFingerprints: partial, snippet: 'y' }),
    );
  });

  test('tool-given entries: order does not matter, non-strings and empty strings are ignored', () => {
    expect(keyOf({ fingerprints: { a: '1', b: '2' } })).toBe(
      keyOf({ fingerprints: { b: '2', a: '1', c: 3 } }),
    );
    expect(keyOf({ fingerprints: { a: '1', b: '' } })).toBe(keyOf({ fingerprints: { a: '1' } }));
    expect(keyOf({ fingerprints: { a: '1' } })).not.toBe(keyOf({ fingerprints: { a: '2' } }));
  });

  test('tool-given fingerprints with no usable entry fall back to the derived key', () => {
    for (const fingerprints of [{}, { a: '' }, { a: 7 }, { a: null, b: 1 }]) {
      expect(fingerprintKey(input({ fingerprints, partialFingerprints: {} }))).toEqual(
        fingerprintKey(input()),
      );
    }
  });

  test('the path stays in the key with a tool fingerprint that hashes only the line text', () => {
    const partialFingerprints = { primaryLocationLineHash: '39fa2ee980eb94b0:1' };
    expect(keyOf({ partialFingerprints })).not.toBe(keyOf({ partialFingerprints, path: 'app/other.py' }));
  });
});

describe('fingerprintOf and occurrences', () => {
  test('identical keys in one run: the first keeps the key, the next get :1, :2 in order', () => {
    const counter = new OccurrenceCounter();
    const key = keyOf({});
    expect([
      fingerprintOf(input(), counter),
      fingerprintOf(input(), counter),
      fingerprintOf(input(), counter),
    ]).toEqual([key, `${key}:1`, `${key}:2`]);
    expect(fingerprintOf(input({ snippet: 'other' }), counter)).toBe(keyOf({ snippet: 'other' }));
  });

  test('a tool-given fingerprint is used as is; a colliding one gets an occurrence index', () => {
    const counter = new OccurrenceCounter();
    const fingerprints = { 'contextHash/v1': 'abc' };
    const first = fingerprintOf(input({ fingerprints }), counter);
    expect(first).toBe(keyOf({ fingerprints }));
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintOf(input({ fingerprints, snippet: 'elsewhere' }), counter)).toBe(`${first}:1`);
  });

  test('counters are independent', () => {
    const a = new OccurrenceCounter();
    const b = new OccurrenceCounter();
    expect(fingerprintOf(input(), a)).toBe(fingerprintOf(input(), b));
  });
});

describe('fingerprints through the loader', () => {
  const snippet = 'cursor.execute("SELECT * FROM t WHERE id = " + id)';

  test('a finding that moves 30 lines keeps its fingerprint', () => {
    const before = load(log(run([result('sql', 'src/db.py', 10, {}, snippet)])));
    const after = load(
      log(run([result('sql', 'src/db.py', 40, { message: { text: 'sql at line 40' } }, snippet)])),
    );
    expect(before.findings[0]?.location?.startLine).toBe(10);
    expect(after.findings[0]?.location?.startLine).toBe(40);
    expect(after.findings[0]?.fingerprint).toBe(before.findings[0]?.fingerprint);
  });

  test('a message-only finding that moves keeps its fingerprint although its message quotes the line', () => {
    const at = (line: number) =>
      load(log(run([result('r', 'a.c', line, { message: { text: `buffer overflow at line ${line}` } })])))
        .findings[0]?.fingerprint;
    expect(at(5)).toBe(at(35));
  });

  test('the same snippet in another file gets another fingerprint', () => {
    const loaded = load(
      log(run([result('sql', 'src/db.py', 10, {}, snippet), result('sql', 'src/db2.py', 10, {}, snippet)])),
    );
    const [a, b] = loaded.findings;
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
  });

  test('two identical findings in one run are told apart by occurrence; a second run counts again', () => {
    const twice = [result('sql', 'src/db.py', 10, {}, snippet), result('sql', 'src/db.py', 90, {}, snippet)];
    const loaded = load(log(run(twice), run(twice)));
    const fps = loaded.findings.map((f) => f.fingerprint);
    expect(fps[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(fps[1]).toBe(`${fps[0]}:1`);
    expect(fps.slice(2)).toEqual(fps.slice(0, 2));
  });

  test('the tool version is not part of the fingerprint', () => {
    const versioned = (version: string) => {
      const r = run([result('sql', 'src/db.py', 10, {}, snippet)]);
      (r.tool as { driver: Record<string, unknown> }).driver.version = version;
      return load(log(r)).findings[0]?.fingerprint;
    };
    expect(versioned('1.0.0')).toBe(versioned('2.0.0'));
  });

  test('tool-given fingerprints win over partialFingerprints in a loaded result', () => {
    const withFp = (extra: Record<string, unknown>) =>
      load(log(run([result('sql', 'src/db.py', 10, extra, snippet)]))).findings[0]?.fingerprint;
    const both = withFp({ fingerprints: { 'matchBasedId/v1': 'm1' }, partialFingerprints: { h: 'p1' } });
    expect(both).toBe(withFp({ fingerprints: { 'matchBasedId/v1': 'm1' } }));
    expect(both).not.toBe(withFp({ partialFingerprints: { h: 'p1' } }));
    expect(both).toMatch(/^[0-9a-f]{16}$/);
  });
});
