/**
 * The dependency graph every JS lockfile parser builds, and how it becomes components.
 *
 * A lockfile lists *instances*: an npm `node_modules/…` path, a yarn entry, a pnpm snapshot (one
 * per peer-dependency variant), a bun package path. Several instances can pin the same
 * name@version (nested copies, peer variants, a yarn `patch:` and its base): they are one
 * component, direct when any instance is and prod when any instance is reached from a
 * production path. *Projects* are instances that are the repository's own packages (workspaces,
 * `link:`, `file:` folders): they carry edges but are never components.
 *
 * Each component's `dependsOn` is the union, over its instances, of the components their edges
 * lead to (an edge is a dependency the lockfile resolves to one instance; one it does not resolve
 * is left out): distinct purls, sorted, never the component itself nor a project. Its `hashes`
 * are the union of its instances' hashes (normally the same integrity, recorded at each copy).
 *
 * The graph of a result is kept in a side table (a WeakMap keyed by the ParsedManifest), so that
 * `applyPackageJson` can mark direct and dev dependencies later without changing the Component
 * contract or putting the graph into the data that is serialised.
 */
import {
  type Component,
  type ComponentHash,
  type ManifestRoot,
  type ParsedManifest,
  type Scope,
  purlFor,
} from '../component.js';
import { mergeHashes } from './hashes.js';

/** What a root edge declares: prod (dependencies, optional, peer), dev, or unknown (yarn Berry). */
export type EdgeKind = 'prod' | 'dev' | 'unknown';

export interface RootEdge {
  /** The importer (workspace path) that declares it; '.' is the folder the lockfile sits in. */
  importer: string;
  to: number;
  kind: EdgeKind;
}

export interface DependencyGraph {
  /** name@version of each component, in the order of ParsedManifest.components at parse time. */
  readonly keys: readonly string[];
  /** The purl of each component, in the same order. */
  readonly purls: readonly string[];
  /** instance → component index, or -1 for a project's own package. */
  readonly component: readonly number[];
  readonly edges: readonly (readonly number[])[];
  readonly roots: readonly RootEdge[];
  /** The instance the root package.json's dependency `name` at `range` resolves to. */
  readonly resolveRoot: (name: string, range: string) => number | undefined;
  /** The lockfile records which dependencies the projects declare (else `direct` is a guess or false). */
  readonly knowsDirect: boolean;
  /** The lockfile says which packages only dev paths reach (else every component is prod). */
  readonly knowsScope: boolean;
}

const GRAPHS = new WeakMap<ParsedManifest, DependencyGraph>();

export function graphOf(parsed: ParsedManifest): DependencyGraph | undefined {
  return GRAPHS.get(parsed);
}

export function rememberGraph(parsed: ParsedManifest, graph: DependencyGraph): void {
  GRAPHS.set(parsed, graph);
}

export function componentId(name: string, version: string): string {
  return `${name}@${version}`;
}

const PROD = 1;
const DEV = 2;

/**
 * For each instance, whether a prod root edge reaches it (bit 1) and whether a dev one does
 * (bit 2). Unknown edges count as prod. Linear in instances + edges.
 */
export function reachability(
  instances: number,
  edges: readonly (readonly number[])[],
  roots: readonly RootEdge[],
): Uint8Array {
  const seen = new Uint8Array(instances);
  for (const bit of [PROD, DEV]) {
    const stack: number[] = [];
    for (const root of roots) {
      const rootBit = root.kind === 'dev' ? DEV : PROD;
      if (rootBit !== bit || (seen[root.to] ?? 0) & bit) continue;
      seen[root.to] = (seen[root.to] ?? 0) | bit;
      stack.push(root.to);
    }
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      for (const to of edges[next] ?? []) {
        if ((seen[to] ?? 0) & bit) continue;
        seen[to] = (seen[to] ?? 0) | bit;
        stack.push(to);
      }
    }
  }
  return seen;
}

export function isProdReached(bits: number): boolean {
  return (bits & PROD) !== 0;
}

export function isDevReached(bits: number): boolean {
  return (bits & DEV) !== 0;
}

export interface PackageInstance {
  name: string;
  version: string;
  /** 1-based line of the instance's key. */
  line?: number;
  license?: string;
  /** The lockfile's own dev/prod flag for this instance, when it has one. */
  scope?: Scope;
  /** The artifact's hashes, as this instance records them. */
  hashes?: readonly ComponentHash[];
}

export interface BuildOptions {
  file: string;
  /**
   * flags: each instance's own flag decides (npm, pnpm 5/6). roots: reachability from the root
   * edges decides, and an instance no root reaches keeps its flag or prod (pnpm 9, bun, yarn).
   */
  scopeFrom: 'flags' | 'roots';
  resolveRoot: (name: string, range: string) => number | undefined;
  knowsDirect: boolean;
  knowsScope: boolean;
}

export class GraphBuilder {
  private readonly ids = new Map<string, number>();
  private readonly packages: {
    name: string;
    version: string;
    line: number | undefined;
    license: string | undefined;
    hashes: ComponentHash[];
  }[] = [];
  private readonly component: number[] = [];
  private readonly flags: (Scope | undefined)[] = [];
  private readonly edges: number[][] = [];
  private readonly roots: RootEdge[] = [];

