/**
 * An offline OSV database in memory: records (read from a directory or zip by src/io/osv-files.ts)
 * indexed by the packages they name, so the action can work on an air-gapped runner. Pure.
 *
 * A record is a candidate for every (ecosystem, name) of its `affected[].package`, with names
 * compared the way `componentKey` compares them (PyPI by PEP 503, NuGet without case). It is a
 * candidate whatever the version: which versions it affects is the matcher's business.
 *
 * When two records share an id (a database copied over an older one), the one with the later
 * `modified` stays; the ids met more than once are listed in `duplicateIds`.
 */
import { componentKey, ECOSYSTEMS, type Ecosystem } from '../inventory/component.js';
import type { OsvRecord } from './osv-record.js';
import type { OsvLookupComponent, OsvSource } from './osv-source.js';

export interface OfflineIndex extends OsvSource {
  readonly kind: 'offline';
  /** Records indexed (one per id). */
  readonly size: number;
  /** Ids that more than one record had, sorted. */
  readonly duplicateIds: readonly string[];
  /** The records naming this package, sorted by id. */
  candidates(ecosystem: string, name: string): OsvRecord[];
  get(id: string): OsvRecord | undefined;
}

const KNOWN = new Set<string>(ECOSYSTEMS);

/** The key of a package: `componentKey` for Paved Path's ecosystems, the names as written for others. */
export function packageKey(ecosystem: string, name: string): string {
  return KNOWN.has(ecosystem) ? componentKey(ecosystem as Ecosystem, name) : `${ecosystem}:${name}`;
}

export function buildOfflineIndex(records: readonly OsvRecord[]): OfflineIndex {
  const byId = new Map<string, OsvRecord>();
  const duplicates = new Set<string>();
  for (const record of records) {
    const id: unknown = record.id;
    if (typeof id !== 'string' || id === '') continue;
    const existing = byId.get(id);
    if (existing) {
      duplicates.add(id);
      if (!isLater(record.modified, existing.modified)) continue;
    }
    byId.set(id, record);
  }

  const byPackage = new Map<string, OsvRecord[]>();
  for (const record of [...byId.values()].sort((a, b) => compareIds(a.id, b.id))) {
    const keys = new Set<string>();
    for (const affected of Array.isArray(record.affected) ? record.affected : []) {
      const pkg: unknown = (affected as { package?: unknown } | null)?.package;
      if (typeof pkg !== 'object' || pkg === null) continue;
      const { ecosystem, name } = pkg as { ecosystem?: unknown; name?: unknown };
      if (typeof ecosystem !== 'string' || typeof name !== 'string' || ecosystem === '' || name === '')
        continue;
      keys.add(packageKey(ecosystem, name));
    }
    for (const key of keys) {
      const list = byPackage.get(key);
      if (list) list.push(record);
      else byPackage.set(key, [record]);
    }
  }

  const candidates = (ecosystem: string, name: string): OsvRecord[] => [
    ...(byPackage.get(packageKey(ecosystem, name)) ?? []),
  ];

  return {
    kind: 'offline',
    description: `an offline OSV database of ${byId.size} record${byId.size === 1 ? '' : 's'}`,
    size: byId.size,
    duplicateIds: [...duplicates].sort(compareIds),
    candidates,
    get: (id) => byId.get(id),
    lookup(components: readonly OsvLookupComponent[]): Promise<Map<number, OsvRecord[]>> {
      return Promise.resolve(new Map(components.map((c, i) => [i, candidates(c.ecosystem, c.name)])));
    },
  };
}

/** RFC 3339 timestamps compare as instants; an unreadable or missing one loses. */
function isLater(candidate: unknown, current: unknown): boolean {
  const a = typeof candidate === 'string' ? Date.parse(candidate) : NaN;
  const b = typeof current === 'string' ? Date.parse(current) : NaN;
  if (Number.isNaN(a)) return false;
  return Number.isNaN(b) || a > b;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
