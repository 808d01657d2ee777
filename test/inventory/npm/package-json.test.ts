// applyPackageJson: direct and dev from the package.json beside a lockfile.
import { describe, expect, it } from '@jest/globals';
import { parseBunLock } from '../../../src/inventory/npm/bun-lock.js';
import { applyPackageJson } from '../../../src/inventory/npm/package-json.js';
import { parsePackageLock } from '../../../src/inventory/npm/package-lock.js';
import { parsePnpmLock } from '../../../src/inventory/npm/pnpm-lock.js';
import { parseYarnLock } from '../../../src/inventory/npm/yarn-lock.js';
import { find, prototypeIsClean, warnings } from './helpers.js';

const CLASSIC = `# yarn lockfile v1


express@^4.18.0:
  version "4.18.2"
  dependencies:
    debug "2.6.9"

debug@2.6.9:
  version "2.6.9"
  dependencies:
    ms "2.0.0"

debug@^4.3.0:
  version "4.3.4"
  dependencies:
    ms "2.1.2"

jest@^29.0.0:
  version "29.7.0"
  dependencies:
    debug "^4.3.0"
    ms "2.0.0"

ms@2.0.0:
  version "2.0.0"

ms@2.1.2:
  version "2.1.2"

stale@^1.0.0:
  version "1.0.0"
`;

const PACKAGE_JSON = JSON.stringify({
  name: 'app',
  dependencies: { express: '^4.18.0' },
  devDependencies: { jest: '^29.0.0', debug: '^4.3.0' },
});

describe('applyPackageJson on Yarn 1', () => {
  const parsed = parseYarnLock(CLASSIC, 'api/yarn.lock');
  const applied = applyPackageJson(parsed, PACKAGE_JSON);

  it('marks direct the declared descriptors, at the version the root gets', () => {
    const direct = applied.components.filter((c) => c.direct).map((c) => `${c.name}@${c.version}`);
    expect(direct.sort()).toEqual(['debug@4.3.4', 'express@4.18.2', 'jest@29.7.0']);
  });

  it('makes dev what only devDependencies reach, prod what any dependency reaches', () => {
    const scope = Object.fromEntries(applied.components.map((c) => [`${c.name}@${c.version}`, c.scope]));
    expect(scope).toEqual({
      'express@4.18.2': 'prod',
      'debug@2.6.9': 'prod',
      'ms@2.0.0': 'prod',
      'debug@4.3.4': 'dev',
      'jest@29.7.0': 'dev',
      'ms@2.1.2': 'dev',
      // Nothing reaches it: left as it was.
      'stale@1.0.0': 'prod',
    });
  });

  it('returns a new result and leaves the parsed one as it was', () => {
    expect(parsed.components.every((c) => !c.direct && c.scope === 'prod')).toBe(true);
    expect(applied).not.toBe(parsed);
    expect(applied.components.map((c) => c.line)).toEqual(parsed.components.map((c) => c.line));
  });

  it('is idempotent', () => {
    expect(applyPackageJson(applied, PACKAGE_JSON).components).toEqual(applied.components);
  });

  it('takes a name both in dependencies and devDependencies as prod', () => {
    const both = applyPackageJson(
      parsed,
      JSON.stringify({ dependencies: { jest: '^29.0.0' }, devDependencies: { jest: '^29.0.0' } }),
    );
    expect(find(both, 'jest')).toMatchObject({ direct: true, scope: 'prod' });
  });
});

describe('applyPackageJson on Yarn Berry', () => {
  const berry = `__metadata:\n  version: 8\n\n"left-pad@npm:^1.3.0":\n  version: 1.3.0\n  resolution: "left-pad@npm:1.3.0"\n\n"root@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "root@workspace:."\n  dependencies:\n    left-pad: "npm:^1.3.0"\n    typescript: "npm:^5.0.0"\n\n"typescript@npm:^5.0.0":\n  version: 5.4.5\n  resolution: "typescript@npm:5.4.5"\n`;
  it('keeps direct from the workspace entry and adds dev from the package.json', () => {
    const parsed = parseYarnLock(berry, 'yarn.lock');
    expect(parsed.components.map((c) => [c.name, c.direct, c.scope])).toEqual([
      ['left-pad', true, 'prod'],
      ['typescript', true, 'prod'],
    ]);
    const applied = applyPackageJson(
      parsed,
      JSON.stringify({ dependencies: { 'left-pad': '^1.3.0' }, devDependencies: { typescript: '^5.0.0' } }),
    );
    expect(applied.components.map((c) => [c.name, c.direct, c.scope])).toEqual([
      ['left-pad', true, 'prod'],
      ['typescript', true, 'dev'],
    ]);
  });
});

