/** Counts of findings by severity and by tool, as the outputs and summaries show them. */
import { type Finding, SEVERITIES, type Severity } from './finding.js';

export interface FindingCounts {
  total: number;
  bySeverity: Record<Severity, number>;
  byTool: Record<string, number>;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  // A Map, not an object: tools named "constructor" or "__proto__" exist in someone's SARIF.
  const byTool = new Map<string, number>();
  for (const finding of findings) {
    bySeverity[finding.severity]++;
    for (const tool of finding.seenBy) byTool.set(tool, (byTool.get(tool) ?? 0) + 1);
  }
  return { total: findings.length, bySeverity, byTool: Object.fromEntries(byTool) };
}

/** Most severe first, then by path and line, so every view lists findings in one order. */
export function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  if (bySeverity !== 0) return bySeverity;
  const pa = a.location?.path ?? '';
  const pb = b.location?.path ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  return (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0);
}
