/**
 * The dependency review, from parsed manifests to findings: diff the base and the head, look the
 * added and changed components up (every component on a full review), keep the advisories that
 * affect each version (the matcher decides, whatever the source returned), one per vulnerability
 * (aliases merged), with the lowest fix above the current version and the upgrade command; then
 * licences and unpinned requirements. Pure apart from the injected OSV source.
 */
import type { Component, ParsedManifest } from '../inventory/component.js';
import { type DependencyChange, diffManifests } from '../inventory/diff.js';
import { checkLicense, hasLicensePolicy, type LicensePolicy } from '../inventory/licenses.js';
import { upgradeCommand } from '../knowledge/upgrade-commands.js';
import { diffSboms } from '../sbom/diff.js';
import { type AdvisoryFacts, advisoryFacts } from './advisory.js';
import { affectedBy, dedupeByAliases, lowestUnaffectedFix } from './match.js';
import type { OsvRecord } from './osv-record.js';
import type { OsvSource } from './osv-source.js';
import type { DependencyReview, LicenseIssue, Vulnerability, VulnerableComponent } from './review-model.js';
import { compareVersions } from './versions/index.js';

export interface ReviewInput {
  head: ParsedManifest[];
  /** The base's manifests; undefined for a full review (a push: everything is looked up). */
  base?: ParsedManifest[];
  baseRef?: string;
  headRef?: string;
  /** Undefined: no vulnerability look-up (the caller says why in `lookupSkipped`). */
  source?: OsvSource;
  lookupSkipped?: string;
  policy: LicensePolicy;
  includeDev: boolean;
  /**
   * Licences from elsewhere (deps.dev) for the reviewed components whose lockfile records none,
   * by purl; asked only when a licence policy is set, and only for the components under review.
   */
  lookupLicenses?: (components: readonly Component[]) => Promise<ReadonlyMap<string, string>>;
}

export interface ReviewOutcome {
  review: DependencyReview;
  /** Set when the OSV source failed: the review has no vulnerability data. */
  lookupError?: unknown;
}

const compare = (e: Component['ecosystem'], a: string, b: string): number | undefined => {
  try {
    return compareVersions(e, a, b);
  } catch {
    return undefined;
  }
};

const identity = (c: Pick<Component, 'ecosystem' | 'name' | 'version'>) =>
  `${c.ecosystem}\0${c.name}\0${c.version}`;

const SOURCE_RANK: Record<AdvisoryFacts['severitySource'], number> = {
  'cvss-v4': 0,
  'cvss-v3': 0,
  advisory: 1,
  unknown: 2,
};

/**
 * One vulnerability's facts from all its records (GO-2023-1737 and GHSA-2c4m-59x9-fr2g): the
 * primary record's text, the best-founded severity among them (a CVSS vector over a database's
 * word over nothing), and every CWE and reference.
 */
function groupFacts(records: readonly OsvRecord[], component: Component): AdvisoryFacts {
  const all = records.map((r) => advisoryFacts(r, component));
  const primary = all[0] as AdvisoryFacts;
  const best =
    [...all].sort((a, b) => SOURCE_RANK[a.severitySource] - SOURCE_RANK[b.severitySource])[0] ?? primary;
  return {
    ...primary,
    severity: best.severity,
    severitySource: best.severitySource,
    ...(best.score !== undefined ? { score: best.score } : {}),
    cwes: [...new Set(all.flatMap((f) => f.cwes))].sort((a, b) => a - b),
    references: [...new Set(all.flatMap((f) => f.references))],
  };
}

/**
 * The lowest version above the component's that none of `records` affects, from the fixed
 * versions they name: the version that fixes them all (a range that opens again above one fix,
 * or a record with no fix at all, is taken into account).
 */
export function lowestFixForAll(records: readonly OsvRecord[], component: Component): string | undefined {
  const candidates = new Set<string>();
  for (const r of records) {
    const match = affectedBy(r, component);
    if (match.affected) for (const v of match.fixed) candidates.add(v);
    const fix = lowestUnaffectedFix(r, component);
    if (fix) candidates.add(fix);
  }
  const above = [...candidates]
    .filter((v) => (compare(component.ecosystem, v, component.version) ?? 0) > 0)
    .sort((a, b) => compare(component.ecosystem, a, b) ?? 0);
  return above.find((v) => records.every((r) => !affectedBy(r, { ...component, version: v }).affected));
}

/** The upgrade command, with the lockfile's own package manager (Yarn 2+ has `yarn up`). */
function upgradeFor(component: Component, version: string, format: string | undefined): string | undefined {
  if (component.ecosystem === 'npm' && format?.startsWith('yarn.lock berry')) {
    return upgradeCommand('yarn', component.name, version, '.yarnrc.yml');
  }
  return upgradeCommand(component.ecosystem, component.name, version, component.manifest);
}

