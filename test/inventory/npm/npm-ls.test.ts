// The package-lock parser against npm itself: `npm ls --all --json --package-lock-only` reads a
// lockfile (offline: it needs no node_modules and no registry) and prints the tree npm would
// install. Deduplicated to name@version, it must equal the parser's components; with --omit=dev
// it must equal the parser's prod components. Its parent → child edges, deduplicated to
// name@version, must equal the parser's dependsOn graph, and the root's children its root.dependsOn.
//
// npm ls keys a package by the folder it is installed in, so an `npm:` alias shows under its alias
// name; the real name is read from the registry tarball URL in `resolved` (a deduplicated
// occurrence has no `resolved`: it takes the name learnt from the occurrence that has one).
// Workspace packages appear in npm's tree too; they are the project's own and left out.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from '@jest/globals';
import type { ParsedManifest } from '../../../src/inventory/component.js';
import { applyPackageJson } from '../../../src/inventory/npm/package-json.js';
import { parsePackageLock } from '../../../src/inventory/npm/package-lock.js';
import { REAL_WORLD, describeRealWorld, itRealWorld } from '../../support/real-world.js';

const LOCKFILES = path.join(REAL_WORLD, 'lockfiles');
const TEMP_DIRS: string[] = [];

interface NpmNode {
  version?: string;
  resolved?: string;
  missing?: boolean;
  dependencies?: Record<string, NpmNode>;
}

