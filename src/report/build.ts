/** Builds the Report from classified findings: the one model every renderer reads. */
import { type Classification, classifyFindings } from '../findings/classify.js';
import { countFindings } from '../findings/counts.js';
import type { Finding, Severity } from '../findings/finding.js';
import { SEVERITIES, SEVERITY_INDEX } from '../findings/finding.js';
import { evaluateGate, type FailOn, type FailOnScope } from '../findings/gate.js';
import type { Diagnostic } from '../sarif/diagnostics.js';
import type { DependencySummary } from './dependencies.js';
import type { SbomSummary } from './inventory.js';
import { countByProject, type ProjectRef } from './projects.js';
import {
  type ControlEvidence,
  type Ignored,
  type Remediation,
  REPORT_SCHEMA_VERSION,
  type Report,
  type ReportContext,
  type ReportFinding,
} from './model.js';

export interface BuildReportInput {
  version: string;
  /** The head's findings, deduplicated, excluded paths already dropped, ignored ones removed. */
  findings: readonly Finding[];
  ignored: readonly { finding: Finding; ignored: Ignored }[];
  classification: Classification;
  failOn: FailOn;
  failOnScope: FailOnScope;
  files: Report['files'];
  diagnostics: readonly Diagnostic[];
  notices: readonly string[];
  context: Omit<ReportContext, 'classification'>;
  remediation?: (finding: Finding) => Remediation | undefined;
  inventory?: readonly SbomSummary[];
  dependencies?: DependencySummary;
  /** A monorepo's projects: the report then counts the findings of each (see projects.ts). */
  projects?: readonly ProjectRef[];
  compliance?: (partial: {
    newCount: number;
    fixedCount: number;
    verdict: 'pass' | 'fail';
  }) => ControlEvidence[];
}

/** Ignored findings keep their real state: an ignored finding the pull request added is still new. */
function ignoredWithState(
  input: BuildReportInput,
): { finding: Finding; ignored: Ignored; state: ReportFinding['state'] }[] {
  if (input.ignored.length === 0) return [];
  const classified = classifyFindings(
    input.ignored.map((i) => i.finding),
    input.classification,
  );
  const isNew = new Set(classified.new);
  return input.ignored.map(({ finding, ignored }) => ({
    finding,
    ignored,
    state: isNew.has(finding) ? 'new' : 'existing',
  }));
}

function emptyBySeverity(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

export function buildReport(input: BuildReportInput): Report {
  const classified = classifyFindings(input.findings, input.classification);
  // Fixed findings that an ignore entry would cover are not news either way: still reported fixed.
  const gate = evaluateGate(classified, input.failOn, input.failOnScope);
  const enrich = (f: Finding, state: ReportFinding['state']): ReportFinding => {
    const out: ReportFinding = { ...f, state };
    const remediation = input.remediation?.(f);
    if (remediation) out.remediation = remediation;
    return out;
  };
  const findings: ReportFinding[] = [
    ...classified.new.map((f) => enrich(f, 'new')),
    ...classified.existing.map((f) => enrich(f, 'existing')),
    ...classified.fixed.map((f) => enrich(f, 'fixed')),
    ...ignoredWithState(input).map(({ finding, ignored, state }) => ({ ...enrich(finding, state), ignored })),
  ];
  sortForReport(findings);
  const newBySeverity = emptyBySeverity();
  for (const f of classified.new) newBySeverity[f.severity]++;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'Paved Path', version: input.version },
    context: { ...input.context, classification: input.classification.kind },
    gate,
    counts: {
      new: classified.new.length,
      existing: classified.existing.length,
      fixed: classified.fixed.length,
      ignored: input.ignored.length,
      all: countFindings(input.findings),
      newBySeverity,
    },
    findings,
    files: input.files,
    diagnostics: [...input.diagnostics],
    notices: [...input.notices],
    inventory: [...(input.inventory ?? [])],
    ...(input.dependencies ? { dependencies: input.dependencies } : {}),
    ...(input.projects ? { projects: countByProject(findings, input.projects) } : {}),
    compliance:
      input.compliance?.({
        newCount: classified.new.length,
        fixedCount: classified.fixed.length,
        verdict: gate.verdict,
      }) ?? [],
  };
}

/**
 * New, then fixed, then existing, then ignored; most severe first in each; then by path and line;
 * ties keep their order. Sorted by one number per finding (state and severity, the path's rank,
 * the line), computed once: a comparator that looks at findings is the slowest part of building a
 * large report.
 */
function sortForReport(findings: ReportFinding[]): void {
  const n = findings.length;
  // Paths numbered as met, then ranked (a few thousand distinct ones, compared once).
  const pathIds = new Map<string, number>();
  const pathOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const path = (findings[i] as ReportFinding).location?.path ?? '';
    let id = pathIds.get(path);
    if (id === undefined) {
      id = pathIds.size;
      pathIds.set(path, id);
    }
    pathOf[i] = id;
  }
  const pathRank = new Uint32Array(pathIds.size);
  [...pathIds.keys()]
    .map((path, id) => ({ path, id }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .forEach(({ id }, rank) => (pathRank[id] = rank));
  // One number: (rank · paths + path rank) · lines + line, exact while it stays under 2^53 (20
  // ranks, then thousands of paths and lines: always, in practice); past that, compared in parts.
  const rankOf = new Uint8Array(n);
  const lineOf = new Float64Array(n);
  let lines = 1;
  for (let i = 0; i < n; i++) {
    const f = findings[i] as ReportFinding;
    rankOf[i] = stateRank(f) * SEVERITIES.length + SEVERITY_INDEX[f.severity];
    const line = f.location?.startLine ?? 0;
    lineOf[i] = line;
    if (line >= lines) lines = line + 1;
  }
  const paths = pathRank.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (4 * SEVERITIES.length * paths * lines < Number.MAX_SAFE_INTEGER) {
    const key = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      key[i] =
        ((rankOf[i] as number) * paths + (pathRank[pathOf[i] as number] as number)) * lines +
        (lineOf[i] as number);
    }
    order.sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
  } else {
    order.sort(
      (a, b) =>
        (rankOf[a] as number) - (rankOf[b] as number) ||
        (pathRank[pathOf[a] as number] as number) - (pathRank[pathOf[b] as number] as number) ||
        (lineOf[a] as number) - (lineOf[b] as number) ||
        a - b,
    );
  }
  const sorted = Array.from(order, (i) => findings[i] as ReportFinding);
  for (let i = 0; i < n; i++) findings[i] = sorted[i] as ReportFinding;
}

function stateRank(f: ReportFinding): number {
  if (f.ignored) return 3;
  return f.state === 'new' ? 0 : f.state === 'fixed' ? 1 : 2;
}
