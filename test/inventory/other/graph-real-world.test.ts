// The SBOM fields (hashes, dependsOn, root) of the non-npm parsers over the real lockfiles in
// ../shared/fixtures/real-world/lockfiles. For every file: each dependsOn purl (of a component and of
// the root) names a component of the same manifest, the lists are sorted without repeats, and
// hashes are lower-case hex of their algorithm's length. Then per format: the edge count pinned
// (how it was found without the parser is in the comment), a few edges read off the file text, a
// sample of hashes checked against the file, and, where Python's standard library can read the
// format (tomllib for Cargo.lock, poetry.lock and uv.lock, json for composer.lock and
// packages.lock.json), the whole edge set as a short script resolves it, offline, with a timeout.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ParsedManifest } from '../../../src/inventory/component.js';
import { parseCargoLock } from '../../../src/inventory/cargo.js';
import { parseComposerLock } from '../../../src/inventory/composer.js';
import { parseGemfileLock } from '../../../src/inventory/gemfile.js';
import { parseGoMod } from '../../../src/inventory/go-mod.js';
import { parseGradleLockfile } from '../../../src/inventory/gradle.js';
import { parsePomXml } from '../../../src/inventory/maven.js';
import { parseNugetLock } from '../../../src/inventory/nuget.js';
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
const itPython = HAS_PYTHON ? it : it.skip;

/** Runs a Python script offline on fixtures; its JSON output. */
function python(script: string, ...args: string[]): unknown {
  const out = execFileSync('python3', ['-c', script, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PIP_NO_INDEX: '1', PYTHONDONTWRITEBYTECODE: '1' },
  });
  return JSON.parse(out);
}
const fixture = (rel: string) => path.join(LOCKFILES, rel);

const HASH_LENGTH = { 'SHA-1': 40, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 } as const;

/** What every parsed manifest must satisfy. */
function expectConsistent(parsed: ParsedManifest) {
  expect(parsed.problems.filter((p) => p.level === 'error')).toEqual([]);
  const purls = new Set(parsed.components.map((c) => c.purl));
  const lists = [
    ...parsed.components.map((c) => c.dependsOn),
    ...(parsed.root === undefined ? [] : [parsed.root.dependsOn]),
  ];
  for (const list of lists) {
    if (list === undefined) continue;
    expect(list.filter((p) => !purls.has(p))).toEqual([]);
    expect(list).toEqual([...new Set(list)].sort());
  }
  for (const c of parsed.components) {
    expect(c.dependsOn ?? []).not.toContain(c.purl);
    for (const h of c.hashes ?? [])
      expect(h.content).toMatch(new RegExp(`^[0-9a-f]{${HASH_LENGTH[h.alg]}}$`));
  }
}

/** `name@version -> name@version` for every edge, sorted. */
function edges(parsed: ParsedManifest): string[] {
  const byPurl = new Map(parsed.components.map((c) => [c.purl, c]));
  const label = (purl: string) => {
    const c = byPurl.get(purl);
    return c === undefined ? purl : `${c.name}@${c.version}`;
  };
  return parsed.components
    .flatMap((c) => (c.dependsOn ?? []).map((to) => `${c.name}@${c.version} -> ${label(to)}`))
    .sort();
}
const edgeCount = (parsed: ParsedManifest) =>
  parsed.components.reduce((n, c) => n + (c.dependsOn?.length ?? 0), 0);
const component = (parsed: ParsedManifest, name: string) => {
  const found = parsed.components.find((c) => c.name === name);
  if (found === undefined) throw new Error(`${name} is not a component`);
  return found;
};
const rootLabels = (parsed: ParsedManifest) => {
  const byPurl = new Map(parsed.components.map((c) => [c.purl, `${c.name}@${c.version}`]));
  return (parsed.root?.dependsOn ?? []).map((p) => byPurl.get(p) ?? p).sort();
};

// --- Cargo.lock --------------------------------------------------------------------------------

