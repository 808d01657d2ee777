/**
 * What the Python lockfile parsers share: PEP 508 names and extras, walks over a locked dependency
 * graph, and the declared dependencies of a pyproject.toml (for poetry.lock's direct and dev
 * flags, the extras it asks of its dependencies, and the project's name and version).
 */
import { normalisePythonName } from '../component.js';
import { arrayAt, isTable, parseTomlText, stringAt, tableAt, type TomlTable } from '../parse-helpers.js';

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

/** The extras a PEP 508 requirement asks for (`foo[a, B]>=1` → `a`, `b`), normalised. */
export function pep508Extras(requirement: string): string[] {
  const m = /^\s*[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*\[([^\]]*)\]/.exec(requirement);
  return (m?.[1] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
    .map(normalisePythonName);
}

export interface DeclaredDependencies {
  /** Normalised names the project needs at run time (dependencies, extras, Poetry's main group). */
  prod: Set<string>;
  /** Normalised names of dev groups only (Poetry dev-dependencies and groups, PEP 735 groups). */
  dev: Set<string>;
  /** The extras the project asks of its dependencies: normalised name → normalised extras. */
  extras: Map<string, Set<string>>;
  /** The project's name and version (`[project]`, else `[tool.poetry]`), when written. */
  name?: string;
  version?: string;
}

/** The extras a Poetry dependency value asks for: `{ extras = [...] }`, or a list of such tables. */
export function poetryExtras(value: unknown): string[] {
  const tables = Array.isArray(value) ? (value as unknown[]) : [value];
  return tables
    .flatMap((t) =>
      isTable(t) ? arrayAt(t, 'extras').filter((e): e is string => typeof e === 'string') : [],
    )
    .map(normalisePythonName);
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
  const extras = new Map<string, Set<string>>();
  const addExtras = (name: string, list: string[]) => {
    if (list.length > 0) extras.set(name, new Set([...(extras.get(name) ?? []), ...list]));
  };
  const addStrings = (into: Set<string>, list: unknown[]) => {
    for (const item of list) {
      if (typeof item !== 'string') continue;
      const name = pep508Name(item);
      if (name === undefined) continue;
      into.add(name);
      addExtras(name, pep508Extras(item));
    }
  };
  const addKeys = (into: Set<string>, table: TomlTable | undefined) => {
    for (const [key, value] of Object.entries(table ?? {})) {
      if (key.toLowerCase() === 'python') continue;
      const name = normalisePythonName(key);
      into.add(name);
      addExtras(name, poetryExtras(value));
    }
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
  const declared: DeclaredDependencies = { prod, dev, extras };
  const name = stringAt(project, 'name') ?? stringAt(poetry, 'name');
  if (name !== undefined && name !== '') declared.name = name;
  const version = stringAt(project, 'version') ?? stringAt(poetry, 'version');
  if (version !== undefined && version !== '') declared.version = version;
  return { declared };
}
