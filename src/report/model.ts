/**
 * The Report: one versioned JSON model (report.json, schema in schema/report.schema.json) that
 * every renderer reads: the PR comment, the job summary, annotations, the terminal and HTML.
 * Plain data only. Classification (new / existing / fixed), config and enrichment fill it.
 */
import type { FindingCounts } from '../findings/counts.js';
import type { Finding, Severity } from '../findings/finding.js';
import type { Diagnostic } from '../sarif/diagnostics.js';
import type { DependencySummary } from './dependencies.js';
import type { SbomSummary } from './inventory.js';
import type { ProjectBreakdown } from './projects.js';

export const REPORT_SCHEMA_VERSION = '1.0';

export type FindingState = 'new' | 'existing' | 'fixed';

export interface Remediation {
  /** One line, in our words: what to do. */
  summary: string;
  /** Links, most specific first (the tool's own help URI, then OWASP, CWE, ASVS). */
  links: { title: string; url: string }[];
  /** For dependency findings: the version that fixes it and the command that upgrades to it. */
  fixedVersion?: string;
  command?: string;
}

/** Why a finding is not counted: an `ignore` entry of the config file, or the tool's suppression. */
export interface Ignored {
  reason: string;
  /** The config entry that ignores it (`ignore[2]`), or `suppressed-by-tool`. */
  by: string;
  expires?: string;
}

export interface ReportFinding extends Finding {
  state: FindingState;
  remediation?: Remediation;
  ignored?: Ignored;
}

export interface ControlEvidence {
  /** e.g. 'PCI DSS v4.0.1', 'NIST SP 800-53 Rev. 5', 'NIST SSDF v1.1'. */
  framework: string;
  control: string;
  title: string;
  /** What in this run is the evidence (e.g. "SAST over 3 languages, 0 new high findings"). */
  evidence: string;
}

export interface GateResult {
  verdict: 'pass' | 'fail';
  failOn: Severity | 'none';
  scope: 'new' | 'all';
  /** The findings that failed the gate, by fingerprint. */
  failing: string[];
  /** One sentence: why it passed or failed. */
  reason: string;
}

export interface ReportContext {
  repository?: string;
  /** The commit findings link to. */
  sha?: string;
  serverUrl?: string;
  event?: string;
  pullRequest?: number;
  baseRef?: string;
  /** How new/existing was decided. */
  classification: 'baseline' | 'diff' | 'push' | 'none';
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'Paved Path'; version: string };
  context: ReportContext;
  gate: GateResult;
  counts: {
    new: number;
    existing: number;
    fixed: number;
    ignored: number;
    all: FindingCounts;
    newBySeverity: Record<Severity, number>;
  };
  /** Every finding: new, existing and fixed (fixed ones come from the baseline). */
  findings: ReportFinding[];
  files: { file: string; loaded: boolean; tools: string[]; resultCount: number }[];
  diagnostics: Diagnostic[];
  /** Config notes for the reader: expired ignore entries and the like. */
  notices: string[];
  compliance: ControlEvidence[];
  /** What the SBOMs given to the summary say: one entry per SBOM file. */
  inventory: SbomSummary[];
  /** What the pull request changed in the dependency tree (input dependency-changes), when given. */
  dependencies?: DependencySummary;
  /**
   * A monorepo's findings per project (input projects), when given: new, fixed and existing under
   * each project's folder, and outside every project (see projects.ts for which project holds what).
   */
  projects?: ProjectBreakdown;
}
