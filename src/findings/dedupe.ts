/**
 * The same finding reported twice, by two tools, two runs or two files, is shown once, and says
 * which tools saw it. Two findings are the same when they have the same fingerprint (one tool
 * reporting in two files or runs), or when they sit on the same line of the same file and name
 * the same weakness: a shared CWE id, or, when neither has one, the same rule id.
 */
import { type Finding, severityRank } from './finding.js';

function lineKey(f: Finding): string | undefined {
  if (!f.location?.startLine) return undefined;
  return `${f.location.path}\u0000${f.location.startLine}`;
}

function sameWeakness(a: Finding, b: Finding): boolean {
  if (a.cwes.length > 0 && b.cwes.length > 0) return a.cwes.some((c) => b.cwes.includes(c));
  return a.cwes.length === 0 && b.cwes.length === 0 && a.rule.id === b.rule.id;
}

/** A copy being merged into: its lists are its own. */
type Merged = Finding & { seenBy: string[]; cwes: number[] };

function merge(kept: Merged, other: Finding): void {
  for (const tool of other.seenBy) if (!kept.seenBy.includes(tool)) kept.seenBy.push(tool);
  if (severityRank(other.severity) > severityRank(kept.severity)) {
    kept.severity = other.severity;
    kept.severitySource = other.severitySource;
    if (other.score !== undefined) kept.score = other.score;
  }
  for (const cwe of other.cwes) if (!kept.cwes.includes(cwe)) kept.cwes.push(cwe);
  kept.cwes.sort((x, y) => x - y);
  if (!kept.location?.snippet && other.location?.snippet && kept.location)
    kept.location.snippet = other.location.snippet;
}

/** Returns the distinct findings, in first-seen order; merged findings are copies, inputs are not changed. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  const byFingerprint = new Map<string, Merged>();
  const byLine = new Map<string, Merged[]>();
  for (const finding of findings) {
    const same = byFingerprint.get(finding.fingerprint);
    if (same) {
      merge(same, finding);
      continue;
    }
    const key = lineKey(finding);
    const candidates = key ? byLine.get(key) : undefined;
    const twin = candidates?.find((c) => c.tool.name !== finding.tool.name && sameWeakness(c, finding));
    if (twin) {
      merge(twin, finding);
      continue;
    }
    const copy: Merged = {
      ...finding,
      seenBy: [...finding.seenBy],
      cwes: [...finding.cwes],
      ...(finding.location ? { location: { ...finding.location } } : {}),
    };
    out.push(copy);
    byFingerprint.set(copy.fingerprint, copy);
    if (key) {
      const list = byLine.get(key);
      if (list) list.push(copy);
      else byLine.set(key, [copy]);
    }
  }
  return out;
}
