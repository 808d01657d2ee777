/**
 * The syntax yarn writes its lockfiles in, read line by line.
 *
 * Yarn 1 (`# yarn lockfile v1`): `key value` or `key:` + an indented block, keys and values
 * optionally double-quoted, several keys on one line separated by `, ` (`"a@^1", "a@^1.2":`).
 * Yarn Berry writes YAML in the same shape (`key: value`, values JSON-quoted when needed), which
 * this reader also takes. It returns each top-level entry with all its keys and its line, and
 * nested tables as Maps (a dependency called `__proto__` is an ordinary key).
 *
 * YAML that yarn never writes (flow collections, single quotes, block scalars, anchors, `? `
 * keys) is refused with its line, so that a Berry lockfile edited by hand can be handed to a full
 * YAML parser instead of being misread.
 */

export type SymlValue = string | SymlTable;

export interface SymlTable {
  entries: Map<string, SymlValue>;
}

export interface SymlEntry {
  keys: string[];
  /** 1-based line of the entry's key line. */
  line: number;
  value: SymlValue;
}

export class SymlSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

interface Frame {
  /** Indentation of the line that opened this block (-1 for the document). */
  openerIndent: number;
  /** Indentation of the block's lines, once its first line is seen. */
  indent: number | undefined;
  table: SymlTable;
}

/** Reads a double-quoted JSON string starting at `start` (at the quote); returns it and the index after it. */
function readQuoted(line: string, start: number, lineNo: number): [string, number] {
  let i = start + 1;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') i += 2;
    else if (c === '"') break;
    else i++;
  }
  if (i >= line.length) throw new SymlSyntaxError('unterminated string', lineNo, start + 1);
  try {
    return [JSON.parse(line.slice(start, i + 1)) as string, i + 1];
  } catch {
    throw new SymlSyntaxError('invalid escape in a quoted string', lineNo, start + 1);
  }
}

const UNSUPPORTED_START = /^['{[&*!|>%@`?]/;

function readKey(line: string, start: number, lineNo: number): [string, number] {
  if (line[start] === '"') return readQuoted(line, start, lineNo);
  if (UNSUPPORTED_START.test(line.slice(start, start + 1)) || line.startsWith('- ', start)) {
    throw new SymlSyntaxError(`unexpected "${line[start] ?? ''}" at the start of a key`, lineNo, start + 1);
  }
  let i = start;
  while (i < line.length) {
    const c = line[i];
    if (c === ':' || c === ',' || c === ' ' || c === '\t') break;
    i++;
  }
  if (i === start) throw new SymlSyntaxError('expected a key', lineNo, start + 1);
  return [line.slice(start, i), i];
}

function skipSpaces(line: string, i: number): number {
  while (line[i] === ' ' || line[i] === '\t') i++;
  return i;
}

function readValue(line: string, start: number, lineNo: number): string | undefined {
  if (start >= line.length || line[start] === '#') return undefined;
  if (line[start] === '"') {
    const [value, end] = readQuoted(line, start, lineNo);
    const after = skipSpaces(line, end);
    if (after < line.length && line[after] !== '#') {
      throw new SymlSyntaxError('unexpected text after the value', lineNo, after + 1);
    }
    return value;
  }
  if (UNSUPPORTED_START.test(line.slice(start, start + 1))) {
    throw new SymlSyntaxError(`unexpected "${line[start] ?? ''}" at the start of a value`, lineNo, start + 1);
  }
  // A plain value runs to the end of the line, or to a " #" comment.
  const comment = line.indexOf(' #', start);
  return (comment === -1 ? line.slice(start) : line.slice(start, comment)).trimEnd();
}

/** Parses the whole text; throws SymlSyntaxError with the line and column of the first problem. */
export function parseSyml(text: string): SymlEntry[] {
  const entries: SymlEntry[] = [];
  const stack: Frame[] = [{ openerIndent: -1, indent: 0, table: { entries: new Map() } }];
  const lines = text.split('\n');
  let opener: { keys: string[]; line: number; indent: number } | undefined;
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    let line = lines[n] ?? '';
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const indent = skipSpaces(line, 0);
    if (indent === line.length || line[indent] === '#') continue;
    if (line.slice(0, indent).includes('\t'))
      throw new SymlSyntaxError('indent with spaces, not tabs', lineNo, 1);
    if (n === 0 && line.startsWith('---')) continue;

    if (opener) {
      // The line after `key:` decides: deeper means a block, else the block is empty.
      const table: SymlTable = { entries: new Map() };
      assign(stack, entries, opener.keys, table, opener.line);
      if (indent > opener.indent) stack.push({ openerIndent: opener.indent, indent, table });
      opener = undefined;
    }
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top || stack.length === 1 || indent > top.openerIndent) break;
      stack.pop();
    }
    const top = stack[stack.length - 1];
    if (!top || top.indent !== indent) {
      throw new SymlSyntaxError(`unexpected indentation (${indent} spaces)`, lineNo, indent + 1);
    }

    const keys: string[] = [];
    let i = indent;
    for (;;) {
      const [key, end] = readKey(line, i, lineNo);
      keys.push(key);
      i = skipSpaces(line, end);
      if (line[i] !== ',') break;
      i = skipSpaces(line, i + 1);
    }
    const colon = line[i] === ':';
    if (colon) i = skipSpaces(line, i + 1);
    const value = readValue(line, i, lineNo);
    if (value !== undefined) {
      assign(stack, entries, keys, value, lineNo);
    } else if (colon) {
      opener = { keys, line: lineNo, indent };
    } else {
      throw new SymlSyntaxError(
        `expected a value or ":" after ${JSON.stringify(keys[keys.length - 1])}`,
        lineNo,
        i + 1,
      );
    }
  }
  if (opener) assign(stack, entries, opener.keys, { entries: new Map() }, opener.line);
  return entries;
}

function assign(stack: Frame[], entries: SymlEntry[], keys: string[], value: SymlValue, line: number): void {
  if (stack.length === 1) {
    entries.push({ keys, line, value });
    return;
  }
  const table = stack[stack.length - 1]?.table;
  if (!table) return;
  for (const key of keys) table.entries.set(key, value);
}

export function symlString(table: SymlTable, key: string): string | undefined {
  const value = table.entries.get(key);
  return typeof value === 'string' ? value : undefined;
}

export function symlTable(table: SymlTable, key: string): SymlTable | undefined {
  const value = table.entries.get(key);
  return typeof value === 'string' || value === undefined ? undefined : value;
}

/** A name → string table as a Map (non-string values dropped). */
export function symlStrings(table: SymlTable | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!table) return map;
  for (const [key, value] of table.entries) if (typeof value === 'string') map.set(key, value);
  return map;
}
