/**
 * The real base/head lockfile pairs of ../shared/fixtures/real-world/lockfiles/pairs (each one a
 * real dependency-update commit and its parent), parsed with `parserFor` and diffed with
 * `diffManifests` as the dependency review does, with the ecosystem's version order
 * (`compareVersions`; undefined when it cannot order the two versions).
 *
 * Pinned per pair: the exact version-level changes (added, removed, changed with direction), and
 * the component counts. Checked against the fixtures' own statements: the MANIFEST.md row's
 * `diff: +A (…) -R (…) ~C` and the pair's expected-diff.txt (full lists).
 *
 * MANIFEST.md and expected-diff.txt count distinct package NAMES: a name is "changed" when its
 * set of versions differs. The diff counts VERSIONS: a lockfile may hold one package at several
 * versions (npm nests copies, pnpm and yarn keep one entry per resolved version), and per package
 * the versions only the base has are paired with those only the head has; what is left over is
 * added or removed. So a name that keeps some versions and loses one (minimatch {3.1.2, 5.1.6,
 * 9.0.4} → {3.1.2, 9.0.4}) is "changed" for the MANIFEST and "removed minimatch 5.1.6" here.
 * Derived independently with a Python script over the files (names → set of versions, from
 * package-lock `packages` keys after the last `node_modules/`, pnpm `packages:` keys without the
 * peer suffix, yarn entry headers and their `version:`; versions only on one side paired up):
 *   npm-actions-checkout  +5 −6 ~3 version-level (MANIFEST names: +4 −4 ~6), 531/530 name@version
 *                         (MANIFEST: 558/556 `packages` keys, the same name@version at several paths)
 *   npm-pnpm-vuejs-core   +2 −15 ~9 (names: +2 −13 ~11), 651/638 name@version (586/575 names)
 *   npm-yarn-berry-prettier +1 −3 ~9 (names: +1 −2 ~10), 1072/1070 name@version without the
 *                         `prettier@workspace:.` entry (953/952 names)
 * The Go, Poetry and requirements.txt pairs hold one version per name, so both counts agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { type Component, componentKey, type ParsedManifest } from '../../src/inventory/component.js';
import { type DependencyChange, diffManifests, type VersionCompare } from '../../src/inventory/diff.js';
import { parserFor } from '../../src/inventory/parsers.js';
import { compareVersions } from '../../src/vulns/versions/index.js';
import { describeRealWorld, HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';

const LOCKFILES = path.join(REAL_WORLD, 'lockfiles');
const PAIRS = path.join(LOCKFILES, 'pairs');

const compare: VersionCompare = (ecosystem, a, b) => {
  try {
    return compareVersions(ecosystem, a, b);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
};

interface Expected {
  /** The lockfile of the pair (the other files are package.json, go.sum, pyproject.toml, …: not parsed). */
  lockfile: string;
  format: string;
  components: [base: number, head: number];
  changes: string[];
}

