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
 * The graph of a result is kept in a side table (a WeakMap keyed by the ParsedManifest), so that
 * `applyPackageJson` can mark direct and dev dependencies later without changing the Component
 * contract or putting the graph into the data that is serialised.
 */
import { type Component, type ParsedManifest, type Scope, purlFor } from '../component.js';

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
      this.packages.push({
        name: instance.name,
        version: instance.version,
        line: instance.line,
        license: instance.license,
      });
    } else {
      const known = this.packages[index];
      if (known) {
        if (instance.line !== undefined && (known.line === undefined || instance.line < known.line)) {
          known.line = instance.line;
        }
        known.license ??= instance.license;
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
    const components: Component[] = this.packages.map((p, index) => {
      const c: Component = {
        ecosystem: 'npm',
        name: p.name,
        version: p.version,
        purl: purlFor('npm', p.name, p.version),
        direct: direct[index] === 1,
        scope: prod[index] === 1 ? 'prod' : 'dev',
        manifest: options.file,
      };
      if (p.license !== undefined) c.license = p.license;
      if (p.line !== undefined) c.line = p.line;
      return c;
    });
    const graph: DependencyGraph = {
      keys: this.packages.map((p) => componentId(p.name, p.version)),
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

/** The folder above `dir`, skipping `node_modules` folders themselves and the scope folders in them. */
function parentFolder(dir: string): string {
  const i = dir.lastIndexOf('/node_modules/');
  if (i !== -1) return dir.slice(0, i);
  if (dir.startsWith('node_modules/')) return '';
  const slash = dir.lastIndexOf('/');
  return slash === -1 ? '' : dir.slice(0, slash);
}
