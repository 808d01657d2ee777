/**
 * Is this component affected by this OSV record? The OSV evaluation algorithm
 * (https://ossf.github.io/osv-schema/#evaluation), with each ecosystem's own version order:
 * - an `affected[]` entry applies when its ecosystem is exactly the component's (suffixed
 *   ecosystems such as `Maven:https://maven.google.com` or `Debian:11` name other registries and do
 *   not apply) and its name is the component's under `componentKey` (PyPI names PEP 503
 *   normalised, NuGet names case-insensitive);
 * - the version is affected when it is listed in `versions` (exactly, or equal in the ecosystem's
 *   order where registries normalise versions: PyPI, Go's `v` prefix, Packagist, NuGet), or when
 *   it lies in a SEMVER/ECOSYSTEM range: events sorted by the ecosystem's order (`introduced: "0"`
 *   first, ties kept in record order), `introduced` opens an interval, `fixed` closes it below,
 *   `last_affected` closes it above, and `limit` events (when present) bound the whole range;
 * - GIT ranges are ignored (they need the repository); a withdrawn record affects nothing;
 * - a version the ecosystem cannot order is checked against `versions` only, and the reason
 *   says so.
 * Pure: records and components in, answers out. Records are untrusted, so every field is checked.
 */
import { componentKey, ECOSYSTEMS, type Ecosystem } from '../inventory/component.js';
import type { OsvAffected, OsvRange, OsvRecord } from './osv-record.js';
import { compareParsed, parseVersion, type ParsedVersion } from './versions/index.js';

/** What the matcher needs of a component (a Component fits). */
export interface MatchComponent {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

/** One way the version is affected: a range that contains it, or a `versions` list naming it. */
export interface MatchedRange {
  /** Index into `record.affected`. */
  affectedIndex: number;
  /** Index into `affected[affectedIndex].ranges`; absent for a `versions` list match. */
  rangeIndex?: number;
  kind: 'SEMVER' | 'ECOSYSTEM' | 'versions';
  /** The `introduced` event of the interval that contains the version ("0" for the beginning). */
  introduced?: string;
  /** The event closing that interval above the version, if any. */
  upperBound?: { event: 'fixed' | 'last_affected'; version: string };
  /** Every `fixed` event of this range (of the entry's ranges for a `versions` match). */
  fixed: string[];
  /** How it matched, e.g. `introduced 0 <= 4.17.20 < fixed 4.17.21`. */
  why: string;
}

export type MatchResult =
  | { affected: false; reason: string }
  | {
      affected: true;
      ranges: MatchedRange[];
      /** The fixed versions of the matching ranges, lowest first, without duplicates. */
      fixed: string[];
      why: string;
    };

type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
const EVENT_KINDS: readonly EventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];

interface SortableEvent {
  kind: EventKind;
  version: string;
  /** undefined: the beginning (`introduced: "0"`) or infinity (`limit: "*"`). */
  parsed?: ParsedVersion;
  order: number;
}