const EXPECTED: Record<string, Expected> = {
  'go-cli-cli': {
    lockfile: 'go.mod',
    format: 'go.mod (go 1.22.0)',
    // require lines: base 157, head 156 (go.sum is not a manifest of its own).
    components: [157, 156],
    changes: [
      'added github.com/go-jose/go-jose/v4 4.0.2',
      'changed github.com/cenkalti/backoff/v4 4.2.1 -> 4.3.0 up',
      'changed github.com/google/certificate-transparency-go 1.1.8 -> 1.2.1 up',
      'changed github.com/google/go-containerregistry 0.19.2 -> 0.20.0 up',
      'changed github.com/letsencrypt/boulder 0.0.0-20230907030200-6d76a0f91e1e -> 0.0.0-20240620165639-de9c06129bec up',
      'changed github.com/sigstore/sigstore 1.8.3 -> 1.8.7 up',
      'changed github.com/sigstore/sigstore-go 0.3.0 -> 0.5.1 up',
      // A pseudo-version (a pre-release of 2.0.0) to the release.
      'changed github.com/theupdateframework/go-tuf/v2 2.0.0-20240223092044-1e7978e83f63 -> 2.0.0 up',
      'changed go.opentelemetry.io/otel 1.24.0 -> 1.27.0 up',
      'changed go.opentelemetry.io/otel/metric 1.24.0 -> 1.27.0 up',
      'changed go.opentelemetry.io/otel/trace 1.24.0 -> 1.27.0 up',
      'changed golang.org/x/crypto 0.23.0 -> 0.25.0 up',
      'changed golang.org/x/exp 0.0.0-20231006140011-7918f672742d -> 0.0.0-20240112132812-db7319d0e0e3 up',
      'changed golang.org/x/mod 0.17.0 -> 0.19.0 up',
      'changed golang.org/x/net 0.25.0 -> 0.26.0 up',
      'changed golang.org/x/sync 0.6.0 -> 0.7.0 up',
      'changed golang.org/x/sys 0.20.0 -> 0.22.0 up',
      'changed golang.org/x/term 0.20.0 -> 0.22.0 up',
      'changed golang.org/x/text 0.15.0 -> 0.16.0 up',
      'changed google.golang.org/genproto/googleapis/api 0.0.0-20240311173647-c811ad7063a7 -> 0.0.0-20240520151616-dc85e6b867a5 up',
      'changed google.golang.org/genproto/googleapis/rpc 0.0.0-20240318140521-94a12d6c2237 -> 0.0.0-20240520151616-dc85e6b867a5 up',
      'changed google.golang.org/grpc 1.62.2 -> 1.64.1 up',
      'removed github.com/golang/protobuf 1.5.4',
      'removed gopkg.in/go-jose/go-jose.v2 2.6.3',
    ],
  },
  'npm-actions-checkout': {
    lockfile: 'package-lock.json',
    format: 'package-lock.json v3',
    // Distinct name@version (558/556 `packages` keys minus '' in MANIFEST.md: nested copies).
    components: [531, 530],
    changes: [
      'added handlebars 4.7.9',
      'added neo-async 2.6.2',
      // type-fest {0.20.2, 0.21.3} → {0.20.2, 0.21.3, 4.41.0}: a name MANIFEST counts as changed.
      'added type-fest 4.41.0',
      'added uglify-js 3.19.3',
      'added wordwrap 1.0.0',
      'changed @vercel/ncc 0.38.4 -> 0.44.0 up',
      'changed prettier 3.3.3 -> 3.8.4 up',
      'changed ts-jest 29.2.5 -> 29.4.11 up',
      'removed async 3.2.6',
      'removed ejs 3.1.10',
      'removed filelist 1.0.4',
      'removed jake 10.9.2',
      // minimatch {3.1.2, 5.1.6, 9.0.4} → {3.1.2, 9.0.4}: changed by name.
      'removed minimatch 5.1.6',
      // semver {6.3.1, 7.6.0, 7.6.2, 7.6.3, 7.8.4} → {6.3.1, 7.6.0, 7.6.2, 7.8.4}: changed by name.
      'removed semver 7.6.3',
    ],
  },
  'npm-pnpm-vuejs-core': {
    lockfile: 'pnpm-lock.yaml',
    format: 'pnpm-lock.yaml 9.0',
    components: [651, 638],
    changes: [
      'added @simple-libs/normalize-package-data 1.0.0',
      'added argue-cli 3.1.0',
      'changed @conventional-changelog/git-client 2.7.0 -> 3.1.0 up',
      'changed @simple-libs/child-process-utils 1.0.2 -> 2.0.0 up',
      'changed @simple-libs/hosted-git-info 1.0.2 -> 2.0.0 up',
      'changed @simple-libs/stream-utils 1.2.0 -> 2.0.0 up',
      'changed conventional-changelog 7.2.1 -> 8.1.0 up',
      'changed conventional-changelog-preset-loader 5.0.0 -> 6.0.1 up',
      'changed conventional-changelog-writer 8.4.0 -> 9.2.0 up',
      'changed conventional-commits-filter 5.0.0 -> 6.0.1 up',
      'changed conventional-commits-parser 6.4.0 -> 7.1.0 up',
      'removed @types/normalize-package-data 2.4.4',
      'removed handlebars 4.7.8',
      'removed hosted-git-info 8.1.0',
      'removed meow 13.2.0',
      'removed neo-async 2.6.2',
      'removed normalize-package-data 7.0.1',
      // postcss {8.5.15, 8.5.19} → {8.5.19}: changed by name.
      'removed postcss 8.5.15',
      // semver {7.8.4, 7.8.5} → {7.8.5}: changed by name.
      'removed semver 7.8.4',
      'removed spdx-correct 3.2.0',
      'removed spdx-exceptions 2.5.0',
      'removed spdx-expression-parse 3.0.1',
      'removed spdx-license-ids 3.0.18',
      'removed uglify-js 3.19.1',
      'removed validate-npm-package-license 3.0.4',
      'removed wordwrap 1.0.0',
    ],
  },
  'npm-yarn-berry-prettier': {
    lockfile: 'yarn.lock',
    format: 'yarn.lock berry v8',
    // Entries with a version, without the workspace's own `prettier@workspace:.` (953/952 names).
    components: [1072, 1070],
    changes: [
      'added @types/esrecurse 4.3.1',
      'changed @eslint/config-array 0.21.1 -> 0.23.2 up',
      'changed @eslint/config-helpers 0.4.2 -> 0.5.2 up',
      'changed @eslint/core 0.17.0 -> 1.1.0 up',
      'changed @eslint/js 9.39.2 -> 10.0.1 up',
      'changed @eslint/object-schema 2.1.7 -> 3.0.2 up',
      'changed @eslint/plugin-kit 0.4.1 -> 0.6.0 up',
      'changed eslint 9.39.2 -> 10.0.2 up',
      'changed eslint-plugin-compat 6.1.0 -> 7.0.1 up',
      'changed eslint-scope 8.4.0 -> 9.1.1 up',
      'removed @eslint/eslintrc 3.3.3',
      // globals {14.0.0, 15.15.0, 16.5.0, 17.3.0} → {15.15.0, 16.5.0, 17.3.0}: changed by name.
      'removed globals 14.0.0',
      'removed lodash.merge 4.6.2',
    ],
  },
  'python-poetry-poetry': {
    lockfile: 'poetry.lock',
    format: 'poetry.lock 2.1',
    components: [77, 77],
    changes: [
      'added librt 0.7.3',
      'changed anyio 4.10.0 -> 4.12.0 up',
      'changed cachecontrol 0.14.3 -> 0.14.4 up',
      // Up in PEP 440 order; as strings, "2025.11.12" sorts before "2025.8.3".
      'changed certifi 2025.8.3 -> 2025.11.12 up',
      'changed cffi 1.17.1 -> 2.0.0 up',
      'changed cfgv 3.4.0 -> 3.5.0 up',
      'changed charset-normalizer 3.4.3 -> 3.4.4 up',
      'changed coverage 7.10.6 -> 7.12.0 up',
      'changed cryptography 43.0.3 -> 46.0.3 up',
      'changed exceptiongroup 1.3.0 -> 1.3.1 up',
      'changed execnet 2.1.1 -> 2.1.2 up',
      'changed filelock 3.19.1 -> 3.20.0 up',
      'changed findpython 0.7.0 -> 0.7.1 up',
      'changed identify 2.6.13 -> 2.6.15 up',
      'changed idna 3.10 -> 3.11 up',
      'changed iniconfig 2.1.0 -> 2.3.0 up',
      'changed keyring 25.6.0 -> 25.7.0 up',
      'changed msgpack 1.1.1 -> 1.1.2 up',
      'changed mypy 1.17.1 -> 1.19.0 up',
      'changed pbs-installer 2025.9.2 -> 2025.12.5 up',
      'changed platformdirs 4.4.0 -> 4.5.1 up',
      'changed pre-commit 4.3.0 -> 4.5.0 up',
      'changed psutil 7.0.0 -> 7.1.3 up',
      'changed pycparser 2.22 -> 2.23 up',
      'changed pytest 8.4.2 -> 9.0.2 up',
      'changed pytest-cov 6.2.1 -> 7.0.0 up',
      'changed pytest-mock 3.15.0 -> 3.15.1 up',
      'changed pytest-randomly 3.16.0 -> 4.0.1 up',
      'changed pyyaml 6.0.2 -> 6.0.3 up',
      'changed rapidfuzz 3.13.0 -> 3.14.3 up',
      'changed secretstorage 3.3.3 -> 3.5.0 up',
      'changed tomli 2.2.1 -> 2.3.0 up',
      'changed trove-classifiers 2025.8.26.11 -> 2025.12.1.14 up',
      'changed types-requests 2.32.4.20250809 -> 2.32.4.20250913 up',
      'changed urllib3 2.5.0 -> 2.6.0 up',
      'changed virtualenv 20.34.0 -> 20.35.4 up',
      'changed xattr 1.2.0 -> 1.3.0 up',
      'changed zstandard 0.24.0 -> 0.25.0 up',
      'removed sniffio 1.3.1',
    ],
  },
  'python-sigstore-python-requirements': {
    lockfile: 'requirements.txt',
    format: 'requirements.txt (pip-compile)',
    components: [41, 33],
    changes: [
      'added sigstore-models 0.0.5',
      'changed cffi 1.17.1 -> 2.0.0 up',
      'changed email-validator 2.2.0 -> 2.3.0 up',
      'changed pycparser 2.22 -> 2.23 up',
      'changed pydantic 2.11.7 -> 2.11.9 up',
      'changed requests 2.32.4 -> 2.32.5 up',
      'changed sigstore 3.6.5 -> 4.0.0 up',
      'changed typing-extensions 4.14.1 -> 4.15.0 up',
      'removed betterproto 2.0.0b6',
      'removed grpclib 0.4.8',
      'removed h2 4.3.0',
      'removed hpack 4.1.0',
      'removed hyperframe 6.1.0',
      'removed multidict 6.6.4',
      'removed python-dateutil 2.9.0.post0',
      'removed sigstore-protobuf-specs 0.3.2',
      'removed six 1.17.0',
    ],
  },
};

