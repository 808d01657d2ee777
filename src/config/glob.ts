/**
 * Path globs for `exclude` and `path:` selectors, over repository-relative paths with forward
 * slashes. No dependency; compiled once to a RegExp.
 *
 * - `*` matches any run of characters within one path segment, `?` one character (never `/`).
 * - `**` as a whole segment matches any number of segments, none included: `**\/*.go`,
 *   `vendor/**`, `a/**\/b`. Elsewhere (`a**b`) it is just `*`.
 * - `[abc]`, `[a-z]`, `[!a-z]` or `[^a-z]`: one character of (or not of) a class, never `/`;
 *   a `]` right after `[` or `[!` is literal.
 * - Names starting with a dot are matched like any other (`**` crosses `.github/`), and matching
 *   is case-sensitive, as repository paths are.
 *
 * Refused, with a message and a hint: an empty glob, a leading `/` or `!`, a trailing `/`, `//`,
 * `.` or `..` segments, backslashes, `{a,b}`, control characters, an unclosed or reversed class.
 * The schema's glob pattern accepts the same globs, except that it cannot see a reversed range.
 */

export interface GlobProblem {
  /** Where in the glob (0-based, in UTF-16 units). */
  index: number;
  message: string;
  hint: string;
}

export type GlobMatcher = (path: string) => boolean;

type Token =
  | { kind: 'sep' }
  | { kind: 'star' }
  | { kind: 'any' }
  | { kind: 'literal'; char: string }
  | { kind: 'class'; negate: boolean; ranges: [string, string][] };

const CLASS_HINT = 'A class looks like [abc], [a-z] or [!a-z]; to match "[" itself, write [[]';
const SLASH_HINT =
  'Paths use forward slashes; to match a special character literally, put it in a class: [*]';

function isControl(char: string): boolean {
  return char.charCodeAt(0) < 0x20;
}

function refuse(index: number, message: string, hint: string): { problem: GlobProblem } {
  return { problem: { index, message, hint } };
}

/** Reads a class starting at `start` (the `[`): its token and where it ends, or a problem. */
function readClass(
  chars: string[],
  start: number,
): { token: Token; next: number } | { problem: GlobProblem } {
  let i = start + 1;
  const first = chars[i];
  const negate = first === '!' || first === '^';
  if (negate) i++;
  const ranges: [string, string][] = [];
  let index = chars.slice(0, i).join('').length;
  for (let n = 0; ; n++) {
    const char = chars[i];
    if (char === undefined)
      return refuse(chars.slice(0, start).join('').length, '"[" is never closed', CLASS_HINT);
    if (char === ']' && n > 0) return { token: { kind: 'class', negate, ranges }, next: i + 1 };
    if (char === '/')
      return refuse(index, 'a class cannot contain "/"', 'A class matches one character of a name');
    if (char === '\\') return refuse(index, 'backslash', SLASH_HINT);
    if (isControl(char)) return refuse(index, 'control character', 'Remove it');
    const dash = chars[i + 1];
    const end = chars[i + 2];
    if (dash === '-' && end !== undefined && end !== ']' && end !== '/' && end !== '\\' && !isControl(end)) {
      if ((end.codePointAt(0) ?? 0) < (char.codePointAt(0) ?? 0)) {
        return refuse(index, `the range ${char}-${end} is reversed`, `Write ${end}-${char}`);
      }
      ranges.push([char, end]);
      i += 3;
      index += char.length + 1 + end.length;
      continue;
    }
    ranges.push([char, char]);
    i++;
    index += char.length;
  }
}

function tokenize(glob: string): { tokens: Token[] } | { problem: GlobProblem } {
  const chars = Array.from(glob);
  const tokens: Token[] = [];
  let index = 0;
  for (let i = 0; i < chars.length;) {
    const char = chars[i] ?? '';
    if (char === '[') {
      const read = readClass(chars, i);
      if ('problem' in read) return read;
      tokens.push(read.token);
      index += chars.slice(i, read.next).join('').length;
      i = read.next;
      continue;
    }
    if (char === '\\') return refuse(index, 'backslash', SLASH_HINT);
    if (char === '{' || char === '}') {
      return refuse(
        index,
        `"${char}": {a,b} alternatives are not supported`,
        'Write one glob per alternative',
      );
    }
    if (isControl(char)) return refuse(index, 'control character', 'Remove it');
    if (char === '/') tokens.push({ kind: 'sep' });
    else if (char === '*') tokens.push({ kind: 'star' });
    else if (char === '?') tokens.push({ kind: 'any' });
    else tokens.push({ kind: 'literal', char });
    index += char.length;
    i++;
  }
  return { tokens };
}