  get size(): number {
    return this.component.length;
  }

  /** A package instance; returns its instance id. */
  addPackage(instance: PackageInstance): number {
    const id = componentId(instance.name, instance.version);
    let index = this.ids.get(id);
    if (index === undefined) {
      index = this.packages.length;
      this.ids.set(id, index);
      const hashes: ComponentHash[] = [];
      if (instance.hashes) mergeHashes(hashes, instance.hashes);
      this.packages.push({
        name: instance.name,
        version: instance.version,
        line: instance.line,
        license: instance.license,
        hashes,
      });
    } else {
      const known = this.packages[index];
      if (known) {
        if (instance.line !== undefined && (known.line === undefined || instance.line < known.line)) {
          known.line = instance.line;
        }
        known.license ??= instance.license;
        if (instance.hashes) mergeHashes(known.hashes, instance.hashes);
      }
    }
    this.component.push(index);
    this.flags.push(instance.scope);
    this.edges.push([]);
    return this.component.length - 1;
  }

  /** A project's own package (workspace, link): edges, no component. */
  addProject(): number {
    this.component.push(-1);
    this.flags.push(undefined);
    this.edges.push([]);
    return this.component.length - 1;
  }

  isProject(instance: number): boolean {
    return this.component[instance] === -1;
  }

  addEdge(from: number, to: number): void {
    this.edges[from]?.push(to);
  }

  addRoot(importer: string, to: number, kind: EdgeKind): void {
    this.roots.push({ importer, to, kind });
  }

  build(options: BuildOptions): { components: Component[]; graph: DependencyGraph } {
    const count = this.packages.length;
    const direct = new Uint8Array(count);
    for (const root of this.roots) {
      const index = this.component[root.to] ?? -1;
      if (index >= 0) direct[index] = 1;
    }
    const prod = new Uint8Array(count);
    const reached = new Uint8Array(count);
    const bits = options.scopeFrom === 'roots' ? reachability(this.size, this.edges, this.roots) : undefined;
    for (let i = 0; i < this.component.length; i++) {
      const index = this.component[i] ?? -1;
      if (index < 0) continue;
      const flag = this.flags[i];
      if (bits) {
        const b = bits[i] ?? 0;
        if (isProdReached(b)) prod[index] = 1;
        if (b !== 0) reached[index] = 1;
      } else if (flag !== 'dev') {
        prod[index] = 1;
      }
    }
    if (bits) {
      // An instance no root reaches (an orphan entry, or roots unknown): its flag, else prod.
      for (let i = 0; i < this.component.length; i++) {
        const index = this.component[i] ?? -1;
        if (index < 0 || reached[index]) continue;
        if (this.flags[i] !== 'dev') prod[index] = 1;
      }
    }
    const purls = this.packages.map((p) => purlFor('npm', p.name, p.version));
    const dependsOn = componentDependsOn(purls, this.component, this.edges);
    const components: Component[] = this.packages.map((p, index) => {
      const c: Component = {
        ecosystem: 'npm',
        name: p.name,
        version: p.version,
        purl: purls[index] ?? '',
        direct: direct[index] === 1,
        scope: prod[index] === 1 ? 'prod' : 'dev',
        manifest: options.file,
      };
      if (p.license !== undefined) c.license = p.license;
      if (p.line !== undefined) c.line = p.line;
      if (p.hashes.length > 0) c.hashes = p.hashes;
      c.dependsOn = dependsOn[index] ?? [];
      return c;
    });
    const graph: DependencyGraph = {
      keys: this.packages.map((p) => componentId(p.name, p.version)),
      purls,
      component: this.component,
      edges: this.edges,
      roots: this.roots,
      resolveRoot: options.resolveRoot,
      knowsDirect: options.knowsDirect,
      knowsScope: options.knowsScope,
    };
    return { components, graph };
  }
}

/**
 * For each component, the purls of the components its instances have edges to: the union over
 * every instance of one name@version, without the component itself, and without projects
 * (workspaces, links), which are not components. Distinct and sorted; the purls are ranked once,
 * so that each list sorts numbers, not strings.
 */
function componentDependsOn(
  purls: readonly string[],
  component: readonly number[],
  edges: readonly (readonly number[])[],
): string[][] {
  const count = purls.length;
  const targets: number[][] = Array.from({ length: count }, () => []);
  // stamp[t] === from + 1 when t is already in targets[from]; instances of one component are
  // not adjacent, so a stale stamp only lets a duplicate through, removed below.
  const stamp = new Int32Array(count);
  for (let i = 0; i < component.length; i++) {
    const from = component[i] ?? -1;
    const list = targets[from];
    if (list === undefined) continue;
    for (const to of edges[i] ?? []) {
      const target = component[to] ?? -1;
      if (target < 0 || target === from || stamp[target] === from + 1) continue;
      stamp[target] = from + 1;
      list.push(target);
    }
  }
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => {
    const x = purls[a] ?? '';
    const y = purls[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Int32Array(count);
  order.forEach((index, position) => {
    rank[index] = position;
  });
  return targets.map((list) => {
    list.sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0));
    const out: string[] = [];
    for (let k = 0; k < list.length; k++) {
      if (k > 0 && list[k] === list[k - 1]) continue;
      const purl = purls[list[k] ?? -1];
      if (purl !== undefined && purl !== out[out.length - 1]) out.push(purl);
    }
    return out;
  });
}

