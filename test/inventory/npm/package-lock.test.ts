// package-lock.json / npm-shrinkwrap.json on small hand-written lockfiles: one rule per test.
import { describe, expect, it } from '@jest/globals';
import { parsePackageLock } from '../../../src/inventory/npm/package-lock.js';
import { errors, find, ids, lineOf, prototypeIsClean, warnings } from './helpers.js';

const lock = (value: unknown): string => JSON.stringify(value, null, 2);

describe('parsePackageLock, lockfileVersion 3', () => {
  const text = lock({
    name: 'app',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': {
        name: 'app',
        dependencies: { a: '^1.0.0', alias: 'npm:real@^2.0.0' },
        devDependencies: { b: '^1.0.0' },
        optionalDependencies: { c: '^1.0.0' },
        peerDependencies: { p: '^1.0.0' },
      },
      'node_modules/a': { version: '1.0.0', license: 'MIT' },
      'node_modules/alias': { name: 'real', version: '2.0.0', license: 'ISC' },
      'node_modules/b': { version: '1.0.0', dev: true, dependencies: { a: '^2.0.0' } },
      'node_modules/b/node_modules/a': { version: '2.0.0', dev: true },
      'node_modules/c': { version: '1.0.0', optional: true },
      'node_modules/d': { version: '1.0.0', devOptional: true },
      'node_modules/p': { version: '1.0.0', peer: true },
      'node_modules/e': { version: '3.0.0', dev: true },
      'node_modules/f': { version: '1.0.0' },
      'node_modules/f/node_modules/e': { version: '3.0.0' },
      'node_modules/@scope/pkg': { version: '0.1.0', license: { type: 'BSD-3-Clause' } },
    },
  });
  const parsed = parsePackageLock(text, 'web/package-lock.json');

  it('reads every installed package once, by name@version', () => {
    expect(parsed.format).toBe('package-lock.json v3');
    expect(parsed.problems).toEqual([]);
    expect(ids(parsed)).toEqual([
      '@scope/pkg@0.1.0',
      'a@1.0.0',
      'a@2.0.0',
      'b@1.0.0',
      'c@1.0.0',
      'd@1.0.0',
      'e@3.0.0',
      'f@1.0.0',
      'p@1.0.0',
      'real@2.0.0',
    ]);
  });

  it('takes the name of a nested copy from the last node_modules/ segment', () => {
    const nested = find(parsed, 'a', '2.0.0');
    expect(nested).toMatchObject({ direct: false, scope: 'dev', purl: 'pkg:npm/a@2.0.0' });
    expect(nested.line).toBe(lineOf(text, '"node_modules/b/node_modules/a"'));
  });

  it('reads an npm: alias as the real package, and direct through its alias name', () => {
    expect(find(parsed, 'real')).toMatchObject({
      version: '2.0.0',
      direct: true,
      scope: 'prod',
      license: 'ISC',
    });
  });

  it('marks direct what the root declares in any of the four fields', () => {
    const direct = parsed.components.filter((c) => c.direct).map((c) => c.name);
    expect(direct.sort()).toEqual(['a', 'b', 'c', 'p', 'real']);
  });

  it('maps dev to dev, and optional and devOptional to prod', () => {
    expect(find(parsed, 'b').scope).toBe('dev');
    expect(find(parsed, 'c').scope).toBe('prod');
    expect(find(parsed, 'd').scope).toBe('prod');
  });

  it('counts a version installed twice once, prod when any copy is prod', () => {
    const e = find(parsed, 'e');
    expect(e.scope).toBe('prod');
    expect(e.line).toBe(lineOf(text, '"node_modules/e"'));
  });

  it('keeps the license, old { type } objects included, and the manifest path', () => {
    expect(find(parsed, 'a', '1.0.0')).toMatchObject({ license: 'MIT', manifest: 'web/package-lock.json' });
    expect(find(parsed, '@scope/pkg')).toMatchObject({
      license: 'BSD-3-Clause',
      purl: 'pkg:npm/%40scope/pkg@0.1.0',
    });
    expect(find(parsed, 'f').license).toBeUndefined();
  });

  it('gives the line of each entry key', () => {
    for (const c of parsed.components) {
      expect(text.split('\n')[c.line! - 1]).toContain(`"node_modules/`);
    }
    expect(find(parsed, 'a', '1.0.0').line).toBe(lineOf(text, '"node_modules/a"'));
  });
});