/** One entry per vulnerability affecting the component, most severe first. */
export function vulnerabilitiesOf(
  component: Component,
  candidates: readonly OsvRecord[],
  format?: string,
): Vulnerability[] {
  const matching = candidates.filter((r) => affectedBy(r, component).affected);
  const out: Vulnerability[] = [];
  for (const group of dedupeByAliases(matching)) {
    const facts = groupFacts(group.records, component);
    const fixedIn = lowestFixForAll(group.records, component);
    const upgrade = fixedIn ? upgradeFor(component, fixedIn, format) : undefined;
    out.push({
      id: group.id,
      aliases: group.aliases,
      summary: facts.summary,
      severity: facts.severity,
      ...(facts.score !== undefined ? { score: facts.score } : {}),
      severitySource: facts.severitySource,
      cwes: facts.cwes,
      references: facts.references,
      ...(fixedIn ? { fixedIn } : {}),
      ...(upgrade ? { upgrade } : {}),
    });
  }
  const rank = { critical: 0, high: 1, medium: 2, low: 3, note: 4 };
  return out.sort((a, b) => rank[a.severity] - rank[b.severity] || a.id.localeCompare(b.id));
}

export async function reviewDependencies(input: ReviewInput): Promise<ReviewOutcome> {
  const keep = (c: Component) => input.includeDev || c.scope !== 'dev';
  const filtered = (list: ParsedManifest[]) =>
    list.map((m) => ({ ...m, components: m.components.filter(keep) }));
  const head = filtered(input.head);
  const base = input.base ? filtered(input.base) : undefined;
  const changes: DependencyChange[] = base ? diffManifests(base, head, compare) : [];

  // What to look up: what the pull request brought in, or everything.
  const subjects: { component: Component; change?: DependencyChange['change'] }[] = base
    ? changes.filter((c) => c.change !== 'removed').map((c) => ({ component: c.component, change: c.change }))
    : head.flatMap((m) => m.components.map((component) => ({ component })));
  const unique = new Map<string, Component>();
  for (const s of subjects)
    if (!unique.has(identity(s.component))) unique.set(identity(s.component), s.component);
  const queries = [...unique.values()];

  let lookupError: unknown;
  const candidates = new Map<string, OsvRecord[]>();
  if (input.source && queries.length > 0) {
    try {
      const found = await input.source.lookup(queries);
      queries.forEach((q, i) => candidates.set(identity(q), found.get(i) ?? []));
    } catch (error) {
      lookupError = error;
    }
  }

  const formats = new Map(input.head.map((m) => [m.file, m.format]));
  const vulnerable: VulnerableComponent[] = [];
  for (const s of subjects) {
    const records = (candidates.get(identity(s.component)) ?? []).filter(
      (r) => affectedBy(r, s.component).affected,
    );
    if (records.length === 0) continue;
    const format = formats.get(s.component.manifest);
    const version = lowestFixForAll(records, s.component);
    const upgrade = version ? upgradeFor(s.component, version, format) : undefined;
    vulnerable.push({
      component: s.component,
      ...(s.change ? { change: s.change } : {}),
      vulnerabilities: vulnerabilitiesOf(s.component, records, format),
      ...(version ? { fix: { version, ...(upgrade ? { upgrade } : {}) } } : {}),
    });
  }

  const licenses: LicenseIssue[] = [];
  if (hasLicensePolicy(input.policy)) {
    const unknown = [
      ...new Map(
        subjects.filter((s) => !s.component.license).map((s) => [s.component.purl, s.component]),
      ).values(),
    ];
    const known =
      unknown.length > 0 && input.lookupLicenses
        ? await input.lookupLicenses(unknown)
        : new Map<string, string>();
    for (const { component } of subjects) {
      const license = component.license ?? known.get(component.purl);
      const verdict = checkLicense(license, input.policy);
      if (verdict.ok === true) continue;
      licenses.push({
        component: license && !component.license ? { ...component, license } : component,
        reason: verdict.ok === 'unknown' ? 'unknown' : verdict.reason,
        message: verdict.message,
      });
    }
  }

  const baseFiles = new Set(input.base?.map((m) => m.file));
  const review: DependencyReview = {
    mode: base ? 'pull-request' : 'full',
    ...(input.baseRef ? { base: input.baseRef } : {}),
    ...(input.headRef ? { head: input.headRef } : {}),
    manifests: head.map((m) => ({
      file: m.file,
      format: m.format,
      ecosystem: m.ecosystem,
      components: m.components.length,
      ...(input.base ? { inBase: baseFiles.has(m.file) } : {}),
    })),
    changes,
    vulnerable,
    unpinned: head.flatMap((m) => m.unpinned),
    newLicenses: base ? diffSboms(base, head, { includeDev: input.includeDev }).newLicenses : [],
    licenses,
    problems: [
      ...head.flatMap((m) => m.problems),
      ...(input.base ?? []).flatMap((m) =>
        // The base is not what is reviewed: its problems are warnings (a pull request may fix them).
        m.problems.map((p) => ({
          ...p,
          level: 'warning' as const,
          message: `in the base commit: ${p.message}`,
        })),
      ),
    ],
    lookup: {
      components: input.source && lookupError === undefined ? queries.length : 0,
      source:
        !input.source || lookupError !== undefined
          ? 'none'
          : input.source.kind === 'online'
            ? 'osv-api'
            : 'offline-db',
    },
  };
  return { review, ...(lookupError !== undefined ? { lookupError } : {}) };
}
