/**
 * poetry.lock (lock-version 1.1, 2.0, 2.1) → PyPI components, one per `[[package]]`, on the line
 * of its `version`.
 *
 * - Scope: lock-version 1.x says it per package (`category = "dev"`); 2.1 lists the groups that
 *   need a package (`groups = ["main", "test"]`: prod when "main" is one of them). 2.0 says
 *   neither (Poetry moved groups to pyproject.toml): every package is prod, unless the
 *   pyproject.toml text is given; then packages reachable only from dev groups are dev.
 * - Direct: with pyproject.toml, the packages it declares. Without, the packages no other locked
 *   package depends on (a lower bound: a declared dependency that something else also needs is
 *   not counted as direct).
 * - Sources: `directory` and `file` packages are the project's own code (skipped); `git` and `url`
 *   packages are components with a warning that their version may not match the release.
 * - Graph: each package's `[package.dependencies]`, resolved by PEP 503 name (to every locked
 *   version of that name: when Poetry locks two, for different markers, the lockfile does not
 *   say which one a dependency's constraint picks). Environment markers do not matter (the edge
 *   holds somewhere). An `optional = true` dependency belongs to an extra of the package: it is an
 *   edge only when something asks for that extra (another locked package's `extras = [...]`, or
 *   pyproject.toml's when given; an extra asked for by an optional dependency counts once that
 *   dependency does). Edges to `directory`/`file` packages (not components) are left out.
 * - Hashes: none. poetry.lock lists one hash per distribution file (`files = [{file, hash}]`: each
 *   wheel and the sdist), not one for the package: no single one is the component's hash, and
 *   which file an install uses depends on the platform.
 * - Root: with pyproject.toml, the project (`[project]` or `[tool.poetry]` name and version); its
 *   dependencies are the declared ones. Without it, or without a name in it (Poetry's
 *   `package-mode = false`), no root.
 */
import path from 'node:path';
import { type Component, normalisePythonName, type ParsedManifest, type Scope } from '../component.js';
import {
  arrayAt,
  arrayTableLines,
  Collector,
  failed,
  guarded,
  isTable,
  parseTomlText,
  stringAt,
  SyntaxProblem,
  tableAt,
  type TomlTable,
} from '../parse-helpers.js';
import {
  declaredDependencies,
  type DeclaredDependencies,
  pep508Name,
  poetryExtras,
  reachable,
} from './common.js';

interface LockedPackage {
  name: string;
  key: string;
  version: string;
  table: TomlTable;
  line?: number;
}

export function parsePoetryLock(text: string, file: string, pyprojectText?: string): ParsedManifest {
  const parsed = parseTomlText(text);
  if (!('data' in parsed)) {
    return failed(
      file,
      'poetry.lock',
      'PyPI',
      parsed.line,
      `poetry.lock is not valid TOML (column ${parsed.column}): ${parsed.message}`,
      'poetry.lock is generated: run `poetry lock` to write it again rather than editing it by hand',
    );
  }
  const data = parsed.data;
  const lockVersion = stringAt(tableAt(data, 'metadata'), 'lock-version');
  const format = lockVersion === undefined ? 'poetry.lock' : `poetry.lock ${lockVersion}`;
  return guarded(file, format, 'PyPI', () => {
    const out = new Collector(file, 'PyPI');
    if (lockVersion === undefined) {
      out.warn(
        undefined,
        'poetry.lock has no [metadata] lock-version',
        'Run `poetry lock` to write a complete lockfile',
      );
    } else if (!/^[12]\./.test(lockVersion)) {
      out.warn(
        undefined,
        `poetry.lock lock-version ${lockVersion} is newer than Paved Path knows (1.1 to 2.1): read as 2.1`,
        'Check the components, and tell us if some are missing',
      );
    }

    const entries = arrayAt(data, 'package');
    const lines = arrayTableLines(text, 'package', entries.length);
    const packages: LockedPackage[] = entries.map((entry, i) => {
      const line = lines?.[i];
      const name = isTable(entry) ? stringAt(entry, 'name') : undefined;
      const version = isTable(entry) ? stringAt(entry, 'version') : undefined;
      if (!isTable(entry) || name === undefined || version === undefined) {
        throw new SyntaxProblem(
          line?.header,
          `[[package]] entry ${i + 1} has no ${name === undefined ? 'name' : 'version'}`,
          'Run `poetry lock` to write the lockfile again',
        );
      }
      const p: LockedPackage = { name, key: normalisePythonName(name), version, table: entry };
      const at = line?.version ?? line?.header;
      if (at !== undefined) p.line = at;
      return p;
    });

    const byKey = new Map<string, LockedPackage[]>();
    for (const p of packages) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
    const dependsOn = (p: LockedPackage): string[] =>
      Object.keys(tableAt(p.table, 'dependencies') ?? {}).map(normalisePythonName);

    let declared: DeclaredDependencies | undefined;
    if (pyprojectText !== undefined) {
      const result = declaredDependencies(pyprojectText);
      if ('declared' in result) declared = result.declared;
      else {
        out.warn(
          undefined,
          `${path.posix.join(path.posix.dirname(file), 'pyproject.toml')} line ${result.line} is not valid TOML (${result.message}): direct and dev flags come from poetry.lock alone`,
          'Fix pyproject.toml',
        );
      }
    }

    // Direct: declared names; else the roots of the locked graph.
    let direct: Set<string>;
    if (declared !== undefined) direct = new Set([...declared.prod, ...declared.dev]);
    else {
      const needed = new Set(packages.flatMap(dependsOn));
      direct = new Set(packages.map((p) => p.key).filter((k) => !needed.has(k)));
    }

    // Scope for 2.0 lockfiles with a pyproject.toml: reachable from prod seeds → prod.
    let prodReach: Set<string> | undefined;
    let devReach: Set<string> | undefined;
    if (declared !== undefined) {
      const edges = (key: string) => (byKey.get(key) ?? []).flatMap(dependsOn);
      prodReach = reachable(declared.prod, edges);
      devReach = reachable(declared.dev, edges);
    }
    const scopeOf = (p: LockedPackage): Scope => {
      const category = stringAt(p.table, 'category');
      if (category !== undefined) return category === 'dev' ? 'dev' : 'prod';
      const groups = arrayAt(p.table, 'groups');
      if (groups.length > 0) return groups.includes('main') ? 'prod' : 'dev';
      if (prodReach !== undefined && devReach !== undefined && !prodReach.has(p.key) && devReach.has(p.key)) {
        return 'dev';
      }
      return 'prod';
    };

    const components = new Map<LockedPackage, Component>();
    for (const p of packages) {
      const source = tableAt(p.table, 'source');
      const type = stringAt(source, 'type');
      if (type === 'directory' || type === 'file') continue;
      if (type === 'git' || type === 'url') {
        out.warn(
          p.line,
          `${p.name} ${p.version} comes from ${type === 'git' ? 'a git repository' : 'a URL'} (${stringAt(source, 'url') ?? '?'}), not a package index: its code may differ from release ${p.version}, so vulnerability matching is approximate`,
          'Depend on a released version from PyPI when one has the change you need',
        );
      }
      const component = out.add({
        name: p.name,
        version: p.version,
        direct: direct.has(p.key),
        scope: scopeOf(p),
        line: p.line,
      });
      components.set(p, component);
    }

    out.recordsGraph();
    const componentsNamed = (key: string): Component[] =>
      (byKey.get(key) ?? []).map((p) => components.get(p)).filter((c): c is Component => c !== undefined);
    const active = activeDependencies(packages, byKey, declared?.extras);
    for (const [p, component] of components) {
      for (const key of active.get(p) ?? []) {
        for (const target of componentsNamed(key)) out.link(component, target);
      }
    }
    if (declared?.name !== undefined) {
      out.setRoot(
        declared.name,
        declared.version,
        [...declared.prod, ...declared.dev].flatMap(componentsNamed),
      );
    }
    return out.result(format);
  });
}