describe('parsePackageLock, workspaces', () => {
  const text = lock({
    name: 'mono',
    lockfileVersion: 3,
    packages: {
      '': { name: 'mono', workspaces: ['packages/*'], devDependencies: { typescript: '^5' } },
      'node_modules/@mono/app': { resolved: 'packages/app', link: true },
      'node_modules/@mono/lib': { resolved: 'packages/lib', link: true },
      'node_modules/lodash': { version: '4.17.21' },
      'node_modules/react': { version: '18.0.0' },
      'node_modules/typescript': { version: '5.4.0', dev: true },
      'packages/app': {
        name: '@mono/app',
        version: '1.0.0',
        dependencies: { '@mono/lib': '*', react: '^17' },
      },
      'packages/app/node_modules/react': { version: '17.0.2' },
      'packages/lib': { name: '@mono/lib', version: '1.0.0', dependencies: { lodash: '^4' } },
    },
  });
  const parsed = parsePackageLock(text, 'package-lock.json');

  it('leaves out workspace folders and their link entries', () => {
    expect(ids(parsed)).toEqual(['lodash@4.17.21', 'react@17.0.2', 'react@18.0.0', 'typescript@5.4.0']);
  });

  it("marks direct each workspace's declarations, resolved from the workspace folder first", () => {
    expect(find(parsed, 'react', '17.0.2').direct).toBe(true);
    expect(find(parsed, 'react', '18.0.0').direct).toBe(false);
    expect(find(parsed, 'lodash').direct).toBe(true);
    expect(find(parsed, 'typescript')).toMatchObject({ direct: true, scope: 'dev' });
  });
});

describe('parsePackageLock, lockfileVersion 2', () => {
  it('reads packages, not the legacy dependencies tree', () => {
    const parsed = parsePackageLock(
      lock({
        lockfileVersion: 2,
        packages: { '': { dependencies: { a: '^1' } }, 'node_modules/a': { version: '1.2.0' } },
        dependencies: { a: { version: '1.1.0' } },
      }),
      'npm-shrinkwrap.json',
    );
    expect(parsed.format).toBe('npm-shrinkwrap.json v2');
    expect(ids(parsed)).toEqual(['a@1.2.0']);
    expect(find(parsed, 'a').direct).toBe(true);
  });
});

