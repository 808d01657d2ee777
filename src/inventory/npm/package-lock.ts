/**
 * npm's `package-lock.json` and `npm-shrinkwrap.json` (same format) → components.
 *
 * - lockfileVersion 2 and 3 (and anything newer, with a warning): the `packages` table, keyed by
 *   install path. v2 also carries v1's `dependencies` tree for old npm versions; `packages` is
 *   read. A key without a `node_modules/` segment is a workspace folder and `link: true` entries
 *   are symlinks to one: both are the project's own, not components. The name is the entry's
 *   `name` (npm writes it for `npm:` aliases) or the last `node_modules/` segment of the key.
 *   `dev: true` → scope dev; `optional` and `devOptional` (a dev dependency that a production
 *   package also wants optionally, so a production install has it) → prod. Direct: what the root
 *   (`packages[""]`) and each workspace declare in dependencies, devDependencies,
 *   optionalDependencies and peerDependencies, resolved from that folder as Node does.
 * - lockfileVersion 1: the nested `dependencies` tree (`requires` names what each entry needs,
 *   `version: "npm:real@1.0.0"` is an alias, `file:` versions are local folders and skipped).
 *   v1 does not record what the root package.json declares, so a top-level entry that no other
 *   entry's `requires` resolves to is taken as direct: every declared dependency that no package
 *   also needs, and extraneous leftovers. A declared dependency that another package needs too is
 *   missed; `applyPackageJson` replaces the guess when the package.json is at hand.
 *
 * `line` is the line of the entry's key (`"node_modules/x": {` or, in v1, `"x": {`).
 *
 * Hashes: each entry's `integrity` (v1 too; old packages have sha1 ones). The graph: each
 * package's dependencies, optionalDependencies and peerDependencies (v1: `requires`) resolved as
 * Node does, to the nearest `node_modules/<name>` up its path; one the lockfile does not install
 * has no edge, nor has one to a workspace or `file:` folder (the project's own). The root is
 * `packages[""]` (v1: the top-level name and version) with, in v2/v3, what it declares.
 */
import type { InventoryProblem, ManifestParser, ManifestRoot, ParsedManifest, Scope } from '../component.js';
import { npmAlias, nameFromNodeModulesPath } from './descriptor.js';
import { GraphBuilder, NodeModulesIndex, manifestRoot, rememberGraph, rootDependsOn } from './graph.js';
import { integrityHashes } from './hashes.js';
import { readJson } from './json-text.js';
import { REGENERATE, conflictMarkers, neverThrows, unreadable, withoutBom } from './problems.js';
import { type Table, entriesOf, isTable, own, ownFlag, ownKeys, ownString, ownTable } from './values.js';

const KNOWN_VERSIONS = new Set([1, 2, 3]);
const DECLARATIONS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const;
/** What an installed package needs: npm installs no package's devDependencies but the projects'. */
const PACKAGE_DEPENDENCIES = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i === -1 ? file : file.slice(i + 1);
}

function licenseOf(entry: Table): string | undefined {
  const license = own(entry, 'license');
  if (typeof license === 'string' && license.trim() !== '') return license;
  // Very old package.json files wrote { "type": "MIT", "url": … }.
  if (isTable(license)) return ownString(license, 'type');
  return undefined;
}

export const parsePackageLock: ManifestParser = neverThrows(
  'package-lock.json',
  REGENERATE.npm,
  (text, file) => readPackageLock(text, file),
);

/**
 * A package-lock.json (v2, v3) as npm writes it — `"packages": {` at two spaces, each package key
 * at four — read with JSON.parse, which keeps `__proto__` an ordinary own key (values.ts reads
 * own properties only), plus the 1-based line of every `packages` key. Undefined for anything
 * else (v1, another layout, invalid JSON): the general reader then does the work and reports
 * errors with their line.
 */
export function readNpmLayout(
  body: string,
): { root: unknown; packageLines: Map<string, number> } | undefined {
  const start = /^ {2}"packages": \{\r?$/m.exec(body);
  if (!start) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return undefined;
  }
  const packages = isTable(root) ? ownTable(root, 'packages') : undefined;
  if (!packages) return undefined;
  const packageLines = new Map<string, number>();
  let line = 1;
  for (let at = body.indexOf('\n'); at !== -1 && at < start.index; at = body.indexOf('\n', at + 1)) line++;
  const key = /^ {4}"((?:[^"\\\n]|\\.)*)": /gm;
  key.lastIndex = start.index + start[0].length;
  let counted = start.index;
  const end = body.indexOf('\n  }', start.index);
  for (let m = key.exec(body); m !== null && (end === -1 || m.index < end); m = key.exec(body)) {
    for (let at = body.indexOf('\n', counted); at !== -1 && at < m.index; at = body.indexOf('\n', at + 1)) {
      line++;
      counted = at + 1;
    }
    const raw = m[1] ?? '';
    const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
    if (!packageLines.has(name)) packageLines.set(name, line);
  }
  // Every key found at its line, or the layout is not npm's: let the general reader decide.
  return packageLines.size === Object.keys(packages).length ? { root, packageLines } : undefined;
}

