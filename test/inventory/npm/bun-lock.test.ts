// bun.lock (text, JSONC) on small hand-written lockfiles: one rule per test.
import { describe, expect, it } from '@jest/globals';
import { parseBunLock } from '../../../src/inventory/npm/bun-lock.js';
import { errors, find, ids, lineOf, prototypeIsClean, warnings } from './helpers.js';

const BUN = `{
  "lockfileVersion": 1,
  "configVersion": 0,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": {
        "react": "^18.2.0",
        "str": "npm:string-width@^4.2.0",
        "ui": "workspace:*",
      },
      "devDependencies": {
        "vitest": "^1.0.0",
      },
    },
    "packages/ui": {
      "name": "ui",
      "version": "0.1.0",
      "dependencies": {
        "lodash": "^3.0.0",
      },
    },
  },
  "packages": {
    "js-tokens": ["js-tokens@4.0.0", "", {}, "sha512-a"],

    "lodash": ["lodash@4.17.21", "", {}, "sha512-b"],

    "loose-envify": ["loose-envify@1.4.0", "", { "dependencies": { "js-tokens": "^3.0.0 || ^4.0.0" }, "bin": { "loose-envify": "cli.js" } }, "sha512-c"],

    "react": ["react@18.2.0", "", { "dependencies": { "loose-envify": "^1.1.0" } }, "sha512-d"],

    "str": ["string-width@4.2.3", "", {}, "sha512-e"],

    "tinypool": ["tinypool@0.8.0", "", { "peerDependencies": { "react": "*", "absent": "*" }, "optionalPeers": ["absent"] }, "sha512-f"],

    "ui": ["ui@workspace:packages/ui"],

    "vitest": ["vitest@1.0.0", "", { "dependencies": { "tinypool": "^0.8.0", "js-tokens": "^9.0.0", "gitdep": "github:o/r" } }, "sha512-g"],

    "gitdep": ["gitdep@github:o/r#abc1234", {}, "o-r-abc1234"],

    "ui/lodash": ["lodash@3.10.1", "", {}, "sha512-h"],

    "vitest/js-tokens": ["js-tokens@9.0.0", "", {}, "sha512-i"],
  }
}
`;