describe('parsePackageLock, lockfileVersion 1', () => {
  const text = lock({
    name: 'old',
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      express: {
        version: '4.17.1',
        requires: { debug: '2.6.9', 'safe-buffer': '5.1.2' },
        dependencies: { debug: { version: '2.6.9', requires: { ms: '2.0.0' } }, ms: { version: '2.0.0' } },
      },
      debug: { version: '4.3.1', dev: true, requires: { ms: '2.1.2' } },
      ms: { version: '2.1.2', dev: true },
      'safe-buffer': { version: '5.1.2' },
      jest: { version: '26.0.0', dev: true, requires: { debug: '^4.1.0' } },
      'string-width-cjs': { version: 'npm:string-width@4.2.3' },
      local: { version: 'file:../local' },
      nested: {
        version: '1.0.0',
        requires: { ms: '2.1.2' },
        dependencies: { 'safe-buffer': { version: '5.1.2', dev: true } },
      },
    },
  });
  const parsed = parsePackageLock(text, 'package-lock.json');

  it('walks the nested tree, one component per name@version, skipping file: folders', () => {
    expect(parsed.format).toBe('package-lock.json v1');
    expect(parsed.problems).toEqual([]);
    expect(ids(parsed)).toEqual([
      'debug@2.6.9',
      'debug@4.3.1',
      'express@4.17.1',
      'jest@26.0.0',
      'ms@2.0.0',
      'ms@2.1.2',
      'nested@1.0.0',
      'safe-buffer@5.1.2',
      'string-width@4.2.3',
    ]);
  });

  it('takes as direct the top-level entries that no requires resolves to', () => {
    // debug@4.3.1 is required by jest, safe-buffer by express, ms@2.1.2 by debug and nested: not direct.
    const direct = parsed.components.filter((c) => c.direct).map((c) => `${c.name}@${c.version}`);
    expect(direct.sort()).toEqual(['express@4.17.1', 'jest@26.0.0', 'nested@1.0.0', 'string-width@4.2.3']);
  });

  it('reads dev flags, prod when any copy is prod', () => {
    expect(find(parsed, 'ms', '2.1.2').scope).toBe('dev');
    expect(find(parsed, 'jest').scope).toBe('dev');
    expect(find(parsed, 'safe-buffer').scope).toBe('prod');
  });

  it('gives the line of the first copy of each entry', () => {
    expect(find(parsed, 'debug', '2.6.9').line).toBe(lineOf(text, '"debug": {'));
    expect(find(parsed, 'safe-buffer').line).toBe(lineOf(text, '"safe-buffer": {'));
    expect(find(parsed, 'string-width').line).toBe(lineOf(text, '"string-width-cjs": {'));
  });
});

describe('parsePackageLock on files that do not parse', () => {
  it('names the line and column of a missing comma, with no components', () => {
    const text =
      '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": { "version": "1.0.0" }\n    "node_modules/b": {}\n  }\n}\n';
    const parsed = parsePackageLock(text, 'app/package-lock.json');
    expect(parsed.components).toEqual([]);
    expect(parsed.problems).toEqual([
      {
        level: 'error',
        file: 'app/package-lock.json',
        line: 5,
        message: 'not valid JSON at column 5: expected "," between items',
        hint: 'Regenerate it with `npm install --package-lock-only` and commit the result',
      },
    ]);
  });

  it('calls a trailing comma a trailing comma', () => {
    const parsed = parsePackageLock(
      '{\n  "lockfileVersion": 3,\n  "packages": {},\n}\n',
      'package-lock.json',
    );
    expect(errors(parsed)[0]).toMatchObject({ line: 4, message: expect.stringContaining('trailing comma') });
  });

  it('points at git merge-conflict markers', () => {
    const text =
      '{\n  "lockfileVersion": 3,\n<<<<<<< HEAD\n  "packages": {}\n=======\n  "packages": {}\n>>>>>>> main\n}\n';
    const parsed = parsePackageLock(text, 'package-lock.json');
    expect(parsed.components).toEqual([]);
    expect(errors(parsed)).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining('merge conflict') }),
    ]);
  });

  it('reports an empty file, a non-object and absurd nesting without throwing', () => {
    expect(errors(parsePackageLock('', 'package-lock.json'))[0]).toMatchObject({
      line: 1,
      message: expect.stringContaining('empty'),
    });
    expect(errors(parsePackageLock('[1, 2]', 'package-lock.json'))[0]?.message).toContain(
      'expected a JSON object',
    );
    const deep = parsePackageLock(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'package-lock.json');
    expect(deep.components).toEqual([]);
    expect(errors(deep)).toHaveLength(1);
  });
});