/** The purls of some components, distinct and sorted. */
function sortedPurls(targets: readonly number[], purls: readonly string[]): string[] {
  const list = new Set<string>();
  for (const t of targets) {
    const purl = purls[t];
    if (purl !== undefined) list.add(purl);
  }
  return [...list].sort();
}

/**
 * The purls of the components an importer's root edges lead to ('.' is the lockfile's own
 * folder), sorted and distinct: ManifestRoot.dependsOn.
 */
export function rootDependsOn(graph: DependencyGraph, roots: readonly RootEdge[], importer = '.'): string[] {
  const targets: number[] = [];
  for (const root of roots) {
    if (root.importer !== importer) continue;
    const index = graph.component[root.to] ?? -1;
    if (index >= 0) targets.push(index);
  }
  return sortedPurls(targets, graph.purls);
}

/** A ManifestRoot without the fields that are unknown. */
export function manifestRoot(name: string, version: string | undefined, dependsOn?: string[]): ManifestRoot {
  const root: ManifestRoot = { name };
  if (version !== undefined && version !== '') root.version = version;
  if (dependsOn !== undefined) root.dependsOn = dependsOn;
  return root;
}

/**
 * Node's module resolution over lockfile paths: from the package at `from`
 * (`node_modules/a/node_modules/b`, a workspace folder `packages/x`, or '' for the root), the
 * first of `from/node_modules/name`, then each parent folder's `node_modules/name`, that exists.
 */
export function resolveNodeModules(
  from: string,
  name: string,
  exists: (path: string) => boolean,
): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (exists(candidate)) return candidate;
    if (dir === '') return undefined;
    dir = parentFolder(dir);
  }
}

/**
 * resolveNodeModules over a fixed set of paths, for many look-ups. Folders get numbers (the
 * folder above each one remembered), and each path is indexed by the name it installs and the
 * number of the folder whose node_modules holds it, with a value (an instance id): a look-up
 * walks numbers up from the package's folder, hashing no strings. Most names are installed in
 * one folder only, most often the top: that is one comparison.
 */
export class NodeModulesIndex<T> {
  private readonly folderIds = new Map<string, number>([['', 0]]);
  /** folder number → the number of the folder above it; -1 above the top (''). */
  private readonly parents: number[] = [-1];
  private readonly byName = new Map<string, { folder: number; value: T; more?: Map<number, T> }>();

  /** The number of a folder ('' the top, `node_modules/a`, `packages/app`…). */
  folder(dir: string): number {
    const known = this.folderIds.get(dir);
    if (known !== undefined) return known;
    // The folders above that have no number yet, nearest first (iterative: paths nest deeply).
    const chain: string[] = [];
    let parent: number | undefined;
    for (let d = dir; parent === undefined;) {
      chain.push(d);
      d = parentFolder(d);
      parent = this.folderIds.get(d);
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const id = this.parents.length;
      this.parents.push(parent);
      this.folderIds.set(chain[k] ?? '', id);
      parent = id;
    }
    return parent;
  }

  /** Indexes `path` (`…node_modules/<name>`; other paths are not installed packages). */
  add(path: string, value: T): void {
    const i = path.lastIndexOf('node_modules/');
    if (i === -1 || (i > 0 && path.charCodeAt(i - 1) !== 47) /* / */) return;
    const name = path.slice(i + 'node_modules/'.length);
    if (name === '') return;
    const folder = this.folder(i === 0 ? '' : path.slice(0, i - 1));
    const known = this.byName.get(name);
    if (known === undefined) {
      this.byName.set(name, { folder, value });
      return;
    }
    known.more ??= new Map([[known.folder, known.value]]);
    if (!known.more.has(folder)) known.more.set(folder, value);
  }

  /** The value of the path `name` resolves to from the package (or project) in folder `from`. */
  resolve(from: number, name: string): T | undefined {
    const known = this.byName.get(name);
    if (known === undefined) return undefined;
    const { more } = known;
    for (let f = from; f >= 0; f = this.parents[f] ?? -1) {
      if (more === undefined) {
        if (f === known.folder) return known.value;
      } else {
        const value = more.get(f);
        if (value !== undefined) return value;
      }
    }
    return undefined;
  }
}

/** The folder above `dir`, skipping `node_modules` folders themselves and the scope folders in them. */
function parentFolder(dir: string): string {
  const i = dir.lastIndexOf('/node_modules/');
  if (i !== -1) return dir.slice(0, i);
  if (dir.startsWith('node_modules/')) return '';
  const slash = dir.lastIndexOf('/');
  return slash === -1 ? '' : dir.slice(0, slash);
}