/** The package name in a registry tarball URL (`…/@scope/name/-/name-1.0.0.tgz`), if it is one. */
function tarballName(resolved: string | undefined): string | undefined {
  const dash = resolved?.indexOf('/-/') ?? -1;
  if (resolved === undefined || dash === -1 || !/^https?:\/\//.test(resolved)) return undefined;
  const segments = resolved.slice(0, dash).split('/');
  const last = segments[segments.length - 1] ?? '';
  const scope = segments[segments.length - 2] ?? '';
  return decodeURIComponent(scope.startsWith('@') ? `${scope}/${last}` : last);
}

/** The folder with the lockfile, its package.json and any workspace folders, copied to a temp dir. */
function copyProject(fixture: string, lockName: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-npm-ls-'));
  TEMP_DIRS.push(dir);
  const from = path.join(LOCKFILES, fixture);
  for (const entry of [lockName, 'package.json', 'apps', 'packages']) {
    if (existsSync(path.join(from, entry)))
      cpSync(path.join(from, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

/** name@version of every package in npm's tree (omitting dev ones when asked). */
function npmLs(dir: string, omitDev: boolean): Set<string> {
  const tree = npmLsTree(dir, omitDev);
  const occurrences: [string, string, string | undefined][] = [];
  const walk = (node: NpmNode): void => {
    for (const [key, child] of Object.entries(node.dependencies ?? {})) {
      if (child.version !== undefined && child.missing !== true) {
        if (child.resolved?.startsWith('file:') !== true) {
          occurrences.push([key, child.version, tarballName(child.resolved)]);
        }
      }
      walk(child);
    }
  };
  walk(tree);
  const realName = new Map<string, string>();
  for (const [key, version, name] of occurrences)
    if (name !== undefined) realName.set(`${key}@${version}`, name);
  return new Set(
    occurrences.map(([key, version]) => `${realName.get(`${key}@${version}`) ?? key}@${version}`),
  );
}

/** `npm ls --all --json --package-lock-only` in a copy of the project, parsed. */
function npmLsTree(dir: string, omitDev: boolean): NpmNode {
  const args = [
    'ls',
    '--all',
    '--json',
    '--package-lock-only',
    '--offline',
    ...(omitDev ? ['--omit=dev'] : []),
  ];
  const stdout = execFileSync('npm', args, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    },
  });
  const tree = JSON.parse(stdout) as NpmNode & { problems?: string[] };
  expect(tree.problems ?? []).toEqual([]);
  return tree;
}

/**
 * npm's graph, deduplicated to name@version: every parent → child edge of the tree (a deduped
 * occurrence has no children, printed at its first occurrence), with aliases under their real
 * name. Edges from and to the workspace packages are left out (they are the project's own), and
 * the root's edges are returned apart.
 */
function npmGraph(tree: NpmNode, workspaces: ReadonlySet<string>): { edges: string[]; root: string[] } {
  const realName = new Map<string, string>();
  const learn = (node: NpmNode): void => {
    for (const [key, child] of Object.entries(node.dependencies ?? {})) {
      const name = tarballName(child.resolved);
      if (name !== undefined && child.version !== undefined) realName.set(`${key}@${child.version}`, name);
      learn(child);
    }
  };
  learn(tree);
  const idOf = (key: string, version: string): string =>
    `${realName.get(`${key}@${version}`) ?? key}@${version}`;
  const edges = new Set<string>();
  const root = new Set<string>();
  // Iterative: the trees are deep.
  const pending: [string | undefined, NpmNode][] = [[undefined, tree]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [parent, node] = next;
    for (const [key, child] of Object.entries(node.dependencies ?? {})) {
      if (child.version === undefined || child.missing === true) continue;
      const isWorkspace = workspaces.has(key) || child.resolved?.startsWith('file:') === true;
      const id = isWorkspace ? undefined : idOf(key, child.version);
      if (id !== undefined) {
        if (parent === undefined && node === tree) root.add(id);
        else if (parent !== undefined) edges.add(`${parent} -> ${id}`);
      }
      pending.push([id, child]);
    }
  }
  return { edges: [...edges].sort(), root: [...root].sort() };
}

/** The parser's graph in the same form. */
function parsedGraph(parsed: ParsedManifest): { edges: string[]; root: string[] } {
  const idOf = new Map(parsed.components.map((c) => [c.purl, `${c.name}@${c.version}`]));
  const edges = parsed.components.flatMap((c) =>
    (c.dependsOn ?? []).map((purl) => `${c.name}@${c.version} -> ${idOf.get(purl) ?? `?${purl}`}`),
  );
  const root = (parsed.root?.dependsOn ?? []).map((purl) => idOf.get(purl) ?? `?${purl}`);
  return { edges: edges.sort(), root: root.sort() };
}

/** The names of the workspace packages: `link: true` entries in the lockfile. */
function workspaceNames(lockText: string): Set<string> {
  const lock = JSON.parse(lockText) as { packages?: Record<string, { link?: boolean }> };
  return new Set(
    Object.entries(lock.packages ?? {})
      .filter(([, entry]) => entry.link === true)
      .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)),
  );
}

function componentSet(parsed: ParsedManifest, prodOnly: boolean): Set<string> {
  return new Set(
    parsed.components.filter((c) => !prodOnly || c.scope === 'prod').map((c) => `${c.name}@${c.version}`),
  );
}

const CASES: [fixture: string, lockName: string][] = [
  ['npm/actions-checkout-lockfile-v3', 'package-lock.json'],
  ['npm/actions-checkout-lockfile-v2', 'package-lock.json'],
  ['npm/actions-checkout-lockfile-v1', 'package-lock.json'],
  // Aliases (pglite-2 → @electric-sql/pglite, string-width-cjs → string-width).
  ['npm/firebase-tools-npm-shrinkwrap-v2', 'npm-shrinkwrap.json'],
  // Workspaces, with copies nested in workspace folders.
  ['npm/bicep-vscode-ui-workspaces-lockfile-v3', 'package-lock.json'],
];

afterAll(() => {
  for (const dir of TEMP_DIRS) rmSync(dir, { recursive: true, force: true });
});

describeRealWorld('package-lock parser against `npm ls --package-lock-only`', () => {
  for (const [fixture, lockName] of CASES) {
    itRealWorld(`${fixture}/${lockName}: the same name@version set as npm, and the same prod set`, () => {
      const lockText = readFileSync(path.join(LOCKFILES, fixture, lockName), 'utf8');
      const parsed = parsePackageLock(lockText, `${fixture}/${lockName}`);
      expect(parsed.problems).toEqual([]);
      const dir = copyProject(fixture, lockName);
      const workspaces = workspaceNames(lockText);
      const withoutWorkspaces = (ids: Set<string>): string[] =>
        [...ids].filter((id) => !workspaces.has(id.slice(0, id.lastIndexOf('@')))).sort();
      expect(withoutWorkspaces(npmLs(dir, false))).toEqual([...componentSet(parsed, false)].sort());
      expect(withoutWorkspaces(npmLs(dir, true))).toEqual([...componentSet(parsed, true)].sort());
    });

    itRealWorld(`${fixture}/${lockName}: the same dependency graph as npm`, () => {
      const lockText = readFileSync(path.join(LOCKFILES, fixture, lockName), 'utf8');
      let parsed = parsePackageLock(lockText, `${fixture}/${lockName}`);
      if (parsed.format.endsWith(' v1')) {
        // v1 does not record the root's declarations: the package.json gives them.
        const packageJson = readFileSync(path.join(LOCKFILES, fixture, 'package.json'), 'utf8');
        parsed = applyPackageJson(parsed, packageJson);
      }
      const expected = npmGraph(npmLsTree(copyProject(fixture, lockName), false), workspaceNames(lockText));
      const actual = parsedGraph(parsed);
      expect(actual.edges.length).toBeGreaterThan(parsed.components.length / 2);
      expect(actual.edges).toEqual(expected.edges);
      expect(actual.root).toEqual(expected.root);
    });
  }
});
