// Every JS lockfile under ../shared/fixtures/real-world/lockfiles (npm/ and pairs/npm-*/), parsed
// with no problems, with pinned counts of distinct name@version components, direct components and
// prod components, and the line of every component checked against the file's text.
//
// How the pinned numbers were derived, independently of these parsers:
// - components: a Python script over each file (json / PyYAML / the bun.lock text with trailing
//   commas removed) that collects the distinct (name, version) pairs as each format defines them —
//   npm `packages` keys with a node_modules/ segment, minus `link: true`, named by their `name`
//   field or last node_modules/ segment (v1: the recursive `dependencies` tree, `npm:` aliases
//   followed, `file:` skipped); yarn 1 blocks (`version` lines); Berry entries by `resolution`,
//   minus workspace:/link:/portal:/file:, `patch:` counted as its base; pnpm `packages` keys minus
//   directory resolutions; bun `packages` arrays' first item minus workspace:. The sets were equal
//   to the parsers' sets, not just the counts. MANIFEST.md counts keys or blocks, so it is higher
//   where one version is installed several times (npm nested copies, bun nested paths) and where it
//   counts workspace entries. Cross-checked by each ecosystem's own tool, run once by hand:
//   `npm ls --all --json --package-lock-only` agrees on every package-lock (and is re-run by
//   npm-ls.test.ts); `yarn@1 list --json --offline` lists the same 828 for the Yarn 1 file;
//   `pnpm@10 ls --lockfile-only --json --depth Infinity -r` (stub package.json per importer) lists
//   the same 620 (v9.0), 700 (multidoc), 638 (pair head) and 650 for the pair base, whose 651st
//   package, postcss@8.5.15, is an orphan entry that no importer or snapshot reaches (pnpm 10
//   does not read the 5.4 and 6.0 files).
// - prod: npm — `npm ls --omit=dev` gives the same sets (v1 71, v2 40, v3 24, shrinkwrap 654,
//   workspaces 96 once the workspace packages themselves are left out);
//   pnpm 9.0 — `pnpm@10 ls --lockfile-only --prod` gives 33 (the pair base: 33 + the orphan,
//   counted prod); pnpm 5.4/6.0 — pnpm's own `dev:` flags (a Python walk of importers through
//   `packages` reproduces them exactly on the 6.0 file); bun — hono declares only
//   devDependencies, so 0; yarn — prod before the package.json is applied, see below.
// - direct: npm v2/v3 — the declarations of `packages[""]` and the workspace folders, resolved
//   as Node does (Python); npm v1 — the top-level entries no `requires` reaches (14; the
//   package.json declares 20, which applyPackageJson gives); Berry — the dependencies of the
//   workspace entries; pnpm — the importers' references; bun — the workspace declarations.
// - With the package.json beside them: Yarn 1 prod 188 is what `yarn@1 list --production` lists;
//   Berry dev counts (722 / 759 / 709) come from a Python walk from the package.json through the
//   lockfile's descriptors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@jest/globals';
import type { ParsedManifest } from '../../../src/inventory/component.js';
import { npmFamilyParserFor } from '../../../src/inventory/npm/detect.js';
import { applyPackageJson } from '../../../src/inventory/npm/package-json.js';
import { REAL_WORLD, describeRealWorld, itRealWorld } from '../../support/real-world.js';

const LOCKFILES = path.join(REAL_WORLD, 'lockfiles');

interface Case {
  file: string;
  format: string;
  components: number;
  direct: number;
  prod: number;
  /** The lockfile's root: its name and version, and how many purls its dependsOn has (absent: unknown). */
  root?: { name: string; version?: string; dependsOn?: number };
}

