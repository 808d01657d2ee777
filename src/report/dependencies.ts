/**
 * The dependency section of the report: what the pull request changed in the dependency tree
 * (from the dependency review's dependency-changes.json), with the vulnerable changes first and
 * the command that fixes each. Pure.
 */
import { type Finding, SEVERITIES, type Severity } from '../findings/finding.js';
import { cachedRemediationFor, remediationFor } from '../knowledge/remediation.js';
import type { ChangesEntry, DependencyChanges } from '../vulns/changes-json.js';
import type { Remediation } from './model.js';

export interface DependencyChangeRow {
  change: 'added' | 'removed' | 'changed';
  ecosystem: string;
  name: string;
  manifest: string;
  from?: string;
  to?: string;
  vulnerabilities: { id: string; severity: Severity; fixedIn?: string }[];
  /** The lowest version none of its advisories affects. */
  fixedIn?: string;
  /** The command that moves the package there, when one can be given. */
  upgrade?: string;
}

export interface DependencySummary {
  mode: 'pull-request' | 'full';
  counts: {
    added: number;
    removed: number;
    changed: number;
    vulnerable: number;
    unpinned: number;
    licenses: number;
  };
  /** The rows kept: vulnerable changes first (most severe first), then added, changed, removed. */
  changes: DependencyChangeRow[];
  /** Rows of the changes file not kept here (the report keeps at most MAX_DEPENDENCY_ROWS). */
  omitted: number;
  /** Licences that arrive with the pull request, with the packages that declare them (at most 20). */
  newLicenses: { license: string; components: string[] }[];
}

export const MAX_DEPENDENCY_ROWS = 200;

const rank = (s: Severity) => SEVERITIES.indexOf(s);
const worst = (row: DependencyChangeRow): number =>
  row.vulnerabilities.reduce<number>((w, v) => Math.min(w, rank(v.severity)), SEVERITIES.length);
const ORDER = { added: 0, changed: 1, removed: 2 } as const;

function rowOf(entry: ChangesEntry): DependencyChangeRow {
  const vulns = [...entry.vulnerabilities].sort((a, b) => rank(a.severity) - rank(b.severity));
  return {
    change: entry.change,
    ecosystem: entry.ecosystem,
    name: entry.name,
    manifest: entry.manifest,
    ...(entry.from !== undefined ? { from: entry.from } : {}),
    ...(entry.to !== undefined ? { to: entry.to } : {}),
    vulnerabilities: vulns.map((v) => ({
      id: v.id,
      severity: v.severity,
      ...(v.fixedIn !== undefined ? { fixedIn: v.fixedIn } : {}),
    })),
    // The review's fix: the lowest version none of the advisories affects, in the ecosystem's order.
    ...(entry.fix ? { fixedIn: entry.fix.version } : {}),
    ...(entry.fix?.upgrade ? { upgrade: entry.fix.upgrade } : {}),
  };
}

export function summariseDependencyChanges(changes: DependencyChanges): DependencySummary {
  const rows = changes.changes.map(rowOf);
  // On a full review (a push) nothing changed: the vulnerable packages are the rows.
  if (changes.mode === 'full') {
    for (const v of changes.vulnerable) {
      rows.push(
        rowOf({
          change: v.change ?? 'added',
          ecosystem: v.ecosystem,
          name: v.name,
          manifest: v.manifest,
          to: v.version,
          package: v,
          vulnerabilities: v.vulnerabilities,
          ...(v.fix ? { fix: v.fix } : {}),
        }),
      );
    }
  }
  rows.sort(
    (a, b) =>
      worst(a) - worst(b) ||
      ORDER[a.change] - ORDER[b.change] ||
      a.name.localeCompare(b.name) ||
      a.manifest.localeCompare(b.manifest),
  );
  return {
    mode: changes.mode,
    counts: {
      added: changes.counts.added,
      removed: changes.counts.removed,
      changed: changes.counts.changed,
      vulnerable: changes.counts.vulnerable,
      unpinned: changes.unpinned.length,
      licenses: changes.licenses.length,
    },
    changes: rows.slice(0, MAX_DEPENDENCY_ROWS),
    omitted: Math.max(0, rows.length - MAX_DEPENDENCY_ROWS),
    newLicenses: changes.newLicenses
      .slice(0, 20)
      .map((l) => ({ license: l.license, components: l.components.slice(0, 20) })),
  };
}

/** The facts the summary's remediation needs for a dependency finding, by advisory and location. */
export interface DependencyFixFacts {
  ecosystem: string;
  name: string;
  fixedIn: string;
  manifest: string;
}

/** Keys: `advisory \0 manifest \0 line` (and without the line, when unambiguous). */
export function dependencyFixIndex(changes: DependencyChanges): Map<string, DependencyFixFacts> {
  const index = new Map<string, DependencyFixFacts | null>();
  const add = (key: string, facts: DependencyFixFacts) => {
    const known = index.get(key);
    if (known === undefined) index.set(key, facts);
    else if (known !== null && (known.name !== facts.name || known.fixedIn !== facts.fixedIn))
      index.set(key, null);
  };
  for (const v of changes.vulnerable) {
    for (const x of v.vulnerabilities) {
      if (!x.fixedIn) continue;
      const facts = { ecosystem: v.ecosystem, name: v.name, fixedIn: x.fixedIn, manifest: v.manifest };
      for (const id of [x.id, ...x.aliases]) {
        if (v.line !== undefined) add(`${id}\0${v.manifest}\0${v.line}`, facts);
        add(`${id}\0${v.manifest}`, facts);
      }
    }
  }
  const out = new Map<string, DependencyFixFacts>();
  for (const [k, v] of index) if (v) out.set(k, v);
  return out;
}

/**
 * The remediation of each finding: for a dependency finding the review found a fix for, the fixed
 * version and the ecosystem's upgrade command (by the finding's advisory, manifest and line);
 * for every other finding, the catalogue's advice (one object per rule and CWE list).
 */
export function remediationWithFixes(
  changes: DependencyChanges | undefined,
): (finding: Finding) => Remediation | undefined {
  const fixes = changes ? dependencyFixIndex(changes) : new Map<string, DependencyFixFacts>();
  const catalogue = cachedRemediationFor();
  return (finding) => {
    const loc = finding.location;
    const fix =
      fixes.size > 0 && loc
        ? (fixes.get(`${finding.rule.id}\0${loc.path}\0${loc.startLine ?? 0}`) ??
          fixes.get(`${finding.rule.id}\0${loc.path}`))
        : undefined;
    return fix
      ? remediationFor(finding, {
          dependency: {
            ecosystem: fix.ecosystem,
            name: fix.name,
            fixedVersion: fix.fixedIn,
            manifest: fix.manifest,
          },
        })
      : catalogue(finding);
  };
}

/**
 * The package a dependency finding is about, for the config file's `package` ignore selectors:
 * by the finding's manifest and line (each package is pinned on its own line), as a purl.
 */
export function packageIndex(changes: DependencyChanges): Map<string, string> {
  const index = new Map<string, string>();
  const add = (manifest: string, line: number | undefined, purl: string) => {
    if (line !== undefined) index.set(`${manifest}\0${line}`, purl);
  };
  for (const v of changes.vulnerable) add(v.manifest, v.line, v.purl);
  for (const l of changes.licenses) add(l.manifest, l.line, l.purl);
  for (const c of changes.changes) add(c.package.manifest, c.package.line, c.package.purl);
  return index;
}