describe('parsePackageLock on odd but readable files', () => {
  it('warns about an unknown lockfileVersion and reads packages anyway', () => {
    const parsed = parsePackageLock(
      lock({ lockfileVersion: 4, packages: { '': {}, 'node_modules/a': { version: '1.0.0' } } }),
      'package-lock.json',
    );
    expect(ids(parsed)).toEqual(['a@1.0.0']);
    expect(warnings(parsed)).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('lockfileVersion 4') }),
    ]);
  });

  it('skips an entry without a version, with a warning on its line', () => {
    const text = lock({
      lockfileVersion: 3,
      packages: { 'node_modules/a': {}, 'node_modules/b': { version: '1.0.0' } },
    });
    const parsed = parsePackageLock(text, 'package-lock.json');
    expect(ids(parsed)).toEqual(['b@1.0.0']);
    expect(warnings(parsed)).toEqual([
      expect.objectContaining({
        line: lineOf(text, '"node_modules/a"'),
        message: expect.stringContaining('no version'),
      }),
    ]);
  });

  it('reads an empty packages table as no components', () => {
    const parsed = parsePackageLock(
      lock({ name: 'x', lockfileVersion: 3, requires: true, packages: {} }),
      'package-lock.json',
    );
    expect(parsed).toMatchObject({ components: [], problems: [] });
  });

  it('accepts a byte-order mark', () => {
    const parsed = parsePackageLock(
      `\uFEFF${lock({ lockfileVersion: 3, packages: { 'node_modules/a': { version: '1.0.0' } } })}`,
      'package-lock.json',
    );
    expect(ids(parsed)).toEqual(['a@1.0.0']);
  });
});

describe('parsePackageLock with hostile names', () => {
  it('reads packages called __proto__ and constructor without touching prototypes', () => {
    const text = `{
  "lockfileVersion": 3,
  "packages": {
    "": { "dependencies": { "__proto__": "1.0.0", "constructor": "1.0.0", "toString": "1.0.0" } },
    "node_modules/__proto__": { "version": "1.0.0", "license": "MIT" },
    "node_modules/constructor": { "version": "1.0.0" },
    "node_modules/toString": { "version": "1.0.0", "dependencies": { "__proto__": "1.0.0" } },
    "node_modules/hasOwnProperty": { "version": "1.0.0", "dev": true }
  }
}`;
    const parsed = parsePackageLock(text, 'package-lock.json');
    expect(ids(parsed)).toEqual([
      '__proto__@1.0.0',
      'constructor@1.0.0',
      'hasOwnProperty@1.0.0',
      'toString@1.0.0',
    ]);
    expect(find(parsed, '__proto__')).toMatchObject({ direct: true, license: 'MIT', line: 5 });
    expect(find(parsed, 'constructor').direct).toBe(true);
    expect(find(parsed, 'hasOwnProperty')).toMatchObject({ direct: false, scope: 'dev' });
    expect(prototypeIsClean()).toBe(true);
  });

  it('reads v1 trees with those names too', () => {
    const text = `{"lockfileVersion": 1, "dependencies": {"__proto__": {"version": "1.0.0", "requires": {"constructor": "1"}}, "constructor": {"version": "1.0.0"}}}`;
    const parsed = parsePackageLock(text, 'package-lock.json');
    expect(ids(parsed)).toEqual(['__proto__@1.0.0', 'constructor@1.0.0']);
    expect(find(parsed, '__proto__').direct).toBe(true);
    expect(find(parsed, 'constructor').direct).toBe(false);
    expect(prototypeIsClean()).toBe(true);
  });
});

/** The hex of an SRI value's one hash, computed here rather than by the code under test. */
function hex(sri: string): string {
  return Buffer.from(sri.slice(sri.indexOf('-') + 1), 'base64').toString('hex');
}

const SHA512_A = `sha512-${Buffer.alloc(64, 1).toString('base64')}`;
const SHA512_B = `sha512-${Buffer.alloc(64, 2).toString('base64')}`;
const SHA1_C = `sha1-${Buffer.alloc(20, 3).toString('base64')}`;

