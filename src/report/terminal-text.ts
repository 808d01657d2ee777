/** The report as plain terminal text (the CLI): the verdict first, then the new findings. */
import { stripInvisible } from './escape.js';
import { inventoryLine } from './inventory.js';
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
  const projects = report.projects;
  if (projects && (projects.items.length > 0 || projects.outside)) {
    lines.push('', paint('bold', 'By project'));
    const counts = (n: { new: number; fixed: number; existing: number }) =>
      `${n.new} new · ${n.fixed} fixed · ${n.existing} existing`;
    for (const p of projects.items) {
      const where = p.path === p.name ? '' : ` (${clean(p.path)})`;
      lines.push(`  ${paint(p.new > 0 ? 'yellow' : 'dim', clean(p.name))}${where}: ${counts(p)}`);
    }
    if (projects.outside)
      lines.push(`  ${paint('dim', 'outside the projects')}: ${counts(projects.outside)}`);
  }
  const TITLES = { new: 'New findings', fixed: 'Fixed findings', existing: 'Existing findings' } as const;
  for (const state of ['new', 'fixed', 'existing'] as const) {
    const items = report.findings.filter((f) => f.state === state && !f.ignored);
    if (items.length === 0) continue;
    lines.push('', paint('bold', TITLES[state]));
    for (const f of items.slice(0, limit)) {
      const where = f.location
        ? `${f.location.path}${f.location.startLine ? `:${f.location.startLine}` : ''}`
        : '-';
      const sev = f.severity.toUpperCase().padEnd(8);
      lines.push(
        `  ${paint(f.severity === 'critical' || f.severity === 'high' ? 'red' : 'yellow', sev)} ${clean(where)}  ${clean(f.rule.id)}: ${clean(f.message)}`,
      );
      if (state !== 'fixed' && f.remediation)
        lines.push(paint('dim', `           fix: ${clean(f.remediation.summary)}`));
    }
    if (items.length > limit) lines.push(paint('dim', `  … and ${items.length - limit} more`));
  }
  const vulnerable = (report.dependencies?.changes ?? []).filter((row) => row.vulnerabilities.length > 0);
  if (vulnerable.length > 0) {
    lines.push('', paint('bold', `Vulnerable dependencies (${vulnerable.length})`));
    for (const row of vulnerable.slice(0, limit)) {
      const ids = row.vulnerabilities.map((v) => v.id).join(', ');
      const fix = row.fixedIn ? `fixed in ${clean(row.fixedIn)}` : 'no fixed version yet';
      lines.push(
        `  ${clean(row.name)} ${clean(row.to ?? row.from ?? '')} (${clean(row.manifest)}): ${clean(ids)}; ${fix}`,
      );
      if (row.upgrade) lines.push(paint('dim', `           run: ${clean(row.upgrade)}`));
    }
    if (vulnerable.length > limit) lines.push(paint('dim', `  … and ${vulnerable.length - limit} more`));
  }
  const inventory = inventoryLine(report.inventory);
  if (inventory) lines.push('', `SBOM: ${clean(inventory)}`);
  for (const notice of report.notices) lines.push('', paint('yellow', `note: ${clean(notice)}`));
  return `${lines.join('\n')}\n`;
}
