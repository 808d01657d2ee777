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
 */
import { normalisePythonName, type ParsedManifest, type Scope } from '../component.js';
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
} from '../other-parsers.js';
import { reachable } from './common.js';

interface UvPackage {
  index: number;
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
  extras: string[];
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
      return ref.version === undefined ? all : all.filter((p) => p.version === ref.version);
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
      out.add({
        name: p.name,
        version: p.version,
        direct: direct.has(p.index),
        scope: scopeOf(p),
        line: p.line,
      });
    }
    return out.result(format);
  });
}
