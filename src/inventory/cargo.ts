/**
 * Cargo.lock (v1 and v2 without a `version` field, v3, v4) → crates.io components, on the line of
 * each package's `version`.
 *
 * - Packages with `source = "registry+…"` or `"sparse+…"` are components. Packages without a
 *   source are the workspace's own crates (members and path dependencies): not components.
 * - `git+…` sources are components with a warning: the crate is built from a commit, so matching
 *   its declared version against advisories is approximate. A registry other than crates.io gets
 *   a warning too: crates.io advisories may not be about the same code.
 * - Direct: the crates a workspace crate depends on. Scope: prod for all. Cargo.lock does not say
 *   which dependencies are dev-dependencies (that is in each Cargo.toml).
 * - Hashes: `checksum` (SHA-256 of the .crate file); v1 and v2 files keep them in the `[metadata]`
 *   table instead, as `"checksum <name> <version> (<source>)" = "<hex>"`. Git crates have none.
 * - Graph: each package's `dependencies` (`"name"`, `"name version"` or `"name version (source)"`,
 *   as much as Cargo needs to make it unambiguous) resolved to the one package it names. A
 *   dependency that names no package, or several, is left out (Cargo would not write it), and so
 *   are links to workspace crates, which are not components.
 * - Root: Cargo.lock does not say which workspace crate is the root (except v1's `[root]` table).
 *   The root is the workspace crate no other one depends on (ripgrep: ripgrep, which depends on
 *   grep, ignore…); when several are (a virtual workspace), the one named like the folder of
 *   Cargo.lock, else none: picking one would title the project after an arbitrary crate (the
 *   `direct` flags still say what the workspace depends on). Its dependencies are the union of
 *   every workspace crate's: the root stands for the whole workspace, as `direct` does.
 */
import type { Component, ParsedManifest } from './component.js';
import {
  arrayAt,
  arrayTableLines,
  Collector,
  describeValue,
  failed,
  folderName,
  guarded,
  hexHash,
  isTable,
  parseTomlText,
  stringAt,
  tableAt,
  type TomlTable,
} from './parse-helpers.js';

const CRATES_IO = new Set([
  'registry+https://github.com/rust-lang/crates.io-index',
  'sparse+https://index.crates.io/',
]);

interface Crate {
  name: string;
  version: string;
  source?: string;
  table: TomlTable;
  line?: number;
}

