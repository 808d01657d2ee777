/**
 * Walks a JSON document through a window onto a ByteSource. Positions are absolute offsets in the
 * source; the window slides (and grows for a value longer than it) as the walk goes, so memory
 * stays at the window's size whatever the file's.
 */
import type { ByteSource } from './byte-source.js';
import { JsonSyntaxError, skipValue as skipValueIn } from './json-scan.js';

export const DEFAULT_WINDOW = 1 << 20;

const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;

export class Reader {
  readonly size: number;
  private readonly source: ByteSource;
  private readonly window: number;
  private buf: Buffer = Buffer.alloc(0);
  private base = 0;

  constructor(source: ByteSource, window = DEFAULT_WINDOW) {
    this.source = source;
    this.size = source.size;
    this.window = window;
  }

  /** Makes the window cover [pos, pos + length), clipped at the end of the source. */
  private ensure(pos: number, length: number): void {
    const end = Math.min(this.size, pos + length);
    if (pos >= this.base && end <= this.base + this.buf.length) return;
    const bytes = this.source.read(pos, Math.min(this.size, pos + Math.max(this.window, length)));
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.base = pos;
  }

  /** The byte at `pos`, or -1 past the end. */
  byte(pos: number): number {
    if (pos >= this.size) return -1;
    this.ensure(pos, 1);
    return this.buf[pos - this.base] as number;
  }

  skipWhitespace(pos: number): number {
    let p = pos;
    for (;;) {
      const b = this.byte(p);
      if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return p;
      p++;
    }
  }

  /** The position just after the value that starts at `pos`. */
  skipValue(pos: number): number {
    if (pos >= this.size)
      throw new JsonSyntaxError('unexpected end of file where a value was expected (truncated?)', pos, true);
    let length = this.window;
    for (;;) {
      this.ensure(pos, 1);
      const local = pos - this.base;
      try {
        return this.base + skipValueIn(this.buf, local);
      } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
        const windowEnd = this.base + this.buf.length;
        if (error.atEnd && windowEnd < this.size) {
          length = Math.max(length, 2 * (windowEnd - pos));
          this.ensure(pos, length);
          continue;
        }
        const first = this.buf[local] as number;
        if (error.atEnd && windowEnd >= this.size && first !== QUOTE && first !== 0x7b && first !== 0x5b)
          return this.size;
        throw new JsonSyntaxError(error.message, this.base + error.offset, error.atEnd);
      }
    }
  }

  /** The bytes [start, end) decoded as UTF-8. */
  text(start: number, end: number): string {
    this.ensure(start, end - start);
    return this.buf.toString('utf8', start - this.base, end - this.base);
  }

  /** JSON.parse of the value in [start, end). */
  parse(start: number, end: number): unknown {
    return JSON.parse(this.text(start, end));
  }

  /**
   * Walks the members of the object at `pos`. `onMember(key, valueStart)` returns the position
   * just after the value (by skipping it or by walking into it). Returns the position after the object.
   */
  walkObject(pos: number, onMember: (key: string, valueStart: number) => number): number {
    if (this.byte(pos) !== 0x7b) throw new JsonSyntaxError('expected an object', pos);
    let p = this.skipWhitespace(pos + 1);
    if (this.byte(p) === 0x7d) return p + 1;
    for (;;) {
      if (p >= this.size)
        throw new JsonSyntaxError('unexpected end of file inside an object (truncated?)', p, true);
      if (this.byte(p) !== QUOTE) throw new JsonSyntaxError('expected a property name in double quotes', p);
      const keyEnd = this.skipValue(p);
      let key: string;
      try {
        key = this.parse(p, keyEnd) as string;
      } catch (error) {
        const detail =
          error instanceof Error ? error.message.replace(/ in JSON at position.*$/, '') : String(error);
        throw new JsonSyntaxError(`invalid property name: ${detail}`, p);
      }
      p = this.skipWhitespace(keyEnd);
      if (this.byte(p) !== COLON) {
        const truncated = p >= this.size;
        throw new JsonSyntaxError(
          truncated
            ? `unexpected end of file after property name "${key}" (truncated?)`
            : `expected ':' after property name "${key}"`,
          p,
          truncated,
        );
      }
      p = this.skipWhitespace(p + 1);
      if (p >= this.size)
        throw new JsonSyntaxError('unexpected end of file where a value was expected (truncated?)', p, true);
      p = this.skipWhitespace(onMember(key, p));
      const b = this.byte(p);
      if (b === COMMA) {
        p = this.skipWhitespace(p + 1);
        continue;
      }
      if (b === 0x7d) return p + 1;
      if (b === -1)
        throw new JsonSyntaxError('unexpected end of file inside an object (truncated?)', p, true);
      throw new JsonSyntaxError(`expected ',' or '}' after property "${key}"`, p);
    }
  }

  /** Walks the elements of the array at `pos`, with the same contract as walkObject. */
  walkArray(pos: number, onElement: (index: number, valueStart: number) => number): number {
    if (this.byte(pos) !== 0x5b) throw new JsonSyntaxError('expected an array', pos);
    let p = this.skipWhitespace(pos + 1);
    if (this.byte(p) === 0x5d) return p + 1;
    for (let index = 0; ; index++) {
      if (p >= this.size)
        throw new JsonSyntaxError('unexpected end of file inside an array (truncated?)', p, true);
      p = this.skipWhitespace(onElement(index, p));
      const b = this.byte(p);
      if (b === COMMA) {
        p = this.skipWhitespace(p + 1);
        continue;
      }
      if (b === 0x5d) return p + 1;
      if (b === -1) throw new JsonSyntaxError('unexpected end of file inside an array (truncated?)', p, true);
      throw new JsonSyntaxError(`expected ',' or ']' after element ${index}`, p);
    }
  }

  /** Line and column (1-based) of an offset, for error messages: reads from the start. */
  lineAndColumn(offset: number): { line: number; column: number } {
    const end = Math.min(offset, this.size);
    // Offsets mostly grow (one error after another): count on from the last one, not from 0.
    const from = end >= this.cursor.offset ? this.cursor : { offset: 0, line: 1, lineStart: 0 };
    let line = from.line;
    let lineStart = from.lineStart;
    for (let chunk = from.offset; chunk < end; chunk += this.window) {
      const bytes = this.source.read(chunk, Math.min(end, chunk + this.window));
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] === 0x0a) {
          line++;
          lineStart = chunk + i + 1;
        }
      }
    }
    this.cursor = { offset: end, line, lineStart };
    return { line, column: end - lineStart + 1 };
  }

  private cursor = { offset: 0, line: 1, lineStart: 0 };
}