describe('applyPackageJson on package-lock.json v1', () => {
  it('replaces the direct guess with the declarations and keeps the recorded dev flags', () => {
    const parsed = parsePackageLock(
      JSON.stringify({
        lockfileVersion: 1,
        dependencies: {
          a: { version: '1.0.0', requires: { b: '^1' } },
          b: { version: '1.0.0' },
          t: { version: '1.0.0', dev: true, requires: { b: '^1' } },
        },
      }),
      'package-lock.json',
    );
    expect(parsed.components.filter((c) => c.direct).map((c) => c.name)).toEqual(['a', 't']);
    const applied = applyPackageJson(
      parsed,
      JSON.stringify({ dependencies: { a: '^1', b: '^1' }, devDependencies: { t: '^1' } }),
    );
    expect(applied.components.map((c) => [c.name, c.direct, c.scope])).toEqual([
      ['a', true, 'prod'],
      ['b', true, 'prod'],
      ['t', true, 'dev'],
    ]);
  });
});

describe('applyPackageJson where the lockfile already knows', () => {
  it('returns package-lock v3, pnpm and bun results unchanged when the package.json adds no name', () => {
    const pkg = JSON.stringify({ dependencies: { a: '1.0.0' } });
    const npm = parsePackageLock(
      JSON.stringify({
        lockfileVersion: 3,
        packages: { '': {}, 'node_modules/a': { version: '1.0.0', dev: true } },
      }),
      'package-lock.json',
    );
    const pnpm = parsePnpmLock(
      `lockfileVersion: '9.0'\nimporters:\n  .: {}\npackages:\n  a@1.0.0:\n    resolution: {integrity: x}\nsnapshots:\n  a@1.0.0: {}\n`,
      'pnpm-lock.yaml',
    );
    const bun = parseBunLock(
      '{"lockfileVersion": 1, "workspaces": {"": {}}, "packages": {"a": ["a@1.0.0", "", {}, "x"]}}',
      'bun.lock',
    );
    for (const parsed of [npm, pnpm, bun]) {
      expect(applyPackageJson(parsed, pkg)).toBe(parsed);
    }
  });
});

describe('applyPackageJson on what it cannot use', () => {
  const parsed = parseYarnLock(CLASSIC, 'api/yarn.lock');

  it('warns about a package.json that does not parse and changes nothing', () => {
    const applied = applyPackageJson(parsed, '{\n  "dependencies": {\n    "express": "^4"\n  \n');
    expect(applied.components).toEqual(parsed.components);
    expect(warnings(applied)).toEqual([
      expect.objectContaining({
        file: 'api/package.json',
        line: 5,
        message: expect.stringContaining('not valid JSON at column'),
      }),
    ]);
    expect(warnings(applyPackageJson(parsed, '"just a string"'))[0]?.message).toContain(
      'expected a JSON object',
    );
  });

  it('marks direct by name when the result has lost its graph (a copy)', () => {
    const copy = { ...parsed, components: parsed.components.map((c) => ({ ...c })) };
    const applied = applyPackageJson(copy, PACKAGE_JSON);
    const direct = applied.components.filter((c) => c.direct).map((c) => `${c.name}@${c.version}`);
    // Without the graph both debug versions match the name; scope is left alone.
    expect(direct.sort()).toEqual(['debug@2.6.9', 'debug@4.3.4', 'express@4.18.2', 'jest@29.7.0']);
    expect(applied.components.every((c) => c.scope === 'prod')).toBe(true);
  });

  it('reads declarations called __proto__ and constructor as names', () => {
    const lock = `# yarn lockfile v1\n\n"__proto__@^1.0.0":\n  version "1.0.0"\n\nconstructor@^1.0.0:\n  version "1.0.0"\n`;
    const applied = applyPackageJson(
      parseYarnLock(lock, 'yarn.lock'),
      '{"dependencies": {"__proto__": "^1.0.0"}, "devDependencies": {"constructor": "^1.0.0"}}',
    );
    expect(applied.components.map((c) => [c.name, c.direct, c.scope])).toEqual([
      ['__proto__', true, 'prod'],
      ['constructor', true, 'dev'],
    ]);
    expect(prototypeIsClean()).toBe(true);
  });
});

