/**
 * uv.lock (version 1) → PyPI components, one per `[[package]]` from an index, on the line of its
 * `version`.
 *
 * - The project and its workspace members (`source = { editable = "." }` or `{ virtual = "." }`)
 *   are not components, nor are local folders and files (`directory`, `path` sources). `git` and
 *   `url` sources are components with a warning that their version may not match the release.
 * - Direct: what a member declares: its `dependencies`, `optional-dependencies` (extras) and
 *   `[package.dev-dependencies]` groups.
 * - Scope: prod when reachable from a member's dependencies or extras (following the extras each
 *   edge asks for); dev when reachable only from its dev-dependencies groups (dev, docs, tests…).
 * - Graph: a package's `dependencies` (`{ name, version?, source? }`, the version and source
 *   written when the name alone is ambiguous), plus the `[package.optional-dependencies]` of each
 *   extra that something reachable asks for (`extra = [...]` on an edge). Markers do not matter.
 *   Edges to members and local packages (not components) are left out.
 * - Hashes: none. uv.lock gives one hash per distribution file (`sdist` and each of `wheels`), not
 *   one for the package: no single one is the component's, and which file an install uses depends
 *   on the platform.
 * - Root: the project (the member at `editable = "."` or `virtual = "."`, else the only member),
 *   with its version when it has one; its dependencies are every member's declared ones (the
 *   direct components): the root stands for the whole workspace. A lock without members (a
 *   script's), or with several and none at `.`, has no root.
 */
import { type Component, normalisePythonName, type ParsedManifest, type Scope } from '../component.js';
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
} from '../parse-helpers.js';
import { reachable } from './common.js';

interface UvPackage {
  index: number;
  /** The `source` table, canonical (see `canonical`). */
  source: string | undefined;
  name: string;
  key: string;
  version?: string;
  table: TomlTable;
  /** editable / virtual: the project or a workspace member. */
  member: boolean;
  /** directory / path: local code, not a component. */
  local: boolean;
  line?: number;
}

interface DependencyRef {
  key: string;
  version?: string;
  /** The `source` table, as a canonical string, when the reference gives one. */
  source?: string;
  extras: string[];
}

