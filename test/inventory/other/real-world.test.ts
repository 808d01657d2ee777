// The non-npm parsers over every real lockfile and manifest in ../shared/fixtures/real-world/lockfiles
// (MANIFEST.md there says where each comes from). Each file: no error, the component count pinned
// (the comment says how the number was found without the parser), a line for every component,
// and, where the ecosystem's own tools run here, the same name/version set as they read:
// - Python 3.11 is installed: `tomllib` reads poetry.lock, uv.lock and Cargo.lock, `json` reads
//   Pipfile.lock, composer.lock and packages.lock.json, and pip 23.2's own requirements-file parser
//   (pip._internal.req.req_file.parse_requirements, offline) reads the requirements files.
// - Go is not installed here (`which go` finds nothing), nor Ruby/Bundler, PHP/Composer or .NET:
//   go.mod and Gemfile.lock are checked against counts and the pairs' expected diffs, which the
//   fixture author computed from the files independently. `cargo` is installed but needs the
//   workspace's member crates, which the fixture does not have; `mvn` is installed but cannot
//   resolve the gson build offline (its central-publishing plugin is not in ~/.m2).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { componentKey, type ParsedManifest } from '../../../src/inventory/component.js';
import { parseCargoLock } from '../../../src/inventory/cargo.js';
import { parseComposerLock } from '../../../src/inventory/composer.js';
import { parseGemfileLock } from '../../../src/inventory/gemfile.js';
import { confirmWithGoSum, parseGoMod } from '../../../src/inventory/go-mod.js';
import { parseGradleLockfile } from '../../../src/inventory/gradle.js';
import { parsePomXml } from '../../../src/inventory/maven.js';
import { parseNugetLock } from '../../../src/inventory/nuget.js';
import { otherParserFor } from '../../../src/inventory/other-parsers.js';
import { parsePipfileLock } from '../../../src/inventory/python/pipfile.js';
import { parsePoetryLock } from '../../../src/inventory/python/poetry.js';
import { parseRequirementsTxt } from '../../../src/inventory/python/requirements.js';
import { parseUvLock } from '../../../src/inventory/python/uv.js';
import { describeRealWorld, HAS_REAL_WORLD, REAL_WORLD } from '../../support/real-world.js';

const LOCKFILES = path.join(REAL_WORLD, 'lockfiles');
const read = (rel: string) => readFileSync(path.join(LOCKFILES, rel), 'utf8');

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import tomllib'], { timeout: 20_000, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAS_PYTHON = HAS_REAL_WORLD && hasPython();
if (HAS_REAL_WORLD && !HAS_PYTHON) {
  process.stderr.write(
    'warning: python3 with tomllib is missing: the cross-checks with Python tools are skipped\n',
  );
}
const itPython = HAS_PYTHON ? it : it.skip;

/** Runs a Python script offline on a fixture and returns its JSON output. */
function python(script: string, rel: string): unknown {
  const out = execFileSync('python3', ['-c', script, path.join(LOCKFILES, rel)], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      PIP_NO_INDEX: '1',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      PYTHONDONTWRITEBYTECODE: '1',
    },
  });
  return JSON.parse(out);
}

/** `name@version` for a set comparison, names compared as the ecosystem compares them. */
function keys(parsed: ParsedManifest): string[] {
  return parsed.components.map((c) => `${componentKey(c.ecosystem, c.name)}@${c.version}`).sort();
}
function pythonKeys(parsed: ParsedManifest, pairs: [string, string][]): string[] {
  return [...new Set(pairs.map(([n, v]) => `${componentKey(parsed.ecosystem, n)}@${v}`))].sort();
}

