/**
 * What the Python lockfile parsers share: PEP 508 names, walks over a locked dependency graph,
 * and the declared dependencies of a pyproject.toml (for poetry.lock's direct and dev flags).
 */
import { normalisePythonName } from '../component.js';
import { arrayAt, isTable, parseTomlText, tableAt, type TomlTable } from '../other-parsers.js';

/** The normalised project name at the start of a PEP 508 requirement (`Foo[bar]>=1` → `foo`). */
export function pep508Name(requirement: string): string | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(requirement);
  return m?.[1] === undefined ? undefined : normalisePythonName(m[1]);
}

/** Every node reachable from `seeds` (included) through `edges`. */
export function reachable<T>(seeds: Iterable<T>, edges: (node: T) => Iterable<T>): Set<T> {
  const seen = new Set<T>();
  const queue = [...seeds];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    if (seen.has(node)) continue;
    seen.add(node);
    for (const next of edges(node)) if (!seen.has(next)) queue.push(next);
  }
  return seen;
}

export interface DeclaredDependencies {
  /** Normalised names the project needs at run time (dependencies, extras, Poetry's main group). */
  prod: Set<string>;
  /** Normalised names of dev groups only (Poetry dev-dependencies and groups, PEP 735 groups). */
  dev: Set<string>;
}

/**
 * The dependencies a pyproject.toml declares, from PEP 621 `[project]`, Poetry's
 * `[tool.poetry.*dependencies]` and groups, and PEP 735 `[dependency-groups]`. `python` is not a
 * package. Undefined with the syntax error's line when the file is not TOML.
 */
export function declaredDependencies(
  pyproject: string,
): { declared: DeclaredDependencies } | { line: number; message: string } {
  const parsed = parseTomlText(pyproject);
  if (!('data' in parsed)) return { line: parsed.line, message: parsed.message };
  const prod = new Set<string>();
  const dev = new Set<string>();
  const addStrings = (into: Set<string>, list: unknown[]) => {
    for (const item of list) {
      if (typeof item !== 'string') continue;
      const name = pep508Name(item);
      if (name !== undefined) into.add(name);
    }
  };
  const addKeys = (into: Set<string>, table: TomlTable | undefined) => {
    for (const key of Object.keys(table ?? {}))
      if (key.toLowerCase() !== 'python') into.add(normalisePythonName(key));
  };
  const project = tableAt(parsed.data, 'project');
  addStrings(prod, arrayAt(project, 'dependencies'));
  for (const list of Object.values(tableAt(project, 'optional-dependencies') ?? {})) {
    if (Array.isArray(list)) addStrings(prod, list as unknown[]);
  }
  const poetry = tableAt(tableAt(parsed.data, 'tool'), 'poetry');
  addKeys(prod, tableAt(poetry, 'dependencies'));
  addKeys(dev, tableAt(poetry, 'dev-dependencies'));
  for (const [group, table] of Object.entries(tableAt(poetry, 'group') ?? {})) {
    if (!isTable(table)) continue;
    addKeys(group === 'main' ? prod : dev, tableAt(table, 'dependencies'));
  }
  for (const list of Object.values(tableAt(parsed.data, 'dependency-groups') ?? {})) {
    if (Array.isArray(list)) addStrings(dev, list as unknown[]);
  }
  return { declared: { prod, dev } };
}