describe('parsePackageLock, the dependency graph and hashes (v3)', () => {
  const text = lock({
    name: 'app',
    version: '2.0.0',
    lockfileVersion: 3,
    packages: {
      '': {
        name: 'app',
        version: '2.0.0',
        dependencies: { a: '^1.0.0', alias: 'npm:real@^2.0.0', ws: '*' },
        devDependencies: { b: '^1.0.0' },
        optionalDependencies: { gone: '^1.0.0' },
      },
      'node_modules/a': {
        version: '1.0.0',
        integrity: SHA512_A,
        dependencies: { e: '^3', missing: '^1' },
        peerDependencies: { p: '^1', absent: '^1' },
        peerDependenciesMeta: { absent: { optional: true } },
      },
      'node_modules/alias': { name: 'real', version: '2.0.0', integrity: `${SHA1_C} ${SHA512_B}` },
      'node_modules/b': { version: '1.0.0', dev: true, dependencies: { a: '^2.0.0', e: '^3' } },
      'node_modules/b/node_modules/a': {
        version: '2.0.0',
        dev: true,
        integrity: 'sha512-not base64!',
        dependencies: { b: '^1', alias: '*' },
      },
      'node_modules/e': { version: '3.0.0', dependencies: { f: '^1' } },
      'node_modules/f': { version: '1.0.0', integrity: SHA512_B },
      'node_modules/f/node_modules/e': { version: '3.0.0', dependencies: { a: '^1', p: '^1' } },
      'node_modules/p': { version: '1.0.0', peer: true, dependencies: { p: '^1' } },
      'node_modules/ws': { resolved: 'packages/ws', link: true },
      'node_modules/uses-ws': { version: '1.0.0', dependencies: { ws: '*' } },
      'packages/ws': { name: 'ws', version: '0.1.0', dependencies: { f: '^1' } },
    },
  });
  const parsed = parsePackageLock(text, 'package-lock.json');
  const dependsOn = (name: string, version?: string): string[] | undefined =>
    find(parsed, name, version).dependsOn;

  it('resolves a dependency to the nearest node_modules/<name> up the requiring path', () => {
    // b gets its own nested a@2.0.0; the nested a@2.0.0 resolves b and alias from the top.
    expect(dependsOn('b')).toEqual(['pkg:npm/a@2.0.0', 'pkg:npm/e@3.0.0']);
    expect(dependsOn('a', '2.0.0')).toEqual(['pkg:npm/b@1.0.0', 'pkg:npm/real@2.0.0']);
  });

  it('leaves out a dependency the lockfile does not install, and a peer that is absent', () => {
    expect(dependsOn('a', '1.0.0')).toEqual(['pkg:npm/e@3.0.0', 'pkg:npm/p@1.0.0']);
  });

  it('includes peer dependencies that resolve, and never the package itself', () => {
    expect(dependsOn('p')).toEqual([]);
    expect(find(parsed, 'e').dependsOn).toContain('pkg:npm/p@1.0.0');
  });

  it('gives a name@version installed at several paths the union of their dependencies', () => {
    // node_modules/e needs f; node_modules/f/node_modules/e needs a and p.
    expect(dependsOn('e')).toEqual(['pkg:npm/a@1.0.0', 'pkg:npm/f@1.0.0', 'pkg:npm/p@1.0.0']);
  });

  it('gives no edge to a workspace package (the project is not a component)', () => {
    expect(dependsOn('uses-ws')).toEqual([]);
    expect(dependsOn('f')).toEqual([]);
  });

  it('gives every component a sorted dependsOn of purls of the same manifest', () => {
    const purls = new Set(parsed.components.map((c) => c.purl));
    for (const c of parsed.components) {
      expect(c.dependsOn).toEqual([...new Set(c.dependsOn)].sort());
      for (const purl of c.dependsOn ?? []) expect(purls.has(purl)).toBe(true);
    }
  });

  it('reads integrity as hex hashes, every hash of a multi-hash value, strongest first', () => {
    expect(find(parsed, 'a', '1.0.0').hashes).toEqual([{ alg: 'SHA-512', content: hex(SHA512_A) }]);
    expect(find(parsed, 'real').hashes).toEqual([
      { alg: 'SHA-512', content: hex(SHA512_B) },
      { alg: 'SHA-1', content: hex(SHA1_C) },
    ]);
    expect(hex(SHA1_C)).toBe('03'.repeat(20));
  });

  it('leaves hashes out when there is no integrity or it is malformed', () => {
    expect(find(parsed, 'a', '2.0.0').hashes).toBeUndefined();
    expect(find(parsed, 'b').hashes).toBeUndefined();
    expect(find(parsed, 'e')).not.toHaveProperty('hashes');
  });

  it('names the root package and its direct dependencies (not the workspace, not what is missing)', () => {
    expect(parsed.root).toEqual({
      name: 'app',
      version: '2.0.0',
      dependsOn: ['pkg:npm/a@1.0.0', 'pkg:npm/b@1.0.0', 'pkg:npm/real@2.0.0'],
    });
  });

  it('gives a root without name or dependencies an empty name and an empty dependsOn', () => {
    const bare = parsePackageLock(lock({ lockfileVersion: 3, packages: { '': {} } }), 'package-lock.json');
    expect(bare.root).toEqual({ name: '', dependsOn: [] });
  });

  it('resolves no further up than an entry that was skipped', () => {
    const skipped = parsePackageLock(
      lock({
        lockfileVersion: 3,
        packages: {
          'node_modules/x': { version: '1.0.0', dependencies: { y: '1' } },
          'node_modules/x/node_modules/y': { resolved: 'no version' },
          'node_modules/y': { version: '2.0.0' },
        },
      }),
      'package-lock.json',
    );
    expect(find(skipped, 'x').dependsOn).toEqual([]);
  });
});

