/**
 * Check annotations for the new findings, most severe first, within what GitHub shows of one
 * step: the first 10 errors, 10 warnings and 10 notices. Critical and high are errors; medium and
 * low warnings; notes notices. Only findings in files of the repository get one.
 */
import { compareFindings } from '../findings/counts.js';
import type { Severity } from '../findings/finding.js';
import { stripInvisible } from './escape.js';
import type { Report } from './model.js';

export interface AnnotationSpec {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  file: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

const LEVEL: Record<Severity, AnnotationSpec['level']> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'warning',
  note: 'notice',
};

function inRepository(path: string): boolean {
  return (
    !/^[a-z][a-z0-9+.-]*:/i.test(path) &&
    !path.startsWith('/') &&
    !/^[A-Za-z]:\//.test(path) &&
    !path.startsWith('../')
  );
}

export function annotationsFor(report: Report): { annotations: AnnotationSpec[]; omitted: number } {
  const candidates = report.findings
    .filter(
      (f) =>
        f.state === 'new' && !f.ignored && f.location && f.location.linkable && inRepository(f.location.path),
    )
    .sort(compareFindings);
  const used = { error: 0, warning: 0, notice: 0 };
  const annotations: AnnotationSpec[] = [];
  let omitted = 0;
  for (const f of candidates) {
    const level = LEVEL[f.severity];
    if (used[level] >= ANNOTATIONS_SHOWN_PER_LEVEL) {
      omitted++;
      continue;
    }
    used[level]++;
    const loc = f.location as NonNullable<typeof f.location>;
    const fix = f.remediation ? `\nFix: ${stripInvisible(f.remediation.summary)}` : '';
    const cwe = f.cwes.length > 0 ? ` (${f.cwes.map((c) => `CWE-${c}`).join(', ')})` : '';
    const spec: AnnotationSpec = {
      level,
      title: stripInvisible(`${f.severity} · ${f.rule.id}${cwe}`).slice(0, 200),
      message: stripInvisible(`${f.message}${fix}`).slice(0, 4000),
      file: loc.path,
    };
    if (loc.startLine !== undefined) spec.startLine = loc.startLine;
    if (loc.endLine !== undefined) spec.endLine = loc.endLine;
    // GitHub ignores columns on annotations that span several lines.
    if (loc.startColumn !== undefined && (loc.endLine ?? loc.startLine) === loc.startLine) {
      spec.startColumn = loc.startColumn;
      if (loc.endColumn !== undefined) spec.endColumn = loc.endColumn;
    }
    annotations.push(spec);
  }
  return { annotations, omitted };
}