// Resolves each `dependencies` entry ("name", "name version", "name version (source)") to the one
// package it names; edges between packages with a source; the workspace crates' (no source)
// registry dependencies; checksums inline or in [metadata].
const CARGO = `
import json, sys, tomllib
d = tomllib.load(open(sys.argv[1], 'rb'))
pk = d.get('package', [])
meta = d.get('metadata', {})
def resolve(dep):
    parts = dep.split(' ', 2)
    name, ver = parts[0], (parts[1] if len(parts) > 1 else None)
    src = parts[2][1:-1] if len(parts) > 2 else None
    c = [p for p in pk if p['name'] == name and ver in (None, p['version']) and src in (None, p.get('source'))]
    return c[0] if len(c) == 1 else None
label = lambda p: p['name'] + '@' + p['version']
edges, root, hashes = set(), set(), {}
for p in pk:
    deps = [q for q in map(resolve, p.get('dependencies', [])) if q is not None and 'source' in q]
    if 'source' not in p:
        root |= {label(q) for q in deps}
        continue
    edges |= {label(p) + ' -> ' + label(q) for q in deps if q is not p}
    h = p.get('checksum') or meta.get('checksum %s %s (%s)' % (p['name'], p['version'], p['source']))
    if h: hashes[label(p)] = h
print(json.dumps({'edges': sorted(edges), 'root': sorted(root), 'hashes': hashes}))
`;