const CASES: Case[] = [
  {
    file: 'npm/actions-checkout-lockfile-v1/package-lock.json',
    format: 'package-lock.json v1',
    components: 573,
    direct: 14,
    prod: 71,
    root: { name: 'checkout', version: '3.1.0' },
  },
  {
    file: 'npm/actions-checkout-lockfile-v2/package-lock.json',
    format: 'package-lock.json v2',
    components: 540,
    direct: 21,
    prod: 40,
    root: { name: 'checkout', version: '4.1.4', dependsOn: 21 },
  },
  {
    file: 'npm/actions-checkout-lockfile-v3/package-lock.json',
    format: 'package-lock.json v3',
    components: 557,
    direct: 19,
    prod: 24,
    root: { name: 'checkout', version: '7.0.1', dependsOn: 19 },
  },
  {
    file: 'npm/bicep-msbuild-e2e-lockfile-v3-small/package-lock.json',
    format: 'package-lock.json v3',
    components: 173,
    direct: 10,
    prod: 0,
    root: { name: 'Bicep.MSBuild.E2eTests', version: '1.0.0', dependsOn: 10 },
  },
  {
    file: 'npm/bicep-root-empty-lockfile-v3/package-lock.json',
    format: 'package-lock.json v3',
    components: 0,
    direct: 0,
    prod: 0,
    root: { name: 'bicep', dependsOn: 0 },
  },
  {
    file: 'npm/bicep-vscode-ui-workspaces-lockfile-v3/package-lock.json',
    format: 'package-lock.json v3',
    components: 656,
    direct: 61,
    prod: 96,
    root: { name: '@vscode-bicep/ui', dependsOn: 16 },
  },
  {
    file: 'npm/firebase-tools-npm-shrinkwrap-v2/npm-shrinkwrap.json',
    format: 'npm-shrinkwrap.json v2',
    components: 1508,
    direct: 157,
    prod: 654,
    root: { name: 'firebase-tools', version: '15.28.1', dependsOn: 157 },
  },
  {
    file: 'npm/hono-bun-lock-v0/bun.lock',
    format: 'bun.lock v0',
    components: 918,
    direct: 24,
    prod: 0,
    root: { name: 'hono', dependsOn: 24 },
  },
  {
    file: 'npm/hono-bun-lock-v1/bun.lock',
    format: 'bun.lock v1',
    components: 1012,
    direct: 24,
    prod: 0,
    root: { name: 'hono', dependsOn: 24 },
  },
  {
    file: 'npm/prettier-yarn-lock-berry-v10/yarn.lock',
    format: 'yarn.lock berry v10',
    components: 1049,
    direct: 149,
    prod: 1049,
    root: { name: 'prettier', dependsOn: 149 },
  },
  {
    file: 'npm/prettier-yarn-lock-berry-v6/yarn.lock',
    format: 'yarn.lock berry v6',
    components: 927,
    direct: 119,
    prod: 927,
    root: { name: 'prettier', dependsOn: 119 },
  },
  {
    file: 'npm/prettier-yarn-lock-berry-v8/yarn.lock',
    format: 'yarn.lock berry v8',
    components: 1093,
    direct: 146,
    prod: 1093,
    root: { name: 'prettier', dependsOn: 146 },
  },
  {
    file: 'npm/prettier-yarn-lock-classic-v1/yarn.lock',
    format: 'yarn.lock v1',
    components: 828,
    direct: 0,
    prod: 828,
  },
  {
    file: 'npm/vuejs-core-pnpm-lock-v5.4/pnpm-lock.yaml',
    format: 'pnpm-lock.yaml 5.4',
    components: 755,
    direct: 63,
    prod: 29,
    root: { name: '', dependsOn: 45 },
  },
  {
    file: 'npm/vuejs-core-pnpm-lock-v6.0/pnpm-lock.yaml',
    format: 'pnpm-lock.yaml 6.0',
    components: 730,
    direct: 69,
    prod: 31,
    root: { name: '', dependsOn: 53 },
  },
  {
    file: 'npm/vuejs-core-pnpm-lock-v9.0/pnpm-lock.yaml',
    format: 'pnpm-lock.yaml 9.0',
    components: 620,
    direct: 70,
    prod: 33,
    root: { name: '', dependsOn: 52 },
  },
  {
    file: 'npm/vuejs-core-pnpm-lock-v9.0-multidoc/pnpm-lock.yaml',
    format: 'pnpm-lock.yaml 9.0',
    components: 700,
    direct: 67,
    prod: 33,
    root: { name: '', dependsOn: 50 },
  },
  {
    file: 'pairs/npm-actions-checkout/base/package-lock.json',
    format: 'package-lock.json v3',
    components: 531,
    direct: 19,
    prod: 24,
    root: { name: 'checkout', version: '5.0.0', dependsOn: 19 },
  },
  {
    file: 'pairs/npm-actions-checkout/head/package-lock.json',
    format: 'package-lock.json v3',
    components: 530,
    direct: 19,
    prod: 24,
    root: { name: 'checkout', version: '5.0.0', dependsOn: 19 },
  },
  {
    file: 'pairs/npm-pnpm-vuejs-core/base/pnpm-lock.yaml',
    format: 'pnpm-lock.yaml 9.0',
    components: 651,
    direct: 69,
    prod: 34,
    root: { name: '', dependsOn: 52 },
  },
  {
    file: 'pairs/npm-pnpm-vuejs-core/head/pnpm-lock.yaml',
    format: 'pnpm-lock.yaml 9.0',
    components: 638,
    direct: 69,
    prod: 33,
    root: { name: '', dependsOn: 52 },
  },
  {
    file: 'pairs/npm-yarn-berry-prettier/base/yarn.lock',
    format: 'yarn.lock berry v8',
    components: 1072,
    direct: 146,
    prod: 1072,
    root: { name: 'prettier', dependsOn: 146 },
  },
  {
    file: 'pairs/npm-yarn-berry-prettier/head/yarn.lock',
    format: 'yarn.lock berry v8',
    components: 1070,
    direct: 146,
    prod: 1070,
    root: { name: 'prettier', dependsOn: 146 },
  },
];

