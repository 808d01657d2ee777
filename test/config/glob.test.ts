import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { compileGlob, globProblem, matchGlob } from '../../src/config/glob.js';
import { REPO_ROOT } from '../support/runner.js';

const MATCHES: [glob: string, path: string, expected: boolean][] = [
  // `**` at the end
  ['vendor/**', 'vendor/a.go', true],
  ['vendor/**', 'vendor/x/y/z.go', true],
  ['vendor/**', 'vendor', true],
  ['vendor/**', 'src/vendor/a.go', false],
  ['vendor/**', 'vendorx/a.go', false],
  // `**` at the start
  ['**/*_test.go', 'a_test.go', true],
  ['**/*_test.go', 'pkg/x/a_test.go', true],
  ['**/*_test.go', 'pkg/x/a_test.go.bak', false],
  ['**/vendor/**', 'vendor/y.go', true],
  ['**/vendor/**', 'x/vendor/y/z.go', true],
  ['**/vendor/**', 'x/vendors/y.go', false],
  // `**` in the middle
  ['a/**/b.go', 'a/b.go', true],
  ['a/**/b.go', 'a/x/y/b.go', true],
  ['a/**/b.go', 'a/x/y/c.go', false],
  ['a/**/b.go', 'ab.go', false],
  ['a/**/**/b', 'a/b', true],
  ['**/**/x', 'x', true],
  ['**', 'any/path/at/all.txt', true],
  // `*` and `?` stay within a segment
  ['*.go', 'main.go', true],
  ['*.go', 'cmd/main.go', false],
  ['cmd/*', 'cmd/main.go', true],
  ['cmd/*', 'cmd/x/main.go', false],
  ['cmd/*/main.go', 'cmd//main.go', false],
  ['a**b', 'axxb', true],
  ['a**b', 'ax/xb', false],
  ['?.go', 'a.go', true],
  ['?.go', 'ab.go', false],
  ['a?b', 'a/b', false],
  ['?', 'ü', true],
  ['ü*.go', 'über.go', true],
  // classes
  ['[abc].go', 'b.go', true],
  ['[abc].go', 'd.go', false],
  ['[a-c]x', 'bx', true],
  ['[a-c]x', 'dx', false],
  ['[!x].go', 'y.go', true],
  ['[!x].go', 'x.go', false],
  ['[^x].go', 'x.go', false],
  ['a[!x]b', 'a/b', false],
  ['[]]x', ']x', true],
  ['[!]]x', 'ax', true],
  ['[!]]x', ']x', false],
  ['[a-]', '-', true],
  ['[[]x', '[x', true],
  [']', ']', true],
  // dotfiles match like any other name
  ['*', '.env', true],
  ['*.yml', '.yml', true],
  ['**/*.yml', '.github/workflows/ci.yml', true],
  ['.github/**', '.github/dependabot.yml', true],
  ['vendor/**', 'vendor/.hidden/x.go', true],
  // literal characters, case-sensitive
  ['a+b(c)|d$.go', 'a+b(c)|d$.go', true],
  ['a.go', 'abgo', false],
  ['Vendor/**', 'vendor/a.go', false],
];

describe('matchGlob', () => {
  it.each(MATCHES)('%s against %s is %s', (glob, file, expected) => {
    expect(matchGlob(glob, file)).toBe(expected);
  });

  it('holds at least 25 cases', () => {
    expect(MATCHES.length).toBeGreaterThanOrEqual(25);
  });
});

const PROBLEMS: [glob: string, index: number, message: string][] = [
  ['', 0, 'empty glob'],
  ['/vendor/**', 0, 'starts with "/"'],
  ['!vendor/**', 0, 'negation ("!") is not supported'],
  ['vendor/', 6, 'ends with "/"'],
  ['a//b', 1, 'empty path segment ("//")'],
  ['./a', 0, '"." segment'],
  ['a/../b', 2, '".." segment'],
  ['vendor\\**', 6, 'backslash'],
  ['src/{a,b}/**', 4, '"{": {a,b} alternatives are not supported'],
  ['vendor/[ab', 7, '"[" is never closed'],
  ['[]', 0, '"[" is never closed'],
  ['[!]', 0, '"[" is never closed'],
  ['[a/b]', 2, 'a class cannot contain "/"'],
  ['x[z-a]', 2, 'the range z-a is reversed'],
  ['a\tb', 1, 'control character'],
];

describe('globProblem', () => {
  it.each(PROBLEMS)('%j is refused at %d: %s', (glob, index, message) => {
    expect(globProblem(glob)).toEqual({ index, message, hint: expect.any(String) });
    expect(() => compileGlob(glob)).toThrow(message);
  });

  it('gives a hint that names the fix', () => {
    expect(globProblem('/vendor/**')?.hint).toBe(
      'Paths are relative to the repository root: write vendor/**',
    );
    expect(globProblem('vendor/')?.hint).toBe('Write vendor/** to match everything under it');
    expect(globProblem('x[z-a]')?.hint).toBe('Write a-z');
  });

  it('accepts every glob of the match table', () => {
    for (const [glob] of MATCHES) expect(globProblem(glob)).toBeUndefined();
  });
});

/** Every string over a small alphabet, up to `length` characters. */
function* strings(alphabet: readonly string[], length: number): Generator<string> {
  yield '';
  let level = [''];
  for (let n = 1; n <= length; n++) {
    const nextLevel: string[] = [];
    for (const prefix of level) for (const char of alphabet) nextLevel.push(prefix + char);
    yield* nextLevel;
    level = nextLevel;
  }
}

describe('the JSON Schema glob pattern', () => {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', 'pavedpath.schema.json'), 'utf8'));
  // ajv compiles patterns with the `u` flag.
  const pattern = new RegExp(schema.$defs.glob.pattern, 'u');
  const agree = (glob: string) => {
    const problem = globProblem(glob);
    // The one thing a regular expression cannot see: a range written backwards.
    if (problem?.message.endsWith('is reversed') === true) return true;
    return pattern.test(glob) === (problem === undefined);
  };

  it('accepts exactly the globs globProblem accepts, for every string of up to 4 characters', () => {
    const alphabet = ['a', '.', '/', '*', '?', '[', ']', '!', '^', '-', '\\', '{', '\t'];
    const disagreements: string[] = [];
    let count = 0;
    for (const glob of strings(alphabet, 4)) {
      count++;
      if (!agree(glob)) disagreements.push(glob);
    }
    expect(count).toBe(30941);
    expect(disagreements).toEqual([]);
  });

  it('agrees on 20,000 random longer globs (seeded)', () => {
    const alphabet = [
      'a',
      'b',
      '.',
      '/',
      '/',
      '*',
      '*',
      '?',
      '[',
      ']',
      '!',
      '^',
      '-',
      '\\',
      '}',
      '\u2028',
      'ü',
    ];
    let seed = 20261123;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const length = 5 + Math.floor(random() * 10);
      let glob = '';
      for (let j = 0; j < length; j++) glob += alphabet[Math.floor(random() * alphabet.length)] ?? '';
      if (!agree(glob)) disagreements.push(glob);
    }
    expect(disagreements).toEqual([]);
  });

  it('cannot see a reversed range, which parseConfig refuses', () => {
    expect(pattern.test('[z-a]')).toBe(true);
    expect(globProblem('[z-a]')).toBeDefined();
  });
});
