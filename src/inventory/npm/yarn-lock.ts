/**
 * `yarn.lock` → components, for Yarn 1 (`# yarn lockfile v1`) and Yarn Berry (2+, a
 * `__metadata` entry whose `version` is the lockfile format: 4 to 8 so far, 10 for cacheKey 10).
 *
 * - An entry lists every descriptor it satisfies (`"a@^1, a@^1.2":`); its package is one
 *   instance. The name is Berry's `resolution` name, or for Yarn 1 the descriptor's, following an
 *   `npm:` alias (`b@npm:a@^1` is package a).
 * - `workspace:`, `link:`, `portal:` and `file:` entries are the project's own: not components.
 *   A Berry `patch:` entry is its base package patched: it counts as that package, once.
 * - Direct and dev come from the package.json beside the lockfile, which this parser does not
 *   read. Yarn 1 records neither: every component is `direct: false`, scope prod. Berry records
 *   each workspace with its dependencies (dev ones merged in): those are direct, and the scope
 *   stays prod. `applyPackageJson` (./package-json.ts) marks direct and dev from the package.json.
 * - `line` is the line of the entry's key.
 * - Hashes: Yarn 1's `integrity`, else the sha1 after `#` in `resolved`. Berry's `checksum` is not
 *   reported (it hashes Yarn's cache zip, not the package). The graph: each entry's dependencies
 *   and optionalDependencies, descriptor → entry (aliases and `patch:` descriptors included);
 *   Berry's peerDependencies are not resolved in the lockfile and give no edge. The root: Berry's
 *   `workspace:.` entry (Yarn 1 records none; applyPackageJson gives it).
 *
 * Yarn writes its own YAML subset, read here line by line (./yarn-syntax.ts); a Berry lockfile
 * with YAML that yarn does not write (edited by hand) is read with a full YAML parser instead.
 */
import { LineCounter, type Node, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { InventoryProblem, ManifestParser, ManifestRoot, ParsedManifest } from '../component.js';
import { npmAlias, splitDescriptor } from './descriptor.js';
import { GraphBuilder, manifestRoot, rememberGraph, rootDependsOn } from './graph.js';
import { integrityHashes, resolvedSha1 } from './hashes.js';
import { REGENERATE, conflictMarkers, neverThrows, unreadable, withoutBom } from './problems.js';
import {
  type SymlEntry,
  SymlSyntaxError,
  type SymlTable,
  type SymlValue,
  parseSyml,
  symlString,
  symlStrings,
  symlTable,
} from './yarn-syntax.js';

const BERRY = /^__metadata:/m;
const CLASSIC_HEADER = /^# yarn lockfile v1\s*$/m;
/** Berry lockfile format versions written so far (Yarn 2 to 4 write 4 to 8; 10 comes with cacheKey 10). */
const KNOWN_BERRY_VERSIONS = new Set(['4', '5', '6', '7', '8', '9', '10']);
/** Protocols of the project's own packages, not registry components. */
const PROJECT_PROTOCOLS = new Set(['workspace', 'link', 'portal', 'file']);
/** The name Yarn Berry gives a root workspace whose package.json has none. */
const UNNAMED_ROOT = /^root-workspace-[0-9a-f]{6}$/;

/** `a@npm:^1, a@npm:^1.2` → both descriptors (Berry joins them in one key, Yarn 1 writes several). */
function descriptorsOf(keys: readonly string[]): string[] {
  return keys.flatMap((key) => key.split(/ *, */)).filter((d) => d !== '');
}

function protocolOf(range: string): string | undefined {
  const m = /^([a-z][a-z+-]*):/.exec(range);
  return m?.[1];
}

/** A scalar's text (the failsafe schema reads every scalar as a string). */
function scalarText(node: unknown): string {
  if (!isScalar(node)) return '';
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

/** The YAML parser's reading, as the same entries (Berry files only). */
function entriesFromYaml(text: string): SymlEntry[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'failsafe',
    uniqueKeys: false,
    prettyErrors: false,
  });
  const [error] = doc.errors;
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new SymlSyntaxError(error.message.split('\n')[0] ?? error.message, line, col);
  }
  const convert = (node: unknown): SymlValue => {
    if (isAlias(node)) throw new SymlSyntaxError('YAML anchors and aliases are not used in lockfiles', 1, 1);
    if (isMap(node)) {
      const table: SymlTable = { entries: new Map() };
      for (const pair of node.items) {
        table.entries.set(scalarText(pair.key), convert(pair.value));
      }
      return table;
    }
    // Sequences do not occur in lockfile entries; scalars are text.
    return isSeq(node) ? '' : scalarText(node);
  };
  const root = doc.contents;
  if (root === null) return [];
  if (!isMap(root)) throw new SymlSyntaxError('expected a mapping of entries', 1, 1);
  return root.items.map((pair) => {
    const keyNode = pair.key as Node | null;
    const key = scalarText(keyNode);
    const offset = keyNode?.range?.[0] ?? 0;
    return { keys: [key], line: lineCounter.linePos(offset).line, value: convert(pair.value) };
  });
}

