/**
 * The job summary of the summary action's first release: counts by severity and tool, the
 * findings most severe first, and the files that could not be loaded. Within a byte budget
 * (a job summary is at most 1 MiB): when findings are cut, it says how many and where they are.
 */
import { compareFindings, type FindingCounts } from '../findings/counts.js';
import { type Finding, SEVERITIES } from '../findings/finding.js';
import type { Diagnostic } from '../sarif/diagnostics.js';
import { formatDiagnostic } from '../sarif/diagnostics.js';
import { escapeInline, inlineCode, safeLink } from './escape.js';

export const MAX_JOB_SUMMARY_BYTES = 1024 * 1024;

export interface FindingsMarkdownInput {
  findings: readonly Finding[];
  counts: FindingCounts;
  diagnostics: readonly Diagnostic[];
  fileCount: number;
  /** How many of them loaded. */
  loadedCount: number;
  /** Where the full report is, named when findings are cut. */
  reportPath?: string;
  maxBytes?: number;
}

const LABEL: Record<string, string> = {
  critical: '🟥 Critical',
  high: '🟧 High',
  medium: '🟨 Medium',
  low: '🟦 Low',
  note: '⬜ Note',
};

function findingRow(f: Finding): string {
  const where = f.location
    ? inlineCode(`${f.location.path}${f.location.startLine ? `:${f.location.startLine}` : ''}`)
    : '—';
  const cwe = f.cwes.length > 0 ? f.cwes.map((c) => `CWE-${c}`).join(', ') : '—';
  return `| ${LABEL[f.severity]} | ${safeLink(f.rule.id, f.rule.helpUri)} | ${where} | ${escapeInline(f.message, 200)} | ${cwe} | ${escapeInline(f.seenBy.join(', '), 80)} |`;
}

export function renderFindingsMarkdown(input: FindingsMarkdownInput): string {
  const maxBytes = input.maxBytes ?? MAX_JOB_SUMMARY_BYTES;
  const { counts } = input;
  const head: string[] = ['## Paved Path: security findings', ''];
  head.push(
    input.loadedCount === 0
      ? `None of the ${input.fileCount} SARIF file(s) could be loaded: see the problems below.`
      : counts.total === 0
        ? `No findings in ${input.fileCount} SARIF file(s).`
        : `**${counts.total}** finding(s) in ${input.fileCount} SARIF file(s).`,
    '',
    '| Severity | Findings |',
    '| --- | ---: |',
    ...SEVERITIES.map((s) => `| ${LABEL[s]} | ${counts.bySeverity[s]} |`),
    '',
  );
  const tools = Object.entries(counts.byTool).sort(([a], [b]) => (a < b ? -1 : 1));
  if (tools.length > 0) {
    head.push(`By tool: ${tools.map(([tool, n]) => `${escapeInline(tool, 60)} ${n}`).join(' · ')}`, '');
  }
  const errors = input.diagnostics.filter((d) => d.level === 'error');
  const warnings = input.diagnostics.filter((d) => d.level === 'warning');
  const problems: string[] = [];
  if (errors.length + warnings.length > 0) {
    problems.push('### Problems reading the SARIF files', '');
    for (const d of [...errors, ...warnings].slice(0, 50)) {
      problems.push(`- ${d.level === 'error' ? '❌' : '⚠️'} ${escapeInline(formatDiagnostic(d), 500)}`);
    }
    if (errors.length + warnings.length > 50)
      problems.push(`- … and ${errors.length + warnings.length - 50} more`);
    problems.push('');
  }

  const sorted = [...input.findings].sort(compareFindings);
  const tableHead = [
    '### Findings',
    '',
    '| Severity | Rule | Location | Message | CWE | Seen by |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const fixed = `${head.join('\n')}\n${problems.join('\n')}\n`;
  let used = Buffer.byteLength(fixed) + Buffer.byteLength(tableHead.join('\n')) + 400;
  const rows: string[] = [];
  for (const finding of sorted) {
    const row = findingRow(finding);
    const size = Buffer.byteLength(row) + 1;
    if (used + size > maxBytes) break;
    rows.push(row);
    used += size;
  }
  const parts = [fixed];
  if (sorted.length > 0) parts.push(tableHead.join('\n'), '\n', rows.join('\n'), '\n');
  if (rows.length < sorted.length) {
    const where = input.reportPath ? ` The full list is in ${inlineCode(input.reportPath)}.` : '';
    parts.push(
      `\n_${sorted.length - rows.length} less severe finding(s) not shown: the summary is limited to 1 MiB._${where}\n`,
    );
  }
  return parts.join('');
}
