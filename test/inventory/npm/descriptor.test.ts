// Names and descriptors as JS lockfiles write them, and Node's resolution over install paths.
import { describe, expect, it } from '@jest/globals';
import {
  nameFromNodeModulesPath,
  npmAlias,
  splitDescriptor,
  splitNamePath,
} from '../../../src/inventory/npm/descriptor.js';
import { NodeModulesIndex, resolveNodeModules } from '../../../src/inventory/npm/graph.js';

describe('descriptors', () => {
  it('splits name@range at the first @ after a scope', () => {
    expect(splitDescriptor('left-pad@^1.3.0')).toEqual({ name: 'left-pad', range: '^1.3.0' });
    expect(splitDescriptor('@babel/core@npm:^7.0.0')).toEqual({ name: '@babel/core', range: 'npm:^7.0.0' });
    expect(splitDescriptor('a@npm:b@^1')).toEqual({ name: 'a', range: 'npm:b@^1' });
    expect(splitDescriptor('x@git+ssh://git@github.com/o/r.git#abc')).toEqual({
      name: 'x',
      range: 'git+ssh://git@github.com/o/r.git#abc',
    });
    expect(splitDescriptor('@scope/only')).toEqual({ name: '@scope/only', range: '' });
  });

  it('reads npm: aliases, and not the npm: ranges and tags of Yarn Berry', () => {
    expect(npmAlias('npm:string-width@^4.2.0')).toEqual({ name: 'string-width', range: '^4.2.0' });
    expect(npmAlias('npm:@electric-sql/pglite@0.2.17')).toEqual({
      name: '@electric-sql/pglite',
      range: '0.2.17',
    });
    expect(npmAlias('npm:7zip-bin@^5.0.0')).toEqual({ name: '7zip-bin', range: '^5.0.0' });
    expect(npmAlias('npm:^4.2.0')).toBeUndefined();
    expect(npmAlias('npm:latest')).toBeUndefined();
    expect(npmAlias('^4.2.0')).toBeUndefined();
  });

  it('names install paths', () => {
    expect(nameFromNodeModulesPath('node_modules/a/node_modules/@s/b')).toBe('@s/b');
    expect(nameFromNodeModulesPath('packages/app/node_modules/react')).toBe('react');
    expect(splitNamePath('a/@s/b/c')).toEqual(['a', '@s/b', 'c']);
    expect(splitNamePath('@s/b')).toEqual(['@s/b']);
  });
});

describe('resolveNodeModules', () => {
  const installed = new Set([
    'node_modules/a',
    'node_modules/b',
    'node_modules/a/node_modules/b',
    'node_modules/@s/c/node_modules/b',
    'packages/app/node_modules/b',
    'packages/node_modules/d',
  ]);
  const resolve = (from: string, name: string) => resolveNodeModules(from, name, (p) => installed.has(p));

  it('looks in the package itself, then each folder above, as Node does', () => {
    expect(resolve('node_modules/a', 'b')).toBe('node_modules/a/node_modules/b');
    expect(resolve('node_modules/a/node_modules/b', 'b')).toBe('node_modules/a/node_modules/b');
    expect(resolve('node_modules/@s/c', 'b')).toBe('node_modules/@s/c/node_modules/b');
    expect(resolve('node_modules/@s/c', 'a')).toBe('node_modules/a');
    expect(resolve('', 'b')).toBe('node_modules/b');
    expect(resolve('packages/app', 'b')).toBe('packages/app/node_modules/b');
    expect(resolve('packages/app', 'd')).toBe('packages/node_modules/d');
    expect(resolve('packages/app', 'a')).toBe('node_modules/a');
    expect(resolve('node_modules/a', 'missing')).toBeUndefined();
  });
});

describe('NodeModulesIndex', () => {
  const paths = [
    'node_modules/a',
    'node_modules/b',
    'node_modules/a/node_modules/b',
    'node_modules/@s/c',
    'node_modules/@s/c/node_modules/b',
    'node_modules/@s/c/node_modules/@s/d',
    'packages/app',
    'packages/app/node_modules/b',
    'packages/node_modules/d',
    'node_modules/x/node_modules/y/node_modules/z',
  ];
  const index = new NodeModulesIndex<string>();
  for (const p of paths) index.add(p, p);
  const installed = new Set(paths);

  it('resolves as resolveNodeModules does, from every path, for every name', () => {
    const froms = [
      '',
      ...paths,
      'node_modules/x/node_modules/y',
      'packages/other',
      'node_modules/@s/c/node_modules/@s/d',
    ];
    for (const from of froms) {
      for (const name of ['a', 'b', '@s/c', '@s/d', 'd', 'z', 'missing']) {
        expect([from, name, index.resolve(index.folder(from), name)]).toEqual([
          from,
          name,
          resolveNodeModules(from, name, (p) => installed.has(p)),
        ]);
      }
    }
  });

  it('keeps the first value of a path added twice, and ignores paths that install nothing', () => {
    const twice = new NodeModulesIndex<number>();
    twice.add('node_modules/a', 1);
    twice.add('node_modules/a', 2);
    twice.add('packages/app', 3);
    twice.add('not_node_modules/b', 4);
    expect(twice.resolve(twice.folder(''), 'a')).toBe(1);
    expect(twice.resolve(twice.folder('packages/app'), 'app')).toBeUndefined();
    expect(twice.resolve(twice.folder(''), 'b')).toBeUndefined();
  });
});