function readPackageLock(text: string, file: string): ParsedManifest {
  const kind = baseName(file) === 'npm-shrinkwrap.json' ? 'npm-shrinkwrap.json' : 'package-lock.json';
  const body = withoutBom(text);
  const conflict = conflictMarkers(body, file, kind, REGENERATE.npm);
  if (conflict) return conflict;

  // npm's own layout (v2/v3, two-space indents): JSON.parse and a scan for the lines of the
  // `packages` keys, several times faster on large lockfiles than the general reader below.
  const fast = readNpmLayout(body);
  const packageLines = fast?.packageLines ?? new Map<string, number>();
  const treeLines = new Map<string, number>();
  // Lines of `packages` keys, and of v1 tree entries under their install path.
  const treePath: string[] = [];
  const read: ReturnType<typeof readJson> = fast
    ? { ok: true, value: fast.root }
    : readJson(body, {
        jsonc: false,
        onProperty: (path, key, line) => {
          if (path.length === 2 && path[1] === 'packages') {
            if (!packageLines.has(key)) packageLines.set(key, line);
            return;
          }
          // path = ['', 'dependencies', a, 'dependencies', b, 'dependencies'] → node_modules/a/node_modules/b/node_modules/key
          if (path.length % 2 === 0 && path[path.length - 1] === 'dependencies') {
            treePath.length = 0;
            for (let i = 1; i < path.length; i += 2) {
              if (path[i] !== 'dependencies') return;
              const name = path[i + 1];
              if (name !== undefined) treePath.push(name);
            }
            treePath.push(key);
            const installPath = `node_modules/${treePath.join('/node_modules/')}`;
            if (!treeLines.has(installPath)) treeLines.set(installPath, line);
          }
        },
      });
  if (!read.ok) {
    const { line, column, message } = read.error;
    return unreadable(file, kind, {
      line,
      message: `not valid JSON at column ${column}: ${message}`,
      hint: REGENERATE.npm,
    });
  }
  const root = read.value;
  if (!isTable(root)) {
    return unreadable(file, kind, {
      line: 1,
      message: 'expected a JSON object with "lockfileVersion" and "packages"',
      hint: REGENERATE.npm,
    });
  }

  const problems: InventoryProblem[] = [];
  const declared = own(root, 'lockfileVersion');
  const packages = ownTable(root, 'packages');
  const tree = ownTable(root, 'dependencies');
  let version = typeof declared === 'number' ? declared : packages ? 3 : 1;
  if (typeof declared !== 'number' || !KNOWN_VERSIONS.has(declared)) {
    problems.push({
      level: 'warning',
      file,
      line: 1,
      message: `lockfileVersion ${JSON.stringify(declared ?? null)} is not one this reader knows (1, 2, 3): read as best it can`,
      hint: 'Regenerate it with a current npm (`npm install --package-lock-only`) if the packages look wrong',
    });
  }
  if (version >= 2 && !packages && tree) version = 1;
  const format = `${kind} v${typeof declared === 'number' ? declared : '?'}`;

  const parsed =
    version >= 2
      ? readPackages(packages ?? {}, packageLines, file, problems)
      : readTree(tree ?? {}, treeLines, file, problems);
  const result: ParsedManifest = {
    file,
    format,
    ecosystem: 'npm',
    components: parsed.components,
    unpinned: [],
    problems,
  };
  // v2/v3: packages[""] is the root package.json's copy (v3 has no top-level name). v1 names the
  // project at the top level but does not record what it declares: dependsOn stays unknown there
  // (the top-level guess behind `direct` is not a graph), for applyPackageJson to fill.
  const rootEntry = version >= 2 ? (ownTable(packages ?? {}, '') ?? root) : root;
  const rootInfo: ManifestRoot = manifestRoot(
    ownString(rootEntry, 'name') ?? ownString(root, 'name') ?? '',
    ownString(rootEntry, 'version') ?? ownString(root, 'version'),
    version >= 2 ? rootDependsOn(parsed.graph, parsed.graph.roots) : undefined,
  );
  result.root = rootInfo;
  rememberGraph(result, parsed.graph);
  return result;
}

function warnEntry(
  problems: InventoryProblem[],
  file: string,
  line: number | undefined,
  message: string,
): void {
  problems.push({ level: 'warning', file, line, message, hint: REGENERATE.npm });
}

