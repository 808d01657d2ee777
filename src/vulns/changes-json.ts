/**
 * dependency-changes.json: what the dependency review hands to the summary action (its
 * `dependency-changes` input) — the changes per manifest, each with the advisories that affect the
 * new version, the fix and the upgrade command. Schema: schema/dependency-changes.schema.json.
 * Pure: the review in, a plain object out.
 */
import type { Component } from '../inventory/component.js';
import type { DependencyReview, Vulnerability } from './review-model.js';

export const DEPENDENCY_CHANGES_SCHEMA_VERSION = '1.0';

export interface ChangesVulnerability {
  id: string;
  aliases: string[];
  summary: string;
  severity: Vulnerability['severity'];
  score?: number;
  url?: string;
  fixedIn?: string;
  upgrade?: string;
}

export interface ChangesPackage {
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  manifest: string;
  line?: number;
  direct: boolean;
  scope: 'prod' | 'dev';
  license?: string;
}

export interface ChangesEntry {
  change: 'added' | 'removed' | 'changed';
  ecosystem: string;
  name: string;
  manifest: string;
  from?: string;
  to?: string;
  direction?: 'up' | 'down' | 'other';
  package: ChangesPackage;
  vulnerabilities: ChangesVulnerability[];
  /** The lowest version none of the advisories affects, and the command to get there. */
  fix?: ChangesFix;
}

export interface ChangesFix {
  version: string;
  upgrade?: string;
}

export interface DependencyChanges {
  schemaVersion: typeof DEPENDENCY_CHANGES_SCHEMA_VERSION;
  tool: { name: string; version: string };
  mode: DependencyReview['mode'];
  base?: string;
  head?: string;
  manifests: DependencyReview['manifests'];
  changes: ChangesEntry[];
  /** Every vulnerable component found (on a full review, those the pull request did not touch too). */
  vulnerable: (ChangesPackage & {
    change?: ChangesEntry['change'];
    vulnerabilities: ChangesVulnerability[];
    fix?: ChangesFix;
  })[];
  unpinned: DependencyReview['unpinned'];
  /** Licences that arrive with this pull request: declared by head packages, by no base package. */
  newLicenses: DependencyReview['newLicenses'];
  licenses: (ChangesPackage & { reason: string; message: string })[];
  problems: DependencyReview['problems'];
  counts: { added: number; removed: number; changed: number; vulnerable: number; advisories: number };
}

function pkg(c: Component): ChangesPackage {
  return {
    ecosystem: c.ecosystem,
    name: c.name,
    version: c.version,
    purl: c.purl,
    manifest: c.manifest,
    ...(c.line !== undefined ? { line: c.line } : {}),
    direct: c.direct,
    scope: c.scope,
    ...(c.license !== undefined ? { license: c.license } : {}),
  };
}

function vuln(v: Vulnerability): ChangesVulnerability {
  return {
    id: v.id,
    aliases: v.aliases,
    summary: v.summary,
    severity: v.severity,
    ...(v.score !== undefined ? { score: v.score } : {}),
    ...(v.references[0] ? { url: v.references[0] } : {}),
    ...(v.fixedIn ? { fixedIn: v.fixedIn } : {}),
    ...(v.upgrade ? { upgrade: v.upgrade } : {}),
  };
}

export function dependencyChangesJson(review: DependencyReview, toolVersion: string): DependencyChanges {
  const byComponent = new Map(review.vulnerable.map((v) => [v.component, v]));
  const byIdentity = new Map(
    review.vulnerable.map((v) => [`${v.component.manifest}\0${v.component.purl}`, v]),
  );
  const changes = review.changes.map((c): ChangesEntry => {
    const found =
      c.change === 'removed'
        ? undefined
        : (byComponent.get(c.component) ?? byIdentity.get(`${c.component.manifest}\0${c.component.purl}`));
    return {
      change: c.change,
      ecosystem: c.ecosystem,
      name: c.name,
      manifest: c.manifest,
      ...(c.from !== undefined ? { from: c.from } : {}),
      ...(c.to !== undefined ? { to: c.to } : {}),
      ...(c.direction !== undefined ? { direction: c.direction } : {}),
      package: pkg(c.component),
      vulnerabilities: (found?.vulnerabilities ?? []).map(vuln),
      ...(found?.fix ? { fix: found.fix } : {}),
    };
  });
  const count = (kind: ChangesEntry['change']) => changes.filter((c) => c.change === kind).length;
  return {
    schemaVersion: DEPENDENCY_CHANGES_SCHEMA_VERSION,
    tool: { name: 'Paved Path dependency review', version: toolVersion },
    mode: review.mode,
    ...(review.base !== undefined ? { base: review.base } : {}),
    ...(review.head !== undefined ? { head: review.head } : {}),
    manifests: review.manifests,
    changes,
    vulnerable: review.vulnerable.map((v) => ({
      ...pkg(v.component),
      ...(v.change ? { change: v.change } : {}),
      vulnerabilities: v.vulnerabilities.map(vuln),
      ...(v.fix ? { fix: v.fix } : {}),
    })),
    unpinned: review.unpinned,
    newLicenses: review.newLicenses,
    licenses: review.licenses.map((l) => ({ ...pkg(l.component), reason: l.reason, message: l.message })),
    problems: review.problems,
    counts: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      vulnerable: review.vulnerable.length,
      advisories: new Set(review.vulnerable.flatMap((v) => v.vulnerabilities.map((x) => x.id))).size,
    },
  };
}
