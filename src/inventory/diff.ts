/**
 * What a pull request changes in the dependency tree: per manifest, the packages added, removed,
 * and changed (version up or down), from the components of the base and the head. Pure.
 *
 * A lockfile may hold one package at several versions (npm nests copies). Per package, the
 * versions only the base has and those only the head has are paired up in version order as
 * changes; what is left over is added or removed.
 */
import { type Component, componentKey, type Ecosystem, type ParsedManifest } from './component.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DependencyChange {
  change: ChangeKind;
  ecosystem: Ecosystem;
  name: string;
  manifest: string;
  /** The base version (removed, changed). */
  from?: string;
  /** The head version (added, changed). */
  to?: string;
  /** For a change: 'up' or 'down' when the ecosystem orders the two versions, else 'other'. */
  direction?: 'up' | 'down' | 'other';
  /** The head component (added, changed), else the base one. */
  component: Component;
}

/** Orders two versions of an ecosystem; undefined when it cannot tell. */
export type VersionCompare = (ecosystem: Ecosystem, a: string, b: string) => number | undefined;

function byPackage(components: readonly Component[]): Map<string, Component[]> {
  const map = new Map<string, Component[]>();
  for (const c of components) {
    const key = componentKey(c.ecosystem, c.name);
    const list = map.get(key);
    if (list) {
      if (!list.some((x) => x.version === c.version)) list.push(c);
    } else map.set(key, [c]);
  }
  return map;
}

function sorted(list: Component[], compare: VersionCompare): Component[] {
  return [...list].sort((a, b) => {
    const c = compare(a.ecosystem, a.version, b.version);
    return c === undefined || c === 0 ? a.version.localeCompare(b.version) : c;
  });
}

/** The changes between the base and head components of one manifest. */
export function diffComponents(
  manifest: string,
  base: readonly Component[],
  head: readonly Component[],
  compare: VersionCompare,
): DependencyChange[] {
  const before = byPackage(base);
  const after = byPackage(head);
  const out: DependencyChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key) ?? [];
    const h = after.get(key) ?? [];
    const headVersions = new Set(h.map((c) => c.version));
    const baseVersions = new Set(b.map((c) => c.version));
    const gone = sorted(
      b.filter((c) => !headVersions.has(c.version)),
      compare,
    );
    const came = sorted(
      h.filter((c) => !baseVersions.has(c.version)),
      compare,
    );
    const pairs = Math.min(gone.length, came.length);
    for (let i = 0; i < pairs; i++) {
      const from = gone[gone.length - pairs + i] as Component;
      const to = came[came.length - pairs + i] as Component;
      const c = compare(to.ecosystem, from.version, to.version);
      out.push({
        change: 'changed',
        ecosystem: to.ecosystem,
        name: to.name,
        manifest,
        from: from.version,
        to: to.version,
        direction: c === undefined || c === 0 ? 'other' : c < 0 ? 'up' : 'down',
        component: to,
      });
    }
    for (const c of gone.slice(0, gone.length - pairs)) {
      out.push({
        change: 'removed',
        ecosystem: c.ecosystem,
        name: c.name,
        manifest,
        from: c.version,
        component: c,
      });
    }
    for (const c of came.slice(0, came.length - pairs)) {
      out.push({
        change: 'added',
        ecosystem: c.ecosystem,
        name: c.name,
        manifest,
        to: c.version,
        component: c,
      });
    }
  }
  const order: Record<ChangeKind, number> = { added: 0, changed: 1, removed: 2 };
  return out.sort(
    (x, y) =>
      order[x.change] - order[y.change] ||
      x.name.localeCompare(y.name) ||
      (x.to ?? x.from ?? '').localeCompare(y.to ?? y.from ?? ''),
  );
}

/**
 * The changes across manifests, matched by path: a manifest only the head has is all added, one
 * only the base has is all removed. Manifests that failed to parse on either side are skipped
 * (their error is reported elsewhere) so a broken lockfile never reads as "everything removed".
 */
export function diffManifests(
  base: readonly ParsedManifest[],
  head: readonly ParsedManifest[],
  compare: VersionCompare,
): DependencyChange[] {
  const broken = (m: ParsedManifest) => m.problems.some((p) => p.level === 'error');
  const baseByFile = new Map(base.map((m) => [m.file, m]));
  const headByFile = new Map(head.map((m) => [m.file, m]));
  const out: DependencyChange[] = [];
  for (const file of [...new Set([...baseByFile.keys(), ...headByFile.keys()])].sort()) {
    const b = baseByFile.get(file);
    const h = headByFile.get(file);
    if ((b && broken(b)) || (h && broken(h))) continue;
    out.push(...diffComponents(file, b?.components ?? [], h?.components ?? [], compare));
  }
  return out;
}
