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
 */
import type { ParsedManifest } from './component.js';
import {
  arrayAt,
  arrayTableLines,
  Collector,
  describeValue,
  failed,
  guarded,
  isTable,
  parseTomlText,
  stringAt,
  tableAt,
  type TomlTable,
} from './other-parsers.js';

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
    const root = tableAt(data, 'root');
    const workspace = crates.filter((c) => c.source === undefined);
    const rootDeps = root === undefined ? [] : arrayAt(root, 'dependencies');

    // A dependency is "name", "name version" or "name version (source)".
    const direct = new Set<string>();
    for (const dep of [...workspace.flatMap((c) => arrayAt(c.table, 'dependencies')), ...rootDeps]) {
      if (typeof dep !== 'string') continue;
      const [name, depVersion] = dep.split(' ');
      if (name === undefined) continue;
      const matches = crates.filter(
        (c) => c.name === name && (depVersion === undefined || c.version === depVersion),
      );
      for (const c of matches) direct.add(`${c.name} ${c.version}`);
    }

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
      out.add({
        name: c.name,
        version: c.version,
        direct: direct.has(`${c.name} ${c.version}`),
        scope: 'prod',
        line: c.line,
      });
    }
    return out.result(format);
  });
}