/** How one range treats a version. */
export interface RangeEvaluation {
  affected: boolean;
  introduced?: string;
  upperBound?: { event: 'fixed' | 'last_affected'; version: string };
  /** Every `fixed` event of the range, in record order. */
  fixed: string[];
  /** The deciding events in words. */
  explanation: string;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isEcosystem(value: unknown): value is Ecosystem {
  return isString(value) && (ECOSYSTEMS as readonly string[]).includes(value);
}

function eventsOf(range: OsvRange, ecosystem: Ecosystem): { events: SortableEvent[]; unordered: string[] } {
  const events: SortableEvent[] = [];
  const unordered: string[] = [];
  const list: unknown[] = Array.isArray(range.events) ? range.events : [];
  for (const event of list) {
    if (!isObject(event)) continue;
    for (const kind of EVENT_KINDS) {
      const version = event[kind];
      if (!isString(version)) continue;
      if ((kind === 'introduced' && version === '0') || (kind === 'limit' && version === '*')) {
        events.push({ kind, version, order: events.length });
        continue;
      }
      const parsed = parseVersion(ecosystem, version);
      if (parsed) events.push({ kind, version, parsed, order: events.length });
      else unordered.push(`${kind} ${version}`);
    }
  }
  return { events, unordered };
}

/** Sort order of events: `introduced: "0"` first, `limit: "*"` last, ties in record order. */
function compareEvents(a: SortableEvent, b: SortableEvent): number {
  const rank = (e: SortableEvent) => (e.parsed ? 1 : e.kind === 'introduced' ? 0 : 2);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (a.parsed && b.parsed) {
    const result = compareParsed(a.parsed, b.parsed);
    if (result !== 0) return result;
  }
  return a.order - b.order;
}

/** v compared with an event's version; the beginning is below and infinity above everything. */
function versus(v: ParsedVersion, event: SortableEvent): number {
  if (event.parsed) return compareParsed(v, event.parsed);
  return event.kind === 'introduced' ? 1 : -1;
}

/**
 * IncludedInRanges for one SEMVER/ECOSYSTEM range and one orderable version, with the events
 * that decided it. Events the ecosystem cannot order are left out, and the explanation says so.
 */
export function evaluateRange(v: ParsedVersion, range: OsvRange): RangeEvaluation {
  const { events, unordered } = eventsOf(range, v.ecosystem);
  const fixed = events.filter((e) => e.kind === 'fixed').map((e) => e.version);
  const skipped =
    unordered.length > 0 ? ` (events ${v.ecosystem} cannot order were skipped: ${unordered.join(', ')})` : '';
  const limits = events.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((limit) => versus(v, limit) < 0)) {
    return {
      affected: false,
      fixed,
      explanation: `${v.raw} is not below any limit (${limits.map((l) => l.version).join(', ')})${skipped}`,
    };
  }
  const sorted = events.filter((e) => e.kind !== 'limit').sort(compareEvents);
  let vulnerable = false;
  let opened: SortableEvent | undefined;
  let closed: SortableEvent | undefined;
  let openedAt = -1;
  for (const [index, event] of sorted.entries()) {
    const c = versus(v, event);
    if (event.kind === 'introduced' && c >= 0) {
      vulnerable = true;
      opened = event;
      openedAt = index;
      closed = undefined;
    } else if ((event.kind === 'fixed' && c >= 0) || (event.kind === 'last_affected' && c > 0)) {
      vulnerable = false;
      closed = event;
    }
  }
  const limitNote = limits.length > 0 ? `, below limit ${limits.map((l) => l.version).join('/')}` : '';
  if (vulnerable && opened) {
    const upper = sorted.slice(openedAt + 1).find((e) => e.kind === 'fixed' || e.kind === 'last_affected');
    const upperText = upper
      ? upper.kind === 'fixed'
        ? ` < fixed ${upper.version}`
        : ` <= last_affected ${upper.version}`
      : '';
    return {
      affected: true,
      introduced: opened.version,
      ...(upper
        ? { upperBound: { event: upper.kind as 'fixed' | 'last_affected', version: upper.version } }
        : {}),
      fixed,
      explanation: `introduced ${opened.version} <= ${v.raw}${upperText}${upper ? '' : ' (no fixed or last_affected event)'}${limitNote}${skipped}`,
    };
  }
  let explanation: string;
  if (closed) {
    const interval = opened ? ` (interval introduced ${opened.version})` : '';
    explanation =
      closed.kind === 'fixed'
        ? `${v.raw} >= fixed ${closed.version}${interval}`
        : `${v.raw} > last_affected ${closed.version}${interval}`;
    const next = sorted.find((e) => e.kind === 'introduced' && versus(v, e) < 0);
    if (next) explanation += `; ${v.raw} < introduced ${next.version} (the next introduced event)`;
  } else {
    const first = sorted.find((e) => e.kind === 'introduced');
    explanation = first ? `${v.raw} < introduced ${first.version}` : 'the range has no introduced event';
  }
  return { affected: false, fixed, explanation: `${explanation}${skipped}` };
}

/** Whether an `affected[]` entry names this package (exact ecosystem, `componentKey` name). */
export function packageMatches(
  entry: OsvAffected,
  component: Pick<MatchComponent, 'ecosystem' | 'name'>,
): boolean {
  const pkg: unknown = entry.package;
  if (
    !isObject(pkg) ||
    !isString(pkg.name) ||
    pkg.ecosystem !== component.ecosystem ||
    !isEcosystem(pkg.ecosystem)
  ) {
    return false;
  }
  return componentKey(pkg.ecosystem, pkg.name) === componentKey(component.ecosystem, component.name);
}

/** Ecosystems whose registries normalise versions, so a listed version may be spelt differently. */
const NORMALISED_LISTS: ReadonlySet<Ecosystem> = new Set(['PyPI', 'Go', 'Packagist', 'NuGet']);

function listedIn(
  versions: unknown,
  component: MatchComponent,
  parsed: ParsedVersion | undefined,
): string | undefined {
  if (!Array.isArray(versions)) return undefined;
  for (const listed of versions) {
    if (!isString(listed)) continue;
    if (listed === component.version) return listed;
    if (parsed && NORMALISED_LISTS.has(component.ecosystem)) {
      const other = parseVersion(component.ecosystem, listed);
      if (other && compareParsed(parsed, other) === 0) return listed;
    }
  }
  return undefined;
}