/** A TOML value as JSON with sorted keys, to compare two `source` tables. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isTable(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function refs(list: unknown[]): DependencyRef[] {
  const out: DependencyRef[] = [];
  for (const item of list) {
    if (!isTable(item)) continue;
    const name = stringAt(item, 'name');
    if (name === undefined) continue;
    const ref: DependencyRef = {
      key: normalisePythonName(name),
      extras: arrayAt(item, 'extra').filter((e): e is string => typeof e === 'string'),
    };
    const version = stringAt(item, 'version');
    if (version !== undefined) ref.version = version;
    const source = tableAt(item, 'source');
    if (source !== undefined) ref.source = canonical(source);
    out.push(ref);
  }
  return out;
}

export function parseUvLock(text: string, file: string): ParsedManifest {
  const parsed = parseTomlText(text);
  if (!('data' in parsed)) {
    return failed(
      file,
      'uv.lock',
      'PyPI',
      parsed.line,
      `uv.lock is not valid TOML (column ${parsed.column}): ${parsed.message}`,
      'uv.lock is generated: run `uv lock` to write it again rather than editing it by hand',
    );
  }
  const data = parsed.data;
  const version = Object.hasOwn(data, 'version') ? data.version : undefined;
  const revision = Object.hasOwn(data, 'revision') ? data.revision : undefined;
  const format =
    typeof version !== 'number'
      ? 'uv.lock'
      : typeof revision === 'number'
        ? `uv.lock ${version} (revision ${revision})`
        : `uv.lock ${version}`;
  return guarded(file, format, 'PyPI', () => {
    const out = new Collector(file, 'PyPI');
    if (version !== 1) {
      out.warn(
        1,
        `uv.lock version ${describeValue(version)} is not the version 1 Paved Path knows: read as version 1`,
        'Check the components, and tell us if some are missing',
      );
    }
    const entries = arrayAt(data, 'package');
    const lines = arrayTableLines(text, 'package', entries.length);
    const packages: UvPackage[] = [];
    entries.forEach((entry, index) => {
      const line = lines?.[index];
      const name = isTable(entry) ? stringAt(entry, 'name') : undefined;
      if (!isTable(entry) || name === undefined) {
        out.warn(
          line?.header,
          `[[package]] entry ${index + 1} has no name: it is skipped`,
          'Run `uv lock` to write uv.lock again',
        );
        return;
      }
      const source = tableAt(entry, 'source');
      const p: UvPackage = {
        source: source === undefined ? undefined : canonical(source),
        index,
        name,
        key: normalisePythonName(name),
        table: entry,
        member:
          source !== undefined && (Object.hasOwn(source, 'editable') || Object.hasOwn(source, 'virtual')),
        local: source !== undefined && (Object.hasOwn(source, 'directory') || Object.hasOwn(source, 'path')),
      };
      const v = stringAt(entry, 'version');
      if (v !== undefined) p.version = v;
      const at = line?.version ?? line?.header;
      if (at !== undefined) p.line = at;
      packages.push(p);
    });

    const byIndex = new Map(packages.map((p) => [p.index, p]));
    const byKey = new Map<string, UvPackage[]>();
    for (const p of packages) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
    const targets = (ref: DependencyRef): UvPackage[] => {
      const all = byKey.get(ref.key) ?? [];
      const byVersion = ref.version === undefined ? all : all.filter((p) => p.version === ref.version);
      return byVersion.length > 1 && ref.source !== undefined
        ? byVersion.filter((p) => p.source === ref.source)
        : byVersion;
    };
    // Nodes: "i" is package i's own dependencies; "i[extra]" are those its extra adds.
    const nodesFor = (ref: DependencyRef): string[] =>
      targets(ref).flatMap((p) => [String(p.index), ...ref.extras.map((e) => `${p.index}[${e}]`)]);
    const edges = (node: string): string[] => {
      const m = /^(\d+)(?:\[(.*)\])?$/.exec(node);
      const p = byIndex.get(Number(m?.[1]));
      if (p === undefined || m === null) return [];
      const list =
        m[2] === undefined
          ? arrayAt(p.table, 'dependencies')
          : arrayAt(tableAt(p.table, 'optional-dependencies'), m[2]);
      return refs(list).flatMap(nodesFor);
    };

    const members = packages.filter((p) => p.member);
    const prodSeeds: string[] = [];
    const devSeeds: string[] = [];
    const direct = new Set<number>();
    const declare = (list: unknown[], seeds: string[]) => {
      for (const ref of refs(list)) {
        for (const t of targets(ref)) direct.add(t.index);
        seeds.push(...nodesFor(ref));
      }
    };
    for (const m of members) {
      prodSeeds.push(String(m.index));
      declare(arrayAt(m.table, 'dependencies'), []);
      for (const [extra, list] of Object.entries(tableAt(m.table, 'optional-dependencies') ?? {})) {
        prodSeeds.push(`${m.index}[${extra}]`);
        if (Array.isArray(list)) declare(list as unknown[], []);
      }
      for (const list of Object.values(tableAt(m.table, 'dev-dependencies') ?? {})) {
        if (Array.isArray(list)) declare(list as unknown[], devSeeds);
      }
    }
    if (members.length === 0) {
      // No project in the lock (a script's lock): the roots of the graph are what was asked for.
      const needed = new Set(
        packages.flatMap((p) => edges(String(p.index))).map((n) => Number(/^\d+/.exec(n)?.[0])),
      );
      for (const p of packages) if (!needed.has(p.index)) direct.add(p.index);
    }
    const prod = reachable(prodSeeds, edges);
    const dev = reachable(devSeeds, edges);
    const scopeOf = (p: UvPackage): Scope =>
      !prod.has(String(p.index)) && dev.has(String(p.index)) ? 'dev' : 'prod';

    const components = new Map<number, Component>();
    for (const p of packages) {
      if (p.member || p.local) continue;
      if (p.version === undefined) {
        out.warn(
          p.line,
          `${p.name} has no version in uv.lock: it is skipped`,
          'Run `uv lock` to write uv.lock again',
        );
        continue;
      }
      const source = tableAt(p.table, 'source');
      const from = Object.hasOwn(source ?? {}, 'git')
        ? 'git'
        : Object.hasOwn(source ?? {}, 'url')
          ? 'url'
          : undefined;
      if (from !== undefined) {
        out.warn(
          p.line,
          `${p.name} ${p.version} comes from ${from === 'git' ? 'a git repository' : 'a URL'} (${stringAt(source, from) ?? '?'}), not a package index: its code may differ from release ${p.version}, so vulnerability matching is approximate`,
          'Depend on a released version from PyPI when one has the change you need',
        );
      }
      components.set(
        p.index,
        out.add({
          name: p.name,
          version: p.version,
          direct: direct.has(p.index),
          scope: scopeOf(p),
          line: p.line,
        }),
      );
    }

    // The extras in use: the "i[extra]" nodes reachable from the members (from every package when
    // there is no member). A component depends on its own dependencies and on those of its extras
    // in use.
    const inUse = reachable(
      members.length > 0 ? [...prodSeeds, ...devSeeds] : packages.map((p) => String(p.index)),
      edges,
    );
    out.recordsGraph();
    for (const [index, component] of components) {
      const p = byIndex.get(index);
      if (p === undefined) continue;
      const lists = [
        arrayAt(p.table, 'dependencies'),
        ...Object.entries(tableAt(p.table, 'optional-dependencies') ?? {})
          .filter(([extra, list]) => inUse.has(`${index}[${extra}]`) && Array.isArray(list))
          .map(([, list]) => list as unknown[]),
      ];
      for (const ref of lists.flatMap(refs)) {
        for (const t of targets(ref)) {
          const target = components.get(t.index);
          if (target !== undefined) out.link(component, target);
        }
      }
    }
    const root =
      members.find((m) => /^\{"(editable|virtual)":"\."\}$/.test(m.source ?? '')) ??
      (members.length === 1 ? members[0] : undefined);
    if (root !== undefined) {
      out.setRoot(
        root.name,
        root.version,
        [...direct].map((i) => components.get(i)).filter((c): c is Component => c !== undefined),
      );
    }
    return out.result(format);
  });
}