/** An SRI value with one hash as a ComponentHash, decoded here, not by the code under test. */
function sriToHash(sri: string): { alg: string; content: string } {
  const dash = sri.indexOf('-');
  const alg = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' }[sri.slice(0, dash)];
  return { alg: alg ?? '?', content: Buffer.from(sri.slice(dash + 1), 'base64').toString('hex') };
}

function read(file: string): string {
  return readFileSync(path.join(LOCKFILES, file), 'utf8');
}

function parse(file: string): ParsedManifest {
  const parser = npmFamilyParserFor(file);
  if (!parser) throw new Error(`no parser for ${file}`);
  return parser(read(file), file);
}

const count = (parsed: ParsedManifest, keep: (c: ParsedManifest['components'][number]) => boolean): number =>
  parsed.components.filter(keep).length;

describeRealWorld('JS lockfiles from real projects', () => {
  for (const c of CASES) {
    itRealWorld(`${c.file}: ${c.format}, ${c.components} components`, () => {
      const parsed = parse(c.file);
      const text = read(c.file);
      expect(parsed.problems).toEqual([]);
      expect(parsed.format).toBe(c.format);
      expect(parsed.components).toHaveLength(c.components);
      expect(new Set(parsed.components.map((x) => `${x.name}@${x.version}`)).size).toBe(c.components);
      expect(count(parsed, (x) => x.direct)).toBe(c.direct);
      expect(count(parsed, (x) => x.scope === 'prod')).toBe(c.prod);
      // Every component has the line of its key, and that line names it.
      const lines = text.split('\n');
      for (const component of parsed.components) {
        const shortName = component.name.slice(component.name.lastIndexOf('/') + 1);
        expect([component.name, lines[(component.line ?? 0) - 1]]).toEqual([
          component.name,
          expect.stringContaining(shortName),
        ]);
        expect(component.purl.startsWith('pkg:npm/')).toBe(true);
        expect(component.manifest).toBe(c.file);
      }
      // The graph: every component has one, of purls of this manifest, sorted, distinct, never itself.
      const purls = new Set(parsed.components.map((x) => x.purl));
      for (const component of parsed.components) {
        const dependsOn = component.dependsOn ?? [];
        expect([component.purl, component.dependsOn]).toEqual([
          component.purl,
          [...new Set(dependsOn)].sort(),
        ]);
        expect(dependsOn.filter((purl) => !purls.has(purl) || purl === component.purl)).toEqual([]);
        for (const hash of component.hashes ?? []) {
          const length = { 'SHA-1': 40, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 }[hash.alg];
          expect(hash.content).toMatch(new RegExp(`^[0-9a-f]{${length}}$`));
        }
      }
      if (c.root === undefined) {
        expect(parsed.root).toBeUndefined();
      } else {
        const { dependsOn, ...nameAndVersion } = c.root;
        expect({ ...parsed.root, dependsOn: undefined }).toEqual({ ...nameAndVersion, dependsOn: undefined });
        expect(parsed.root?.dependsOn?.length).toBe(dependsOn);
        for (const purl of parsed.root?.dependsOn ?? []) expect(purls.has(purl)).toBe(true);
      }
    });
  }

  itRealWorld('gives every npm v2/v3 package with an integrity its hash', () => {
    let checked = 0;
    for (const c of CASES.filter((x) =>
      /package-lock\.json v[23]|npm-shrinkwrap\.json v[23]/.test(x.format),
    )) {
      const parsed = parse(c.file);
      const byId = new Map(parsed.components.map((x) => [`${x.name}@${x.version}`, x]));
      const lock = JSON.parse(read(c.file)) as {
        packages: Record<string, { name?: string; version?: string; integrity?: string; link?: boolean }>;
      };
      for (const [key, entry] of Object.entries(lock.packages)) {
        if (!key.includes('node_modules/') || entry.link === true || entry.integrity === undefined) continue;
        const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
        const component = byId.get(`${name}@${entry.version ?? ''}`);
        expect([key, component?.hashes]).toEqual([key, expect.arrayContaining([sriToHash(entry.integrity)])]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4000);
  });

  itRealWorld('reads the integrity of a sample of packages as the file text writes it', () => {
    const sample: [file: string, name: string, version: string, integrity: string][] = [];
    const files = CASES.map((x) => x.file).filter((f) => !f.endsWith('/yarn.lock') || f.includes('classic'));
    for (const file of files) {
      const parsed = parse(file);
      const lines = read(file).split('\n');
      // Every 97th component: its key line, then the first integrity before the next key.
      for (const component of parsed.components.filter((_, i) => i % 97 === 0)) {
        const start = (component.line ?? 0) - 1;
        const keyIndent = /^\s*/.exec(lines[start] ?? '')?.[0].length ?? 0;
        for (let i = start; i < lines.length; i++) {
          const line = lines[i] ?? '';
          if (i > start && (/^\s*/.exec(line)?.[0].length ?? 0) <= keyIndent && line.trim() !== '') break;
          const m = /(sha(?:1|256|384|512)-[A-Za-z0-9+/]+=*)/.exec(line);
          if (m) {
            sample.push([file, component.name, component.version, m[1] ?? '']);
            expect([file, component.name, component.hashes]).toEqual([
              file,
              component.name,
              expect.arrayContaining([sriToHash(m[1] ?? '')]),
            ]);
            break;
          }
        }
      }
    }
    expect(sample.length).toBeGreaterThan(100);
    // Every format is sampled: each file with components gave some.
    const sampled = new Set(sample.map(([file]) => file));
    expect(files.filter((f) => !sampled.has(f))).toEqual([
      'npm/bicep-root-empty-lockfile-v3/package-lock.json',
    ]);
  });

  itRealWorld('takes the sha1 of a Yarn 1 resolved URL only when there is no integrity', () => {
    const parsed = parse('npm/prettier-yarn-lock-classic-v1/yarn.lock');
    // Every entry has an integrity, except a GitHub tarball that has neither.
    expect(parsed.components.filter((x) => x.hashes === undefined).map((x) => x.name)).toEqual([
      'parse-srcset',
    ]);
    expect(parsed.components.every((x) => (x.hashes?.length ?? 1) === 1)).toBe(true);
  });

  itRealWorld("does not take Yarn Berry's checksum for the package's hash", () => {
    for (const c of CASES.filter((x) => x.format.startsWith('yarn.lock berry'))) {
      expect(read(c.file)).toMatch(/^ {2}checksum: /m);
      expect(parse(c.file).components.filter((x) => x.hashes !== undefined)).toEqual([]);
    }
  });

  itRealWorld('gives every pnpm and bun package the integrity of its entry', () => {
    for (const c of CASES.filter((x) => x.format.startsWith('pnpm') || x.format.startsWith('bun'))) {
      const parsed = parse(c.file);
      expect([c.file, parsed.components.filter((x) => x.hashes?.length !== 1).map((x) => x.name)]).toEqual([
        c.file,
        [],
      ]);
    }
  });

  itRealWorld('gives the exact key line of a few packages', () => {
    const lineText = (file: string, name: string, version: string): string => {
      const component = parse(file).components.find((x) => x.name === name && x.version === version);
      return read(file).split('\n')[(component?.line ?? 0) - 1] ?? '';
    };
    expect(lineText('npm/actions-checkout-lockfile-v3/package-lock.json', '@actions/core', '3.0.1')).toBe(
      '    "node_modules/@actions/core": {',
    );
    expect(lineText('npm/actions-checkout-lockfile-v1/package-lock.json', 'uuid', '8.3.2')).toBe(
      '        "uuid": {',
    );
    expect(
      lineText('npm/firebase-tools-npm-shrinkwrap-v2/npm-shrinkwrap.json', '@electric-sql/pglite', '0.2.17'),
    ).toBe('    "node_modules/pglite-2": {');
    expect(lineText('npm/prettier-yarn-lock-classic-v1/yarn.lock', '@babel/code-frame', '7.0.0')).toBe(
      '"@babel/code-frame@7.0.0":',
    );
    expect(lineText('npm/prettier-yarn-lock-berry-v8/yarn.lock', 'typescript', '6.0.3')).toBe(
      '"typescript@npm:6.0.3":',
    );
    expect(lineText('npm/vuejs-core-pnpm-lock-v5.4/pnpm-lock.yaml', '@babel/core', '7.21.3')).toBe(
      '  /@babel/core/7.21.3:',
    );
    expect(lineText('npm/vuejs-core-pnpm-lock-v6.0/pnpm-lock.yaml', '@babel/core', '7.23.5')).toBe(
      '  /@babel/core@7.23.5:',
    );
    expect(lineText('npm/vuejs-core-pnpm-lock-v9.0/pnpm-lock.yaml', '@babel/parser', '7.29.8')).toBe(
      "  '@babel/parser@7.29.8':",
    );
    expect(lineText('npm/hono-bun-lock-v1/bun.lock', 'color-name', '1.1.3')).toMatch(
      /^ {4}"[^"]*color-name": \["color-name@1\.1\.3"/,
    );
  });

  itRealWorld('reads the second document of the two-document pnpm lockfile, not pnpm itself', () => {
    const parsed = parse('npm/vuejs-core-pnpm-lock-v9.0-multidoc/pnpm-lock.yaml');
    const names = new Set(parsed.components.map((x) => x.name));
    expect(names.has('@pnpm/exe')).toBe(false);
    expect(names.has('pnpm')).toBe(false);
    // The project document starts at line 94 and its packages: at line 545; pnpm's own are above.
    expect(Math.min(...parsed.components.map((x) => x.line ?? 0))).toBeGreaterThan(545);
  });

  itRealWorld('learns direct and dev from the package.json beside yarn and npm v1 lockfiles', () => {
    const withPackageJson = (file: string): ParsedManifest =>
      applyPackageJson(parse(file), read(path.join(path.dirname(file), 'package.json')));
    const classic = withPackageJson('npm/prettier-yarn-lock-classic-v1/yarn.lock');
    expect(count(classic, (x) => x.scope === 'prod')).toBe(188);
    expect(count(classic, (x) => x.direct)).toBe(109);
    const dev: [string, number][] = [
      ['npm/prettier-yarn-lock-berry-v6/yarn.lock', 722],
      ['npm/prettier-yarn-lock-berry-v8/yarn.lock', 759],
      ['npm/prettier-yarn-lock-berry-v10/yarn.lock', 709],
    ];
    for (const [file, devCount] of dev) {
      expect([file, count(withPackageJson(file), (x) => x.scope === 'dev')]).toEqual([file, devCount]);
    }
    const v1 = withPackageJson('npm/actions-checkout-lockfile-v1/package-lock.json');
    expect(count(v1, (x) => x.direct)).toBe(20);
    expect(count(v1, (x) => x.scope === 'prod')).toBe(71);
    // The root the lockfile does not record (Yarn 1) or records without its declarations (npm v1):
    // its dependsOn is the purls of the direct components.
    for (const applied of [classic, v1]) {
      const direct = applied.components.filter((x) => x.direct).map((x) => x.purl);
      expect(applied.root?.dependsOn).toEqual(direct.sort());
    }
    expect(classic.root).toMatchObject({ name: 'prettier', version: '2.7.0-dev' });
    expect(v1.root).toMatchObject({ name: 'checkout', version: '3.1.0' });
    // pnpm does not name the project; the package.json does (vue's root package.json has no name).
    const pnpm = withPackageJson('npm/vuejs-core-pnpm-lock-v9.0/pnpm-lock.yaml');
    expect(pnpm.root).toMatchObject({ name: '', version: '3.5.40' });
    expect(pnpm.root?.dependsOn).toHaveLength(52);
  });

  itRealWorld('gives base/head pairs the name-level changes of their expected-diff.txt', () => {
    const versionsByName = (file: string): Map<string, string> => {
      const byName = new Map<string, string[]>();
      for (const c of parse(file).components) byName.set(c.name, [...(byName.get(c.name) ?? []), c.version]);
      return new Map([...byName].map(([name, versions]) => [name, versions.sort().join(' ')]));
    };
    for (const [pair, lock] of [
      ['npm-actions-checkout', 'package-lock.json'],
      ['npm-pnpm-vuejs-core', 'pnpm-lock.yaml'],
      ['npm-yarn-berry-prettier', 'yarn.lock'],
    ] as const) {
      const base = versionsByName(`pairs/${pair}/base/${lock}`);
      const head = versionsByName(`pairs/${pair}/head/${lock}`);
      const expected = read(`pairs/${pair}/expected-diff.txt`);
      // Lines like: added 2 ['a', 'b'] / changed 1 [('c', ['1.0.0'], ['2.0.0'])]
      const names = (kind: string): string[] => {
        const line = expected.split('\n').find((l) => l.startsWith(`${kind} `)) ?? '';
        const pattern = kind === 'changed' ? /\('([^']+)'/g : /'([^']+)'/g;
        return [...line.matchAll(pattern)].map((m) => m[1] ?? '').sort();
      };
      const actual = {
        added: [...head.keys()].filter((n) => !base.has(n)).sort(),
        removed: [...base.keys()].filter((n) => !head.has(n)).sort(),
        changed: [...base.keys()].filter((n) => head.has(n) && head.get(n) !== base.get(n)).sort(),
      };
      expect([pair, actual]).toEqual([
        pair,
        { added: names('added'), removed: names('removed'), changed: names('changed') },
      ]);
    }
  });
});