export const parseYarnLock: ManifestParser = neverThrows('yarn.lock', REGENERATE.yarnClassic, (text, file) =>
  readYarnLock(text, file),
);

function readYarnLock(text: string, file: string): ParsedManifest {
  const body = withoutBom(text);
  const berry = BERRY.test(body) && !CLASSIC_HEADER.test(body);
  const regenerate = berry ? REGENERATE.yarnBerry : REGENERATE.yarnClassic;
  const unknownFormat = berry ? 'yarn.lock berry' : 'yarn.lock v1';
  const conflict = conflictMarkers(body, file, unknownFormat, regenerate);
  if (conflict) return conflict;

  let entries: SymlEntry[];
  try {
    try {
      entries = parseSyml(body);
    } catch (error) {
      if (!berry || !(error instanceof SymlSyntaxError)) throw error;
      entries = entriesFromYaml(body);
    }
  } catch (error) {
    const where = error instanceof SymlSyntaxError ? error : new SymlSyntaxError(String(error), 1, 1);
    return unreadable(file, unknownFormat, {
      line: where.line,
      message: `${berry ? 'not valid YAML' : 'not valid yarn.lock syntax'} at column ${where.column}: ${where.message}`,
      hint: regenerate,
    });
  }

  const problems: InventoryProblem[] = [];
  let format = 'yarn.lock v1';
  if (berry) {
    const metadata = entries.find((e) => e.keys.includes('__metadata'));
    const version =
      metadata && typeof metadata.value !== 'string' ? symlString(metadata.value, 'version') : undefined;
    format = `yarn.lock berry v${version ?? '?'}`;
    if (version === undefined || !KNOWN_BERRY_VERSIONS.has(version)) {
      problems.push({
        level: 'warning',
        file,
        line: metadata?.line ?? 1,
        message: `__metadata version ${JSON.stringify(version ?? null)} is not one this reader knows (4 to 10): read as best it can`,
        hint: 'Check that the packages look right; a newer Yarn may have changed the format',
      });
    }
  }

  const builder = new GraphBuilder();
  const byDescriptor = new Map<string, number>();
  const byName = new Map<string, number[]>();
  const dependencies: [number, Map<string, string>][] = [];
  const workspaces: [string, number, Map<string, string>][] = [];
  let rootName: string | undefined;

  for (const entry of entries) {
    if (entry.keys.includes('__metadata')) continue;
    const descriptors = descriptorsOf(entry.keys);
    const first = descriptors[0];
    const skip = (why: string): void => {
      problems.push({
        level: 'warning',
        file,
        line: entry.line,
        message: `entry ${JSON.stringify(entry.keys.join(', '))} ${why}: skipped`,
        hint: regenerate,
      });
    };
    if (first === undefined) continue;
    if (typeof entry.value === 'string') {
      skip('is a value, not a block of fields');
      continue;
    }
    const fields = entry.value;
    const version = symlString(fields, 'version');
    // dependencies and optionalDependencies are descriptors of other entries. Berry's
    // peerDependencies are ranges that Yarn resolves per dependent at install time (its virtual
    // packages), and the lockfile does not record to what: they give no edge. Yarn 1 lists none.
    const deps = symlStrings(symlTable(fields, 'dependencies'));
    for (const [name, range] of symlStrings(symlTable(fields, 'optionalDependencies'))) deps.set(name, range);

    let instance: number;
    if (berry) {
      const resolution = symlString(fields, 'resolution');
      if (resolution === undefined) {
        skip('has no resolution');
        continue;
      }
      const resolved = splitDescriptor(resolution);
      const protocol = protocolOf(resolved.range);
      if (protocol !== undefined && PROJECT_PROTOCOLS.has(protocol)) {
        instance = builder.addProject();
        if (protocol === 'workspace') {
          const path = resolved.range.slice('workspace:'.length);
          workspaces.push([path, instance, deps]);
          if (path === '.' && !UNNAMED_ROOT.test(resolved.name)) rootName = resolved.name;
        }
      } else {
        let name = resolved.name;
        if (protocol === 'patch') {
          // patch:<base descriptor, URL-encoded>#<patch file>::<params>
          const base = resolved.range.slice('patch:'.length).split('#')[0] ?? '';
          let decoded = base;
          try {
            decoded = decodeURIComponent(base);
          } catch {
            // keep it encoded
          }
          name = splitDescriptor(decoded).name || name;
        }
        if (version === undefined || version === '' || name === '') {
          skip('has no version');
          continue;
        }
        // No hashes: Berry's `checksum` is the hash of the zip archive Yarn builds for its own
        // cache (its cacheKey prefix says which zip layout), not of the package tarball that
        // the registry serves and an SBOM reader could verify. It is not the package's hash.
        instance = builder.addPackage({ name, version, line: entry.line });
      }
    } else {
      const { name: keyName, range } = splitDescriptor(first);
      const protocol = protocolOf(range);
      if (protocol !== undefined && PROJECT_PROTOCOLS.has(protocol)) {
        instance = builder.addProject();
      } else {
        const name = npmAlias(range)?.name ?? keyName;
        if (version === undefined || version === '' || name === '') {
          skip('has no version');
          continue;
        }
        // `integrity` (SRI), else the SHA-1 that older Yarn 1 versions put after `#` in `resolved`.
        const integrity = integrityHashes(symlString(fields, 'integrity'));
        const hashes = integrity.length > 0 ? integrity : resolvedSha1(symlString(fields, 'resolved'));
        instance = builder.addPackage({ name, version, line: entry.line, hashes });
      }
    }
    for (const descriptor of descriptors) {
      if (!byDescriptor.has(descriptor)) byDescriptor.set(descriptor, instance);
      const { name } = splitDescriptor(descriptor);
      const list = byName.get(name);
      if (list === undefined) byName.set(name, [instance]);
      else if (!list.includes(instance)) list.push(instance);
    }
    dependencies.push([instance, deps]);
  }

  const lookup = (name: string, range: string): number | undefined => {
    const exact = byDescriptor.get(`${name}@${range}`);
    if (exact !== undefined || !berry || protocolOf(range) !== undefined) return exact;
    // Berry writes registry ranges with their protocol.
    return byDescriptor.get(`${name}@npm:${range}`);
  };
  for (const [from, deps] of dependencies) {
    for (const [name, range] of deps) {
      const to = lookup(name, range);
      if (to !== undefined) builder.addEdge(from, to);
    }
  }
  const rootWorkspace = workspaces.find(([path]) => path === '.');
  for (const [path, , deps] of workspaces) {
    for (const [name, range] of deps) {
      const to = lookup(name, range);
      if (to !== undefined) builder.addRoot(path, to, 'unknown');
    }
  }

  const { components, graph } = builder.build({
    file,
    scopeFrom: 'roots',
    resolveRoot: (name, range) => {
      const declared = rootWorkspace?.[2].get(name);
      const found = lookup(name, declared ?? range);
      if (found !== undefined) return found;
      const candidates = byName.get(name);
      return candidates?.length === 1 ? candidates[0] : undefined;
    },
    knowsDirect: workspaces.length > 0,
    knowsScope: false,
  });
  const result: ParsedManifest = { file, format, ecosystem: 'npm', components, unpinned: [], problems };
  // Berry records the root workspace (`name@workspace:.`) with its dependencies, dev ones merged
  // in; its version is always 0.0.0-use.local, not the project's. Yarn 1 records no root.
  if (rootWorkspace) {
    const root: ManifestRoot = manifestRoot(rootName ?? '', undefined, rootDependsOn(graph, graph.roots));
    result.root = root;
  }
  rememberGraph(result, graph);
  return result;
}
