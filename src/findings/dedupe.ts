/**
 * The same finding reported twice, by two tools, two runs or two files, is shown once, and says
 * which tools saw it. Two findings are the same when they have the same fingerprint (one tool
 * reporting in two files or runs), or when they sit on the same line of the same file and name
 * the same weakness: a shared CWE id, or, when neither has one, the same rule id.
 */
import { type Finding, isSuppressed, severityRank } from './finding.js';

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
  // One tool's suppression (a `nosemgrep` comment, say) must not hide another tool's live finding.
  if (isSuppressed(kept) && !isSuppressed(other)) kept.suppressions = other.suppressions;
  if (severityRank(other.severity) > severityRank(kept.severity)) {
    kept.severity = other.severity;
    kept.severitySource = other.severitySource;
    if (other.score !== undefined) kept.score = other.score;
    else delete kept.score;
  }
  for (const cwe of other.cwes) if (!kept.cwes.includes(cwe)) kept.cwes.push(cwe);
  kept.cwes.sort((x, y) => x - y);
  if (!kept.location?.snippet && other.location?.snippet && kept.location)
    kept.location.snippet = other.location.snippet;
}

/**
 * Returns the distinct findings in first-seen order. The inputs are never changed: a finding
 * that absorbs another is replaced by a merged copy (copy on first merge only, so a large set of
 * distinct findings costs no copies).
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  const copied = new Set<number>();
  const byFingerprint = new Map<string, number>();
  const byLine = new Map<string, number[]>();
  const mergeInto = (index: number, other: Finding): void => {
    if (!copied.has(index)) {
      const original = out[index] as Finding;
      out[index] = {
        ...original,
        seenBy: [...original.seenBy],
        cwes: [...original.cwes],
        ...(original.location ? { location: { ...original.location } } : {}),
      };
      copied.add(index);
    }
    merge(out[index] as Merged, other);
  };
  for (const finding of findings) {
    const same = byFingerprint.get(finding.fingerprint);
    if (same !== undefined) {
      mergeInto(same, finding);
      continue;
    }
    const key = lineKey(finding);
    const candidates = key ? byLine.get(key) : undefined;
    const twin = candidates?.find((i) => {
      const c = out[i] as Finding;
      return c.tool.name !== finding.tool.name && sameWeakness(c, finding);
    });
    if (twin !== undefined) {
      mergeInto(twin, finding);
      continue;
    }
    const index = out.push(finding) - 1;
    byFingerprint.set(finding.fingerprint, index);
    if (key) {
      const list = byLine.get(key);
      if (list) list.push(index);
      else byLine.set(key, [index]);
    }
  }
  return out;
}
