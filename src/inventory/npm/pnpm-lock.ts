/**
 * `pnpm-lock.yaml` → components, for lockfileVersion 5.x, 6.x and 9.0.
 *
 * - Keys: 5.x `/name/1.0.0_peer@2.0.0`, 6.x `/name@1.0.0(peer@2.0.0)`, 9.0 `name@1.0.0` in
 *   `packages` and, with peer suffixes, in `snapshots`. Each key (each peer variant) is an
 *   instance; the variants of one name@version are one component. An entry's own `name` and
 *   `version` fields (git and tarball dependencies) win over the key.
 * - Importers (`importers`, or the top level of a 5.x/6.x single-project lockfile) are the
 *   project's own packages: every importer's dependencies, optionalDependencies and
 *   devDependencies are direct. `link:` references (workspace packages) and `directory`
 *   resolutions are not components.
 * - Scope: 5.x/6.x mark packages `dev: true` (only dev paths reach them), `dev: false` (only
 *   prod) or neither (both). 9.0 has no flags: a package is prod when a path from an importer's
 *   dependencies or optionalDependencies reaches it through `snapshots`, dev when only paths from
 *   devDependencies do (and prod when nothing reaches it).
 * - pnpm 10 can write two YAML documents: first an environment lockfile (importers with only
 *   configDependencies and packageManagerDependencies: pnpm itself), then the project's. The
 *   project's document is read, and its lines are counted in the whole file.
 * - `line` is the line of the package's key in `packages`.
 * - Hashes: `resolution.integrity`. The graph: each snapshot's (5.x/6.x: package's) dependencies
 *   and optionalDependencies, resolved peers included, to the peer-suffixed keys they name; the
 *   peer variants of one package get the union. The root: the importer `.`, unnamed (pnpm does
 *   not record the project's name; applyPackageJson gives it).
 */
import { type Document, LineCounter, type Node, isMap, isScalar, parseAllDocuments } from 'yaml';
import type { InventoryProblem, ManifestParser, ParsedManifest, Scope } from '../component.js';
import { splitDescriptor } from './descriptor.js';
import { GraphBuilder, manifestRoot, rememberGraph, rootDependsOn } from './graph.js';
import { integrityHashes } from './hashes.js';
import { REGENERATE, conflictMarkers, neverThrows, unreadable, withoutBom } from './problems.js';
import { type Table, entriesOf, isTable, own, ownFlag, ownString, ownTable } from './values.js';

type Style = 5 | 6 | 9;

const ENV_IMPORTER_FIELDS = new Set(['configDependencies', 'packageManagerDependencies']);
const IMPORTER_FIELDS = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'prod'],
  ['devDependencies', 'dev'],
] as const;

/** The environment document pnpm 10 puts first: importers that hold only pnpm itself. */
function isEnvironmentDocument(value: Table): boolean {
  const fields = entriesOf(own(value, 'importers')).flatMap(([, importer]) =>
    entriesOf(importer).map(([k]) => k),
  );
  return fields.length > 0 && fields.every((k) => ENV_IMPORTER_FIELDS.has(k));
}

function styleOf(version: string): Style | undefined {
  if (/^5(\.\d+)?$/.test(version)) return 5;
  if (/^6\.\d+$/.test(version)) return 6;
  if (version === '9.0') return 9;
  return undefined;
}

function guessStyle(version: string): Style {
  const major = Number.parseInt(version, 10);
  if (Number.isNaN(major)) return 9;
  return major >= 7 ? 9 : major === 6 ? 6 : 5;
}

/** `name@1.0.0(peer@1)(peer2@2)` → `name@1.0.0`. */
function withoutPeers(key: string): string {
  const paren = key.indexOf('(');
  return paren === -1 ? key : key.slice(0, paren);
}

/** The name and version a package key names, or undefined when the key does not say. */
function nameAndVersion(key: string, style: Style): { name: string; version: string } | undefined {
  if (style === 5) {
    if (!key.startsWith('/')) return undefined;
    const parts = key.slice(1).split('/');
    const scoped = parts[0]?.startsWith('@') ?? false;
    const name = scoped ? `${parts[0] ?? ''}/${parts[1] ?? ''}` : (parts[0] ?? '');
    const rest = parts.slice(scoped ? 2 : 1).join('/');
    const underscore = rest.indexOf('_');
    const version = underscore === -1 ? rest : rest.slice(0, underscore);
    return name !== '' && version !== '' ? { name, version } : undefined;
  }
  let bare = withoutPeers(key);
  if (style === 6) {
    if (!bare.startsWith('/')) return undefined;
    bare = bare.slice(1);
  }
  const { name, range } = splitDescriptor(bare);
  return name !== '' && range !== '' ? { name, version: range } : undefined;
}

