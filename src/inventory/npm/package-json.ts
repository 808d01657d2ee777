/**
 * applyPackageJson: what the package.json beside a lockfile declares, applied to the lockfile's
 * components. The orchestrator calls it when there is one; the parsers stay one file in, one
 * result out.
 *
 * It matters where the lockfile does not record the root's declarations: yarn.lock (Yarn 1 has
 * neither direct nor dev, Berry has direct but no dev) and package-lock.json v1 (direct is a
 * guess, dev is recorded). package-lock v2/v3, pnpm-lock.yaml and bun.lock record them, and the
 * result comes back unchanged.
 *
 * - Direct: each name in dependencies, optionalDependencies, peerDependencies and devDependencies
 *   that resolves, from the lockfile's root, to a package (the version the root gets).
 * - Scope: with the lockfile's dependency graph, prod when a path from a dependencies /
 *   optionalDependencies / peerDependencies entry (or from another workspace the lockfile records)
 *   reaches the package, dev when only paths from devDependencies do, unchanged when none do.
 * - Root: the lockfile's ManifestRoot, its gaps filled: the name when the lockfile has none (pnpm,
 *   Yarn 1, unnamed Berry roots), the version, and with the graph the purls the declarations
 *   resolve to (Yarn 1, package-lock v1). What the lockfile records is kept.
 * - A package.json that does not parse adds a warning and changes nothing.
 *
 * The graph comes from the parser through a side table (./graph.ts). A result that did not come
 * from these parsers (a copy, a deserialised one) has none: then only direct is marked, by name.
 */
import type { InventoryProblem, ManifestRoot, ParsedManifest } from '../component.js';
import {
  type DependencyGraph,
  type EdgeKind,
  type RootEdge,
  componentId,
  graphOf,
  isDevReached,
  isProdReached,
  manifestRoot,
  reachability,
  rememberGraph,
  rootDependsOn,
} from './graph.js';
import { readJson } from './json-text.js';
import { withoutBom } from './problems.js';
import { type Table, isTable, own, ownString, stringMap } from './values.js';

const PROD_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** The package.json in the lockfile's folder, as a repository-relative path. */
function siblingPackageJson(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash === -1 ? 'package.json' : `${file.slice(0, slash)}/package.json`;
}

/** name → (range, prod|dev); a name both in a prod field and in devDependencies is prod. */
function declarations(pkg: Record<string, unknown>): Map<string, { range: string; kind: EdgeKind }> {
  const declared = new Map<string, { range: string; kind: EdgeKind }>();
  for (const [name, range] of stringMap(own(pkg, 'devDependencies')))
    declared.set(name, { range, kind: 'dev' });
  for (const field of PROD_FIELDS) {
    for (const [name, range] of stringMap(own(pkg, field))) declared.set(name, { range, kind: 'prod' });
  }
  return declared;
}

/**
 * The project: what the lockfile says of it, its gaps filled from the package.json (name and
 * version; dependsOn from the root edges, when there is a graph to resolve them in).
 */
function rootFrom(
  parsed: ParsedManifest,
  pkg: Table,
  graph: DependencyGraph | undefined,
  rootEdges: readonly RootEdge[] | undefined,
): ManifestRoot | undefined {
  const known = parsed.root;
  const name = known?.name !== undefined && known.name !== '' ? known.name : (ownString(pkg, 'name') ?? '');
  const version = known?.version ?? ownString(pkg, 'version');
  let dependsOn = known?.dependsOn;
  if (dependsOn === undefined && graph && rootEdges) dependsOn = rootDependsOn(graph, rootEdges);
  if (name === '' && (version === undefined || version === '') && dependsOn === undefined) return known;
  const root = manifestRoot(name, version, dependsOn);
  const same =
    known !== undefined &&
    known.name === root.name &&
    known.version === root.version &&
    known.dependsOn === root.dependsOn;
  return same ? known : root;
}

function withRoot(parsed: ParsedManifest, root: ManifestRoot | undefined): ParsedManifest {
  if (root === parsed.root) return parsed;
  const result: ParsedManifest = { ...parsed };
  if (root === undefined) delete result.root;
  else result.root = root;
  return result;
}

export function applyPackageJson(parsed: ParsedManifest, packageJsonText: string): ParsedManifest {
  const packageJson = siblingPackageJson(parsed.file);
  const read = readJson(withoutBom(packageJsonText), { jsonc: false });
  if (!read.ok || !isTable(read.value)) {
    const problem: InventoryProblem = {
      level: 'warning',
      file: packageJson,
      line: read.ok ? 1 : read.error.line,
      message: read.ok
        ? 'expected a JSON object: direct and dev dependencies come from the lockfile alone'
        : `not valid JSON at column ${read.error.column}: ${read.error.message}; direct and dev dependencies come from the lockfile alone`,
      hint: 'Fix the package.json so that npm, yarn, pnpm or bun can read it',
    };
    return { ...parsed, problems: [...parsed.problems, problem] };
  }
  const pkg = read.value;
  const declared = declarations(pkg);
  const graph = graphOf(parsed);
  if (!graph) {
    const components = parsed.components.map((c) => (declared.has(c.name) ? { ...c, direct: true } : c));
    return { ...withRoot(parsed, rootFrom(parsed, pkg, undefined, undefined)), components };
  }

  const rootEdges: RootEdge[] = [];
  for (const [name, { range, kind }] of declared) {
    const to = graph.resolveRoot(name, range);
    if (to !== undefined) rootEdges.push({ importer: '.', to, kind });
  }
  const root = rootFrom(parsed, pkg, graph, rootEdges);
  if (graph.knowsDirect && graph.knowsScope) {
    const result = withRoot(parsed, root);
    if (result !== parsed) rememberGraph(result, graph);
    return result;
  }
  const directKeys = new Set<string>();
  for (const edge of rootEdges) {
    const index = graph.component[edge.to] ?? -1;
    const key = graph.keys[index];
    if (key !== undefined) directKeys.add(key);
  }

  const roots = [...graph.roots.filter((r) => r.importer !== '.'), ...rootEdges];
  const prodKeys = new Set<string>();
  const devKeys = new Set<string>();
  if (!graph.knowsScope) {
    const bits = reachability(graph.component.length, graph.edges, roots);
    for (let i = 0; i < graph.component.length; i++) {
      const key = graph.keys[graph.component[i] ?? -1];
      if (key === undefined) continue;
      const b = bits[i] ?? 0;
      if (isProdReached(b)) prodKeys.add(key);
      if (isDevReached(b)) devKeys.add(key);
    }
  }

  const components = parsed.components.map((c) => {
    const key = componentId(c.name, c.version);
    const direct = graph.knowsDirect ? c.direct || directKeys.has(key) : directKeys.has(key);
    const scope = graph.knowsScope
      ? c.scope
      : prodKeys.has(key)
        ? 'prod'
        : devKeys.has(key)
          ? 'dev'
          : c.scope;
    return direct === c.direct && scope === c.scope ? c : { ...c, direct, scope };
  });
  const result: ParsedManifest = { ...withRoot(parsed, root), components };
  rememberGraph(result, {
    ...graph,
    roots: graph.knowsDirect ? [...graph.roots, ...rootEdges] : roots,
    knowsDirect: true,
    knowsScope: true,
  });
  return result;
}
