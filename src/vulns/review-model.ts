/**
 * What the dependency review found: the model the SARIF output, dependency-changes.json and the
 * summary's dependency section are made from. Pure data.
 */
import type { Severity } from '../findings/finding.js';
import type { Component, InventoryProblem, UnpinnedRequirement } from '../inventory/component.js';
import type { DependencyChange } from '../inventory/diff.js';

export interface Vulnerability {
  /** The advisory's primary id (GHSA, else the ecosystem's own, else CVE). */
  id: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  /** CVSS base score, when the advisory has a vector. */
  score?: number;
  severitySource: 'cvss-v4' | 'cvss-v3' | 'advisory' | 'unknown';
  cwes: number[];
  /** The advisory page first, then references. */
  references: string[];
  /** The lowest fixed version above the current one, when there is one. */
  fixedIn?: string;
  /** The command that upgrades to `fixedIn`, when one can be given safely. */
  upgrade?: string;
}

export interface VulnerableComponent {
  component: Component;
  /** How the pull request touched it; undefined on a full review (push). */
  change?: DependencyChange['change'];
  vulnerabilities: Vulnerability[];
  /** The lowest version that none of its advisories affects, and the command to get there. */
  fix?: { version: string; upgrade?: string };
}

export interface LicenseIssue {
  component: Component;
  reason: 'not-allowed' | 'denied' | 'unknown';
  message: string;
}

export interface ManifestSummary {
  file: string;
  format: string;
  ecosystem: string;
  components: number;
  /** Whether the base side existed (pull requests). */
  inBase?: boolean;
}

export interface DependencyReview {
  /** pull-request: only added and changed components are looked up; full: every component. */
  mode: 'pull-request' | 'full';
  base?: string;
  head?: string;
  manifests: ManifestSummary[];
  changes: DependencyChange[];
  vulnerable: VulnerableComponent[];
  unpinned: UnpinnedRequirement[];
  licenses: LicenseIssue[];
  problems: InventoryProblem[];
  /** Licences the head's packages declare that no package of the base did (pull requests). */
  newLicenses: { license: string; components: string[] }[];
  /** How many components were looked up, and where. */
  lookup: { components: number; source: 'osv-api' | 'offline-db' | 'none' };
}