function line(c: DependencyChange): string {
  if (c.change === 'changed') return `changed ${c.name} ${c.from} -> ${c.to} ${c.direction}`;
  return c.change === 'added' ? `added ${c.name} ${c.to}` : `removed ${c.name} ${c.from}`;
}

function parse(pair: string, side: 'base' | 'head', file: string): ParsedManifest {
  const parser = parserFor(file);
  if (!parser) throw new Error(`no parser for ${file}`);
  return parser(readFileSync(path.join(PAIRS, pair, side, file), 'utf8'), file);
}

/** Package key → its set of versions, by name as the fixtures count (PyPI names normalised). */
function versionsByName(components: readonly Component[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of components) {
    const key = componentKey(c.ecosystem, c.name);
    const set = out.get(key) ?? new Set<string>();
    set.add(c.version);
    out.set(key, set);
  }
  return out;
}

interface NameDiff {
  added: Map<string, string[]>;
  removed: Map<string, string[]>;
  changed: Map<string, [from: string[], to: string[]]>;
}

/** The diff by name, as MANIFEST.md and expected-diff.txt count it. */
function nameDiff(base: readonly Component[], head: readonly Component[]): NameDiff {
  const b = versionsByName(base);
  const h = versionsByName(head);
  const out: NameDiff = { added: new Map(), removed: new Map(), changed: new Map() };
  const sortedOf = (s: Set<string>) => [...s].sort();
  for (const key of new Set([...b.keys(), ...h.keys()])) {
    const from = b.get(key);
    const to = h.get(key);
    if (!from && to) out.added.set(key, sortedOf(to));
    else if (from && !to) out.removed.set(key, sortedOf(from));
    else if (from && to && sortedOf(from).join(' ') !== sortedOf(to).join(' '))
      out.changed.set(key, [sortedOf(from), sortedOf(to)]);
  }
  return out;
}