describe('parsePackageLock, the dependency graph and hashes (v1)', () => {
  const text = lock({
    name: 'old',
    version: '1.2.3',
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      express: {
        version: '4.17.1',
        integrity: SHA1_C,
        requires: { debug: '2.6.9', 'safe-buffer': '5.1.2', missing: '1' },
        dependencies: { debug: { version: '2.6.9', requires: { ms: '2.0.0' } }, ms: { version: '2.0.0' } },
      },
      debug: { version: '4.3.1', integrity: SHA512_A, requires: { ms: '2.1.2' } },
      ms: { version: '2.1.2' },
      'safe-buffer': { version: '5.1.2' },
      'string-width-cjs': { version: 'npm:string-width@4.2.3', requires: { ms: '2' } },
      local: { version: 'file:../local', requires: { ms: '2' } },
    },
  });
  const parsed = parsePackageLock(text, 'package-lock.json');

  it('resolves requires through the nested tree, aliases as their real package', () => {
    expect(find(parsed, 'express').dependsOn).toEqual(['pkg:npm/debug@2.6.9', 'pkg:npm/safe-buffer@5.1.2']);
    expect(find(parsed, 'debug', '2.6.9').dependsOn).toEqual(['pkg:npm/ms@2.0.0']);
    expect(find(parsed, 'debug', '4.3.1').dependsOn).toEqual(['pkg:npm/ms@2.1.2']);
    expect(find(parsed, 'string-width').dependsOn).toEqual(['pkg:npm/ms@2.1.2']);
    expect(find(parsed, 'ms', '2.1.2').dependsOn).toEqual([]);
  });

  it('reads integrity, sha1 ones included', () => {
    expect(find(parsed, 'express').hashes).toEqual([{ alg: 'SHA-1', content: '03'.repeat(20) }]);
    expect(find(parsed, 'debug', '4.3.1').hashes).toEqual([{ alg: 'SHA-512', content: '01'.repeat(64) }]);
  });

  it('names the root but leaves its dependsOn unknown: v1 does not record the declarations', () => {
    expect(parsed.root).toEqual({ name: 'old', version: '1.2.3' });
  });
});
