/**
 * Bun's text lockfile `bun.lock` (JSONC with trailing commas; lockfileVersion 0 and 1) →
 * components. The binary `bun.lockb` is not read.
 *
 * - `packages` is keyed by install path (`a`, `a/b` for a copy nested under a, `@s/x/@s/y`), each
 *   value an array whose first item is the resolved `name@version` (the real name for aliases).
 *   Registry packages are `[name@version, registry, { dependencies, … }, integrity]`; git,
 *   GitHub and tarball packages keep their resolution as the version.
 * - `workspace:`, `link:`, `file:` and `root:` packages are the project's own, not components.
 * - `workspaces` holds each workspace's declarations: dependencies, optionalDependencies and
 *   peerDependencies are prod, devDependencies dev; all of them are direct. Scope: prod when a path
 *   from a prod declaration reaches the package, dev when only dev paths do (prod when none).
 *   A package's dependency `n` resolves as Bun installs it: `path/n`, then the parents' `n`, then
 *   the top-level `n` (a workspace first tries `<workspace name>/n`).
 * - `line` is the line of the package's key.
 * - Hashes: the integrity after the metadata (the 4th item of a registry package). The graph: each
 *   package's dependencies, optionalDependencies and peerDependencies (optional peers too) that
 *   resolve by the rule above. The root: the workspace "" with its name and declarations.
 */
import type { ComponentHash, InventoryProblem, ManifestParser, ParsedManifest } from '../component.js';
import { splitDescriptor, splitNamePath } from './descriptor.js';
import { GraphBuilder, manifestRoot, rememberGraph, rootDependsOn } from './graph.js';
import { integrityHashes } from './hashes.js';
import { readJson } from './json-text.js';
import { REGENERATE, conflictMarkers, neverThrows, unreadable, withoutBom } from './problems.js';
import { type Table, entriesOf, isTable, own, ownString, ownTable } from './values.js';

const KNOWN_VERSIONS = new Set([0, 1]);
const PROJECT_PROTOCOLS = /^(workspace|link|file|root):/;
const PROD_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** The package's metadata: the first object after the resolution. */
function metadataOf(value: readonly unknown[]): Table {
  for (let i = 1; i < value.length; i++) {
    const item = value[i];
    if (isTable(item)) return item;
  }
  return {};
}

/**
 * The integrity after the metadata: registry packages `[id, registry, meta, integrity]`, tarballs
 * `[id, meta, integrity?]`, git `[id, meta, bun tag, integrity?]`. Only an SRI value counts, so
 * the registry URL and the git tag are never taken for one.
 */
function hashesOf(value: readonly unknown[]): ComponentHash[] {
  let afterMeta = false;
  for (let i = 1; i < value.length; i++) {
    const item = value[i];
    if (isTable(item)) afterMeta = true;
    else if (afterMeta && typeof item === 'string') {
      const hashes = integrityHashes(item);
      if (hashes.length > 0) return hashes;
    }
  }
  return [];
}

/** Candidates for dependency `name` from the package at `path`, nearest first. */
function* lookupPaths(path: readonly string[], name: string): Generator<string> {
  for (let depth = path.length; depth >= 0; depth--) {
    yield [...path.slice(0, depth), name].join('/');
  }
}

export const parseBunLock: ManifestParser = neverThrows('bun.lock', REGENERATE.bun, (text, file) =>
  readBunLock(text, file),
);

