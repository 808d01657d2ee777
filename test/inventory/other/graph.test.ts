// The SBOM fields of the non-npm parsers, rule by rule, on small hand-written files: hashes
// (lower-case hex, only where the format gives one per package), dependsOn (resolved to the exact
// component, absent where the format has no graph), and the root.
import { describe, expect, it } from '@jest/globals';
import type { ParsedManifest } from '../../../src/inventory/component.js';
import { parseCargoLock } from '../../../src/inventory/cargo.js';
import { parseComposerLock } from '../../../src/inventory/composer.js';
import { parseGemfileLock } from '../../../src/inventory/gemfile.js';
import { parseGoMod } from '../../../src/inventory/go-mod.js';
import { parseGradleLockfile } from '../../../src/inventory/gradle.js';
import { parsePomXml } from '../../../src/inventory/maven.js';
import { parseNugetLock } from '../../../src/inventory/nuget.js';
import { Collector, folderName, hexHash } from '../../../src/inventory/parse-helpers.js';
import { parsePipfileLock } from '../../../src/inventory/python/pipfile.js';
import { parsePoetryLock } from '../../../src/inventory/python/poetry.js';
import { parseRequirementsTxt } from '../../../src/inventory/python/requirements.js';
import { parseUvLock } from '../../../src/inventory/python/uv.js';

/** name@version → the name@version of what it depends on (undefined when there is no graph). */
function graph(parsed: ParsedManifest): Record<string, string[] | undefined> {
  const byPurl = new Map(parsed.components.map((c) => [c.purl, `${c.name}@${c.version}`]));
  return Object.fromEntries(
    parsed.components.map((c) => [
      `${c.name}@${c.version}`,
      c.dependsOn?.map((p) => byPurl.get(p) ?? `not a component: ${p}`),
    ]),
  );
}
const hashesOf = (parsed: ParsedManifest) =>
  Object.fromEntries(parsed.components.map((c) => [`${c.name}@${c.version}`, c.hashes]));

const SHA256_A = 'a'.repeat(64);
const SHA256_B = 'B'.repeat(64);
const CRATES = 'registry+https://github.com/rust-lang/crates.io-index';

describe('Collector and helpers', () => {
  it('hexHash takes hex of the algorithm length only, in lower case', () => {
    expect(hexHash('SHA-256', SHA256_B)).toEqual({ alg: 'SHA-256', content: 'b'.repeat(64) });
    expect(hexHash('SHA-1', 'ab'.repeat(20))).toEqual({ alg: 'SHA-1', content: 'ab'.repeat(20) });
    expect(hexHash('SHA-256', 'ab'.repeat(20))).toBeUndefined();
    expect(hexHash('SHA-1', '')).toBeUndefined();
    expect(hexHash('SHA-256', 'g'.repeat(64))).toBeUndefined();
    expect(hexHash('SHA-256', undefined)).toBeUndefined();
  });

  it('folderName: the folder holding the manifest, `.` at the repository root', () => {
    expect(folderName('src/Api/packages.lock.json')).toBe('Api');
    expect(folderName('Gemfile.lock')).toBe('.');
  });

  it('two digests of one algorithm for one component cancel out; a self-link is dropped', () => {
    const out = new Collector('x.lock', 'crates.io');
    const a = out.add({
      name: 'a',
      version: '1',
      direct: true,
      scope: 'prod',
      hashes: [{ alg: 'SHA-256', content: SHA256_A }],
    });
    out.add({
      name: 'a',
      version: '1',
      direct: true,
      scope: 'prod',
      hashes: [{ alg: 'SHA-256', content: 'c'.repeat(64) }],
    });
    // A third entry with the first digest does not bring it back.
    out.add({
      name: 'a',
      version: '1',
      direct: true,
      scope: 'prod',
      hashes: [{ alg: 'SHA-256', content: SHA256_A }],
    });
    const b = out.add({
      name: 'b',
      version: '1',
      direct: false,
      scope: 'prod',
      hashes: [{ alg: 'SHA-1', content: 'd'.repeat(40) }],
    });
    out.add({
      name: 'b',
      version: '1',
      direct: false,
      scope: 'prod',
      hashes: [{ alg: 'SHA-1', content: 'd'.repeat(40) }],
    });
    out.recordsGraph();
    out.link(a, a);
    out.link(a, b);
    out.link(a, b);
    out.setRoot('app', '', [b, b]);
    const r = out.result('x');
    expect(r.components.map((c) => [c.name, c.hashes, c.dependsOn])).toEqual([
      ['a', undefined, ['pkg:cargo/b@1']],
      ['b', [{ alg: 'SHA-1', content: 'd'.repeat(40) }], []],
    ]);
    expect(r.root).toEqual({ name: 'app', dependsOn: ['pkg:cargo/b@1'] });
  });

  it('without recordsGraph components have no dependsOn, and without setRoot there is no root', () => {
    const out = new Collector('x.lock', 'crates.io');
    out.add({ name: 'a', version: '1', direct: true, scope: 'prod' });
    const r = out.result('x');
    expect(r.components[0]).not.toHaveProperty('dependsOn');
    expect(r.components[0]).not.toHaveProperty('hashes');
    expect(r).not.toHaveProperty('root');
  });
});

