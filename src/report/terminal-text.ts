/** The report as plain terminal text (the CLI): the verdict first, then the new findings. */
import { stripInvisible } from './escape.js';
import type { Report } from './model.js';

export interface TerminalOptions {
  color: boolean;
  /** How many findings of each state to list. */
  limit?: number;
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function renderTerminalText(report: Report, options: TerminalOptions): string {
  const paint = (code: keyof typeof CODES, text: string) =>
    options.color ? `\u001b[${CODES[code]}m${text}\u001b[0m` : text;
  const clean = (text: string) => stripInvisible(text).replace(/[\r\n]+/g, ' ');
  const limit = options.limit ?? 50;
  const lines: string[] = [];
  const pass = report.gate.verdict === 'pass';
  lines.push(paint(pass ? 'green' : 'red', `${pass ? 'PASS' : 'FAIL'}: ${clean(report.gate.reason)}`));
  lines.push(
    paint(
      'dim',
      `${report.counts.new} new · ${report.counts.fixed} fixed · ${report.counts.existing} existing · ${report.counts.ignored} ignored`,
    ),
  );
  for (const state of ['new', 'fixed'] as const) {
    const items = report.findings.filter((f) => f.state === state && !f.ignored);
    if (items.length === 0) continue;
    lines.push('', paint('bold', state === 'new' ? 'New findings' : 'Fixed findings'));
    for (const f of items.slice(0, limit)) {
      const where = f.location
        ? `${f.location.path}${f.location.startLine ? `:${f.location.startLine}` : ''}`
        : '-';
      const sev = f.severity.toUpperCase().padEnd(8);
      lines.push(
        `  ${paint(f.severity === 'critical' || f.severity === 'high' ? 'red' : 'yellow', sev)} ${clean(where)}  ${clean(f.rule.id)}: ${clean(f.message)}`,
      );
      if (state === 'new' && f.remediation)
        lines.push(paint('dim', `           fix: ${clean(f.remediation.summary)}`));
    }
    if (items.length > limit) lines.push(paint('dim', `  … and ${items.length - limit} more`));
  }
  for (const notice of report.notices) lines.push('', paint('yellow', `note: ${clean(notice)}`));
  return `${lines.join('\n')}\n`;
}