function fixedEvents(range: Record<string, unknown>): string[] {
  const events: unknown[] = Array.isArray(range.events) ? range.events : [];
  return events.flatMap((event) => (isObject(event) && isString(event.fixed) ? [event.fixed] : []));
}

function rangeType(range: OsvRange): 'SEMVER' | 'ECOSYSTEM' | 'GIT' | 'other' {
  const type: unknown = range.type;
  return type === 'SEMVER' || type === 'ECOSYSTEM' || type === 'GIT' ? type : 'other';
}

function sortFixed(ecosystem: Ecosystem, fixed: Iterable<string>): string[] {
  const unique = [...new Set(fixed)];
  const parsed = unique.map((raw) => ({ raw, parsed: parseVersion(ecosystem, raw) }));
  return parsed
    .sort((a, b) =>
      a.parsed && b.parsed ? compareParsed(a.parsed, b.parsed) : a.parsed ? -1 : b.parsed ? 1 : 0,
    )
    .map((f) => f.raw);
}

/** IsVulnerable(pkg, v, osv) of the OSV schema, with the ranges that matched and why. */
export function affectedBy(record: OsvRecord, component: MatchComponent): MatchResult {
  const id = isString(record.id) ? record.id : '(no id)';
  if (isString(record.withdrawn) && record.withdrawn !== '') {
    const live: OsvRecord = { ...record };
    delete live.withdrawn;
    const alone = affectedBy(live, component);
    const would = alone.affected
      ? `its ranges alone would match (${alone.why})`
      : `nor would it otherwise (${alone.reason})`;
    return {
      affected: false,
      reason: `${id} was withdrawn (${record.withdrawn}), so it affects nothing; ${would}`,
    };
  }
  const affectedList: unknown[] = Array.isArray(record.affected) ? record.affected : [];
  const entries = affectedList
    .map((entry, index) => ({ entry: entry as OsvAffected, index }))
    .filter(({ entry }) => isObject(entry) && packageMatches(entry, component));
  const key = componentKey(component.ecosystem, component.name);
  if (entries.length === 0) return { affected: false, reason: `${id} has no affected entry for ${key}` };

  const parsed = parseVersion(component.ecosystem, component.version);
  const several = entries.length > 1;
  const matched: MatchedRange[] = [];
  const misses: string[] = [];
  let orderedRanges = 0;
  let unorderedRanges = 0;
  let gitRanges = 0;
  let lists = 0;
  for (const { entry, index } of entries) {
    const prefix = several ? `affected[${index}]: ` : '';
    const ranges: unknown[] = Array.isArray(entry.ranges) ? entry.ranges : [];
    const entryFixed: string[] = [];
    ranges.forEach((range, rangeIndex) => {
      if (!isObject(range)) return;
      const type = rangeType(range);
      if (type === 'GIT') gitRanges++;
      if (type !== 'SEMVER' && type !== 'ECOSYSTEM') return;
      entryFixed.push(...fixedEvents(range));
      if (!parsed) {
        unorderedRanges++;
        return;
      }
      orderedRanges++;
      const result = evaluateRange(parsed, range);
      if (result.affected) {
        matched.push({
          affectedIndex: index,
          rangeIndex,
          kind: type,
          ...(result.introduced !== undefined ? { introduced: result.introduced } : {}),
          ...(result.upperBound ? { upperBound: result.upperBound } : {}),
          fixed: result.fixed,
          why: `${prefix}${result.explanation}`,
        });
      } else {
        misses.push(`${prefix}${result.explanation}`);
      }
    });
    if (Array.isArray(entry.versions)) lists++;
    const listed = listedIn(entry.versions, component, parsed);
    if (listed !== undefined) {
      matched.push({
        affectedIndex: index,
        kind: 'versions',
        fixed: [...new Set(entryFixed)],
        why: `${prefix}${listed === component.version ? component.version : `${component.version} (as ${listed})`} is listed in versions`,
      });
    }
  }

  if (matched.length > 0) {
    return {
      affected: true,
      ranges: matched,
      fixed: sortFixed(
        component.ecosystem,
        matched.flatMap((m) => m.fixed),
      ),
      why: matched.map((m) => m.why).join('; '),
    };
  }
  const notes: string[] = [];
  if (!parsed && unorderedRanges > 0) {
    notes.push(
      `${component.ecosystem} cannot order version ${JSON.stringify(component.version)}, so the ${unorderedRanges === 1 ? 'range was' : `${unorderedRanges} ranges were`} not evaluated`,
    );
  }
  if (orderedRanges === 0 && unorderedRanges === 0 && gitRanges > 0)
    notes.push('only GIT ranges, which need the repository');
  notes.push(...misses);
  notes.push(lists > 0 ? 'not listed in versions' : 'no versions list');
  return { affected: false, reason: `${key}@${component.version}: ${notes.join('; ')}` };
}