describe('Cargo.lock', () => {
  it('v3: checksum, dependencies resolved to the exact package, unresolvable ones skipped', () => {
    const text = `version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["rand 0.8.5", "serde", "missing", "helper"]

[[package]]
name = "helper"
version = "0.1.0"
dependencies = ["rand 0.7.3 (${CRATES})", "serde"]

[[package]]
name = "rand"
version = "0.7.3"
source = "${CRATES}"
checksum = "${SHA256_B}"
dependencies = ["serde", "helper", "missing 1.0.0", "rand_core"]

[[package]]
name = "rand"
version = "0.8.5"
source = "${CRATES}"
checksum = "not-hex"
dependencies = ["rand"]

[[package]]
name = "serde"
version = "1.0.200"
source = "${CRATES}"

[[package]]
name = "forked"
version = "2.0.0"
source = "git+https://github.com/org/forked#0123"
dependencies = ["serde 1.0.200"]
`;
    const p = parseCargoLock(text, 'Cargo.lock');
    expect(graph(p)).toEqual({
      // "helper" is a workspace crate (not a component); "missing…" and "rand_core" name no package.
      'rand@0.7.3': ['serde@1.0.200'],
      // "rand" alone is ambiguous (two are locked): Cargo never writes it; left out.
      'rand@0.8.5': [],
      'serde@1.0.200': [],
      'forked@2.0.0': ['serde@1.0.200'],
    });
    expect(hashesOf(p)).toEqual({
      'rand@0.7.3': [{ alg: 'SHA-256', content: 'b'.repeat(64) }],
      'rand@0.8.5': undefined, // not a SHA-256 hex digest
      'serde@1.0.200': undefined,
      'forked@2.0.0': undefined, // git crates have no checksum
    });
    // app is the workspace crate nobody depends on (helper is app's); the root's dependencies are
    // every workspace crate's: rand 0.8.5 and serde (app), rand 0.7.3 (helper).
    expect(p.root).toEqual({
      name: 'app',
      version: '0.1.0',
      dependsOn: ['pkg:cargo/rand@0.7.3', 'pkg:cargo/rand@0.8.5', 'pkg:cargo/serde@1.0.200'],
    });
  });

  it('v2 and v1: checksums from the [metadata] table; v1 "name version (source)" dependencies and [root]', () => {
    const text = `[root]
name = "app"
version = "0.1.0"
dependencies = [
 "serde 1.0.200 (${CRATES})",
]

[[package]]
name = "serde"
version = "1.0.200"
source = "${CRATES}"
dependencies = [
 "serde_derive 1.0.200 (${CRATES})",
]

[[package]]
name = "serde_derive"
version = "1.0.200"
source = "${CRATES}"

[[package]]
name = "git-dep"
version = "0.1.0"
source = "git+https://github.com/org/git-dep#abc"

[metadata]
"checksum serde 1.0.200 (${CRATES})" = "${SHA256_A}"
"checksum serde_derive 1.0.200 (${CRATES})" = "${SHA256_B}"
"checksum git-dep 0.1.0 (git+https://github.com/org/git-dep#abc)" = "<none>"
`;
    const v1 = parseCargoLock(text, 'Cargo.lock');
    expect(v1.format).toBe('Cargo.lock v1');
    expect(hashesOf(v1)).toEqual({
      'serde@1.0.200': [{ alg: 'SHA-256', content: SHA256_A }],
      'serde_derive@1.0.200': [{ alg: 'SHA-256', content: 'b'.repeat(64) }],
      'git-dep@0.1.0': undefined,
    });
    expect(graph(v1)).toEqual({
      'serde@1.0.200': ['serde_derive@1.0.200'],
      'serde_derive@1.0.200': [],
      'git-dep@0.1.0': [],
    });
    expect(v1.root).toEqual({ name: 'app', version: '0.1.0', dependsOn: ['pkg:cargo/serde@1.0.200'] });
    expect(v1.components.find((c) => c.name === 'serde')?.direct).toBe(true);

    // A v2-style file (no `version`, minimal dependency strings) with its checksums in [metadata].
    const v2 = parseCargoLock(
      `[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["serde"]\n\n[[package]]\nname = "serde"\nversion = "1.0.200"\nsource = "${CRATES}"\n\n[metadata]\n"checksum serde 1.0.200 (${CRATES})" = "${SHA256_B}"\n`,
      'Cargo.lock',
    );
    expect(v2.components[0]?.hashes).toEqual([{ alg: 'SHA-256', content: 'b'.repeat(64) }]);
    expect(v2.root).toEqual({ name: 'app', version: '0.1.0', dependsOn: ['pkg:cargo/serde@1.0.200'] });
  });

  it('a virtual workspace: the member named like the folder, else no root; no workspace crate, no root', () => {
    const text = `version = 4

[[package]]
name = "cli"
version = "1.0.0"
dependencies = ["serde"]

[[package]]
name = "tools"
version = "2.0.0"
dependencies = ["serde"]

[[package]]
name = "serde"
version = "1.0.200"
source = "${CRATES}"
`;
    expect(parseCargoLock(text, 'tools/Cargo.lock').root?.name).toBe('tools');
    // Two crates nobody depends on and none named like the folder: which is the project? Not said.
    const virtual = parseCargoLock(text, 'Cargo.lock');
    expect(virtual.root).toBeUndefined();
    expect(virtual.components[0]?.direct).toBe(true);
    const none = parseCargoLock(
      `version = 4\n\n[[package]]\nname = "serde"\nversion = "1.0.200"\nsource = "${CRATES}"\n`,
      'Cargo.lock',
    );
    expect(none.root).toBeUndefined();
    expect(none.components[0]?.dependsOn).toEqual([]);
  });
});

