import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { type ByteSource, bufferSource } from '../../src/sarif/byte-source.js';
import { JsonSyntaxError } from '../../src/sarif/json-scan.js';
import { describeRealWorld, HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';
import { Reader } from '../../src/sarif/reader.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Walks every member and element, recursing into containers, and records what it saw: the path
 * and offsets of every value and the text of every leaf.
 */
function walk(reader: Reader, pos: number, at: string, events: string[]): number {
  const b = reader.byte(pos);
  if (b === 0x7b) {
    const end = reader.walkObject(pos, (key, start) => {
      events.push(`${at}.${key} @${start}`);
      return walk(reader, start, `${at}.${key}`, events);
    });
    events.push(`${at} {} ${pos}-${end}`);
    return end;
  }
  if (b === 0x5b) {
    const end = reader.walkArray(pos, (index, start) => {
      events.push(`${at}[${index}] @${start}`);
      return walk(reader, start, `${at}[${index}]`, events);
    });
    events.push(`${at} [] ${pos}-${end}`);
    return end;
  }
  const end = reader.skipValue(pos);
  events.push(`${at} ${pos}-${end} ${reader.text(pos, end)}`);
  return end;
}

function walkAll(source: ByteSource, window?: number): { events: string[]; end: number } {
  const reader = new Reader(source, window);
  const events: string[] = [];
  const start = reader.skipWhitespace(0);
  const end = reader.skipWhitespace(walk(reader, start, '$', events));
  return { events, end };
}

/** The leaves of a parsed value, in the walk's notation, to check the walk against JSON.parse. */
function leaves(value: unknown, at: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, `${at}.${k}`, out);
  else out.set(at, value);
  return out;
}

const longString = `${'x'.repeat(40)}\\"${'\\\\'.repeat(10)}é✓${'y'.repeat(30)}`;
const DOC = `\r\n  {"version" :"2.1.0",\t"long": "${longString}",
  "n": [1, -2.5e-3, 123456789012345678901234567890, true, false, null, "", "a\\u0041"],
  "nested": {"a": {"b": {"c": [[[], {}], [{"d": "]}"}]]}}},
  "ws":          [            7           ],
  "unicode": {"ключ": "значение", "emoji": "😀😀😀"},
  "last": 0.5}   \n`;

describe('Reader', () => {
  test('the sample document is valid JSON and the walk agrees with JSON.parse', () => {
    const parsed = JSON.parse(DOC) as unknown;
    const { events, end } = walkAll(bufferSource(bytes(DOC)));
    expect(end).toBe(bytes(DOC).length);
    const expected = leaves(parsed, '$', new Map());
    const seen = new Map<string, unknown>();
    for (const event of events) {
      const match = /^(\S+) \d+-\d+ (.*)$/s.exec(event);
      if (match) seen.set(match[1] as string, JSON.parse(match[2] as string));
    }
    expect(seen).toEqual(expected);
  });

  test.each([1, 2, 3, 7, 16, 64])('a %i-byte window walks exactly as a large one', (window) => {
    const source = bufferSource(bytes(DOC));
    expect(walkAll(source, window)).toEqual(walkAll(source));
  });

  test('values longer than the window are skipped and read whole', () => {
    const text = `["${'z'.repeat(100)}", {"k": [${'1,'.repeat(50)}2]}, 12345678901234567890]`;
    const reader = new Reader(bufferSource(bytes(text)), 7);
    const ends: number[] = [];
    const values: unknown[] = [];
    reader.walkArray(0, (_i, start) => {
      const end = reader.skipValue(start);
      ends.push(end);
      values.push(reader.parse(start, end));
      return end;
    });
    expect(values).toEqual(JSON.parse(text));
    expect(ends).toEqual([text.indexOf('", {') + 1, text.indexOf('}, 1') + 1, text.length - 1]);
  });

  test('a literal that ends the source ends there, whatever the window', () => {
    for (const window of [1, 2, 7, 100]) {
      const reader = new Reader(bufferSource(bytes('   123456789')), window);
      expect(reader.skipValue(3)).toBe(12);
    }
  });

  test('memory stays near the window: no read is longer than twice the window when values are short', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `{"id": ${i}, "name": "n${i}"}`);
    const buf = bytes(`{"items": [${items.join(', ')}]}`);
    let longest = 0;
    const source: ByteSource = {
      size: buf.length,
      read(start, end) {
        longest = Math.max(longest, end - start);
        return buf.subarray(start, end);
      },
    };
    const { events } = walkAll(source, 64);
    expect(events.length).toBeGreaterThan(8000);
    expect(longest).toBeLessThanOrEqual(128);
  });

  test('errors carry absolute offsets whatever the window', () => {
    const good = `{"a": [${'"filler", '.repeat(20)}1}`;
    const at = good.length - 1;
    for (const window of [3, 7, 1 << 20]) {
      const reader = new Reader(bufferSource(bytes(good)), window);
      let error: unknown;
      try {
        walk(reader, 0, '$', []);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).offset).toBe(at);
    }
  });

  test('an error inside a skipped value carries its absolute offset whatever the window', () => {
    const text = `[${'"filler", '.repeat(20)}{"b": [1}]}]`;
    const at = text.indexOf('1}') + 1;
    for (const window of [3, 7, 1 << 20]) {
      const reader = new Reader(bufferSource(bytes(text)), window);
      let error: unknown;
      try {
        reader.walkArray(0, (_i, start) => reader.skipValue(start));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect({ window, offset: (error as JsonSyntaxError).offset }).toEqual({ window, offset: at });
    }
  });

  test('every truncation of the document, at every byte, throws a JsonSyntaxError with a 7-byte window', () => {
    const full = bytes(DOC.trimEnd());
    for (let length = 0; length < full.length; length++) {
      const source = bufferSource(full.subarray(0, length));
      let outcome = 'returned';
      try {
        walkAll(source, 7);
      } catch (error) {
        outcome = error instanceof JsonSyntaxError ? 'JsonSyntaxError' : String(error);
      }
      expect({ length, outcome }).toEqual({ length, outcome: 'JsonSyntaxError' });
    }
  });

  test('lineAndColumn counts lines across windows', () => {
    const text = 'ab\ncd\r\n\nefghijklmnop\nq';
    for (const window of [1, 2, 5, 1024]) {
      const reader = new Reader(bufferSource(bytes(text)), window);
      for (let offset = 0; offset <= text.length; offset++) {
        const before = text.slice(0, offset);
        const line = before.split('\n').length;
        const column = offset - (before.lastIndexOf('\n') + 1) + 1;
        expect(reader.lineAndColumn(offset)).toEqual({ line, column });
      }
    }
  });
});

describeRealWorld('Reader on the real-world SARIF files', () => {
  const dir = path.join(REAL_WORLD, 'sarif');
  const files = (HAS_REAL_WORLD ? readdirSync(dir) : [])
    .filter((f) => f.endsWith('.sarif') && statSync(path.join(dir, f)).size < 120_000)
    .sort();

  test('there are files to walk', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  test.each(files)('%s: a 7-byte window walks exactly as a large one', (file) => {
    let buf = new Uint8Array(readFileSync(path.join(dir, file)));
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    const source = bufferSource(buf);
    const large = walkAll(source);
    expect(large.end).toBe(buf.length);
    expect(walkAll(source, 7)).toEqual(large);
  });
});