/** pnpm's refToRelative: the key a dependency reference points at, or undefined for `link:`. */
function referenceKey(name: string, reference: string, style: Style): string | undefined {
  if (reference.startsWith('link:')) return undefined;
  if (style === 9) {
    if (reference.startsWith('@')) return reference;
    const at = reference.indexOf('@');
    if (at === -1) return `${name}@${reference}`;
    const colon = reference.indexOf(':');
    const paren = reference.indexOf('(');
    if ((colon === -1 || at < colon) && (paren === -1 || at < paren)) return reference;
    return `${name}@${reference}`;
  }
  if (reference.startsWith('/') || reference.startsWith('file:')) return reference;
  if (style === 6) {
    const paren = reference.indexOf('(');
    if (!reference.includes('/') || (paren !== -1 && reference.lastIndexOf('/', paren) === -1)) {
      return `/${name}@${reference}`;
    }
    return reference;
  }
  return reference.includes('/') ? reference : `/${name}/${reference}`;
}

/** An importer's dependency value: a reference (5.x) or { specifier, version } (6.x, 9.0). */
function referenceOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return isTable(value) ? ownString(value, 'version') : undefined;
}

/** The lines of the keys of a top-level mapping (`packages`, `snapshots`) in the document. */
function keyLines(doc: Document, section: string, lineCounter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  const root = doc.contents;
  if (!isMap(root)) return lines;
  const table = root.get(section, true) as Node | undefined;
  if (!isMap(table)) return lines;
  for (const pair of table.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key) || key.range === undefined || key.range === null) continue;
    const name = String(key.value);
    if (!lines.has(name)) lines.set(name, lineCounter.linePos(key.range[0]).line);
  }
  return lines;
}

function isProjectResolution(entry: Table): boolean {
  const resolution = ownTable(entry, 'resolution');
  return (
    resolution !== undefined &&
    (own(resolution, 'directory') !== undefined || ownString(resolution, 'type') === 'directory')
  );
}

export const parsePnpmLock: ManifestParser = neverThrows('pnpm-lock.yaml', REGENERATE.pnpm, (text, file) =>
  readPnpmLock(text, file),
);

