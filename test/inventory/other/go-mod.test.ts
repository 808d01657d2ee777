import { describe, expect, it } from '@jest/globals';
import { confirmWithGoSum, parseGoMod } from '../../../src/inventory/go-mod.js';

const GO_MOD = `module example.com/app

go 1.22.5

toolchain go1.22.6

require github.com/single/line v1.0.0

require (
	github.com/direct/one v1.2.3
	"github.com/quoted/path" v0.1.0
	github.com/golang-jwt/jwt v3.2.2+incompatible
	golang.org/x/net v0.16.0 // indirect
	golang.org/x/sys v0.20.0 // indirect; for windows
	github.com/replaced/any v1.0.0
	github.com/replaced/one v1.1.0
	example.com/local/api v0.0.0-00010101000000-000000000000
	github.com/excluded/mod v1.0.0
)

replace github.com/replaced/any => github.com/fork/any v1.0.5

replace (
	github.com/replaced/one v1.0.0 => github.com/fork/one-old v1.0.9
	github.com/replaced/one v1.1.0 => github.com/fork/one v1.1.7
	example.com/local/api => ../api
)

exclude github.com/excluded/mod v1.0.0

retract (
	v1.0.1 // published by mistake
	[v1.1.0, v1.1.5]
)

godebug default=go1.21
tool golang.org/x/tools/cmd/stringer
`;

describe('parseGoMod', () => {
  const parsed = parseGoMod(GO_MOD, 'go.mod');
  const byName = (name: string) => parsed.components.find((c) => c.name === name);

  it('reads require lines and blocks, with OSV versions (no v) and Go purls (with v)', () => {
    expect(parsed.format).toBe('go.mod (go 1.22.5)');
    expect(byName('github.com/single/line')).toEqual({
      ecosystem: 'Go',
      name: 'github.com/single/line',
      version: '1.0.0',
      purl: 'pkg:golang/github.com/single/line@v1.0.0',
      direct: true,
      scope: 'prod',
      manifest: 'go.mod',
      line: 7,
    });
    expect(byName('github.com/quoted/path')).toMatchObject({ version: '0.1.0', line: 11 });
    expect(byName('github.com/golang-jwt/jwt')).toMatchObject({
      version: '3.2.2+incompatible',
      purl: 'pkg:golang/github.com/golang-jwt/jwt@v3.2.2%2Bincompatible',
    });
  });

  it('marks // indirect requires as not direct; everything is prod', () => {
    expect(byName('golang.org/x/net')).toMatchObject({ direct: false, line: 13 });
    expect(byName('golang.org/x/sys')?.direct).toBe(false);
    expect(byName('github.com/direct/one')?.direct).toBe(true);
    expect(parsed.components.every((c) => c.scope === 'prod')).toBe(true);
  });

  it('applies replace directives: the replacement module at its version, on the replace line', () => {
    expect(byName('github.com/replaced/any')).toBeUndefined();
    expect(byName('github.com/fork/any')).toMatchObject({ version: '1.0.5', line: 21, direct: true });
    // A versioned replace applies to that version only.
    expect(byName('github.com/fork/one')).toMatchObject({ version: '1.1.7', line: 25 });
    expect(byName('github.com/fork/one-old')).toBeUndefined();
  });

  it('leaves out modules replaced by a local folder, without a problem', () => {
    expect(byName('example.com/local/api')).toBeUndefined();
    expect(parsed.problems.some((p) => p.message.includes('local'))).toBe(false);
  });

  it('warns about an excluded required version and leaves it out', () => {
    expect(byName('github.com/excluded/mod')).toBeUndefined();
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        level: 'warning',
        line: 18,
        message: expect.stringContaining('excluded'),
        hint: expect.stringContaining('go mod tidy'),
      }),
    ]);
  });

  it('has no unpinned requirements and no other problems', () => {
    expect(parsed.unpinned).toEqual([]);
    expect(parsed.components).toHaveLength(8);
  });

  it('handles CRLF line ends and an empty file', () => {
    const crlf = parseGoMod(GO_MOD.replace(/\n/g, '\r\n'), 'go.mod');
    expect(crlf.components).toEqual(parsed.components);
    const empty = parseGoMod('', 'go.mod');
    expect(empty).toMatchObject({ components: [], problems: [], format: 'go.mod' });
  });

  it('takes any Unicode space as a separator, as Go does', () => {
    const p = parseGoMod('module x\n\nrequire\u00a0github.com/a/b\uFEFFv1.0.0\n', 'go.mod');
    expect(p.components.map((c) => [c.name, c.version])).toEqual([['github.com/a/b', '1.0.0']]);
  });

  it('takes a module called __proto__ like any other', () => {
    const p = parseGoMod('module x\n\nrequire (\n\t__proto__ v1.0.0\n\tconstructor v1.0.0\n)\n', 'go.mod');
    expect(p.components.map((c) => c.name)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).version).toBeUndefined();
  });

  it.each([
    [
      'module x\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/c/d v1.0.0 v1.1.0\n)\n',
      5,
      'usage: require module/path v1.2.3',
    ],
    ['module x\nrequires github.com/a/b v1.0.0\n', 2, 'unknown directive: requires'],
    ['module x\n\nrequire (\n\tgithub.com/a/b v1.0.0\n', 3, 'the require block opened here is not closed'],
    ['module x\nrequire github.com/a/b master\n', 2, 'is not a canonical module version'],
    ['module x\nrequire github.com/a/b v1.0\n', 2, 'is not a canonical module version'],
    ['module x\nreplace github.com/a/b => github.com/c/d\n', 2, 'has no version and is not a folder path'],
    ['module x\nreplace github.com/a/b v1.0.0 github.com/c/d v1.0.0\n', 2, 'usage: replace'],
    ['module "x\n', 1, 'the quoted string is not closed'],
    ['module x\ngo (\n)\n', 2, 'go cannot be a block'],
  ])('a broken go.mod is an error with its line: %j', (text, line, message) => {
    const p = parseGoMod(text, 'sub/go.mod');
    expect(p.components).toEqual([]);
    expect(p.problems).toEqual([
      expect.objectContaining({
        level: 'error',
        file: 'sub/go.mod',
        line,
        message: expect.stringContaining(message),
      }),
    ]);
    expect(p.problems[0]?.hint).toEqual(expect.any(String));
  });
});