/** The lowest of `fixed` strictly above `version` in the ecosystem's order. */
export function lowestFixAbove(
  ecosystem: Ecosystem,
  version: string,
  fixed: readonly string[],
): string | undefined {
  const current = parseVersion(ecosystem, version);
  if (!current) return undefined;
  let best: ParsedVersion | undefined;
  for (const candidate of fixed) {
    const parsed = parseVersion(ecosystem, candidate);
    if (parsed && compareParsed(parsed, current) > 0 && (!best || compareParsed(parsed, best) < 0))
      best = parsed;
  }
  return best?.raw;
}

/**
 * The lowest `fixed` version of the record (any entry for the package) above the component's
 * version that the record itself does not affect: `lowestFixAbove` can land on a version another
 * entry still covers (GHSA-r683-j2x4-v87g: 2.6.7 fixes one entry and is inside the other).
 */
export function lowestUnaffectedFix(record: OsvRecord, component: MatchComponent): string | undefined {
  const affectedList: unknown[] = Array.isArray(record.affected) ? record.affected : [];
  const candidates = new Set<string>();
  for (const entry of affectedList) {
    if (!isObject(entry) || !packageMatches(entry, component)) continue;
    const ranges: unknown[] = Array.isArray(entry.ranges) ? entry.ranges : [];
    for (const range of ranges) {
      if (!isObject(range) || (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM')) continue;
      for (const fixed of fixedEvents(range)) candidates.add(fixed);
    }
  }
  const current = parseVersion(component.ecosystem, component.version);
  if (!current) return undefined;
  for (const candidate of sortFixed(component.ecosystem, candidates)) {
    const parsed = parseVersion(component.ecosystem, candidate);
    if (!parsed || compareParsed(parsed, current) <= 0) continue;
    if (!affectedBy(record, { ...component, version: candidate }).affected) return candidate;
  }
  return undefined;
}

/** Records that are one vulnerability, under one primary id. */
export interface AliasGroup<R extends OsvRecord = OsvRecord> {
  /** The primary id: a GHSA, else the ecosystem's own (GO-, PYSEC-, RUSTSEC-), else a CVE. */
  id: string;
  /** The record with the primary id. */
  record: R;
  /** Every record of the group, the primary first, then by id. */
  records: R[];
  /** Every other id the group is known by (record ids and their aliases), sorted. */
  aliases: string[];
}

const OWN_PREFIXES = ['GO-', 'PYSEC-', 'RUSTSEC-'];

function idRank(id: string): number {
  if (id.startsWith('GHSA-')) return 0;
  if (OWN_PREFIXES.some((prefix) => id.startsWith(prefix))) return 1;
  if (id.startsWith('CVE-')) return 2;
  return 3;
}

/**
 * Groups records that are the same vulnerability: two records are one when they share an id or
 * alias, transitively (GO-2023-1737 lists CVE-2023-29401, which GHSA-2c4m-59x9-fr2g also lists).
 * `related` ids are not aliases and do not join groups. The primary record is a withdrawn one
 * only when every record of the group is withdrawn. Groups come in the order of their first record.
 */
export function dedupeByAliases<R extends OsvRecord>(records: readonly R[]): AliasGroup<R>[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root))
      root = next;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const idsOf = (record: R): string[] => {
    const aliases: unknown[] = Array.isArray(record.aliases) ? record.aliases : [];
    return [record.id, ...aliases.filter(isString)].filter((id) => isString(id) && id !== '');
  };
  const usable = records.filter((record) => isString(record.id) && record.id !== '');
  for (const record of usable) {
    const [first, ...rest] = idsOf(record);
    if (first === undefined) continue;
    find(first);
    for (const other of rest) union(first, other);
  }
  const groups = new Map<string, R[]>();
  for (const record of usable) {
    const root = find(record.id);
    const group = groups.get(root);
    if (group) group.push(record);
    else groups.set(root, [record]);
  }
  return [...groups.values()].map((members) => {
    const ranked = [...members].sort((a, b) => {
      const withdrawn =
        Number(isString(a.withdrawn) && a.withdrawn !== '') -
        Number(isString(b.withdrawn) && b.withdrawn !== '');
      if (withdrawn !== 0) return withdrawn;
      const rank = idRank(a.id) - idRank(b.id);
      return rank !== 0 ? rank : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    const primary = ranked[0] as R;
    const others = [...members]
      .filter((r) => r !== primary)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const aliases = new Set(members.flatMap(idsOf));
    aliases.delete(primary.id);
    return { id: primary.id, record: primary, records: [primary, ...others], aliases: [...aliases].sort() };
  });
}
