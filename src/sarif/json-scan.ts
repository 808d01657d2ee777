/**
 * A small byte-level JSON scanner. It walks the skeleton of a document without building it, so
 * a large SARIF log can be loaded one result at a time: the caller materialises the parts it
 * needs with JSON.parse on exact byte ranges, and the rest is never held as objects.
 *
 * The scanner checks brackets, strings and literals only as far as it needs to find where a
 * value ends; JSON.parse on the range then does the full validation.
 */

export class JsonSyntaxError extends Error {
  readonly offset: number;
  /** True when the bytes ended before the value did: more input may complete it. */
  readonly atEnd: boolean;
  constructor(message: string, offset: number, atEnd = false) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.offset = offset;
    this.atEnd = atEnd;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

/** Position just after the closing quote of the string whose opening quote is at `pos`. */
export function skipString(buf: Uint8Array, pos: number): number {
  let p = pos + 1;
  const n = buf.length;
  while (p < n) {
    const b = buf[p] as number;
    if (b === QUOTE) return p + 1;
    if (b === BACKSLASH) p += 2;
    else p++;
  }
  throw new JsonSyntaxError('unterminated string: the file ends inside a string (truncated?)', pos, true);
}

/** Position just after the value that starts at `pos` (whitespace already skipped). */
export function skipValue(buf: Uint8Array, pos: number): number {
  const n = buf.length;
  if (pos >= n)
    throw new JsonSyntaxError('unexpected end of file where a value was expected (truncated?)', pos, true);
  const first = buf[pos] as number;
  if (first === QUOTE) return skipString(buf, pos);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let p = pos;
    while (p < n) {
      const b = buf[p] as number;
      if (b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || isWhitespace(b)) break;
      if (b === QUOTE || b === OPEN_BRACE || b === OPEN_BRACKET || b === COLON) {
        throw new JsonSyntaxError(`unexpected character '${String.fromCharCode(b)}' in a literal`, p);
      }
      p++;
    }
    if (p === pos) throw new JsonSyntaxError(`unexpected character '${String.fromCharCode(first)}'`, pos);
    if (p === n) throw new JsonSyntaxError('unexpected end of file inside a literal (truncated?)', p, true);
    return p;
  }
  // Container: track depth; the kinds of bracket must match.
  const stack: number[] = [];
  let p = pos;
  while (p < n) {
    const b = buf[p] as number;
    if (b === QUOTE) {
      p++;
      while (p < n) {
        const c = buf[p] as number;
        if (c === QUOTE) break;
        p += c === BACKSLASH ? 2 : 1;
      }
      if (p >= n)
        throw new JsonSyntaxError('unterminated string: the file ends inside a string (truncated?)', n, true);
      p++;
      continue;
    }
    if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      stack.push(b);
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      const open = stack.pop();
      if (open === undefined || (open === OPEN_BRACE) !== (b === CLOSE_BRACE)) {
        throw new JsonSyntaxError(`unbalanced '${String.fromCharCode(b)}'`, p);
      }
      if (stack.length === 0) return p + 1;
    }
    p++;
  }
  throw new JsonSyntaxError(
    `unexpected end of file: ${stack.length} unclosed bracket(s) (the file looks truncated)`,
    n,
    true,
  );
}

export interface Span {
  start: number;
  end: number;
}