function readBunLock(text: string, file: string): ParsedManifest {
  const body = withoutBom(text);
  const conflict = conflictMarkers(body, file, 'bun.lock', REGENERATE.bun);
  if (conflict) return conflict;
  const lines = new Map<string, number>();
  const read = readJson(body, {
    jsonc: true,
    onProperty: (path, key, line) => {
      if (path.length === 2 && path[1] === 'packages' && !lines.has(key)) lines.set(key, line);
    },
  });
  if (!read.ok) {
    const { line, column, message } = read.error;
    return unreadable(file, 'bun.lock', {
      line,
      message: `not valid JSONC at column ${column}: ${message}`,
      hint: REGENERATE.bun,
    });
  }
  const root = read.value;
  if (!isTable(root)) {
    return unreadable(file, 'bun.lock', {
      line: 1,
      message: 'expected an object with "lockfileVersion", "workspaces" and "packages"',
      hint: REGENERATE.bun,
    });
  }
  const problems: InventoryProblem[] = [];
  const declared = own(root, 'lockfileVersion');
  if (typeof declared !== 'number' || !KNOWN_VERSIONS.has(declared)) {
    problems.push({
      level: 'warning',
      file,
      line: 1,
      message: `lockfileVersion ${JSON.stringify(declared ?? null)} is not one this reader knows (0, 1): read as best it can`,
      hint: 'Check that the packages look right; a newer Bun may have changed the format',
    });
  }
  const format = `bun.lock v${typeof declared === 'number' ? declared : '?'}`;

  const builder = new GraphBuilder();
  const instances = new Map<string, number>();
  const pending: [number, string[], Table][] = [];
  for (const [key, value] of entriesOf(own(root, 'packages'))) {
    const line = lines.get(key);
    const first: unknown = Array.isArray(value) ? value[0] : undefined;
    if (!Array.isArray(value) || typeof first !== 'string') {
      problems.push({
        level: 'warning',
        file,
        line,
        message: `packages[${JSON.stringify(key)}] is not an array starting with "name@version": skipped`,
        hint: REGENERATE.bun,
      });
      continue;
    }
    const { name, range } = splitDescriptor(first);
    if (PROJECT_PROTOCOLS.test(range)) {
      instances.set(key, builder.addProject());
      continue;
    }
    if (name === '' || range === '') {
      problems.push({
        level: 'warning',
        file,
        line,
        message: `packages[${JSON.stringify(key)}] names no version (${JSON.stringify(first)}): skipped`,
        hint: REGENERATE.bun,
      });
      continue;
    }
    const id = builder.addPackage({ name, version: range, line, hashes: hashesOf(value) });
    instances.set(key, id);
    pending.push([id, splitNamePath(key), metadataOf(value)]);
  }

  const resolve = (path: readonly string[], name: string): number | undefined => {
    for (const candidate of lookupPaths(path, name)) {
      const found = instances.get(candidate);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  // Bun resolves every dependency this way, optional peers (`optionalPeers`) included: one that
  // finds a package has an edge, one that finds none (an optional dependency or peer that is not
  // installed) has none.
  for (const [from, path, meta] of pending) {
    for (const field of PROD_FIELDS) {
      for (const [name] of entriesOf(own(meta, field))) {
        const to = resolve(path, name);
        if (to !== undefined) builder.addEdge(from, to);
      }
    }
  }

  let rootWorkspace: Table | undefined;
  for (const [folder, workspace] of entriesOf(own(root, 'workspaces'))) {
    if (!isTable(workspace)) continue;
    if (folder === '') rootWorkspace = workspace;
    const wsName = folder === '' ? undefined : ownString(workspace, 'name');
    const base = wsName === undefined ? [] : [wsName];
    const importer = folder === '' ? '.' : folder;
    for (const field of [...PROD_FIELDS, 'devDependencies'] as const) {
      for (const [name] of entriesOf(ownTable(workspace, field))) {
        const to = resolve(base, name);
        if (to !== undefined) builder.addRoot(importer, to, field === 'devDependencies' ? 'dev' : 'prod');
      }
    }
  }

  const { components, graph } = builder.build({
    file,
    scopeFrom: 'roots',
    resolveRoot: (name) => resolve([], name),
    knowsDirect: true,
    knowsScope: true,
  });
  const result: ParsedManifest = { file, format, ecosystem: 'npm', components, unpinned: [], problems };
  // The workspace "" is the project: its name (and version, when bun wrote one) and declarations.
  if (rootWorkspace) {
    result.root = manifestRoot(
      ownString(rootWorkspace, 'name') ?? '',
      ownString(rootWorkspace, 'version'),
      rootDependsOn(graph, graph.roots),
    );
  }
  rememberGraph(result, graph);
  return result;
}
