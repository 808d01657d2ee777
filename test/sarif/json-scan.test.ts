import { describe, expect, test } from '@jest/globals';
import { JsonSyntaxError, skipString, skipValue } from '../../src/sarif/json-scan.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Runs `fn` and returns the JsonSyntaxError it throws; fails the test when it returns or throws another error. */
function syntaxError(fn: () => unknown): JsonSyntaxError {
  let returned: unknown;
  try {
    returned = fn();
  } catch (error) {
    if (error instanceof JsonSyntaxError) return error;
    throw new Error(`expected a JsonSyntaxError, got ${String(error)}`);
  }
  throw new Error(`expected a JsonSyntaxError, but it returned ${String(returned)}`);
}

describe('skipString', () => {
  test.each([
    [String.raw`"a\\\"b"`, 8],
    [String.raw`"\\\\"`, 6],
    [String.raw`"\\"`, 4],
    [String.raw`"\""`, 4],
    [String.raw`""`, 2],
    [String.raw`"\u0022"`, 8],
    ['"é✓"', 7],
  ])('%s ends at %i', (text, end) => {
    expect(skipString(bytes(`${text},"next"`), 0)).toBe(end);
  });

  test('a string whose last escape swallows the closing quote is unterminated', () => {
    const error = syntaxError(() => skipString(bytes(String.raw`"abc\"`), 0));
    expect(error.atEnd).toBe(true);
    expect(error.offset).toBe(0);
  });

  test('a backslash as the last byte is unterminated, not an out-of-range read', () => {
    expect(syntaxError(() => skipString(bytes('"ab\\'), 0)).atEnd).toBe(true);
  });
});

describe('skipValue', () => {
  test.each([
    [String.raw`"a\\\"b"`, 8],
    [String.raw`"\\\\"`, 6],
    [String.raw`["\\", "]"]`, 11],
    [String.raw`{"a\"}": "\\"}`, 14],
    ['{"a":[1,{"b":[[]]}],"c":{}}', 27],
    ['[[[[[]]]]]', 10],
    ['{}', 2],
    ['[]', 2],
    ['true', 4],
    ['false', 5],
    ['null', 4],
    ['-12.5e+3', 8],
  ])('%s ends at %i', (text, end) => {
    expect(skipValue(bytes(`${text} ,1`), 0)).toBe(end);
    expect(skipValue(bytes(`${text}]`), 0)).toBe(end);
    expect(skipValue(bytes(`${text}}`), 0)).toBe(end);
  });

  test('starts from the given position', () => {
    const buf = bytes('{"a": [1, 2], "b": "x\\"y"}');
    expect(skipValue(buf, 6)).toBe(12);
    expect(skipValue(buf, 19)).toBe(25);
  });

  test('brackets inside strings do not count', () => {
    const text = '["]]]", "{{{", "\\"]"]';
    expect(skipValue(bytes(`${text}]`), 0)).toBe(text.length);
  });

  test('a container at the very end of the input ends there', () => {
    expect(skipValue(bytes('[1,[2]]'), 0)).toBe(7);
    expect(skipValue(bytes(' "x"'), 1)).toBe(4);
  });

  test.each(['true', '42', 'null', '-0.5'])(
    'a literal at the very end of the input may continue: %s throws with atEnd',
    (text) => {
      const error = syntaxError(() => skipValue(bytes(text), 0));
      expect(error.atEnd).toBe(true);
      expect(error.offset).toBe(text.length);
    },
  );

  test('a literal at the end of a container is complete', () => {
    expect(skipValue(bytes('[true]'), 1)).toBe(5);
    expect(skipValue(bytes('{"a":42}'), 5)).toBe(7);
  });

  test.each([
    ['{"a":[1}', 7],
    ['[1,2}', 4],
    ['{]', 1],
    ['[{]}', 2],
    ['[[]}]', 3],
  ])('mismatched brackets in %s are reported at offset %i', (text, offset) => {
    const error = syntaxError(() => skipValue(bytes(text), 0));
    expect(error.atEnd).toBe(false);
    expect(error.offset).toBe(offset);
  });

  test('a stray closing bracket after a complete value is left to the caller', () => {
    expect(skipValue(bytes('[[]]]'), 0)).toBe(4);
  });

  test.each([']', '}', ',', ':'])('a value cannot start with %s', (text) => {
    const error = syntaxError(() => skipValue(bytes(`${text} 1`), 0));
    expect(error.atEnd).toBe(false);
    expect(error.offset).toBe(0);
  });

  test.each([
    ['tru"e', 3],
    ['nul{', 3],
    ['1[', 1],
    ['ab:c', 2],
  ])('a literal broken by a structural character is an error: %s', (text, offset) => {
    const error = syntaxError(() => skipValue(bytes(`${text} `), 0));
    expect(error.offset).toBe(offset);
    expect(error.atEnd).toBe(false);
  });

  test('nothing where a value was expected is an error at the end', () => {
    const error = syntaxError(() => skipValue(bytes('  '), 2));
    expect(error.atEnd).toBe(true);
  });

  test('deep nesting does not use the call stack', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(skipValue(bytes(text), 0)).toBe(2 * depth);
  });
});

describe('truncated input', () => {
  const doc = String.raw`{"version": "2.1.0", "a\"b": [1, -2.5e3, true, false, null, "x\\"], "s": "\\\"\u00e9", "o": {"p": [[], {}], "q": "]}"}}`;
  const full = bytes(doc);

  test('the whole document scans to its end', () => {
    expect(() => JSON.parse(doc)).not.toThrow();
    expect(skipValue(full, 0)).toBe(full.length);
  });

  test('every proper prefix throws a JsonSyntaxError at the end, never returns', () => {
    for (let length = 0; length < full.length; length++) {
      const prefix = full.subarray(0, length);
      const error = syntaxError(() => skipValue(prefix, 0));
      expect({ length, atEnd: error.atEnd }).toEqual({ length, atEnd: true });
      // A backslash cut from the character it escapes is reported one byte past the end.
      expect(error.offset).toBeLessThanOrEqual(length + 1);
    }
  });

  test('a value found at any position throws atEnd when cut anywhere before its end', () => {
    for (let start = 0; start < full.length; start++) {
      let end: number;
      try {
        end = skipValue(full, start);
      } catch {
        continue; // not the start of a value (a byte inside a literal, or a closing bracket)
      }
      for (let cut = start + 1; cut < end; cut++) {
        const prefix = full.subarray(0, cut);
        expect(syntaxError(() => skipValue(prefix, start)).atEnd).toBe(true);
      }
    }
  });
});