describe('confirmWithGoSum', () => {
  const goMod =
    'module x\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/c/d v2.0.0+incompatible\n\tgithub.com/e/f v0.1.0 // indirect\n)\n';
  const parsed = parseGoMod(goMod, 'go.mod');

  it('is quiet when go.sum has every module (zip or go.mod hash)', () => {
    const sum = [
      'github.com/a/b v1.0.0 h1:abc=',
      'github.com/a/b v1.0.0/go.mod h1:def=',
      'github.com/c/d v2.0.0+incompatible h1:ghi=',
      'github.com/e/f v0.1.0/go.mod h1:jkl=',
      '',
    ].join('\n');
    expect(confirmWithGoSum(parsed, sum).problems).toEqual([]);
  });

  it('warns about a require that go.sum lacks, on its go.mod line, and about malformed go.sum lines', () => {
    const sum = 'github.com/a/b v1.0.0 h1:abc=\ngarbage\ngithub.com/e/f v0.1.0 h1:x=\n';
    const confirmed = confirmWithGoSum(parsed, sum, 'sub/go.sum');
    expect(confirmed.problems).toEqual([
      expect.objectContaining({ level: 'warning', file: 'sub/go.sum', line: 2 }),
      expect.objectContaining({
        level: 'warning',
        file: 'go.mod',
        line: 5,
        message:
          'github.com/c/d v2.0.0+incompatible is required in go.mod but sub/go.sum has no checksum for it',
      }),
    ]);
    expect(confirmed.components).toBe(parsed.components);
    expect(parsed.problems).toEqual([]); // not mutated
  });
});