/** v2/v3: the `packages` table. */
function readPackages(
  packages: Table,
  lines: ReadonlyMap<string, number>,
  file: string,
  problems: InventoryProblem[],
): ReturnType<GraphBuilder['build']> {
  const builder = new GraphBuilder();
  const importers: [string, number, Table][] = [];
  const installed: [string, number, Table][] = [];
  const instanceOf = (key: string, value: unknown): number => {
    if (!isTable(value)) {
      warnEntry(problems, file, lines.get(key), `packages[${JSON.stringify(key)}] is not an object: skipped`);
      return -1;
    }
    const isInstall = key.startsWith('node_modules/') || key.includes('/node_modules/');
    if (!isInstall) {
      // '' is the root project, any other key without node_modules/ a workspace folder.
      const id = builder.addProject();
      importers.push([key, id, value]);
      return id;
    }
    if (ownFlag(value, 'link')) return builder.addProject();
    const name = ownString(value, 'name') ?? nameFromNodeModulesPath(key);
    const version = ownString(value, 'version');
    if (version === undefined || version === '' || name === '') {
      warnEntry(problems, file, lines.get(key), `packages[${JSON.stringify(key)}] has no version: skipped`);
      return -1;
    }
    const scope: Scope = ownFlag(value, 'dev') ? 'dev' : 'prod';
    const id = builder.addPackage({
      name,
      version,
      line: lines.get(key),
      license: licenseOf(value),
      scope,
      hashes: integrityHashes(own(value, 'integrity')),
    });
    installed.push([key, id, value]);
    return id;
  };
  // Every key, read or skipped (-1): a dependency resolves to the nearest path that exists, and
  // one that resolves to a skipped entry resolves to nothing (not to a copy further up).
  const paths = new NodeModulesIndex<number>();
  for (const [key, value] of entriesOf(packages)) paths.add(key, instanceOf(key, value));
  const resolve = (from: number, name: string): number | undefined => {
    const to = paths.resolve(from, name);
    return to === undefined || to < 0 ? undefined : to;
  };
  // Each package's dependencies (optional and peer ones too), resolved from its folder as Node
  // does: the nearest node_modules/<name> up the path. One that is not installed has no edge.
  for (const [key, from, entry] of installed) {
    const folder = paths.folder(key);
    for (const field of PACKAGE_DEPENDENCIES) {
      for (const depName of ownKeys(own(entry, field))) {
        const to = resolve(folder, depName);
        if (to !== undefined) builder.addEdge(from, to);
      }
    }
  }
  for (const [folder, , entry] of importers) {
    const from = paths.folder(folder);
    for (const field of DECLARATIONS) {
      for (const depName of ownKeys(own(entry, field))) {
        const to = resolve(from, depName);
        if (to !== undefined)
          builder.addRoot(folder === '' ? '.' : folder, to, field === 'devDependencies' ? 'dev' : 'prod');
      }
    }
  }
  return builder.build({
    file,
    scopeFrom: 'flags',
    resolveRoot: (name) => resolve(paths.folder(''), name),
    knowsDirect: true,
    knowsScope: true,
  });
}

/** v1: the nested `dependencies` tree. */
function readTree(
  tree: Table,
  lines: ReadonlyMap<string, number>,
  file: string,
  problems: InventoryProblem[],
): ReturnType<GraphBuilder['build']> {
  const builder = new GraphBuilder();
  const instances = new Map<string, number>();
  const requires: [string, number, string[]][] = [];
  const topLevel: [string, number][] = [];
  // Every path, read or skipped: one that resolves to a skipped entry resolves to nothing.
  const paths = new NodeModulesIndex<string>();
  // Iterative walk: lockfiles nest deeply and recursion depth is untrusted.
  const pending: [string, Table][] = [['', tree]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [parentPath, deps] = next;
    for (const [key, value] of entriesOf(deps)) {
      const path = parentPath === '' ? `node_modules/${key}` : `${parentPath}/node_modules/${key}`;
      paths.add(path, path);
      if (!isTable(value)) {
        warnEntry(
          problems,
          file,
          lines.get(path),
          `dependencies entry ${JSON.stringify(key)} is not an object: skipped`,
        );
        continue;
      }
      const children = ownTable(value, 'dependencies');
      if (children) pending.push([path, children]);
      let version = ownString(value, 'version');
      if (version === undefined || version === '') {
        warnEntry(
          problems,
          file,
          lines.get(path),
          `dependencies entry ${JSON.stringify(key)} has no version: skipped`,
        );
        continue;
      }
      if (version.startsWith('file:')) {
        // A local folder or tarball of the project's own: not a registry package.
        instances.set(path, builder.addProject());
        continue;
      }
      let name = key;
      const alias = npmAlias(version);
      if (alias) {
        name = alias.name;
        version = alias.range;
      }
      const scope: Scope = ownFlag(value, 'dev') ? 'dev' : 'prod';
      const hashes = integrityHashes(own(value, 'integrity'));
      const id = builder.addPackage({ name, version, line: lines.get(path), scope, hashes });
      instances.set(path, id);
      if (parentPath === '') topLevel.push([path, id]);
      requires.push([path, id, ownKeys(own(value, 'requires'))]);
    }
  }
  const required = new Set<number>();
  for (const [from, fromId, names] of requires) {
    const folder = paths.folder(from);
    for (const name of names) {
      const path = paths.resolve(folder, name);
      const to = path === undefined ? undefined : instances.get(path);
      if (to === undefined) continue;
      builder.addEdge(fromId, to);
      if (to !== fromId) required.add(to);
    }
  }
  for (const [, id] of topLevel) {
    if (!required.has(id)) builder.addRoot('.', id, 'unknown');
  }
  return builder.build({
    file,
    scopeFrom: 'flags',
    resolveRoot: (name) => instances.get(`node_modules/${name}`),
    knowsDirect: false,
    knowsScope: true,
  });
}