export function parseCargoLock(text: string, file: string): ParsedManifest {
  const parsed = parseTomlText(text);
  if (!('data' in parsed)) {
    return failed(
      file,
      'Cargo.lock',
      'crates.io',
      parsed.line,
      `Cargo.lock is not valid TOML (column ${parsed.column}): ${parsed.message}`,
      'Cargo.lock is generated: run `cargo generate-lockfile` (or any cargo build) to write it again',
    );
  }
  const data = parsed.data;
  const version = Object.hasOwn(data, 'version') ? data.version : undefined;
  const metadata = tableAt(data, 'metadata');
  const v1 =
    Object.keys(metadata ?? {}).some((k) => k.startsWith('checksum ')) || tableAt(data, 'root') !== undefined;
  const format =
    typeof version === 'number' ? `Cargo.lock v${version}` : v1 ? 'Cargo.lock v1' : 'Cargo.lock v2';
  return guarded(file, format, 'crates.io', () => {
    const out = new Collector(file, 'crates.io');
    if (version !== undefined && version !== 3 && version !== 4) {
      out.warn(
        1,
        `Cargo.lock version ${describeValue(version)} is not one Paved Path knows (none, 3 or 4): read as version 4`,
        'Check the components, and tell us if some are missing',
      );
    }
    const entries = arrayAt(data, 'package');
    const lines = arrayTableLines(text, 'package', entries.length);
    const crates: Crate[] = [];
    entries.forEach((entry, i) => {
      const line = lines?.[i];
      const name = isTable(entry) ? stringAt(entry, 'name') : undefined;
      const crateVersion = isTable(entry) ? stringAt(entry, 'version') : undefined;
      if (!isTable(entry) || name === undefined || crateVersion === undefined) {
        out.warn(
          line?.header,
          `[[package]] entry ${i + 1} has no ${name === undefined ? 'name' : 'version'}: it is skipped`,
          'Run `cargo generate-lockfile` to write Cargo.lock again',
        );
        return;
      }
      const crate: Crate = { name, version: crateVersion, table: entry };
      const source = stringAt(entry, 'source');
      if (source !== undefined) crate.source = source;
      const at = line?.version ?? line?.header;
      if (at !== undefined) crate.line = at;
      crates.push(crate);
    });
    // Cargo.lock v1 kept the root crate in its own [root] table.
    const rootTable = tableAt(data, 'root');
    const workspace = crates.filter((c) => c.source === undefined);

    // A dependency is "name", "name version" or "name version (source)": the one crate it names.
    const byName = new Map<string, Crate[]>();
    for (const c of crates) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    const resolve = (dep: unknown): Crate | undefined => {
      if (typeof dep !== 'string') return undefined;
      const m = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(dep.trim());
      if (!m) return undefined;
      const [, name = '', depVersion, source] = m;
      const matches = (byName.get(name) ?? []).filter(
        (c) =>
          (depVersion === undefined || c.version === depVersion) &&
          (source === undefined || c.source === source),
      );
      return matches.length === 1 ? matches[0] : undefined;
    };
    const depsOf = (table: TomlTable): Crate[] =>
      arrayAt(table, 'dependencies')
        .map(resolve)
        .filter((c): c is Crate => c !== undefined);
    const memberDeps = [...workspace, ...(rootTable === undefined ? [] : [{ table: rootTable }])].flatMap(
      (c) => depsOf(c.table),
    );
    const direct = new Set(memberDeps);

    // v1 and v2: "checksum <name> <version> (<source>)" = "<hex>" in [metadata].
    const metadataChecksum = (c: Crate): string | undefined =>
      c.source === undefined
        ? undefined
        : stringAt(metadata, `checksum ${c.name} ${c.version} (${c.source})`);

    const components = new Map<Crate, Component>();
    for (const c of crates) {
      if (c.source === undefined) continue;
      if (c.source.startsWith('git+')) {
        out.warn(
          c.line,
          `${c.name} ${c.version} is built from git (${c.source}): its code may differ from the crates.io release ${c.version}, so vulnerability matching is approximate`,
          'Depend on a released version from crates.io when one has the change you need',
        );
      } else if (!CRATES_IO.has(c.source)) {
        out.warn(
          c.line,
          `${c.name} ${c.version} comes from another registry (${c.source}): advisories for the crates.io crate of that name may not apply`,
          'Check the advisories of that registry as well',
        );
      }
      const hash = hexHash('SHA-256', stringAt(c.table, 'checksum') ?? metadataChecksum(c));
      const component = out.add({
        name: c.name,
        version: c.version,
        direct: direct.has(c),
        scope: 'prod',
        line: c.line,
        hashes: hash === undefined ? [] : [hash],
      });
      components.set(c, component);
    }

    out.recordsGraph();
    for (const [crate, component] of components) {
      for (const dep of depsOf(crate.table)) {
        const target = components.get(dep);
        if (target !== undefined) out.link(component, target);
      }
    }
    const rootName = stringAt(rootTable, 'name');
    const rootCrate = rootName === undefined ? chooseRoot(workspace, resolve, file) : undefined;
    const name = rootName ?? rootCrate?.name;
    if (name !== undefined) {
      out.setRoot(
        name,
        rootName === undefined ? rootCrate?.version : stringAt(rootTable, 'version'),
        memberDeps.map((c) => components.get(c)).filter((c): c is Component => c !== undefined),
      );
    }
    return out.result(format);
  });
}

/**
 * The workspace crate that stands for the workspace: the one no other workspace crate depends on;
 * among several, the one named like Cargo.lock's folder, else none.
 */
function chooseRoot(
  workspace: readonly Crate[],
  resolve: (dep: unknown) => Crate | undefined,
  file: string,
): Crate | undefined {
  const needed = new Set(workspace.flatMap((c) => arrayAt(c.table, 'dependencies').map(resolve)));
  const tops = workspace.filter((c) => !needed.has(c));
  const candidates = tops.length > 0 ? tops : workspace;
  if (candidates.length <= 1) return candidates[0];
  const folder = folderName(file);
  return candidates.find((c) => c.name === folder);
}