type Entry = string | [string, ...unknown[]];

/**
 * expected-diff.txt: lines `added N [...]`, `removed N [...]`, `changed N [...]` holding Python
 * reprs (names, `(name, version)`, `(name, from, to)` or `(name, [versions], [versions])`).
 * Names and versions hold no quotes or parentheses, so quotes → `"` and tuples → arrays is JSON.
 */
function readExpectedDiff(pair: string): Record<'added' | 'removed' | 'changed', Entry[]> {
  const text = readFileSync(path.join(PAIRS, pair, 'expected-diff.txt'), 'utf8');
  const out: Record<string, Entry[]> = {};
  for (const row of text.split('\n')) {
    const m = /^(added|removed|changed) (\d+) (\[.*\])$/.exec(row.trim());
    if (!m) continue;
    const list = JSON.parse(
      (m[3] as string).replace(/'/g, '"').replace(/\(/g, '[').replace(/\)/g, ']'),
    ) as Entry[];
    expect(list).toHaveLength(Number(m[2]));
    out[m[1] as string] = list;
  }
  expect(Object.keys(out).sort()).toEqual(['added', 'changed', 'removed']);
  return out;
}

/** The MANIFEST.md row of a pair: `diff: +A (…) -R (…) ~C`. */
function manifestCounts(pair: string): { added: number; removed: number; changed: number } {
  const text = readFileSync(path.join(LOCKFILES, 'MANIFEST.md'), 'utf8');
  const row = text.split('\n').find((l) => l.startsWith(`| pairs/${pair}/`));
  if (!row) throw new Error(`MANIFEST.md has no row for pairs/${pair}`);
  const m = /diff: \+(\d+) \(.*?\) -(\d+) \(.*?\) ~(\d+)/.exec(row);
  if (!m) throw new Error(`MANIFEST.md row of pairs/${pair} has no diff`);
  return { added: Number(m[1]), removed: Number(m[2]), changed: Number(m[3]) };
}

const PAIR_NAMES = HAS_REAL_WORLD ? readdirSync(PAIRS).sort() : [];

describeRealWorld('real-world lockfile pairs: base → head diffs', () => {
  it('every pair under pairs/ is pinned here', () => {
    expect(PAIR_NAMES).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(Object.keys(EXPECTED))('%s', (pair) => {
    const expected = EXPECTED[pair] as Expected;
    let base: ParsedManifest;
    let head: ParsedManifest;
    let changes: DependencyChange[];

    beforeAll(() => {
      base = parse(pair, 'base', expected.lockfile);
      head = parse(pair, 'head', expected.lockfile);
      changes = diffManifests([base], [head], compare);
    });

    it('the lockfile is the only file of the pair with a parser, and both sides parse cleanly', () => {
      const files = readdirSync(path.join(PAIRS, pair, 'head')).filter((f) => parserFor(f) !== undefined);
      expect(files).toEqual([expected.lockfile]);
      expect(base.problems).toEqual([]);
      expect(head.problems).toEqual([]);
      expect(head.format).toBe(expected.format);
      expect([base.components.length, head.components.length]).toEqual(expected.components);
    });

    it('the exact added, removed and changed versions', () => {
      expect(changes.map(line)).toEqual(expected.changes);
      expect(changes.every((c) => c.manifest === expected.lockfile)).toBe(true);
    });

    it('each change carries the right component (head for added/changed, base for removed)', () => {
      for (const c of changes) {
        const side = c.change === 'removed' ? base : head;
        expect(side.components).toContain(c.component);
        expect(c.component.version).toBe(c.change === 'removed' ? c.from : c.to);
      }
    });

    it("agrees with expected-diff.txt and MANIFEST.md's counts by name", () => {
      const byName = nameDiff(base.components, head.components);
      const file = readExpectedDiff(pair);
      const ecosystem = head.ecosystem;
      // Go versions are written with their `v` in the fixtures; components drop it (OSV's form).
      const v = (s: string) => (ecosystem === 'Go' ? s.replace(/^v/, '') : s);
      const key = (name: string) => componentKey(ecosystem, name);
      const asVersions = (x: unknown): string[] | undefined =>
        x === undefined ? undefined : (Array.isArray(x) ? (x as string[]) : [x as string]).map(v).sort();

      const oneSide = (entries: Entry[], ours: Map<string, string[]>) => {
        expect(entries.map((e) => key(typeof e === 'string' ? e : e[0])).sort()).toEqual(
          [...ours.keys()].sort(),
        );
        for (const e of entries) {
          if (typeof e === 'string') continue;
          expect(ours.get(key(e[0]))).toEqual(asVersions(e[1]));
        }
      };
      oneSide(file.added, byName.added);
      oneSide(file.removed, byName.removed);
      expect(file.changed.map((e) => key(e[0])).sort()).toEqual([...byName.changed.keys()].sort());
      for (const e of file.changed) {
        const [, from, to] = e as [string, unknown, unknown];
        expect(byName.changed.get(key(e[0]))).toEqual([asVersions(from), asVersions(to)]);
      }

      expect(manifestCounts(pair)).toEqual({
        added: byName.added.size,
        removed: byName.removed.size,
        changed: byName.changed.size,
      });

      // And the version-level diff is that name-level diff, version by version: a name added or
      // removed by name is added or removed at each of its versions; a changed name's versions
      // only on one side are paired up as changes, the rest added or removed.
      const touched = new Set(changes.map((c) => key(c.name)));
      expect([...touched].sort()).toEqual(
        [...byName.added.keys(), ...byName.removed.keys(), ...byName.changed.keys()].sort(),
      );
      for (const [name, versions] of byName.added) {
        expect(changes.filter((c) => key(c.name) === name).map(line)).toEqual(
          versions.map((x) => `added ${changes.find((c) => key(c.name) === name)?.name} ${x}`),
        );
      }
      for (const [name, versions] of byName.removed) {
        expect(
          changes
            .filter((c) => key(c.name) === name)
            .map((c) => c.from)
            .sort(),
        ).toEqual(versions);
      }
      for (const [name, [from, to]] of byName.changed) {
        const mine = changes.filter((c) => key(c.name) === name);
        const gone = from.filter((x) => !to.includes(x));
        const came = to.filter((x) => !from.includes(x));
        expect(
          mine
            .filter((c) => c.change !== 'added')
            .map((c) => c.from as string)
            .sort(),
        ).toEqual(gone);
        expect(
          mine
            .filter((c) => c.change !== 'removed')
            .map((c) => c.to as string)
            .sort(),
        ).toEqual(came);
        expect(mine.filter((c) => c.change === 'changed')).toHaveLength(Math.min(gone.length, came.length));
      }
    });
  });
});