function splitSegments(tokens: Token[]): Token[][] {
  const segments: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'sep') segments.push([]);
    else segments[segments.length - 1]?.push(token);
  }
  return segments;
}

function checkShape(glob: string, segments: Token[][]): GlobProblem | undefined {
  if (glob === '') return { index: 0, message: 'empty glob', hint: 'Write a path such as vendor/**' };
  const rest = glob.replace(/^\/+/, '');
  if (glob.startsWith('/')) {
    return {
      index: 0,
      message: 'starts with "/"',
      hint: `Paths are relative to the repository root: write ${rest || '**'}`,
    };
  }
  if (glob.startsWith('!')) {
    return { index: 0, message: 'negation ("!") is not supported', hint: 'List only the paths to match' };
  }
  if (glob.endsWith('/')) {
    return {
      index: glob.length - 1,
      message: 'ends with "/"',
      hint: `Write ${glob}** to match everything under it`,
    };
  }
  const empty = glob.indexOf('//');
  if (empty >= 0) return { index: empty, message: 'empty path segment ("//")', hint: 'Remove the extra "/"' };
  let index = 0;
  for (const segment of segments) {
    const text = segment.map((t) => (t.kind === 'literal' ? t.char : '\0')).join('');
    if (text === '.' || text === '..') {
      return {
        index,
        message: `"${text}" segment`,
        hint: 'Write the path from the repository root, without . or ..',
      };
    }
    index = glob.indexOf('/', index) + 1;
  }
  return undefined;
}

function escapeChar(char: string): string {
  return `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;
}

function segmentSource(segment: Token[]): string {
  if (segment.length === 1 && segment[0]?.kind === 'star') return '[^/]+';
  let source = '';
  let lastStar = false;
  for (const token of segment) {
    if (token.kind === 'star') {
      if (!lastStar) source += '[^/]*';
      lastStar = true;
      continue;
    }
    lastStar = false;
    if (token.kind === 'any') source += '[^/]';
    else if (token.kind === 'literal') source += escapeChar(token.char);
    else if (token.kind === 'class') {
      const body = token.ranges.map(([lo, hi]) =>
        lo === hi ? escapeChar(lo) : `${escapeChar(lo)}-${escapeChar(hi)}`,
      );
      source += `[${token.negate ? '^/' : ''}${body.join('')}]`;
    }
  }
  return source;
}

const isGlobstar = (segment: Token[]): boolean =>
  segment.length >= 2 && segment.every((t) => t.kind === 'star');

function compile(glob: string): { regex: RegExp } | { problem: GlobProblem } {
  const tokenized = tokenize(glob);
  if ('problem' in tokenized) return tokenized;
  const segments = splitSegments(tokenized.tokens);
  const problem = checkShape(glob, segments);
  if (problem) return { problem };
  // `a/**/**/b` is `a/**/b`.
  const collapsed = segments.filter((s, i) => !(isGlobstar(s) && i > 0 && isGlobstar(segments[i - 1] ?? [])));
  let source = '';
  collapsed.forEach((segment, i) => {
    const last = i === collapsed.length - 1;
    if (!isGlobstar(segment)) source += segmentSource(segment) + (last ? '' : '/');
    else if (!last) source += '(?:[^/]+/)*';
    else if (i === 0) source += '[\\s\\S]*';
    else source = `${source.slice(0, -1)}(?:/[\\s\\S]*)?`;
  });
  return { regex: new RegExp(`^${source}$`, 'u') };
}

/** Why `glob` is not a valid glob, or undefined when it is. */
export function globProblem(glob: string): GlobProblem | undefined {
  const compiled = compile(glob);
  return 'problem' in compiled ? compiled.problem : undefined;
}

/** A matcher for `glob`. Throws on an invalid glob: check user input with `globProblem` first. */
export function compileGlob(glob: string): GlobMatcher {
  const compiled = compile(glob);
  if ('problem' in compiled) {
    throw new Error(`invalid glob ${JSON.stringify(glob)}: ${compiled.problem.message}`);
  }
  const { regex } = compiled;
  return (path) => regex.test(path);
}

export function matchGlob(glob: string, path: string): boolean {
  return compileGlob(glob)(path);
}