describeRealWorld('Cargo.lock: checksums, graph and workspace root (real files)', () => {
  const cases: [string, string, string, number, number][] = [
    // [fixture, root version (the `version` of ripgrep's [[package]]), edges, root edges]. Edge
    // counts: the dependency lines of the registry packages (`dependencies = [` lists under a
    // `source` line, one crate a line); tomllib's set below is the same.
    ['rust/ripgrep-cargo-lock-pre-v3/Cargo.lock', '13.0.0', 'Cargo.lock v2', 64, 29],
    ['rust/ripgrep-cargo-lock-v3/Cargo.lock', '14.1.1', 'Cargo.lock v3', 70, 27],
    ['rust/ripgrep-cargo-lock-v4/Cargo.lock', '15.2.0', 'Cargo.lock v4', 66, 29],
  ];

  it.each(cases)('%s', (rel, version, format, count, rootCount) => {
    const parsed = parseCargoLock(read(rel), 'Cargo.lock');
    expect(parsed.format).toBe(format);
    expectConsistent(parsed);
    expect(edgeCount(parsed)).toBe(count);
    // Every registry crate has a checksum; ripgrep is the workspace crate no other one depends on.
    expect(parsed.components.every((c) => c.hashes?.length === 1 && c.hashes[0]?.alg === 'SHA-256')).toBe(
      true,
    );
    expect(parsed.root).toMatchObject({ name: 'ripgrep', version });
    expect(parsed.root?.dependsOn).toHaveLength(rootCount);
  });

  it('v4: edges and a checksum as the file writes them', () => {
    const parsed = parseCargoLock(read('rust/ripgrep-cargo-lock-v4/Cargo.lock'), 'Cargo.lock');
    // [[package]] aho-corasick 1.1.5: checksum "c982642f…", dependencies = ["memchr"].
    expect(component(parsed, 'aho-corasick')).toMatchObject({
      hashes: [{ alg: 'SHA-256', content: expect.stringMatching(/^c982642f/) }],
      dependsOn: [component(parsed, 'memchr').purl],
    });
    const text = read('rust/ripgrep-cargo-lock-v4/Cargo.lock');
    const block = /\[\[package\]\]\nname = "aho-corasick"\n[^[]*checksum = "([0-9a-f]{64})"/.exec(text);
    expect(component(parsed, 'aho-corasick').hashes?.[0]?.content).toBe(block?.[1]);
    // ripgrep's own crates (grep, ignore…) are not components: the root depends on what they need.
    expect(rootLabels(parsed)).toContain('memchr@2.8.3');
    expect(parsed.components.find((c) => c.name === 'grep')).toBeUndefined();
  });

  itPython.each(cases)('%s: the edge set, root and checksums tomllib reads', (rel) => {
    const parsed = parseCargoLock(read(rel), 'Cargo.lock');
    const py = python(CARGO, fixture(rel)) as {
      edges: string[];
      root: string[];
      hashes: Record<string, string>;
    };
    expect(edges(parsed)).toEqual(py.edges);
    expect(rootLabels(parsed)).toEqual(py.root);
    expect(
      Object.fromEntries(parsed.components.map((c) => [`${c.name}@${c.version}`, c.hashes?.[0]?.content])),
    ).toEqual(py.hashes);
  });
});

// --- poetry.lock and uv.lock -------------------------------------------------------------------

// poetry.lock: [package.dependencies] by PEP 503 name; an optional dependency only when an extra
// that lists it ([package.extras], or an `extra == "…"` marker) is asked for, by pyproject.toml
// (argv[2], when given) or by a dependency in force; repeated until nothing changes.
const POETRY = `
import json, re, sys, tomllib
from pip._vendor.packaging.requirements import Requirement
norm = lambda n: re.sub(r'[-_.]+', '-', n).lower()
pk = tomllib.load(open(sys.argv[1], 'rb')).get('package', [])
comp = {id(p) for p in pk if p.get('source', {}).get('type') not in ('directory', 'file')}
named = {}
for p in pk: named.setdefault(norm(p['name']), []).append(p)
wanted = {}
def ask(name, extras):
    for q in named.get(norm(name), []): wanted.setdefault(id(q), set()).update(norm(e) for e in extras)
items = lambda v: v if isinstance(v, list) else [v]
if len(sys.argv) > 2:
    py = tomllib.load(open(sys.argv[2], 'rb'))
    poetry = py.get('tool', {}).get('poetry', {})
    tables = [poetry.get('dependencies', {}), poetry.get('dev-dependencies', {})]
    tables += [g.get('dependencies', {}) for g in poetry.get('group', {}).values()]
    for t in tables:
        for n, v in t.items():
            for i in items(v):
                if isinstance(i, dict): ask(n, i.get('extras', []))
    project = py.get('project', {})
    reqs = project.get('dependencies', []) + [r for l in project.get('optional-dependencies', {}).values() for r in l]
    reqs += [r for l in py.get('dependency-groups', {}).values() for r in l if isinstance(r, str)]
    for r in reqs:
        req = Requirement(r)
        ask(req.name, req.extras)
def listing(p, name, spec):
    out = {norm(e) for e, rs in p.get('extras', {}).items() if any(norm(re.match(r'[A-Za-z0-9._-]+', r).group(0)) == norm(name) for r in rs)}
    for i in items(spec):
        if isinstance(i, dict): out |= {norm(e) for e in re.findall(r'extra\\s*==\\s*["\\']([^"\\']+)', i.get('markers', ''))}
    return out
active = {id(p): set() for p in pk}
changed = True
while changed:
    changed = False
    for p in pk:
        for n, spec in p.get('dependencies', {}).items():
            if norm(n) in active[id(p)]: continue
            optional = all(isinstance(i, dict) and i.get('optional') for i in items(spec))
            if optional and not listing(p, n, spec) & wanted.get(id(p), set()): continue
            active[id(p)].add(norm(n))
            changed = True
            for i in items(spec):
                if isinstance(i, dict): ask(n, i.get('extras', []))
label = lambda p: p['name'] + '@' + p['version']
edges = {label(p) + ' -> ' + label(q) for p in pk if id(p) in comp for n in active[id(p)] for q in named.get(n, []) if id(q) in comp and q is not p}
print(json.dumps(sorted(edges)))
`;

// uv.lock: each package's dependencies by name (and version, and source, when written), to
// packages that are not the project or local; optional dependencies of packages other than the
// project only when an edge asks for that extra (the flask lock has none: the script says so).
const UV = `
import json, sys, tomllib
pk = tomllib.load(open(sys.argv[1], 'rb'))['package']
own = lambda p: bool(set(p.get('source', {})) & {'editable', 'virtual', 'directory', 'path'})
assert not any('optional-dependencies' in p for p in pk if not own(p)), 'extras of dependencies: extend the script'
def targets(ref):
    c = [p for p in pk if p['name'] == ref['name'] and ref.get('version') in (None, p.get('version'))]
    if len(c) > 1 and 'source' in ref: c = [p for p in c if p.get('source') == ref['source']]
    return c
label = lambda p: p['name'] + '@' + p['version']
edges = {label(p) + ' -> ' + label(q) for p in pk if not own(p) for r in p.get('dependencies', []) for q in targets(r) if not own(q)}
print(json.dumps(sorted(edges)))
`;

describeRealWorld('poetry.lock and uv.lock: graph and root (real files)', () => {
  const poetryCases: [string, string | undefined, number][] = [
    // [lockfile, pyproject.toml, edges]. Counts: the entries of the [package.dependencies] tables
    // (78, 61, 83, 84 in the four files), less the one in 1.1 that names no locked package
    // (poetry-plugin-export's `poetry`: the project itself, which is not in its own lock), less
    // the `optional = true` ones whose extra nobody asks for (grep 'optional = true': 3, 3, 5, 5).
    // Only `coverage`'s tomli is asked for by the lock itself (pytest-cov: extras = ["toml"]);
    // pyproject.toml asks for cachecontrol[filecache] and pytest-xdist[psutil] (and, in base and
    // head, pbs-installer[download,install]), which turns the others on. tomllib's set agrees.
    ['python/poetry-poetry-lock-v1.1/poetry.lock', undefined, 75],
    ['python/poetry-poetry-lock-v1.1/poetry.lock', 'python/poetry-poetry-lock-v1.1/pyproject.toml', 77],
    ['python/poetry-poetry-lock-v2.0/poetry.lock', undefined, 59],
    ['python/poetry-poetry-lock-v2.0/poetry.lock', 'python/poetry-poetry-lock-v2.0/pyproject.toml', 61],
    ['pairs/python-poetry-poetry/base/poetry.lock', undefined, 79],
    ['pairs/python-poetry-poetry/base/poetry.lock', 'pairs/python-poetry-poetry/base/pyproject.toml', 83],
    ['pairs/python-poetry-poetry/head/poetry.lock', 'pairs/python-poetry-poetry/head/pyproject.toml', 84],
  ];
  const parsePoetry = (lock: string, pyproject: string | undefined) =>
    parsePoetryLock(read(lock), 'poetry.lock', pyproject === undefined ? undefined : read(pyproject));

  it.each(poetryCases)('%s with %s', (lock, pyproject, count) => {
    const parsed = parsePoetry(lock, pyproject);
    expectConsistent(parsed);
    expect(edgeCount(parsed)).toBe(count);
    // poetry.lock's hashes are per distribution file: none is the component's.
    expect(parsed.components.some((c) => c.hashes !== undefined)).toBe(false);
    expect(parsed.components.every((c) => c.dependsOn !== undefined)).toBe(true);
    if (pyproject === undefined) expect(parsed.root).toBeUndefined();
    else expect(parsed.root?.name).toBe('poetry');
  });

  itPython.each(poetryCases)('%s with %s: the edge set tomllib reads', (lock, pyproject) => {
    const parsed = parsePoetry(lock, pyproject);
    const args = pyproject === undefined ? [fixture(lock)] : [fixture(lock), fixture(pyproject)];
    expect(edges(parsed)).toEqual(python(POETRY, ...args));
  });

  it('poetry.lock 2.0: edges from the file, an extra asked for by pyproject.toml', () => {
    const rel = 'python/poetry-poetry-lock-v2.0';
    const alone = parsePoetry(`${rel}/poetry.lock`, undefined);
    const withProject = parsePoetry(`${rel}/poetry.lock`, `${rel}/pyproject.toml`);
    // [package.dependencies] of cachecontrol 0.14.1: filelock (optional, extra "filecache"),
    // msgpack, requests. pyproject.toml asks for `cachecontrol = { …, extras = ["filecache"] }`.
    const names = (p: ParsedManifest, n: string) =>
      (component(p, n).dependsOn ?? []).map((purl) => purl.replace(/^pkg:pypi\/|@.*$/g, ''));
    expect(names(alone, 'cachecontrol')).toEqual(['msgpack', 'requests']);
    expect(names(withProject, 'cachecontrol')).toEqual(['filelock', 'msgpack', 'requests']);
    // coverage's tomli (extra "toml") is asked for by pytest-cov's `coverage = {…, extras = ["toml"]}`.
    expect(names(alone, 'coverage')).toEqual(['tomli']);
    expect(withProject.root).toMatchObject({ name: 'poetry', version: '2.0.0.dev0' });
    // pyproject.toml declares 36 packages besides python (its dependency tables), all locked.
    expect(withProject.root?.dependsOn).toHaveLength(36);
    expect(rootLabels(withProject)).toContain('cachecontrol@0.14.1');
  });

  it('uv.lock: graph from `dependencies`, the project as root', () => {
    const parsed = parseUvLock(read('python/flask-uv-lock/uv.lock'), 'uv.lock');
    expectConsistent(parsed);
    // The dependency entries of the 82 packages other than flask (tomllib below agrees).
    expect(edgeCount(parsed)).toBe(135);
    expect(parsed.components.some((c) => c.hashes !== undefined)).toBe(false);
    // jinja2: dependencies = [{ name = "markupsafe" }].
    expect(component(parsed, 'jinja2').dependsOn).toEqual([component(parsed, 'markupsafe').purl]);
    // sphinx-tabs names sphinx at both locked versions (by version and marker).
    expect(
      component(parsed, 'sphinx-tabs').dependsOn?.filter((p) => p.startsWith('pkg:pypi/sphinx@')),
    ).toEqual(['pkg:pypi/sphinx@8.1.3', 'pkg:pypi/sphinx@8.2.3']);
    expect(parsed.root).toMatchObject({ name: 'flask', version: '3.2.0.dev0' });
    // flask's 6 dependencies, 2 extras and its dev groups, as the `direct` flags.
    expect(parsed.root?.dependsOn).toEqual(
      parsed.components
        .filter((c) => c.direct)
        .map((c) => c.purl)
        .sort(),
    );
    expect(parsed.root?.dependsOn).toHaveLength(28);
  });

  itPython('uv.lock: the edge set tomllib reads', () => {
    const parsed = parseUvLock(read('python/flask-uv-lock/uv.lock'), 'uv.lock');
    expect(edges(parsed)).toEqual(python(UV, fixture('python/flask-uv-lock/uv.lock')));
  });
});

// --- JSON lockfiles ----------------------------------------------------------------------------

const COMPOSER = `
import json, sys
d = json.load(open(sys.argv[1]))
pk = [p for p in d['packages'] + d['packages-dev'] if p.get('dist', {}).get('type') != 'path']
def by(key):
    m = {}
    for p in pk:
        for n in (p.get(key) or {}) if key else [p['name']]: m.setdefault(n.lower(), []).append(p)
    return m
named, replacing, providing = by(None), by('replace'), by('provide')
ver = lambda v: v[1:] if v[:1] == 'v' and v[1:2].isdigit() else v
label = lambda p: p['name'] + '@' + ver(p['version'])
sat = lambda r: [] if '/' not in r else named.get(r.lower()) or replacing.get(r.lower()) or providing.get(r.lower()) or []
edges = {label(p) + ' -> ' + label(q) for p in pk for r in p.get('require', {}) for q in sat(r) if q is not p}
print(json.dumps(sorted(edges)))
`;

const NUGET = `
import base64, json, sys
d = json.load(open(sys.argv[1], encoding='utf-8-sig'))['dependencies']
edges, hashes = set(), {}
for section, pk in d.items():
    low = {k.lower(): (k, v) for k, v in pk.items()}
    base = {k.lower(): (k, v) for k, v in d.get(section.split('/')[0], {}).items()}
    for name, e in pk.items():
        if e['type'] == 'Project': continue
        hashes[name + '@' + e['resolved']] = base64.b64decode(e['contentHash']).hex()
        for dep in e.get('dependencies', {}):
            t = low.get(dep.lower()) or base.get(dep.lower())
            if t and t[1]['type'] != 'Project': edges.add(name + '@' + e['resolved'] + ' -> ' + t[0] + '@' + t[1]['resolved'])
print(json.dumps({'edges': sorted(edges), 'hashes': hashes}))
`;

describeRealWorld('composer.lock and packages.lock.json: hashes, graph and root (real files)', () => {
  const composerLock = 'php/composer-composer-lock/composer.lock';

  it('composer.lock: `require` edges; no hashes (every dist.shasum is empty); root from composer.json', () => {
    const alone = parseComposerLock(read(composerLock), 'composer.lock');
    expectConsistent(alone);
    // The `require` entries with a vendor/ part of the 36 packages (python json below agrees).
    expect(edgeCount(alone)).toBe(28);
    expect(read(composerLock).match(/"shasum": ""/g)).toHaveLength(36);
    expect(alone.components.some((c) => c.hashes !== undefined)).toBe(false);
    expect(alone.root).toBeUndefined();
    // symfony/console 5.4.47 requires php, symfony/deprecation-contracts, symfony/polyfill-mbstring,
    // symfony/polyfill-php73, symfony/polyfill-php80, symfony/service-contracts, symfony/string:
    // php is the platform, not a package.
    expect((component(alone, 'symfony/console').dependsOn ?? []).map((p) => p.replace(/@.*$/, ''))).toEqual([
      'pkg:composer/symfony/deprecation-contracts',
      'pkg:composer/symfony/polyfill-mbstring',
      'pkg:composer/symfony/polyfill-php73',
      'pkg:composer/symfony/polyfill-php80',
      'pkg:composer/symfony/service-contracts',
      'pkg:composer/symfony/string',
    ]);
    const withJson = parseComposerLock(
      read(composerLock),
      'composer.lock',
      read('php/composer-composer-lock/composer.json'),
    );
    expectConsistent(withJson);
    // composer.json: "name": "composer/composer", no version; 21 + 6 packages required.
    expect(withJson.root).toMatchObject({ name: 'composer/composer' });
    expect(withJson.root?.version).toBeUndefined();
    expect(withJson.root?.dependsOn).toHaveLength(27);
  });

  itPython('composer.lock: the edge set python json reads', () => {
    const parsed = parseComposerLock(read(composerLock), 'composer.lock');
    expect(edges(parsed)).toEqual(python(COMPOSER, fixture(composerLock)));
  });

  const nugetLock = 'dotnet/bicep-core-packages-lock/packages.lock.json';

  it('packages.lock.json: contentHash as hex SHA-512, edges to the resolved versions, no root', () => {
    const parsed = parseNugetLock(read(nugetLock), 'src/Bicep.Core/packages.lock.json');
    expectConsistent(parsed);
    // Distinct edges over the 8 sections (python json below agrees).
    expect(edgeCount(parsed)).toBe(208);
    expect(parsed.components.every((c) => c.hashes?.[0]?.alg === 'SHA-512')).toBe(true);
    // "Azure.Bicep.Types": contentHash "TDnw+a21…", dependencies { "System.Text.Json": "8.0.5" },
    // which resolves to the 9.0.2 the net8.0 section locks.
    const types = component(parsed, 'Azure.Bicep.Types');
    expect(types.hashes?.[0]?.content).toBe(
      Buffer.from(
        'TDnw+a21qLw5Q89FxhZZYuNBIMCiT0n4Eq+bfpgrKn7vjHSyVKOc/3ipKsqHkifHqGEXx3++DY23FC8PmKHg7Q==',
        'base64',
      ).toString('hex'),
    );
    expect(types.dependsOn).toEqual(['pkg:nuget/System.Text.Json@9.0.2']);
    // The lockfile does not name its project (Bicep.Core.csproj beside it does): no root. The
    // Direct entries are the components marked direct: 34 Direct entries over 8 sections, 29
    // distinct packages.
    expect(parsed.root).toBeUndefined();
    expect(parsed.components.filter((c) => c.direct)).toHaveLength(29);
  });

  itPython('packages.lock.json: the edge set and hashes python json reads', () => {
    const parsed = parseNugetLock(read(nugetLock), 'packages.lock.json');
    const py = python(NUGET, fixture(nugetLock)) as { edges: string[]; hashes: Record<string, string> };
    expect(edges(parsed)).toEqual(py.edges);
    const ours = Object.fromEntries(
      parsed.components.map((c) => [`${c.name}@${c.version}`, c.hashes?.[0]?.content]),
    );
    // NuGet names compare without case: the lockfile's sections write each name one way here.
    expect(ours).toEqual(py.hashes);
  });
});

// --- Gemfile.lock, go.mod, pom.xml and the formats without a graph ----------------------------

describeRealWorld('Gemfile.lock, go.mod, pom.xml, and the formats without a graph (real files)', () => {
  it('devise Gemfile.lock: the six-space lines are the graph, the gemspec is the root', () => {
    const text = read('ruby/devise-gemfile-lock/Gemfile.lock');
    const parsed = parseGemfileLock(text, 'Gemfile.lock');
    expectConsistent(parsed);
    // A plain line scan of the GEM section: each spec's six-space lines naming a GEM spec.
    const gem = text.split('\nGEM\n')[1]?.split('\n\n')[0] ?? '';
    const specs = new Map([...gem.matchAll(/^ {4}(\S+) \(([^)]+)\)$/gm)].map((m) => [m[1], m[2]]));
    const scanned: string[] = [];
    let from: string | undefined;
    for (const line of gem.split('\n')) {
      const spec = /^ {4}(\S+) \(([^)]+)\)$/.exec(line);
      if (spec) from = `${spec[1]}@${spec[2]}`;
      const dep = /^ {6}(\S+)/.exec(line);
      if (dep?.[1] !== undefined && from !== undefined && specs.has(dep[1])) {
        scanned.push(`${from} -> ${dep[1]}@${specs.get(dep[1])}`);
      }
    }
    expect(edges(parsed)).toEqual(scanned.sort());
    expect(edgeCount(parsed)).toBe(168);
    // actioncable (8.1.3): actionpack, activesupport, nio4r, websocket-driver, zeitwerk.
    expect(component(parsed, 'actioncable').dependsOn).toHaveLength(5);
    // No CHECKSUMS section in this file: no hashes.
    expect(parsed.components.some((c) => c.hashes !== undefined)).toBe(false);
    // PATH `remote: .` devise (5.0.3): the project; DEPENDENCIES (15 GEM gems) and its gemspec's
    // bcrypt, orm_adapter, railties, responders (also in DEPENDENCIES) and warden: 19.
    expect(parsed.root).toMatchObject({ name: 'devise', version: '5.0.3' });
    expect(parsed.root?.dependsOn).toHaveLength(19);
    expect(rootLabels(parsed)).toEqual(
      expect.arrayContaining(['warden@1.2.9', 'bcrypt@3.1.22', 'rails@8.1.3']),
    );
  });

  it.each([
    // [fixture, module line, requires without `// indirect` (grep; etcd less its 4 local replacements)]
    ['go/cli-cli-gomod/go.mod', 'github.com/cli/cli/v2', 47],
    ['go/etcd-server-gomod-replace/go.mod', 'go.etcd.io/etcd/server/v3', 34],
  ])(
    '%s: the module is the root, the direct requires its dependencies; no graph, no hashes',
    (rel, name, count) => {
      const text = read(rel);
      const parsed = parseGoMod(text, 'go.mod');
      expectConsistent(parsed);
      expect(new RegExp(`^module ${name.replace(/\./g, '\\.')}$`, 'm').test(text)).toBe(true);
      expect(parsed.root?.name).toBe(name);
      expect(parsed.root?.version).toBeUndefined();
      expect(parsed.root?.dependsOn).toHaveLength(count);
      expect(parsed.root?.dependsOn).toEqual(
        parsed.components
          .filter((c) => c.direct)
          .map((c) => c.purl)
          .sort(),
      );
      expect(parsed.components.some((c) => c.dependsOn !== undefined || c.hashes !== undefined)).toBe(false);
    },
  );

  it('gson pom.xml: the project at the parent version is the root; no graph', () => {
    const child = parsePomXml(read('java/gson-pom/gson/pom.xml'), 'gson/pom.xml');
    expectConsistent(child);
    // <parent> com.google.code.gson:gson-parent 2.14.1-SNAPSHOT; <artifactId>gson</artifactId>.
    expect(child.root).toEqual({
      name: 'com.google.code.gson:gson',
      version: '2.14.1-SNAPSHOT',
      dependsOn: child.components.map((c) => c.purl).sort(),
    });
    expect(child.root?.dependsOn).toHaveLength(3);
    expect(child.components.some((c) => c.dependsOn !== undefined || c.hashes !== undefined)).toBe(false);
    const withParent = parsePomXml(read('java/gson-pom/gson/pom.xml'), 'gson/pom.xml', [
      read('java/gson-pom/pom.xml'),
    ]);
    expect(withParent.root?.dependsOn).toHaveLength(5);
  });

  it('requirements files, Gradle lockfiles and Pipfile.lock: no graph, no hashes', () => {
    const parsed = [
      // --hash=sha256:… options on every pin: per-file hashes, not the component's.
      parseRequirementsTxt(
        read('python/sigstore-python-requirements-hashes/requirements.txt'),
        'requirements.txt',
      ),
      parseGradleLockfile(read('java/maybe-gradle-lockfile/gradle.lockfile'), 'gradle.lockfile'),
      parsePipfileLock(read('python/pipenv-pipfile-lock/Pipfile.lock'), 'Pipfile.lock'),
    ];
    expect(read('python/sigstore-python-requirements-hashes/requirements.txt')).toContain('--hash=sha256:');
    for (const p of parsed) {
      expectConsistent(p);
      expect(p.components.length).toBeGreaterThan(0);
      expect(p.components.some((c) => c.dependsOn !== undefined || c.hashes !== undefined)).toBe(false);
      expect(p.root).toBeUndefined();
    }
  });

  it('Pipfile.lock with its Pipfile: still no root (neither file names the project)', () => {
    const parsed = parsePipfileLock(
      read('python/pipenv-pipfile-lock/Pipfile.lock'),
      'Pipfile.lock',
      read('python/pipenv-pipfile-lock/Pipfile'),
    );
    expectConsistent(parsed);
    expect(parsed.root).toBeUndefined();
    expect(parsed.components.some((c) => c.direct)).toBe(true);
  });
});

describe('graph-real-world helpers', () => {
  it('expectConsistent fails on a dependsOn purl that is not a component', () => {
    const parsed: ParsedManifest = {
      file: 'x',
      format: 'x',
      ecosystem: 'npm',
      components: [
        {
          ecosystem: 'npm',
          name: 'a',
          version: '1',
          purl: 'pkg:npm/a@1',
          direct: true,
          scope: 'prod',
          manifest: 'x',
          dependsOn: ['pkg:npm/b@1'],
        },
      ],
      unpinned: [],
      problems: [],
    };
    expect(() => {
      expectConsistent(parsed);
    }).toThrow();
  });
});