describe('parseBunLock', () => {
  const parsed = parseBunLock(BUN, 'bun.lock');

  it('reads the name@version of each package array, aliases as the real package, workspaces left out', () => {
    expect(parsed.format).toBe('bun.lock v1');
    expect(parsed.problems).toEqual([]);
    expect(ids(parsed)).toEqual([
      'gitdep@github:o/r#abc1234',
      'js-tokens@4.0.0',
      'js-tokens@9.0.0',
      'lodash@3.10.1',
      'lodash@4.17.21',
      'loose-envify@1.4.0',
      'react@18.2.0',
      'string-width@4.2.3',
      'tinypool@0.8.0',
      'vitest@1.0.0',
    ]);
  });

  it("marks direct every workspace's declarations, resolved under the workspace first", () => {
    const direct = parsed.components.filter((c) => c.direct).map((c) => `${c.name}@${c.version}`);
    expect(direct.sort()).toEqual(['lodash@3.10.1', 'react@18.2.0', 'string-width@4.2.3', 'vitest@1.0.0']);
  });

  it('walks dependencies (nested paths first) for the scope', () => {
    expect(find(parsed, 'vitest').scope).toBe('dev');
    expect(find(parsed, 'js-tokens', '9.0.0').scope).toBe('dev');
    expect(find(parsed, 'gitdep').scope).toBe('dev');
    expect(find(parsed, 'tinypool').scope).toBe('dev');
    expect(find(parsed, 'js-tokens', '4.0.0').scope).toBe('prod');
    expect(find(parsed, 'react').scope).toBe('prod');
    // Reached only from the ui workspace, which is prod; lodash@4 from nothing at all: prod.
    expect(find(parsed, 'lodash', '3.10.1').scope).toBe('prod');
    expect(find(parsed, 'lodash', '4.17.21')).toMatchObject({ direct: false, scope: 'prod' });
  });

  it('gives the line of the package key', () => {
    expect(find(parsed, 'string-width').line).toBe(lineOf(BUN, '"str": ['));
    expect(find(parsed, 'lodash', '3.10.1').line).toBe(lineOf(BUN, '"ui/lodash"'));
  });

  it('reads lockfileVersion 0 the same', () => {
    const v0 = parseBunLock(
      BUN.replace('"lockfileVersion": 1,\n  "configVersion": 0,', '"lockfileVersion": 0,'),
      'bun.lock',
    );
    expect(v0.format).toBe('bun.lock v0');
    expect(v0.problems).toEqual([]);
    expect(ids(v0)).toEqual(ids(parsed));
  });

  it('warns about an unknown lockfileVersion and reads on', () => {
    const v2 = parseBunLock(BUN.replace('"lockfileVersion": 1,', '"lockfileVersion": 2,'), 'bun.lock');
    expect(ids(v2)).toEqual(ids(parsed));
    expect(warnings(v2)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('lockfileVersion 2') }),
    ]);
  });

  it('names the line and column of a syntax error, with no components', () => {
    const broken = BUN.replace(
      '"lodash": ["lodash@4.17.21", "", {}, "sha512-b"],',
      '"lodash": ["lodash@4.17.21" "", {}, "sha512-b"],',
    );
    const result = parseBunLock(broken, 'apps/web/bun.lock');
    expect(result.components).toEqual([]);
    expect(result.problems).toEqual([
      {
        level: 'error',
        file: 'apps/web/bun.lock',
        line: lineOf(BUN, '"lodash": ["lodash@4.17.21"'),
        message: 'not valid JSONC at column 33: expected "," between items',
        hint: 'Regenerate it with `bun install --lockfile-only` and commit the result',
      },
    ]);
  });

  it('skips a package that is not an array, with a warning on its line', () => {
    const text = `{"lockfileVersion": 1, "workspaces": {"": {}},\n "packages": {\n  "a": "a@1.0.0",\n  "b": ["b@1.0.0", "", {}, "x"],\n }}`;
    const result = parseBunLock(text, 'bun.lock');
    expect(ids(result)).toEqual(['b@1.0.0']);
    expect(warnings(result)).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it('reads packages called __proto__ and constructor', () => {
    const text = `{"lockfileVersion": 1,
 "workspaces": {"": {"dependencies": {"__proto__": "1", "constructor": "1"}}},
 "packages": {
  "__proto__": ["__proto__@1.0.0", "", {"dependencies": {"constructor": "1"}}, "x"],
  "constructor": ["constructor@1.0.0", "", {}, "y"],
 }}`;
    const result = parseBunLock(text, 'bun.lock');
    expect(ids(result)).toEqual(['__proto__@1.0.0', 'constructor@1.0.0']);
    expect(find(result, '__proto__')).toMatchObject({ direct: true, line: 4 });
    expect(find(result, 'constructor').direct).toBe(true);
    expect(prototypeIsClean()).toBe(true);
  });

  it('reports the binary lockfile read as text as unreadable, without throwing', () => {
    expect(errors(parseBunLock('\u0000\u0001bun-lockfile-format-v0\n\u0002', 'bun.lock'))).toHaveLength(1);
  });
});