function expectSound(parsed: ParsedManifest, count: number) {
  expect(parsed.problems.filter((p) => p.level === 'error')).toEqual([]);
  expect(parsed.components).toHaveLength(count);
  for (const c of parsed.components) {
    expect(c.line).toBeGreaterThan(0);
    expect(c.purl).toMatch(/^pkg:[a-z]+\//);
    expect(c.manifest).toBe(parsed.file);
  }
}

// Python one-liners reading the files with the standard library (tomllib, json).
const TOML_PACKAGES = `
import json, sys, tomllib
kind = sys.argv[2]
d = tomllib.load(open(sys.argv[1], 'rb'))
out = []
for p in d.get('package', []):
    src = p.get('source')
    if kind == 'cargo' and src is None: continue
    if kind == 'poetry' and isinstance(src, dict) and src.get('type') in ('directory', 'file'): continue
    if kind == 'uv' and isinstance(src, dict) and set(src) & {'editable', 'virtual', 'directory', 'path'}: continue
    out.append([p['name'], p['version']])
print(json.dumps(out))
`;

function tomlPackages(kind: string, rel: string): [string, string][] {
  const out = execFileSync('python3', ['-c', TOML_PACKAGES, path.join(LOCKFILES, rel), kind], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as [string, string][];
}

const PIP_REQUIREMENTS = `
import json, sys
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
from pip._vendor.packaging.requirements import Requirement
pinned, unpinned = [], []
for r in parse_requirements(sys.argv[1], session=PipSession()):
    if r.is_editable: continue
    try:
        req = Requirement(r.requirement)
    except Exception:
        unpinned.append(r.requirement)
        continue
    specs = [s for s in req.specifier if s.operator in ('==', '===') and not s.version.endswith('.*')]
    if req.url is None and specs: pinned.append([req.name, specs[0].version])
    else: unpinned.append(req.name)
print(json.dumps({'pinned': pinned, 'unpinned': unpinned}))
`;

describeRealWorld('go.mod (real files)', () => {
  // 158: the require lines of go.mod (`awk` over the require blocks; MANIFEST.md says 158). The
  // one replace swaps rogpeppe/go-internal for cli/go-internal, so the count stays.
  it('cli/cli go.mod: 158 modules, the replacement in place of the replaced one', () => {
    const parsed = parseGoMod(read('go/cli-cli-gomod/go.mod'), 'go.mod');
    expectSound(parsed, 158);
    expect(parsed.format).toBe('go.mod (go 1.22.5)');
    expect(parsed.components.find((c) => c.name === 'github.com/rogpeppe/go-internal')).toBeUndefined();
    expect(parsed.components.find((c) => c.name === 'github.com/cli/go-internal')).toMatchObject({
      version: '0.0.0-20241024130215-fa3c22e38b9b',
      purl: 'pkg:golang/github.com/cli/go-internal@v0.0.0-20241024130215-fa3c22e38b9b',
      line: 171,
    });
    // go.sum has a checksum for every module go.mod requires (after the replacement).
    expect(confirmWithGoSum(parsed, read('go/cli-cli-gomod/go.sum')).problems).toEqual([]);
  });

  // 64 require lines (MANIFEST.md) minus the 4 modules replaced by folders of the repository
  // (`=> ../api`, `../client/pkg`, `../client/v3`, `../pkg`): 60.
  it('etcd server go.mod: local replacements are not registry modules', () => {
    const parsed = parseGoMod(read('go/etcd-server-gomod-replace/go.mod'), 'server/go.mod');
    expectSound(parsed, 60);
    expect(parsed.problems).toEqual([]);
    expect(parsed.components.some((c) => c.name.startsWith('go.etcd.io/etcd/'))).toBe(false);
    // 38 requires in the first block have no `// indirect`, minus the 4 local ones.
    expect(parsed.components.filter((c) => c.direct)).toHaveLength(34);
    expect(confirmWithGoSum(parsed, read('go/etcd-server-gomod-replace/go.sum')).problems).toEqual([]);
  });

  // The fixture's expected-diff.txt was computed from the require lines by the fixture author.
  it('cli/cli base → head: the diff expected-diff.txt gives', () => {
    const base = parseGoMod(read('pairs/go-cli-cli/base/go.mod'), 'go.mod');
    const head = parseGoMod(read('pairs/go-cli-cli/head/go.mod'), 'go.mod');
    expectSound(base, 157);
    expectSound(head, 156);
    expect(confirmWithGoSum(base, read('pairs/go-cli-cli/base/go.sum')).problems).toEqual([]);
    expect(confirmWithGoSum(head, read('pairs/go-cli-cli/head/go.sum')).problems).toEqual([]);
    const expected = read('pairs/go-cli-cli/expected-diff.txt');
    const diff = simpleDiff(base, head);
    const tuples = (tag: string) => [
      ...(new RegExp(`^${tag} \\d+ (.*)$`, 'm').exec(expected)?.[1] ?? '').matchAll(
        /\('([^']+)', '([^']+)'(?:, '([^']+)')?\)/g,
      ),
    ];
    expect(diff.added).toEqual(
      tuples('added')
        .map((m) => `${m[1]}@${(m[2] ?? '').slice(1)}`)
        .sort(),
    );
    expect(diff.removed).toEqual(
      tuples('removed')
        .map((m) => `${m[1]}@${(m[2] ?? '').slice(1)}`)
        .sort(),
    );
    expect(diff.changed).toEqual(
      tuples('changed')
        .map((m) => `${m[1]}: ${(m[2] ?? '').slice(1)} → ${(m[3] ?? '').slice(1)}`)
        .sort(),
    );
  });
});

/** Added, removed and changed packages by name (one version per name), sorted. */
function simpleDiff(base: ParsedManifest, head: ParsedManifest) {
  const map = (p: ParsedManifest) => new Map(p.components.map((c) => [componentKey(c.ecosystem, c.name), c]));
  const b = map(base);
  const h = map(head);
  const added = [...h].filter(([k]) => !b.has(k)).map(([, c]) => `${c.name}@${c.version}`);
  const removed = [...b].filter(([k]) => !h.has(k)).map(([, c]) => `${c.name}@${c.version}`);
  const changed = [...h]
    .filter(([k, c]) => b.has(k) && b.get(k)?.version !== c.version)
    .map(([k, c]) => `${c.name}: ${b.get(k)?.version ?? ''} → ${c.version}`);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

describeRealWorld('requirements files (real files)', () => {
  const cases: [string, string, number, number][] = [
    // [fixture, path given to the parser, components, unpinned]. Counts: the `name==version` lines
    // (grep -c '^[A-Za-z0-9].*==' on each file; MANIFEST.md: 32, dev.txt 54, httpx 16 with trustme
    // twice at two versions, starlette 17 requirement lines of which one is
    // `mkdocstrings-python<1.12.0`), and pip's own parser below reads the same pins.
    ['python/sigstore-python-requirements-hashes/requirements.txt', 'install/requirements.txt', 32, 0],
    ['python/httpx-requirements-extras-markers/requirements.txt', 'requirements.txt', 16, 0],
    ['python/starlette-requirements-markers/requirements.txt', 'requirements.txt', 16, 1],
    ['python/flask-requirements-dir-pip-compile/build.txt', 'requirements/build.txt', 3, 0],
    ['python/flask-requirements-dir-pip-compile/dev.txt', 'requirements/dev.txt', 54, 0],
    ['python/flask-requirements-dir-pip-compile/docs.txt', 'requirements/docs.txt', 26, 0],
    ['python/flask-requirements-dir-pip-compile/tests.txt', 'requirements/tests.txt', 6, 0],
    ['python/flask-requirements-dir-pip-compile/tests-min.txt', 'requirements/tests-min.txt', 6, 0],
    // Six branch archives (https://github.com/pallets/…/refs/heads/main.tar.gz): no version.
    ['python/flask-requirements-dir-pip-compile/tests-dev.txt', 'requirements/tests-dev.txt', 0, 6],
    ['python/flask-requirements-dir-pip-compile/typing.txt', 'requirements/typing.txt', 16, 0],
    ['pairs/python-sigstore-python-requirements/base/requirements.txt', 'install/requirements.txt', 41, 0],
    ['pairs/python-sigstore-python-requirements/head/requirements.txt', 'install/requirements.txt', 33, 0],
  ];

  it.each(cases)('%s', (rel, inRepo, count, unpinned) => {
    const parser = otherParserFor(path.posix.basename(inRepo), inRepo);
    expect(parser).toBe(parseRequirementsTxt);
    const parsed = parseRequirementsTxt(read(rel), inRepo);
    expectSound(parsed, count);
    expect(parsed.unpinned).toHaveLength(unpinned);
    expect(parsed.problems).toEqual([]);
  });

  itPython.each(cases)('%s: the pins pip reads', (rel, inRepo) => {
    const parsed = parseRequirementsTxt(read(rel), inRepo);
    const pip = python(PIP_REQUIREMENTS, rel) as { pinned: [string, string][]; unpinned: string[] };
    expect(keys(parsed)).toEqual(pythonKeys(parsed, pip.pinned));
    expect(parsed.unpinned).toHaveLength(pip.unpinned.length);
  });

  it('flask requirements/: scope and direct from the file names and `# via` comments', () => {
    const dev = parseRequirementsTxt(
      read('python/flask-requirements-dir-pip-compile/dev.txt'),
      'requirements/dev.txt',
    );
    expect(dev.components.every((c) => c.scope === 'dev')).toBe(true);
    // `# via -r …/docs.txt` (an included file) → direct; `# via tox` alone → transitive.
    expect(dev.components.find((c) => c.name === 'alabaster')?.direct).toBe(true);
    expect(dev.components.find((c) => c.name === 'cachetools')?.direct).toBe(false);
    const build = parseRequirementsTxt(
      read('python/flask-requirements-dir-pip-compile/build.txt'),
      'requirements/build.txt',
    );
    expect(build.components.every((c) => c.scope === 'prod')).toBe(true);
  });

  it('sigstore base → head: the diff expected-diff.txt gives', () => {
    const rel = 'pairs/python-sigstore-python-requirements';
    const base = parseRequirementsTxt(read(`${rel}/base/requirements.txt`), 'install/requirements.txt');
    const head = parseRequirementsTxt(read(`${rel}/head/requirements.txt`), 'install/requirements.txt');
    const expected = read(`${rel}/expected-diff.txt`);
    const diff = simpleDiff(base, head);
    const tuples = (tag: string) => [
      ...(new RegExp(`^${tag} \\d+ (.*)$`, 'm').exec(expected)?.[1] ?? '').matchAll(
        /\('([^']+)', '([^']+)'(?:, '([^']+)')?\)/g,
      ),
    ];
    expect(diff.added).toEqual(
      tuples('added')
        .map((m) => `${m[1]}@${m[2]}`)
        .sort(),
    );
    expect(diff.removed).toEqual(
      tuples('removed')
        .map((m) => `${m[1]}@${m[2]}`)
        .sort(),
    );
    expect(diff.changed).toEqual(
      tuples('changed')
        .map((m) => `${m[1]}: ${m[2]} → ${m[3]}`)
        .sort(),
    );
  });
});

describeRealWorld('TOML lockfiles (real files)', () => {
  const cases: [string, 'poetry' | 'uv' | 'cargo', number][] = [
    // [[package]] entries, counted by tomllib (MANIFEST.md): poetry 83, 68, 77, 77.
    ['python/poetry-poetry-lock-v1.1/poetry.lock', 'poetry', 83],
    ['python/poetry-poetry-lock-v2.0/poetry.lock', 'poetry', 68],
    ['pairs/python-poetry-poetry/base/poetry.lock', 'poetry', 77],
    ['pairs/python-poetry-poetry/head/poetry.lock', 'poetry', 77],
    // 83 [[package]] entries minus flask itself (`source = { editable = "." }`).
    ['python/flask-uv-lock/uv.lock', 'uv', 82],
    // [[package]] entries with a `source` line: grep -c '^source = "registry+' (55, 58, 52 of
    // 65, 68, 63); the others are ripgrep's own workspace crates.
    ['rust/ripgrep-cargo-lock-pre-v3/Cargo.lock', 'cargo', 55],
    ['rust/ripgrep-cargo-lock-v3/Cargo.lock', 'cargo', 58],
    ['rust/ripgrep-cargo-lock-v4/Cargo.lock', 'cargo', 52],
  ];
  const parse = (kind: string, rel: string): ParsedManifest => {
    const file = path.posix.basename(rel);
    if (kind === 'poetry') return parsePoetryLock(read(rel), file);
    if (kind === 'uv') return parseUvLock(read(rel), file);
    return parseCargoLock(read(rel), file);
  };

  it.each(cases)('%s', (rel, kind, count) => {
    const parsed = parse(kind, rel);
    expectSound(parsed, count);
    expect(parsed.problems).toEqual([]);
  });

  itPython.each(cases)('%s: the packages tomllib reads', (rel, kind) => {
    const parsed = parse(kind, rel);
    expect(keys(parsed)).toEqual(pythonKeys(parsed, tomlPackages(kind, rel)));
  });

  it('poetry.lock 1.1 scopes come from category, 2.1 scopes from groups', () => {
    const v11 = parse('poetry', 'python/poetry-poetry-lock-v1.1/poetry.lock');
    // grep -c 'category = "dev"' → 33
    expect(v11.components.filter((c) => c.scope === 'dev')).toHaveLength(33);
    const v21 = parse('poetry', 'pairs/python-poetry-poetry/base/poetry.lock');
    // 77 packages, 53 with "main" among their groups (grep '^groups = .*"main"' | wc -l).
    expect(v21.components.filter((c) => c.scope === 'prod')).toHaveLength(53);
  });

  it('poetry.lock 2.0 with its pyproject.toml: direct and dev from the declared groups', () => {
    const rel = 'python/poetry-poetry-lock-v2.0';
    const parsed = parsePoetryLock(read(`${rel}/poetry.lock`), 'poetry.lock', read(`${rel}/pyproject.toml`));
    expect(parsed.problems).toEqual([]);
    const get = (n: string) => parsed.components.find((c) => c.name === n);
    expect(get('requests')).toMatchObject({ direct: true, scope: 'prod' });
    expect(get('pytest')).toMatchObject({ direct: true, scope: 'dev' });
    expect(get('mypy')).toMatchObject({ direct: true, scope: 'dev' });
    expect(get('idna')).toMatchObject({ direct: false, scope: 'prod' }); // via requests
  });

  it('poetry base → head: the diff expected-diff.txt gives', () => {
    const rel = 'pairs/python-poetry-poetry';
    const base = parsePoetryLock(read(`${rel}/base/poetry.lock`), 'poetry.lock');
    const head = parsePoetryLock(read(`${rel}/head/poetry.lock`), 'poetry.lock');
    const expected = read(`${rel}/expected-diff.txt`);
    const diff = simpleDiff(base, head);
    const names = (tag: string) =>
      [...(new RegExp(`^${tag} \\d+ (.*)$`, 'm').exec(expected)?.[1] ?? '').matchAll(/'([^']+)'/g)].map(
        (m) => m[1],
      );
    expect(diff.added.map((a) => a.split('@')[0])).toEqual(names('added').sort());
    expect(diff.removed.map((a) => a.split('@')[0])).toEqual(names('removed').sort());
    const changed = [
      ...(/^changed \d+ (.*)$/m.exec(expected)?.[1] ?? '').matchAll(
        /\('([^']+)', \['([^']+)'\], \['([^']+)'\]\)/g,
      ),
    ];
    expect(diff.changed).toEqual(changed.map((m) => `${m[1]}: ${m[2]} → ${m[3]}`).sort());
  });

  it('uv.lock: dev groups of the project are dev, its dependencies and extras prod', () => {
    const parsed = parse('uv', 'python/flask-uv-lock/uv.lock');
    expect(parsed.format).toBe('uv.lock 1 (revision 3)');
    const get = (n: string) => parsed.components.find((c) => c.name === n);
    expect(get('werkzeug')).toMatchObject({ direct: true, scope: 'prod' });
    expect(get('asgiref')).toMatchObject({ direct: true, scope: 'prod' }); // the `async` extra
    expect(get('ruff')).toMatchObject({ direct: true, scope: 'dev' });
    expect(get('markupsafe')).toMatchObject({ scope: 'prod' }); // through jinja2 and werkzeug
    // sphinx is locked at two versions (python_full_version markers): both are components.
    expect(
      parsed.components
        .filter((c) => c.name === 'sphinx')
        .map((c) => c.version)
        .sort(),
    ).toEqual(['8.1.3', '8.2.3']);
  });

  it('Cargo.lock: the crates ripgrep crates depend on are direct', () => {
    const parsed = parse('cargo', 'rust/ripgrep-cargo-lock-v4/Cargo.lock');
    expect(parsed.format).toBe('Cargo.lock v4');
    expect(parsed.components.find((c) => c.name === 'memchr')?.direct).toBe(true);
    expect(parsed.components.find((c) => c.name === 'aho-corasick')).toMatchObject({
      version: '1.1.5',
      purl: 'pkg:cargo/aho-corasick@1.1.5',
      line: 7,
    });
    expect(parse('cargo', 'rust/ripgrep-cargo-lock-pre-v3/Cargo.lock').format).toBe('Cargo.lock v2');
  });
});

describeRealWorld('JSON lockfiles (real files)', () => {
  // default 10 + develop 100 entries (MANIFEST.md), of which 5 packages are in both at the same
  // version (iniconfig, pluggy, pytest, setuptools, typing-extensions): 105.
  it('Pipfile.lock', () => {
    const parsed = parsePipfileLock(read('python/pipenv-pipfile-lock/Pipfile.lock'), 'Pipfile.lock');
    expectSound(parsed, 105);
    expect(parsed.format).toBe('Pipfile.lock 6');
    expect(parsed.components.filter((c) => c.scope === 'prod')).toHaveLength(10);
    const withPipfile = parsePipfileLock(
      read('python/pipenv-pipfile-lock/Pipfile.lock'),
      'Pipfile.lock',
      read('python/pipenv-pipfile-lock/Pipfile'),
    );
    expect(withPipfile.components.find((c) => c.name === 'pytz')).toMatchObject({
      direct: true,
      scope: 'prod',
    });
  });

  // packages 30 + packages-dev 6 (MANIFEST.md).
  it('composer.lock', () => {
    const parsed = parseComposerLock(read('php/composer-composer-lock/composer.lock'), 'composer.lock');
    expectSound(parsed, 36);
    expect(parsed.components.filter((c) => c.scope === 'dev')).toHaveLength(6);
    expect(parsed.components.find((c) => c.name === 'symfony/console')).toMatchObject({
      version: '5.4.47',
      purl: 'pkg:composer/symfony/console@v5.4.47',
      license: 'MIT',
    });
    const withJson = parseComposerLock(
      read('php/composer-composer-lock/composer.lock'),
      'composer.lock',
      read('php/composer-composer-lock/composer.json'),
    );
    // composer.json requires 21 packages (besides php and 3 ext-*) and 6 dev packages.
    expect(withJson.components.filter((c) => c.direct)).toHaveLength(27);
  });

  // Direct 34 + Transitive 323 entries over 8 framework sections (MANIFEST.md); distinct
  // (lower-cased name, resolved) pairs: 127 (python json, below); the Project entry is skipped.
  it('packages.lock.json (CRLF, 8 target frameworks)', () => {
    const parsed = parseNugetLock(
      read('dotnet/bicep-core-packages-lock/packages.lock.json'),
      'src/Bicep.Core/packages.lock.json',
    );
    expectSound(parsed, 127);
    expect(parsed.format).toBe('packages.lock.json v1');
    expect(parsed.components.find((c) => c.name === 'Azure.Bicep.Types')).toMatchObject({
      version: '0.5.110',
      direct: true,
      line: 14,
    });
    expect(parsed.components.find((c) => c.name === 'Azure.Bicep.IO')).toBeUndefined();
  });

  const JSON_SETS = `
import json, sys
kind = sys.argv[2]
d = json.load(open(sys.argv[1], encoding='utf-8-sig'))
out = []
if kind == 'pipfile':
    for sec, pkgs in d.items():
        if sec == '_meta': continue
        out += [[n, p['version'].lstrip('=')] for n, p in pkgs.items() if 'version' in p]
elif kind == 'composer':
    out = [[p['name'], p['version'][1:] if p['version'].startswith('v') else p['version']] for k in ('packages', 'packages-dev') for p in d[k]]
else:
    out = [[n, p['resolved']] for fw in d['dependencies'].values() for n, p in fw.items() if p['type'] != 'Project']
print(json.dumps(out))
`;
  itPython.each([
    ['python/pipenv-pipfile-lock/Pipfile.lock', 'pipfile'],
    ['php/composer-composer-lock/composer.lock', 'composer'],
    ['dotnet/bicep-core-packages-lock/packages.lock.json', 'nuget'],
  ])('%s: the packages Python json reads', (rel, kind) => {
    const parser =
      kind === 'pipfile' ? parsePipfileLock : kind === 'composer' ? parseComposerLock : parseNugetLock;
    const parsed = parser(read(rel), path.posix.basename(rel));
    const out = execFileSync('python3', ['-c', JSON_SETS, path.join(LOCKFILES, rel), kind], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(keys(parsed)).toEqual(pythonKeys(parsed, JSON.parse(out) as [string, string][]));
  });
});

describeRealWorld('Gemfile.lock, Gradle and Maven (real files)', () => {
  // 99 four-space lines (grep -c '^    [^ ]'): 97 in GEM (MANIFEST.md), 1 in GIT, 1 in PATH.
  it('devise Gemfile.lock', () => {
    const parsed = parseGemfileLock(read('ruby/devise-gemfile-lock/Gemfile.lock'), 'Gemfile.lock');
    expectSound(parsed, 97);
    expect(parsed.format).toBe('Gemfile.lock (Bundler 4.0.3)');
    // DEPENDENCIES names 17 gems; devise (PATH) and mongoid (GIT) are not GEM specs. devise is
    // the project's own gem (PATH `remote: .`): what its gemspec needs is direct too, bcrypt,
    // orm_adapter, railties and warden (responders is in DEPENDENCIES already): 15 + 4.
    expect(parsed.components.filter((c) => c.direct)).toHaveLength(19);
    expect(parsed.components.some((c) => c.name === 'devise' || c.name === 'mongoid')).toBe(false);
    expect(parsed.problems).toEqual([expect.objectContaining({ level: 'warning', line: 6 })]);
    // The GEM specs as a plain line scan reads them, independently of the parser.
    const gem = read('ruby/devise-gemfile-lock/Gemfile.lock').split('\nGEM\n')[1]?.split('\n\n')[0] ?? '';
    const specs = [...gem.matchAll(/^ {4}(\S+) \(([^)-]+)/gm)].map((m) => `RubyGems:${m[1]}@${m[2]}`);
    expect(keys(parsed)).toEqual(specs.sort());
  });

  it.each([
    // Coordinate lines (grep -c ':.*:.*='; the `empty=` line has no colon): 99 (MANIFEST.md) and 11.
    ['java/maybe-gradle-lockfile/gradle.lockfile', 'gradle.lockfile', 99, 1],
    ['java/maybe-gradle-lockfile/buildscript-gradle.lockfile', 'buildscript-gradle.lockfile', 11, 0],
    // Legacy per-configuration files: one coordinate a line (grep -vc '^#').
    [
      'java/maybe-gradle-dependency-locks-legacy/compileClasspath.lockfile',
      'gradle/dependency-locks/compileClasspath.lockfile',
      2,
      2,
    ],
    [
      'java/maybe-gradle-dependency-locks-legacy/runtimeClasspath.lockfile',
      'gradle/dependency-locks/runtimeClasspath.lockfile',
      0,
      0,
    ],
    [
      'java/maybe-gradle-dependency-locks-legacy/testRuntimeClasspath.lockfile',
      'gradle/dependency-locks/testRuntimeClasspath.lockfile',
      8,
      0,
    ],
    [
      'java/maybe-gradle-dependency-locks-legacy/buildscript-classpath.lockfile',
      'gradle/dependency-locks/buildscript-classpath.lockfile',
      56,
      0,
    ],
  ])('%s', (rel, inRepo, count, prod) => {
    const parser = otherParserFor(path.posix.basename(inRepo), inRepo);
    expect(parser).toBe(parseGradleLockfile);
    const parsed = parseGradleLockfile(read(rel), inRepo);
    expectSound(parsed, count);
    expect(parsed.problems).toEqual([]);
    expect(parsed.components.filter((c) => c.scope === 'prod')).toHaveLength(prod);
    const coordinates = read(rel)
      .split(/\r?\n/)
      .filter((l) => /^[^#][^:]*:[^:]+:[^=]+/.test(l))
      .map((l) => {
        const [g, a, v] = (l.split('=')[0] ?? '').split(':');
        return `Maven:${g}:${a}@${v}`;
      });
    expect(keys(parsed)).toEqual(coordinates.sort());
  });

  // gson/pom.xml: 7 <dependency> elements (MANIFEST.md), 2 of them inside plugins; of the 5 in
  // <dependencies>, junit and truth take their version from the parent: 3 components, 2 warnings.
  // The root pom.xml: 3 <dependency> elements, 2 in <dependencyManagement> and 1 in a plugin: 0.
  it('gson pom.xml, alone and with its parent', () => {
    const child = parsePomXml(read('java/gson-pom/gson/pom.xml'), 'gson/pom.xml');
    expectSound(child, 3);
    expect(child.problems.map((p) => [p.level, p.line])).toEqual([
      ['warning', 56],
      ['warning', 61],
    ]);
    expect(child.problems[0]?.message).toContain('the effective version needs the parent POM');
    expect(child.components.map((c) => [c.name, c.version, c.scope, c.line])).toEqual([
      ['com.google.errorprone:error_prone_annotations', '2.50.0', 'prod', 50],
      ['com.google.guava:guava-testlib', '33.6.0-jre', 'dev', 66],
      ['com.google.guava:guava', '33.6.0-jre', 'dev', 72],
    ]);
    const root = parsePomXml(read('java/gson-pom/pom.xml'), 'pom.xml');
    expectSound(root, 0);
    expect(root.problems).toEqual([]);
    const withParent = parsePomXml(read('java/gson-pom/gson/pom.xml'), 'gson/pom.xml', [
      read('java/gson-pom/pom.xml'),
    ]);
    expect(withParent.problems).toEqual([]);
    expect(
      withParent.components.filter((c) => c.name === 'junit:junit' || c.name === 'com.google.truth:truth'),
    ).toEqual([
      expect.objectContaining({ version: '4.13.2', scope: 'dev', line: 56 }),
      expect.objectContaining({ version: '1.4.5', scope: 'dev', line: 61 }),
    ]);
  });
});