function readPnpmLock(text: string, file: string): ParsedManifest {
  const body = withoutBom(text);
  const conflict = conflictMarkers(body, file, 'pnpm-lock.yaml', REGENERATE.pnpm);
  if (conflict) return conflict;
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(body, {
    lineCounter,
    schema: 'failsafe',
    uniqueKeys: false,
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const [error] = doc.errors;
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return unreadable(file, 'pnpm-lock.yaml', {
        line,
        message: `not valid YAML at column ${col}: ${error.message.split('\n')[0] ?? error.message}`,
        hint: REGENERATE.pnpm,
      });
    }
  }
  const problems: InventoryProblem[] = [];
  const read: { doc: Document; value: Table }[] = [];
  try {
    for (const doc of list) {
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (isTable(value) && own(value, 'lockfileVersion') !== undefined) read.push({ doc, value });
    }
  } catch (error) {
    return unreadable(file, 'pnpm-lock.yaml', {
      line: 1,
      message: `the YAML cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      hint: REGENERATE.pnpm,
    });
  }
  const chosen = read.filter((r) => !isEnvironmentDocument(r.value)).pop() ?? read[read.length - 1];
  if (!chosen) {
    const empty = list.every((doc) => doc.contents === null);
    if (empty) {
      return { file, format: 'pnpm-lock.yaml', ecosystem: 'npm', components: [], unpinned: [], problems };
    }
    return unreadable(file, 'pnpm-lock.yaml', {
      line: 1,
      message: 'no document in the file has a lockfileVersion',
      hint: REGENERATE.pnpm,
    });
  }
  const lock = chosen.value;
  const version = String(own(lock, 'lockfileVersion'));
  const known = styleOf(version);
  const style = known ?? guessStyle(version);
  const versionLine = lineOfKey(chosen.doc, 'lockfileVersion', lineCounter);
  if (known === undefined) {
    problems.push({
      level: 'warning',
      file,
      line: versionLine,
      message: `lockfileVersion ${JSON.stringify(version)} is not one this reader knows (5.x, 6.x, 9.0): read as best it can`,
      hint: 'Check that the packages look right; a newer pnpm may have changed the format',
    });
  }

  const packageLines = keyLines(chosen.doc, 'packages', lineCounter);
  const packages = entriesOf(own(lock, 'packages'));
  const packageByKey = new Map<string, Table>();
  for (const [key, entry] of packages) if (isTable(entry)) packageByKey.set(key, entry);

  const builder = new GraphBuilder();
  const instances = new Map<string, number>();
  const deps: [number, Table][] = [];

  const addInstance = (key: string, packageKey: string, entry: Table, snapshot: Table | undefined): void => {
    if (isProjectResolution(entry) || key.startsWith('file:')) {
      instances.set(key, builder.addProject());
      return;
    }
    const fromKey = nameAndVersion(packageKey, style);
    const name = ownString(entry, 'name') ?? fromKey?.name;
    const pinned = ownString(entry, 'version') ?? fromKey?.version;
    const line = packageLines.get(packageKey);
    if (name === undefined || pinned === undefined || name === '' || pinned === '') {
      problems.push({
        level: 'warning',
        file,
        line,
        message: `package key ${JSON.stringify(packageKey)} names no package and version: skipped`,
        hint: REGENERATE.pnpm,
      });
      return;
    }
    let scope: Scope | undefined;
    if (style !== 9) scope = ownFlag(entry, 'dev') ? 'dev' : 'prod';
    // `resolution: { integrity }` (registry and tarball packages; git ones have a commit instead).
    const hashes = integrityHashes(own(ownTable(entry, 'resolution') ?? {}, 'integrity'));
    const id = builder.addPackage({ name, version: pinned, line, scope, hashes });
    instances.set(key, id);
    deps.push([id, snapshot ?? entry]);
  };

  if (style === 9) {
    const withSnapshot = new Set<string>();
    for (const [key, snapshot] of entriesOf(own(lock, 'snapshots'))) {
      const packageKey = withoutPeers(key);
      const entry = packageByKey.get(packageKey) ?? {};
      withSnapshot.add(packageKey);
      addInstance(key, packageKey, entry, isTable(snapshot) ? snapshot : {});
    }
    for (const [key, entry] of packageByKey)
      if (!withSnapshot.has(key)) addInstance(key, key, entry, undefined);
  } else {
    for (const [key, entry] of packageByKey) addInstance(key, key, entry, undefined);
  }

  // A snapshot's (5.x/6.x: a package's) dependencies hold its resolved peers too, as references
  // to the peer-suffixed keys; `transitivePeerDependencies` are names only, not resolutions.
  for (const [from, entry] of deps) {
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [name, reference] of entriesOf(own(entry, field))) {
        if (typeof reference !== 'string') continue;
        const key = referenceKey(name, reference, style);
        const to = key === undefined ? undefined : instances.get(key);
        if (to !== undefined) builder.addEdge(from, to);
      }
    }
  }

  const importers = ownTable(lock, 'importers');
  const projects: [string, Table][] = importers
    ? entriesOf(importers).flatMap(([path, importer]) =>
        isTable(importer) ? [[path, importer] as [string, Table]] : [],
      )
    : [['.', lock]];
  const resolveIn = (importer: Table | undefined, name: string): number | undefined => {
    if (!importer) return undefined;
    for (const [field] of IMPORTER_FIELDS) {
      const reference = referenceOf(own(ownTable(importer, field) ?? {}, name));
      const key = reference === undefined ? undefined : referenceKey(name, reference, style);
      const to = key === undefined ? undefined : instances.get(key);
      if (to !== undefined) return to;
    }
    return undefined;
  };
  for (const [path, importer] of projects) {
    for (const [field, kind] of IMPORTER_FIELDS) {
      for (const [name, value] of entriesOf(own(importer, field))) {
        const reference = referenceOf(value);
        const key = reference === undefined ? undefined : referenceKey(name, reference, style);
        const to = key === undefined ? undefined : instances.get(key);
        if (to !== undefined) builder.addRoot(path, to, kind);
      }
    }
  }

  const rootImporter = projects.find(([path]) => path === '.')?.[1];
  const { components, graph } = builder.build({
    file,
    scopeFrom: style === 9 ? 'roots' : 'flags',
    resolveRoot: (name) => resolveIn(rootImporter, name),
    knowsDirect: true,
    knowsScope: true,
  });
  const result: ParsedManifest = {
    file,
    format: `pnpm-lock.yaml ${version}`,
    ecosystem: 'npm',
    components,
    unpinned: [],
    problems,
  };
  // The importer '.' is the project; pnpm-lock.yaml does not name it (applyPackageJson does).
  if (rootImporter) result.root = manifestRoot('', undefined, rootDependsOn(graph, graph.roots));
  rememberGraph(result, graph);
  return result;
}

function lineOfKey(doc: Document, key: string, lineCounter: LineCounter): number {
  const root = doc.contents;
  if (!isMap(root)) return 1;
  for (const pair of root.items) {
    const k = pair.key as Node | null;
    if (isScalar(k) && String(k.value) === key && k.range) return lineCounter.linePos(k.range[0]).line;
  }
  return 1;
}
