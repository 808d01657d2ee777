// pnpm-lock.yaml 5.4, 6.0 and 9.0 on small hand-written lockfiles: one rule per test.
import { describe, expect, it } from '@jest/globals';
import { parsePnpmLock } from '../../../src/inventory/npm/pnpm-lock.js';
import { errors, find, ids, lineOf, prototypeIsClean, warnings } from './helpers.js';

const V9 = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      react-dom:
        specifier: ^18.2.0
        version: 18.2.0(react@18.2.0)
      lib:
        specifier: workspace:*
        version: link:packages/lib
    devDependencies:
      string-width-cjs:
        specifier: npm:string-width@^4.2.0
        version: string-width@4.2.3
      vitest:
        specifier: ^1.0.0
        version: 1.0.0(react@17.0.2)

  packages/lib:
    dependencies:
      local:
        specifier: file:./local
        version: file:packages/lib/local
    optionalDependencies:
      loose-envify:
        specifier: ^1.4.0
        version: 1.4.0

packages:

  js-tokens@4.0.0:
    resolution: {integrity: sha512-a}

  local@file:packages/lib/local:
    resolution: {directory: packages/lib/local, type: directory}

  loose-envify@1.4.0:
    resolution: {integrity: sha512-b}
    hasBin: true

  orphan@1.0.0:
    resolution: {integrity: sha512-c}

  react-dom@18.2.0:
    resolution: {integrity: sha512-d}
    peerDependencies:
      react: ^18.2.0

  react@17.0.2:
    resolution: {integrity: sha512-e}

  react@18.2.0:
    resolution: {integrity: sha512-f}

  string-width@4.2.3:
    resolution: {integrity: sha512-g}

  tarball-pkg@https://example.com/tarball-pkg.tgz:
    resolution: {tarball: https://example.com/tarball-pkg.tgz}
    version: 2.0.0

  vitest@1.0.0:
    resolution: {integrity: sha512-h}
    peerDependencies:
      react: '*'

snapshots:

  js-tokens@4.0.0: {}

  local@file:packages/lib/local:
    dependencies:
      js-tokens: 4.0.0

  loose-envify@1.4.0:
    dependencies:
      js-tokens: 4.0.0

  orphan@1.0.0: {}

  react-dom@18.2.0(react@18.2.0):
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0

  react@17.0.2:
    dependencies:
      tarball-pkg: https://example.com/tarball-pkg.tgz

  react@18.2.0:
    dependencies:
      loose-envify: 1.4.0

  string-width@4.2.3: {}

  tarball-pkg@https://example.com/tarball-pkg.tgz: {}

  vitest@1.0.0(react@17.0.2):
    dependencies:
      react: 17.0.2
`;

describe('parsePnpmLock 9.0', () => {
  const parsed = parsePnpmLock(V9, 'pnpm-lock.yaml');

  it('reads every package; link: and directory packages are the project', () => {
    expect(parsed.format).toBe('pnpm-lock.yaml 9.0');
    expect(parsed.problems).toEqual([]);
    expect(ids(parsed)).toEqual([
      'js-tokens@4.0.0',
      'loose-envify@1.4.0',
      'orphan@1.0.0',
      'react-dom@18.2.0',
      'react@17.0.2',
      'react@18.2.0',
      'string-width@4.2.3',
      'tarball-pkg@2.0.0',
      'vitest@1.0.0',
    ]);
  });

  it("marks direct every importer's dependencies, through peer suffixes and aliases", () => {
    const direct = parsed.components.filter((c) => c.direct).map((c) => `${c.name}@${c.version}`);
    expect(direct.sort()).toEqual([
      'loose-envify@1.4.0',
      'react-dom@18.2.0',
      'string-width@4.2.3',
      'vitest@1.0.0',
    ]);
  });

  it('walks snapshots: dev when only devDependencies reach a package, prod when any prod path does', () => {
    expect(find(parsed, 'vitest').scope).toBe('dev');
    expect(find(parsed, 'react', '17.0.2').scope).toBe('dev');
    expect(find(parsed, 'tarball-pkg').scope).toBe('dev');
    expect(find(parsed, 'string-width').scope).toBe('dev');
    expect(find(parsed, 'react', '18.2.0').scope).toBe('prod');
    // js-tokens: reached from the optional loose-envify, a prod path.
    expect(find(parsed, 'js-tokens').scope).toBe('prod');
    // Nothing reaches orphan: prod, the safe side.
    expect(find(parsed, 'orphan').scope).toBe('prod');
  });

  it('gives the line of the key in packages', () => {
    expect(find(parsed, 'react-dom').line).toBe(lineOf(V9, '  react-dom@18.2.0:'));
    expect(find(parsed, 'tarball-pkg').line).toBe(lineOf(V9, '  tarball-pkg@https'));
  });

  it('reads the project document of a two-document lockfile, counting lines in the whole file', () => {
    const env = `---
lockfileVersion: '9.0'

importers:

  .:
    configDependencies: {}
    packageManagerDependencies:
      pnpm:
        specifier: 10.33.0
        version: 10.33.0

packages:

  pnpm@10.33.0:
    resolution: {integrity: sha512-z}
    hasBin: true

snapshots:

  pnpm@10.33.0: {}

---
`;
    const both = parsePnpmLock(env + V9, 'pnpm-lock.yaml');
    expect(both.problems).toEqual([]);
    expect(ids(both)).toEqual(ids(parsed));
    expect(find(both, 'react-dom').line).toBe(lineOf(env + V9, '  react-dom@18.2.0:'));
    expect(find(both, 'react-dom').line).toBe(find(parsed, 'react-dom').line! + env.split('\n').length - 1);
  });

  it('reads packages called __proto__ and constructor', () => {
    const text = `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      __proto__:\n        specifier: ^1.0.0\n        version: 1.0.0\npackages:\n  __proto__@1.0.0:\n    resolution: {integrity: sha512-x}\n  constructor@1.0.0:\n    resolution: {integrity: sha512-y}\nsnapshots:\n  __proto__@1.0.0:\n    dependencies:\n      constructor: 1.0.0\n  constructor@1.0.0: {}\n`;
    const result = parsePnpmLock(text, 'pnpm-lock.yaml');
    expect(ids(result)).toEqual(['__proto__@1.0.0', 'constructor@1.0.0']);
    expect(find(result, '__proto__')).toMatchObject({ direct: true, line: 9 });
    expect(find(result, 'constructor')).toMatchObject({ direct: false, scope: 'prod' });
    expect(prototypeIsClean()).toBe(true);
  });
});

const V6 = `lockfileVersion: '6.0'

importers:

  .:
    devDependencies:
      '@rollup/plugin-json':
        specifier: ^6.0.0
        version: 6.0.0(rollup@3.29.4)
      rollup:
        specifier: ^3.0.0
        version: 3.29.4

  packages/shared:
    dependencies:
      '@vue/shared':
        specifier: workspace:*
        version: link:../shared
      alias-me:
        specifier: npm:ms@2.1.3
        version: /ms@2.1.3

packages:

  /@rollup/plugin-json@6.0.0(rollup@3.29.4):
    resolution: {integrity: sha512-a}
    peerDependencies:
      rollup: ^1.20.0||^2.0.0||^3.0.0
    dependencies:
      rollup: 3.29.4
    dev: true

  /@rollup/plugin-json@6.0.0(rollup@4.0.0):
    resolution: {integrity: sha512-a}
    dev: true

  /fsevents@2.3.3:
    resolution: {integrity: sha512-b}
    os: [darwin]
    requiresBuild: true
    dev: true
    optional: true

  /ms@2.1.3:
    resolution: {integrity: sha512-c}
    dev: false

  /rollup@3.29.4:
    resolution: {integrity: sha512-d}
    optionalDependencies:
      fsevents: 2.3.3
    dev: true

  /shared-by-both@1.0.0:
    resolution: {integrity: sha512-e}
`;

describe('parsePnpmLock 6.0', () => {
  const parsed = parsePnpmLock(V6, 'pnpm-lock.yaml');

  it('reads /name@version(peers) keys, peer variants as one component', () => {
    expect(parsed.format).toBe('pnpm-lock.yaml 6.0');
    expect(parsed.problems).toEqual([]);
    expect(ids(parsed)).toEqual([
      '@rollup/plugin-json@6.0.0',
      'fsevents@2.3.3',
      'ms@2.1.3',
      'rollup@3.29.4',
      'shared-by-both@1.0.0',
    ]);
    expect(find(parsed, '@rollup/plugin-json').line).toBe(
      lineOf(V6, '/@rollup/plugin-json@6.0.0(rollup@3.29.4):'),
    );
  });

  it('reads the dev flags (absent means both, so prod)', () => {
    expect(find(parsed, 'rollup').scope).toBe('dev');
    expect(find(parsed, 'ms').scope).toBe('prod');
    expect(find(parsed, 'shared-by-both').scope).toBe('prod');
  });

  it('marks direct through /alias references and skips link: ones', () => {
    const direct = parsed.components.filter((c) => c.direct).map((c) => c.name);
    expect(direct.sort()).toEqual(['@rollup/plugin-json', 'ms', 'rollup']);
  });
});

const V54 = `lockfileVersion: 5.4

importers:

  .:
    specifiers:
      '@babel/core': ^7.21.0
      vue: workspace:*
    dependencies:
      vue: link:packages/vue
    devDependencies:
      '@babel/core': 7.21.3

  packages/vue:
    specifiers:
      '@babel/helper-compilation-targets': ^7.20.7
    dependencies:
      '@babel/helper-compilation-targets': 7.20.7_@babel+core@7.21.3

packages:

  /@babel/core/7.21.3:
    resolution: {integrity: sha512-a}
    dependencies:
      '@babel/helper-compilation-targets': 7.20.7_@babel+core@7.21.3
    dev: true

  /@babel/helper-compilation-targets/7.20.7_@babel+core@7.21.3:
    resolution: {integrity: sha512-b}
    peerDependencies:
      '@babel/core': ^7.0.0
    dependencies:
      '@babel/core': 7.21.3

  /@babel/helper-compilation-targets/7.20.7_@babel+core@7.20.0:
    resolution: {integrity: sha512-b}
    dev: true

  /left-pad/1.3.0:
    resolution: {integrity: sha512-c}
    dev: false
`;

describe('parsePnpmLock 5.4', () => {
  const parsed = parsePnpmLock(V54, 'pnpm-lock.yaml');

  it('reads /name/version_peers keys, peer variants as one component', () => {
    expect(parsed.format).toBe('pnpm-lock.yaml 5.4');
    expect(parsed.problems).toEqual([]);
    expect(ids(parsed)).toEqual([
      '@babel/core@7.21.3',
      '@babel/helper-compilation-targets@7.20.7',
      'left-pad@1.3.0',
    ]);
  });

  it('marks direct in every importer and reads dev flags', () => {
    expect(find(parsed, '@babel/core')).toMatchObject({ direct: true, scope: 'dev' });
    expect(find(parsed, '@babel/helper-compilation-targets')).toMatchObject({
      direct: true,
      scope: 'prod',
      line: lineOf(V54, '/@babel/helper-compilation-targets/7.20.7_@babel+core@7.21.3:'),
    });
    expect(find(parsed, 'left-pad').direct).toBe(false);
  });

  it('reads a single-project lockfile without importers', () => {
    const text = `lockfileVersion: 5.4\n\nspecifiers:\n  ms: ^2.1.0\n\ndependencies:\n  ms: 2.1.3\n\npackages:\n\n  /ms/2.1.3:\n    resolution: {integrity: sha512-c}\n    dev: false\n`;
    const result = parsePnpmLock(text, 'pnpm-lock.yaml');
    expect(result.components).toEqual([
      expect.objectContaining({ name: 'ms', version: '2.1.3', direct: true, scope: 'prod', line: 11 }),
    ]);
  });
});

describe('parsePnpmLock on broken or unexpected files', () => {
  it('names the line and column of a YAML error, with no components', () => {
    const text = `lockfileVersion: '9.0'\n\npackages:\n\n  ms@2.1.3:\n    resolution: {integrity: sha512-c\n\nsnapshots: {}\n`;
    const parsed = parsePnpmLock(text, 'web/pnpm-lock.yaml');
    expect(parsed.components).toEqual([]);
    expect(errors(parsed)).toEqual([
      expect.objectContaining({
        file: 'web/pnpm-lock.yaml',
        line: expect.any(Number),
        message: expect.stringMatching(/^not valid YAML at column \d+: /),
        hint: 'Regenerate it with `pnpm install --lockfile-only` and commit the result',
      }),
    ]);
    expect(errors(parsed)[0]!.line).toBeGreaterThanOrEqual(6);
  });

  it('warns about an unknown lockfileVersion and reads it in the closest known style', () => {
    const parsed = parsePnpmLock(
      V9.replace("lockfileVersion: '9.0'", "lockfileVersion: '10.0'"),
      'pnpm-lock.yaml',
    );
    expect(parsed.format).toBe('pnpm-lock.yaml 10.0');
    expect(ids(parsed)).toHaveLength(9);
    expect(warnings(parsed)).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('"10.0"') }),
    ]);
  });

  it('says so when no document has a lockfileVersion, and reads an empty file as empty', () => {
    expect(errors(parsePnpmLock('packages: {}\n', 'pnpm-lock.yaml'))[0]?.message).toContain(
      'lockfileVersion',
    );
    expect(parsePnpmLock('', 'pnpm-lock.yaml')).toMatchObject({ components: [], problems: [] });
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = `lockfileVersion: '9.0'\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    const parsed = parsePnpmLock(bomb, 'pnpm-lock.yaml');
    expect(parsed.components).toEqual([]);
    expect(errors(parsed)).toHaveLength(1);
  });
});