describe('composer.lock', () => {
  const lock = JSON.stringify({
    packages: [
      {
        name: 'acme/app-lib',
        version: 'v1.0.0',
        dist: { type: 'zip', shasum: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' },
        require: {
          php: '>=8.1',
          'php-64bit': '*',
          'ext-json': '*',
          'lib-icu': '*',
          'composer-plugin-api': '^2.0',
          'composer-runtime-api': '^2.2',
          'psr/log': '^3',
          'psr/http-client-implementation': '^1',
          'symfony/polyfill-mbstring': '^1',
          'acme/local': '*',
          'acme/not-locked': '^1',
        },
        'require-dev': { 'phpunit/phpunit': '^10' },
      },
      { name: 'psr/log', version: '3.0.0', dist: { type: 'zip', shasum: '' } },
      {
        name: 'guzzlehttp/guzzle',
        version: '7.8.0',
        dist: { type: 'zip', shasum: 'not-hex' },
        provide: { 'psr/http-client-implementation': '1.0' },
      },
      {
        name: 'php-http/curl-client',
        version: '2.3.0',
        provide: { 'psr/http-client-implementation': '1.0' },
      },
      { name: 'symfony/symfony', version: '6.4.0', replace: { 'symfony/polyfill-mbstring': 'self.version' } },
      { name: 'acme/local', version: 'dev-main', dist: { type: 'path', url: '../local' } },
    ],
    'packages-dev': [{ name: 'phpunit/phpunit', version: '10.5.0', require: { 'psr/log': '^3' } }],
  });

  it('dist.shasum as SHA-1 (empty skipped); require edges; platform requirements skipped', () => {
    const p = parseComposerLock(lock, 'composer.lock');
    expect(hashesOf(p)).toEqual({
      'acme/app-lib@1.0.0': [{ alg: 'SHA-1', content: 'abcdef0123456789abcdef0123456789abcdef01' }],
      'psr/log@3.0.0': undefined, // "shasum": ""
      'guzzlehttp/guzzle@7.8.0': undefined,
      'php-http/curl-client@2.3.0': undefined,
      'symfony/symfony@6.4.0': undefined,
      'phpunit/phpunit@10.5.0': undefined,
    });
    expect(graph(p)).toEqual({
      // php, php-64bit, ext-json, lib-icu, composer-*-api: the platform. acme/local: a path
      // package (the project's own code). acme/not-locked: nothing satisfies it. require-dev of a
      // locked package is not installed. The virtual psr/http-client-implementation: both providers.
      'acme/app-lib@1.0.0': [
        'guzzlehttp/guzzle@7.8.0',
        'php-http/curl-client@2.3.0',
        'psr/log@3.0.0',
        'symfony/symfony@6.4.0',
      ],
      'psr/log@3.0.0': [],
      'guzzlehttp/guzzle@7.8.0': [],
      'php-http/curl-client@2.3.0': [],
      'symfony/symfony@6.4.0': [],
      'phpunit/phpunit@10.5.0': ['psr/log@3.0.0'],
    });
    expect(p.root).toBeUndefined(); // composer.lock alone does not name the project
  });

  it('root from composer.json: name and version, require and require-dev; no name, no root', () => {
    const json = JSON.stringify({
      name: 'acme/app',
      version: '2.1.0',
      require: { php: '^8.1', 'acme/app-lib': '^1' },
      'require-dev': { 'phpunit/phpunit': '^10' },
    });
    expect(parseComposerLock(lock, 'composer.lock', json).root).toEqual({
      name: 'acme/app',
      version: '2.1.0',
      dependsOn: ['pkg:composer/acme/app-lib@v1.0.0', 'pkg:composer/phpunit/phpunit@10.5.0'],
    });
    // A project's composer.json need not have a name: then nothing names the project.
    const unnamed = parseComposerLock(lock, 'web/composer.lock', '{"require": {"psr/log": "^3"}}');
    expect(unnamed.root).toBeUndefined();
    expect(unnamed.components.filter((c) => c.direct).map((c) => c.name)).toEqual(['psr/log']);
    const broken = parseComposerLock(lock, 'composer.lock', '{');
    expect(broken.root).toBeUndefined();
  });
});

describe('Gemfile.lock', () => {
  const text = `PATH
  remote: .
  specs:
    mygem (1.0.0)
      rack (>= 2)

GEM
  remote: https://rubygems.org/
  specs:
    nokogiri (1.16.0)
      mini_portile2 (~> 2.8.2)
      racc (~> 1.4)
    nokogiri (1.16.0-x86_64-linux)
      racc (~> 1.4)
    mini_portile2 (2.8.5)
    rack (3.0.8)
    racc (1.7.3)
    rails-dom-testing (2.2.0)
      nokogiri (>= 1.6)
      bundler
      mygem

PLATFORMS
  ruby
  x86_64-linux

DEPENDENCIES
  mygem!
  nokogiri (~> 1.16)
  rails-dom-testing

CHECKSUMS
  mygem (1.0.0)
  nokogiri (1.16.0) sha256=${'1'.repeat(64)}
  nokogiri (1.16.0-x86_64-linux) sha256=${'2'.repeat(64)}
  mini_portile2 (2.8.5) sha256=${SHA256_B}
  rack (3.0.8) sha256=not-a-digest
  racc (1.7.3) sha512=${'3'.repeat(128)}

BUNDLED WITH
   2.5.3
`;

  it('CHECKSUMS gives SHA-256; a gem locked for two platforms (two files) gets none', () => {
    const p = parseGemfileLock(text, 'Gemfile.lock');
    expect(p.problems).toEqual([]);
    expect(hashesOf(p)).toEqual({
      'nokogiri@1.16.0': undefined,
      'mini_portile2@2.8.5': [{ alg: 'SHA-256', content: 'b'.repeat(64) }],
      'rack@3.0.8': undefined,
      'racc@1.7.3': undefined, // Bundler writes sha256 only: other algorithms are not read
      'rails-dom-testing@2.2.0': undefined,
    });
  });

  it('the six-space lines are the graph (platform variants united; bundler and PATH gems left out)', () => {
    const p = parseGemfileLock(text, 'Gemfile.lock');
    expect(graph(p)).toEqual({
      'nokogiri@1.16.0': ['mini_portile2@2.8.5', 'racc@1.7.3'],
      'mini_portile2@2.8.5': [],
      'rack@3.0.8': [],
      'racc@1.7.3': [],
      'rails-dom-testing@2.2.0': ['nokogiri@1.16.0'],
    });
  });

  it('root: the PATH gem at remote "." with DEPENDENCIES and its own dependencies; else none', () => {
    const p = parseGemfileLock(text, 'Gemfile.lock');
    expect(p.root).toEqual({
      name: 'mygem',
      version: '1.0.0',
      dependsOn: ['pkg:gem/nokogiri@1.16.0', 'pkg:gem/rack@3.0.8', 'pkg:gem/rails-dom-testing@2.2.0'],
    });
    const app = parseGemfileLock(
      'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n\nDEPENDENCIES\n  rack\n',
      'apps/web/Gemfile.lock',
    );
    // An application's Gemfile.lock does not name it: no root, the direct flag says the rest.
    expect(app.root).toBeUndefined();
    expect(app.components[0]?.direct).toBe(true);
  });

  it('a CHECKSUMS line it cannot read is a warning, not a failure', () => {
    const p = parseGemfileLock(
      'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n\nCHECKSUMS\n  rack 3.0.8 sha256=abc\n',
      'Gemfile.lock',
    );
    expect(p.components).toHaveLength(1);
    expect(p.problems).toEqual([
      expect.objectContaining({
        level: 'warning',
        line: 7,
        message: expect.stringContaining('not a checksum'),
      }),
    ]);
  });
});

describe('packages.lock.json', () => {
  const hash = Buffer.alloc(64, 7).toString('base64');
  const text = JSON.stringify({
    version: 1,
    dependencies: {
      'net8.0': {
        App: {
          type: 'Direct',
          requested: '[1.0.0, )',
          resolved: '1.0.0',
          contentHash: hash,
          dependencies: { Lib: '2.0.0', 'Other.Project': '1.0.0', Gone: '1.0.0' },
        },
        lib: { type: 'Transitive', resolved: '2.1.0', contentHash: 'bm90IDY0IGJ5dGVz' },
        'Other.Project': { type: 'Project', dependencies: { Lib: '[2.0.0, )' } },
      },
      'net8.0/linux-x64': {
        Native: {
          type: 'Transitive',
          resolved: '3.0.0',
          dependencies: { Lib: '2.0.0', 'Runtime.X': '1.0.0' },
        },
        'Runtime.X': { type: 'Transitive', resolved: '1.0.0' },
      },
    },
  });

  it('contentHash as hex SHA-512; dependencies to the resolved version, the framework section for a runtime one; no root', () => {
    const p = parseNugetLock(text, 'src/App/packages.lock.json');
    expect(hashesOf(p)).toEqual({
      'App@1.0.0': [{ alg: 'SHA-512', content: '07'.repeat(64) }],
      'lib@2.1.0': undefined, // base64 of 9 bytes: not a SHA-512
      'Native@3.0.0': undefined,
      'Runtime.X@1.0.0': undefined,
    });
    expect(graph(p)).toEqual({
      // Names compare without case; the Project entry is not a component; Gone is not locked.
      'App@1.0.0': ['lib@2.1.0'],
      'lib@2.1.0': [],
      'Native@3.0.0': ['Runtime.X@1.0.0', 'lib@2.1.0'],
      'Runtime.X@1.0.0': [],
    });
    // The .csproj names the project, not the lockfile: no root; Direct entries are direct.
    expect(p.root).toBeUndefined();
    expect(p.components.filter((c) => c.direct).map((c) => c.name)).toEqual(['App']);
  });
});

describe('poetry.lock', () => {
  const text = `[[package]]
name = "CacheControl"
version = "0.14.1"
files = [{file = "cachecontrol-0.14.1-py3-none-any.whl", hash = "sha256:${'a'.repeat(64)}"}]

[package.dependencies]
filelock = {version = ">=3.8.0", optional = true, markers = "extra == \\"filecache\\""}
msgpack = ">=0.5.2,<2.0.0"
Requests = [{version = ">=2.16.0", markers = "python_version >= \\"3.8\\""}, {version = "<2.16", markers = "python_version < \\"3.8\\""}]
not-locked = "*"

[package.extras]
filecache = ["filelock (>=3.8.0)"]

[[package]]
name = "filelock"
version = "3.16.1"
files = []

[[package]]
name = "msgpack"
version = "1.1.0"
files = []

[[package]]
name = "requests"
version = "2.32.3"
files = []

[package.dependencies]
urllib3 = {version = ">=1.21.1", extras = ["socks"]}
local-lib = "*"

[[package]]
name = "urllib3"
version = "2.2.3"
files = []

[package.dependencies]
PySocks = {version = ">=1.5.6", optional = true, markers = "extra == \\"socks\\""}
zstandard = {version = ">=0.18.0", optional = true, markers = "extra == \\"zstd\\""}

[package.extras]
socks = ["pysocks (>=1.5.6,!=1.5.7,<2.0)"]
zstd = ["zstandard (>=0.18.0)"]

[[package]]
name = "pysocks"
version = "1.7.1"
files = []

[[package]]
name = "zstandard"
version = "0.23.0"
files = []

[[package]]
name = "local-lib"
version = "0.1.0"
files = []

[package.source]
type = "directory"
url = "../local-lib"

[metadata]
lock-version = "2.0"
python-versions = "^3.9"
content-hash = "x"
`;

  it('dependencies by PEP 503 name; optional ones when their extra is asked for; no hashes', () => {
    const p = parsePoetryLock(text, 'poetry.lock');
    expect(graph(p)).toEqual({
      // filelock: optional, extra "filecache", which nothing in the lock asks for. not-locked: none.
      'CacheControl@0.14.1': ['msgpack@1.1.0', 'requests@2.32.3'],
      'filelock@3.16.1': [],
      'msgpack@1.1.0': [],
      // local-lib is a directory package: not a component.
      'requests@2.32.3': ['urllib3@2.2.3'],
      // requests asks for urllib3[socks]: PySocks is in; zstandard (extra "zstd") is not.
      'urllib3@2.2.3': ['pysocks@1.7.1'],
      'pysocks@1.7.1': [],
      'zstandard@0.23.0': [],
    });
    expect(p.components.some((c) => c.hashes !== undefined)).toBe(false);
    expect(p.root).toBeUndefined();
  });

  it('pyproject.toml asks for extras too, and names the root (PEP 621 or Poetry; no name, no root)', () => {
    const pep621 =
      '[project]\nname = "my-app"\nversion = "1.2.0"\ndependencies = ["cachecontrol[FileCache]>=0.14"]\n';
    const p = parsePoetryLock(text, 'poetry.lock', pep621);
    expect(graph(p)['CacheControl@0.14.1']).toEqual(['filelock@3.16.1', 'msgpack@1.1.0', 'requests@2.32.3']);
    expect(p.root).toEqual({ name: 'my-app', version: '1.2.0', dependsOn: ['pkg:pypi/cachecontrol@0.14.1'] });
    const poetry =
      '[tool.poetry]\nname = "tool"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.9"\nurllib3 = { version = "*", extras = ["zstd"] }\n\n[tool.poetry.group.dev.dependencies]\nmsgpack = "*"\n';
    const q = parsePoetryLock(text, 'poetry.lock', poetry);
    expect(graph(q)['urllib3@2.2.3']).toEqual(['pysocks@1.7.1', 'zstandard@0.23.0']);
    expect(q.root).toEqual({
      name: 'tool',
      version: '0.1.0',
      dependsOn: ['pkg:pypi/msgpack@1.1.0', 'pkg:pypi/urllib3@2.2.3'],
    });
    const unnamed = parsePoetryLock(text, 'svc/poetry.lock', '[tool.poetry]\npackage-mode = false\n');
    expect(unnamed.root).toBeUndefined();
  });
});

describe('uv.lock', () => {
  const text = `version = 1
revision = 3
requires-python = ">=3.10"

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "httpx", extra = ["http2"] },
    { name = "member" },
]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[[package]]
name = "member"
version = "0.2.0"
source = { editable = "packages/member" }
dependencies = [{ name = "anyio" }]

[[package]]
name = "httpx"
version = "0.28.1"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "anyio" },
    { name = "idna", version = "3.10", source = { registry = "https://pypi.org/simple" } },
    { name = "missing" },
]
sdist = { url = "https://files/httpx.tar.gz", hash = "sha256:${'a'.repeat(64)}" }

[package.optional-dependencies]
http2 = [{ name = "h2" }]
brotli = [{ name = "brotli" }]

[[package]]
name = "anyio"
version = "4.6.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "member" }]

[[package]]
name = "idna"
version = "3.10"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "idna"
version = "3.10"
source = { registry = "https://mirror.example/simple" }

[[package]]
name = "h2"
version = "4.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "brotli"
version = "1.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.3.3"
source = { registry = "https://pypi.org/simple" }
`;

  it('dependencies and the extras in use; the virtual project at "." is the root', () => {
    const p = parseUvLock(text, 'uv.lock');
    expect(graph(p)).toEqual({
      // idna: the version and the source pick one of the two; missing: no such package; brotli:
      // the extra nobody asks for.
      'httpx@0.28.1': ['anyio@4.6.0', 'h2@4.1.0', 'idna@3.10'],
      'anyio@4.6.0': [], // member is not a component
      'idna@3.10': [],
      'h2@4.1.0': [],
      'brotli@1.1.0': [],
      'pytest@8.3.3': [],
    });
    const httpx = p.components.find((c) => c.name === 'httpx');
    expect(httpx?.hashes).toBeUndefined(); // per-file hashes (sdist, wheels): none is the package's
    // Every member's declared dependencies: httpx (app), pytest (app's dev group), anyio (member).
    expect(p.root).toEqual({
      name: 'app',
      version: '0.1.0',
      dependsOn: ['pkg:pypi/anyio@4.6.0', 'pkg:pypi/httpx@0.28.1', 'pkg:pypi/pytest@8.3.3'],
    });
  });

  it("a script's lock (no project) has no root, and its graph is still read", () => {
    const p = parseUvLock(
      'version = 1\n\n[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "r" }\ndependencies = [{ name = "b" }]\n\n[[package]]\nname = "b"\nversion = "2"\nsource = { registry = "r" }\n',
      'uv.lock',
    );
    expect(p.root).toBeUndefined();
    expect(graph(p)).toEqual({ 'a@1': ['b@2'], 'b@2': [] });
  });
});

describe('the formats without a graph', () => {
  it('requirements.txt: --hash options are per-file hashes, not the component’s; no graph, no root', () => {
    const p = parseRequirementsTxt(
      `flask==3.0.0 \\\n    --hash=sha256:${'a'.repeat(64)} \\\n    --hash=sha256:${'b'.repeat(64)}\n    # via -r requirements.in\n`,
      'requirements.txt',
    );
    expect(p.components).toHaveLength(1);
    expect(p.components[0]).not.toHaveProperty('hashes');
    expect(p.components[0]).not.toHaveProperty('dependsOn');
    expect(p).not.toHaveProperty('root');
  });

  it('Pipfile.lock: per-file hashes skipped, no graph; no root, even with the Pipfile', () => {
    const lock = JSON.stringify({
      _meta: { 'pipfile-spec': 6 },
      default: {
        flask: { version: '==3.0.0', hashes: [`sha256:${'a'.repeat(64)}`] },
        werkzeug: { version: '==3.0.1', hashes: [] },
      },
      develop: { pytest: { version: '==8.0.0' } },
    });
    const alone = parsePipfileLock(lock, 'Pipfile.lock');
    expect(alone.components.some((c) => c.hashes !== undefined || c.dependsOn !== undefined)).toBe(false);
    expect(alone.root).toBeUndefined();
    const withPipfile = parsePipfileLock(
      lock,
      'api/Pipfile.lock',
      '[packages]\nFlask = "*"\n\n[dev-packages]\npytest = "*"\n',
    );
    // The Pipfile does not name the project either; what it lists is direct.
    expect(withPipfile.root).toBeUndefined();
    expect(withPipfile.components.filter((c) => c.direct).map((c) => c.name)).toEqual(['flask', 'pytest']);
  });

  it('Gradle lockfiles: no graph, no hashes, no root', () => {
    const p = parseGradleLockfile('a:b:1.0=runtimeClasspath\nempty=\n', 'gradle.lockfile');
    expect(p.components[0]).not.toHaveProperty('dependsOn');
    expect(p).not.toHaveProperty('root');
  });

  it('go.mod: the module is the root and the direct requires its dependencies; go.sum is not a hash', () => {
    const p = parseGoMod(
      'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.2.0\n\tgithub.com/c/d v0.1.0 // indirect\n)\n',
      'go.mod',
    );
    expect(p.root).toEqual({ name: 'example.com/app', dependsOn: ['pkg:golang/github.com/a/b@v1.2.0'] });
    expect(p.components.some((c) => c.dependsOn !== undefined || c.hashes !== undefined)).toBe(false);
    expect(parseGoMod('go 1.22\n', 'go.mod').root).toBeUndefined();
  });

  it('pom.xml: groupId:artifactId at its version, from the parent when the project does not repeat them', () => {
    const pom = (version: string) => `<project>
  <parent><groupId>org.acme</groupId><artifactId>parent</artifactId><version>3.0.0</version></parent>
  <artifactId>app</artifactId>
  ${version}
  <dependencies>
    <dependency><groupId>com.x</groupId><artifactId>y</artifactId><version>1.0</version></dependency>
    <dependency><groupId>org.acme</groupId><artifactId>sibling</artifactId><version>\${project.version}</version></dependency>
  </dependencies>
</project>`;
    expect(parsePomXml(pom(''), 'pom.xml').root).toEqual({
      name: 'org.acme:app',
      version: '3.0.0',
      dependsOn: ['pkg:maven/com.x/y@1.0'],
    });
    // A version from a property the POM does not define: the root has no version.
    const unresolved = parsePomXml(pom('<version>${revision}</version>'), 'pom.xml');
    expect(unresolved.root).toMatchObject({ name: 'org.acme:app' });
    expect(unresolved.root?.version).toBeUndefined();
    expect(unresolved.components.some((c) => c.dependsOn !== undefined)).toBe(false);
  });
});