/** The extras of a package that list a dependency: `[package.extras]`, and its `extra == "…"` markers. */
function extrasListing(p: LockedPackage, key: string, spec: unknown): Set<string> {
  const out = new Set<string>();
  for (const [extra, list] of Object.entries(tableAt(p.table, 'extras') ?? {})) {
    if (!Array.isArray(list)) continue;
    if ((list as unknown[]).some((r) => typeof r === 'string' && pep508Name(r) === key)) {
      out.add(normalisePythonName(extra));
    }
  }
  for (const t of Array.isArray(spec) ? (spec as unknown[]) : [spec]) {
    const markers = isTable(t) ? (stringAt(t, 'markers') ?? '') : '';
    for (const m of markers.matchAll(/\bextra\s*==\s*["']([^"']+)["']/g))
      out.add(normalisePythonName(m[1] ?? ''));
  }
  return out;
}

/** Whether a dependency value is optional (`optional = true`, in its table or every table of its list). */
function isOptional(spec: unknown): boolean {
  const tables = Array.isArray(spec) ? (spec as unknown[]) : [spec];
  return tables.length > 0 && tables.every((t) => isTable(t) && t.optional === true);
}

/**
 * The dependencies (normalised names) that are edges of each package: the required ones, and the
 * optional ones of the extras something asks for. Extras are asked for by pyproject.toml and by
 * the edges themselves, so this runs to a fixed point.
 */
function activeDependencies(
  packages: readonly LockedPackage[],
  byKey: ReadonlyMap<string, LockedPackage[]>,
  declaredExtras: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): Map<LockedPackage, Set<string>> {
  const extrasOf = new Map<LockedPackage, Set<string>>();
  const ask = (key: string, extras: Iterable<string>): boolean => {
    let changed = false;
    for (const target of byKey.get(key) ?? []) {
      const set = extrasOf.get(target) ?? new Set<string>();
      for (const e of extras) {
        if (!set.has(e)) {
          set.add(e);
          changed = true;
        }
      }
      extrasOf.set(target, set);
    }
    return changed;
  };
  for (const [key, extras] of declaredExtras ?? []) ask(key, extras);
  const active = new Map<LockedPackage, Set<string>>();
  for (let changed = true; changed;) {
    changed = false;
    for (const p of packages) {
      const edges = active.get(p) ?? new Set<string>();
      active.set(p, edges);
      for (const [name, spec] of Object.entries(tableAt(p.table, 'dependencies') ?? {})) {
        const key = normalisePythonName(name);
        if (edges.has(key)) continue;
        if (isOptional(spec)) {
          const wanted = extrasOf.get(p);
          if (![...extrasListing(p, key, spec)].some((e) => wanted?.has(e))) continue;
        }
        edges.add(key);
        ask(key, poetryExtras(spec));
        changed = true;
      }
    }
  }
  return active;
}