describe('applyPackageJson and the root', () => {
  it('Yarn 1: names the root from the package.json and resolves what it declares', () => {
    const applied = applyPackageJson(
      parseYarnLock(CLASSIC, 'yarn.lock'),
      JSON.stringify({ name: 'app', version: '1.0.0', ...JSON.parse(PACKAGE_JSON) }),
    );
    expect(applied.root).toEqual({
      name: 'app',
      version: '1.0.0',
      dependsOn: ['pkg:npm/debug@4.3.4', 'pkg:npm/express@4.18.2', 'pkg:npm/jest@29.7.0'],
    });
    // The components' own graph is the lockfile's, unchanged.
    expect(find(applied, 'express').dependsOn).toEqual(['pkg:npm/debug@2.6.9']);
    expect(find(applied, 'jest').dependsOn).toEqual(['pkg:npm/debug@4.3.4', 'pkg:npm/ms@2.0.0']);
    expect(applyPackageJson(applied, PACKAGE_JSON).root).toEqual(applied.root);
  });

  it('package-lock v1: keeps the lockfile name and version, and fills dependsOn from the package.json', () => {
    const parsed = parsePackageLock(
      JSON.stringify({
        name: 'old',
        version: '1.0.0',
        lockfileVersion: 1,
        dependencies: { a: { version: '1.0.0', requires: { b: '^1' } }, b: { version: '1.0.0' } },
      }),
      'package-lock.json',
    );
    expect(parsed.root).toEqual({ name: 'old', version: '1.0.0' });
    const applied = applyPackageJson(
      parsed,
      JSON.stringify({ name: 'renamed', version: '9.9.9', dependencies: { a: '^1', b: '^1', c: '^1' } }),
    );
    expect(applied.root).toEqual({
      name: 'old',
      version: '1.0.0',
      dependsOn: ['pkg:npm/a@1.0.0', 'pkg:npm/b@1.0.0'],
    });
  });

  it('pnpm: names the root the lockfile leaves unnamed, and keeps its dependsOn', () => {
    const parsed = parsePnpmLock(
      `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      a:\n        specifier: ^1\n        version: 1.0.0\npackages:\n  a@1.0.0:\n    resolution: {integrity: x}\nsnapshots:\n  a@1.0.0: {}\n`,
      'pnpm-lock.yaml',
    );
    expect(parsed.root).toEqual({ name: '', dependsOn: ['pkg:npm/a@1.0.0'] });
    const applied = applyPackageJson(parsed, JSON.stringify({ name: 'web', version: '0.1.0' }));
    expect(applied.root).toEqual({ name: 'web', version: '0.1.0', dependsOn: ['pkg:npm/a@1.0.0'] });
    expect(applied.components).toBe(parsed.components);
    expect(parsed.root).toEqual({ name: '', dependsOn: ['pkg:npm/a@1.0.0'] });
  });

  it('leaves the root alone when the package.json does not parse', () => {
    const parsed = parseYarnLock(CLASSIC, 'yarn.lock');
    expect(applyPackageJson(parsed, '{').root).toBeUndefined();
  });

  it('names the root by the package.json but gives no dependsOn when the result has lost its graph', () => {
    const parsed = parseYarnLock(CLASSIC, 'yarn.lock');
    const copy = { ...parsed, components: parsed.components.map((c) => ({ ...c })) };
    expect(
      applyPackageJson(copy, JSON.stringify({ name: 'app', dependencies: { express: '^4' } })).root,
    ).toEqual({
      name: 'app',
    });
  });
});