describe('parseBunLock, the dependency graph and hashes', () => {
  const sri = (byte: number): string => `sha512-${Buffer.alloc(64, byte).toString('base64')}`;
  const hexOf = (byte: number): string => byte.toString(16).padStart(2, '0').repeat(64);
  const text = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": { "@s/a": "^1.0.0", "chalk": "^5.0.0", "ui": "workspace:*", "gone": "^1.0.0" },
      "devDependencies": { "tar": "https://example.com/tar.tgz" },
    },
    "packages/ui": {
      "name": "ui",
      "version": "0.1.0",
      "dependencies": { "chalk": "^4.0.0" },
    },
  },
  "packages": {
    "@s/a": ["@s/a@1.0.0", "", { "dependencies": { "@s/b": "^2.0.0", "chalk": "^5.0.0" }, "peerDependencies": { "react": "*", "opt": "*" }, "optionalPeers": ["opt", "react"] }, "${sri(1)}"],

    "@s/a/@s/b": ["@s/b@2.0.0", "", { "dependencies": { "chalk": "^3.0.0", "ui": "*" } }, "${sri(2)}"],

    "@s/a/@s/b/chalk": ["chalk@3.0.0", "", {}, "${sri(3)}"],

    "@s/b": ["@s/b@1.0.0", "", {}, "${sri(4)}"],

    "ansi": ["ansi@1.0.0", "", {}, "${sri(5)}"],

    "chalk": ["chalk@5.0.0", "", {}, "${sri(6)}"],

    "gitdep": ["gitdep@github:o/r#abc1234", { "dependencies": { "ansi": "^1" } }, "o-r-abc1234", "${sri(7)}"],

    "opt": ["opt@1.0.0", "https://registry.example.com/", {}, "${sri(8)}"],

    "tar": ["tar@https://example.com/tar.tgz", { "dependencies": { "gitdep": "github:o/r" } }, "${sri(9)}"],

    "ui": ["ui@workspace:packages/ui"],

    "ui/chalk": ["chalk@4.0.0", "", { "dependencies": { "ansi": "^1.0.0" }, "optionalDependencies": { "fsevents": "*" } }, "${sri(10)}"],
  }
}
`;
  const parsed = parseBunLock(text, 'bun.lock');

  it('resolves as bun does: the nested path first, then each parent path, then the top', () => {
    expect(parsed.problems).toEqual([]);
    // @s/a/@s/b is a's own copy; its chalk is @s/a/@s/b/chalk; ui is a workspace, not a component.
    expect(find(parsed, '@s/b', '2.0.0').dependsOn).toEqual(['pkg:npm/chalk@3.0.0']);
    expect(find(parsed, '@s/a').dependsOn).toContain('pkg:npm/%40s/b@2.0.0');
    expect(find(parsed, '@s/a').dependsOn).toContain('pkg:npm/chalk@5.0.0');
    // The ui workspace's own copy of chalk resolves ansi from the top; its absent optional
    // dependency gives no edge.
    expect(find(parsed, 'chalk', '4.0.0').dependsOn).toEqual(['pkg:npm/ansi@1.0.0']);
    expect(find(parsed, 'tar').dependsOn).toEqual(['pkg:npm/gitdep@github%3Ao%2Fr%23abc1234']);
  });

  it('includes an optional peer that resolves, and leaves out one that does not', () => {
    expect(find(parsed, '@s/a').dependsOn).toEqual([
      'pkg:npm/%40s/b@2.0.0',
      'pkg:npm/chalk@5.0.0',
      'pkg:npm/opt@1.0.0',
    ]);
  });

  it('reads the integrity after the metadata: registry, git and tarball packages', () => {
    expect(find(parsed, '@s/a').hashes).toEqual([{ alg: 'SHA-512', content: hexOf(1) }]);
    expect(find(parsed, 'opt').hashes).toEqual([{ alg: 'SHA-512', content: hexOf(8) }]);
    expect(find(parsed, 'gitdep').hashes).toEqual([{ alg: 'SHA-512', content: hexOf(7) }]);
    expect(find(parsed, 'tar').hashes).toEqual([{ alg: 'SHA-512', content: hexOf(9) }]);
  });

  it('names the root workspace and the packages it depends on (not workspaces, not what is missing)', () => {
    expect(parsed.root).toEqual({
      name: 'app',
      dependsOn: [
        'pkg:npm/%40s/a@1.0.0',
        'pkg:npm/chalk@5.0.0',
        'pkg:npm/tar@https%3A%2F%2Fexample.com%2Ftar.tgz',
      ],
    });
  });

  it('gives the packages of the first fixture their graph too', () => {
    const first = parseBunLock(BUN, 'bun.lock');
    expect(find(first, 'vitest').dependsOn).toEqual([
      'pkg:npm/gitdep@github%3Ao%2Fr%23abc1234',
      'pkg:npm/js-tokens@9.0.0',
      'pkg:npm/tinypool@0.8.0',
    ]);
    expect(find(first, 'tinypool').dependsOn).toEqual(['pkg:npm/react@18.2.0']);
    // "sha512-a" and the like are not real hashes.
    expect(first.components.every((c) => c.hashes === undefined)).toBe(true);
  });
});
