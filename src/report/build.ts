/** Builds the Report from classified findings: the one model every renderer reads. */
import { type Classification, classifyFindings } from '../findings/classify.js';
import { countFindings } from '../findings/counts.js';
import type { Finding, Severity } from '../findings/finding.js';
import { SEVERITIES } from '../findings/finding.js';
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
 * New, then fixed, then existing, then ignored; most severe first in each; then by path and line.
 * Sorted by a precomputed key: a comparator that recomputes ranks is the slowest part of building
 * a large report.
 */
function sortForReport(findings: ReportFinding[]): void {
  // Paths compared once each (a few thousand), then every comparison is on integers.
  const paths = [...new Set(findings.map((f) => f.location?.path ?? ''))].sort();
  const pathRank = new Map(paths.map((p, i) => [p, i]));
  const keyed = findings.map((f) => ({
    f,
    rank: stateRank(f) * 8 + SEVERITIES.indexOf(f.severity),
    path: pathRank.get(f.location?.path ?? '') ?? 0,
    line: f.location?.startLine ?? 0,
  }));
  keyed.sort((a, b) => a.rank - b.rank || a.path - b.path || a.line - b.line);
  for (let i = 0; i < keyed.length; i++) findings[i] = (keyed[i] as (typeof keyed)[number]).f;
}

function stateRank(f: ReportFinding): number {
  if (f.ignored) return 3;
  return f.state === 'new' ? 0 : f.state === 'fixed' ? 1 : 2;
}
