/** The one model of a finding that every stage after loading works on. Plain data only. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Position in SEVERITIES: 0 is the most severe. */
export const SEVERITY_INDEX = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<
  Severity,
  number
>;

/** A severity as the reports write it. */
export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  note: 'Note',
};

/** Where a finding's severity came from, strongest first (see docs/adr/0005-severity-scale.md). */
export type SeveritySource = 'security-severity' | 'cvss' | 'tool-severity' | 'level';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';
export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export interface ToolRef {
  name: string;
  version?: string;
}

export interface RuleInfo {
  id: string;
  name?: string;
  shortDescription?: string;
  fullDescription?: string;
  /** Help text: markdown when the tool gave markdown, else plain text. */
  help?: string;
  helpUri?: string;
}

export interface Location {
  /** Repository-relative path with forward slashes, or the tool's text when it is not a file path. */
  path: string;
  /** False when the tool's URI is not a valid URI reference: show it, but do not link it. */
  linkable: boolean;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
  snippet?: string;
}

export interface Suppression {
  kind: string;
  status?: string;
  justification?: string;
}

export interface Finding {
  /** Stable identity across runs and line moves (see docs/adr/0006-fingerprints.md). */
  fingerprint: string;
  tool: ToolRef;
  /** Every tool that reported this finding, after deduplication; the first is `tool.name`. */
  seenBy: readonly string[];
  rule: RuleInfo;
  message: string;
  severity: Severity;
  severitySource: SeveritySource;
  /** The 0.0–10.0 score when the tool gave one (security-severity or CVSS). */
  score?: number;
  level: SarifLevel;
  cwes: readonly number[];
  location?: Location;
  suppressions: readonly Suppression[];
  baselineState?: BaselineState;
  /** Where the finding came from: the SARIF file, the run and result index in it. */
  origin: { file: string; run: number; result: number };
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function isSuppressed(finding: Finding): boolean {
  return finding.suppressions.some((s) => s.status === undefined || s.status === 'accepted');
}
