/**
 * JSON and JSONC (bun.lock) text → values, in one linear pass that also reports the line of every
 * property key. Objects are built with a null prototype, so a key `__proto__` is an ordinary own
 * property (jsonc-parser's own `parse` assigns it, which would replace the object's prototype).
 */
import { type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';
import { lineColumnAt } from './problems.js';

export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

export type JsonRead = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

export interface JsonOptions {
  /** JSONC: trailing commas and comments allowed. */
  jsonc: boolean;
  /**
   * Called for each property key with the keys of the objects around it (array items appear as
   * '[]') and the key's 1-based line.
   */
  onProperty?: (path: readonly string[], key: string, line: number) => void;
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between items',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'control character inside a string',
};

function describeError(text: string, code: ParseErrorCode, offset: number): string {
  const name = printParseErrorCode(code);
  if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && /^[}\]]/.test(text.slice(offset))) {
    const before = text.slice(0, offset).trimEnd();
    if (before.endsWith(',')) return 'trailing comma before the closing bracket';
  }
  if (name === 'ValueExpected' && offset >= text.length) return 'unexpected end of file';
  return MESSAGES[name] ?? name;
}

type Container = Record<string, unknown> | unknown[];

export function readJson(text: string, options: JsonOptions): JsonRead {
  if (text.trim() === '') return { ok: false, error: { line: 1, column: 1, message: 'the file is empty' } };
  const stack: Container[] = [];
  const path: string[] = [];
  let pending: string | undefined;
  let root: unknown;
  let failure: { code: ParseErrorCode; offset: number } | undefined;
  const onProperty = options.onProperty;

  const attach = (value: unknown): void => {
    const parent = stack[stack.length - 1];
    if (parent === undefined) root = value;
    else if (Array.isArray(parent)) parent.push(value);
    else if (pending !== undefined) parent[pending] = value;
  };
  const open = (container: Container): void => {
    attach(container);
    const parent = stack[stack.length - 1];
    path.push(parent === undefined ? '' : Array.isArray(parent) ? '[]' : (pending ?? ''));
    stack.push(container);
    pending = undefined;
  };
  const close = (): void => {
    stack.pop();
    path.pop();
  };

  visit(
    text,
    {
      onObjectBegin: () => {
        open(Object.create(null) as Record<string, unknown>);
      },
      onObjectEnd: close,
      onArrayBegin: () => {
        open([]);
      },
      onArrayEnd: close,
      onObjectProperty: (property, _offset, _length, startLine) => {
        pending = property;
        if (onProperty) onProperty(path, property, startLine + 1);
      },
      onLiteralValue: (value: unknown) => {
        attach(value);
      },
      onError: (code, offset) => {
        failure ??= { code, offset };
      },
    },
    { disallowComments: !options.jsonc, allowTrailingComma: options.jsonc, allowEmptyContent: false },
  );
  if (failure) {
    const { line, column } = lineColumnAt(text, failure.offset);
    return { ok: false, error: { line, column, message: describeError(text, failure.code, failure.offset) } };
  }
  return { ok: true, value: root };
}