describe('parsePnpmLock, the dependency graph and hashes', () => {
  const v9 = parsePnpmLock(V9, 'pnpm-lock.yaml');
  const v6 = parsePnpmLock(V6, 'pnpm-lock.yaml');
  const v54 = parsePnpmLock(V54, 'pnpm-lock.yaml');

  it('9.0: resolves snapshot references to peer-suffixed snapshot keys, resolved peers included', () => {
    // react-dom@18.2.0(react@18.2.0) lists its resolved peer react among its dependencies.
    expect(find(v9, 'react-dom').dependsOn).toEqual(['pkg:npm/loose-envify@1.4.0', 'pkg:npm/react@18.2.0']);
    expect(find(v9, 'vitest').dependsOn).toEqual(['pkg:npm/react@17.0.2']);
    expect(find(v9, 'react', '17.0.2').dependsOn).toEqual(['pkg:npm/tarball-pkg@2.0.0']);
    expect(find(v9, 'orphan').dependsOn).toEqual([]);
  });

  it('9.0: gives the peer variants of one package the union of their dependencies', () => {
    const text = `lockfileVersion: '9.0'
importers:
  .:
    dependencies:
      plugin:
        specifier: ^1.0.0
        version: 1.0.0(host@1.0.0)
packages:
  host@1.0.0:
    resolution: {integrity: sha512-AAAA}
  host@2.0.0:
    resolution: {integrity: sha512-BBBB}
  plugin@1.0.0:
    resolution: {integrity: sha512-CCCC}
    peerDependencies:
      host: '*'
snapshots:
  host@1.0.0: {}
  host@2.0.0: {}
  plugin@1.0.0(host@1.0.0):
    dependencies:
      host: 1.0.0
  plugin@1.0.0(host@2.0.0):
    dependencies:
      host: 2.0.0
      missing: 1.0.0
`;
    const parsed = parsePnpmLock(text, 'pnpm-lock.yaml');
    expect(find(parsed, 'plugin').dependsOn).toEqual(['pkg:npm/host@1.0.0', 'pkg:npm/host@2.0.0']);
    expect(parsed.root).toEqual({ name: '', dependsOn: ['pkg:npm/plugin@1.0.0'] });
  });

  it('9.0: follows aliased references and leaves out link: and directory ones', () => {
    expect(v9.root).toEqual({
      name: '',
      dependsOn: ['pkg:npm/react-dom@18.2.0', 'pkg:npm/string-width@4.2.3', 'pkg:npm/vitest@1.0.0'],
    });
  });

  it('reads resolution.integrity as the hash, and none for a tarball without one', () => {
    const text = `lockfileVersion: '9.0'\nimporters:\n  .: {}\npackages:\n  ms@2.1.3:\n    resolution: {integrity: sha512-${Buffer.alloc(64, 7).toString('base64')}}\n  old@1.0.0:\n    resolution: {integrity: sha1-${Buffer.alloc(20, 9).toString('base64')}}\n  t@https://example.com/t.tgz:\n    resolution: {tarball: https://example.com/t.tgz}\n    version: 1.0.0\nsnapshots:\n  ms@2.1.3: {}\n  old@1.0.0: {}\n  t@https://example.com/t.tgz: {}\n`;
    const parsed = parsePnpmLock(text, 'pnpm-lock.yaml');
    expect(find(parsed, 'ms').hashes).toEqual([{ alg: 'SHA-512', content: '07'.repeat(64) }]);
    expect(find(parsed, 'old').hashes).toEqual([{ alg: 'SHA-1', content: '09'.repeat(20) }]);
    expect(find(parsed, 't').hashes).toBeUndefined();
    // The hand-written `sha512-a` values above are not real hashes: none is reported.
    expect(v9.components.every((c) => c.hashes === undefined)).toBe(true);
  });

  it('6.0: resolves /name@version(peers) references, optional dependencies included', () => {
    expect(find(v6, '@rollup/plugin-json').dependsOn).toEqual(['pkg:npm/rollup@3.29.4']);
    expect(find(v6, 'rollup').dependsOn).toEqual(['pkg:npm/fsevents@2.3.3']);
    expect(v6.root).toEqual({
      name: '',
      dependsOn: ['pkg:npm/%40rollup/plugin-json@6.0.0', 'pkg:npm/rollup@3.29.4'],
    });
  });

  it('5.4: resolves version_peer references to /name/version_peer keys', () => {
    expect(find(v54, '@babel/core').dependsOn).toEqual([
      'pkg:npm/%40babel/helper-compilation-targets@7.20.7',
    ]);
    expect(find(v54, '@babel/helper-compilation-targets').dependsOn).toEqual([
      'pkg:npm/%40babel/core@7.21.3',
    ]);
    // vue is a link: (a workspace package), not a component.
    expect(v54.root).toEqual({ name: '', dependsOn: ['pkg:npm/%40babel/core@7.21.3'] });
  });
});
