/**
 * The pull-request comment (and, with a bigger budget, the job summary): the verdict first, then
 * what this pull request introduced, what it fixed, how to fix the rest, and the evidence. Cut by
 * priority to fit: new findings most severe first, then fixed, then existing; what is cut is said.
 */
import type { Severity } from '../findings/finding.js';
import { SEVERITIES, SEVERITY_INDEX, SEVERITY_LABEL } from '../findings/finding.js';
import { escapeInline, inlineCode, safeHttpsUrl, safeLink } from './escape.js';
import { inventoryLine } from './inventory.js';
import type { DependencyChangeRow, DependencySummary } from './dependencies.js';
import type { Report, ReportFinding } from './model.js';
import { projectTable } from './projects-markdown.js';

/** GitHub refuses a comment body over 65,536 characters; keep a margin for what we add around it. */
export const MAX_COMMENT_CHARS = 65_536;
/** The hidden marker that finds our sticky comment again (issue comments are searched for it). */
export const COMMENT_MARKER = '<!-- pavedpath:pr-summary -->';

export interface RenderOptions {
  /** Budget in characters (comment) or, for the job summary, in UTF-8 bytes. */
  budget: number;
  unit: 'chars' | 'bytes';
  /** Where the full report is, said when something is cut. */
  fullReport?: string;
  /** List the problems reading the SARIF files (the job summary does; the comment only counts them). */
  listProblems?: boolean;
  marker?: boolean;
  /**
   * The report artifact of the run, when it is uploaded: the tail links it, with report.html
   * (the whole report as one page) named. The URL must be https.
   */
  artifact?: { name: string; url: string };
}

const ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', note: '⬜' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function headline(report: Report): string {
  const n = report.counts.new;
  const worst = SEVERITIES.find((s) => report.counts.newBySeverity[s] > 0);
  const failed = report.gate.verdict === 'fail';
  if (n === 0) return `${failed ? '❌' : '✅'} Paved Path: no new issues`;
  const worstCount = worst ? report.counts.newBySeverity[worst] : 0;
  const detail =
    worst && worstCount === n
      ? `${n} new ${worst}-severity ${n === 1 ? 'finding' : 'findings'}`
      : `${plural(n, 'new finding')}, ${worstCount} ${worst ?? ''}`;
  return `${failed ? '❌' : '⚠️'} Paved Path: ${detail}`;
}

/** A link to the line on the head commit, when the repository and commit are known. */
function locationCell(report: Report, f: ReportFinding): string {
  const loc = f.location;
  if (!loc) return '—';
  const label = inlineCode(`${loc.path}${loc.startLine ? `:${loc.startLine}` : ''}`, 120);
  const { serverUrl, repository, sha } = report.context;
  if (!loc.linkable || !serverUrl || !repository || !sha || /^[a-z][a-z0-9+.-]*:/i.test(loc.path))
    return label;
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository) || !/^[0-9a-f]{40}$/.test(sha)) return label;
  const path = loc.path.split('/').map(encodeURIComponent).join('/');
  const lines = loc.startLine
    ? `#L${loc.startLine}${loc.endLine && loc.endLine !== loc.startLine ? `-L${loc.endLine}` : ''}`
    : '';
  return `[${label}](${serverUrl.replace(/\/+$/, '')}/${repository}/blob/${sha}/${path}${lines})`;
}

function fixCell(f: ReportFinding): string {
  const r = f.remediation;
  if (!r) return f.rule.helpUri ? safeLink('how to fix', f.rule.helpUri) : '—';
  const links = r.links.slice(0, 2).map((l) => safeLink(l.title, l.url));
  const command = r.command ? ` ${inlineCode(r.command, 160)}` : '';
  return [escapeInline(r.summary, 160) + command, ...links].join(' · ');
}

function row(report: Report, f: ReportFinding): string {
  const rule = safeLink(f.rule.id, f.rule.helpUri);
  const cwe =
    f.cwes.length > 0
      ? ` (${f.cwes
          .slice(0, 3)
          .map((c) => `CWE-${c}`)
          .join(', ')})`
      : '';
  const tools = f.seenBy.length > 1 ? ` · seen by ${escapeInline(f.seenBy.join(', '), 60)}` : '';
  return `| ${ICON[f.severity]} ${SEVERITY_LABEL[f.severity]} | ${rule}${cwe}: ${escapeInline(f.message, 200)}${tools} | ${locationCell(report, f)} | ${fixCell(f)} |`;
}

const TABLE_HEAD = ['| Severity | Finding | Location | How to fix |', '| --- | --- | --- | --- |'];

/** The comment and the job summary render one report twice: count its scanners once. */
const scannerTables = new WeakMap<Report, string[]>();

function scannerTable(report: Report): string[] {
  const cached = scannerTables.get(report);
  if (cached) return cached;
  const table = buildScannerTable(report);
  scannerTables.set(report, table);
  return table;
}

function buildScannerTable(report: Report): string[] {
  // Counts per tool in severity order (one pass over what may be 200,000 findings).
  const byTool = new Map<string, number[]>();
  const count = (tool: string, severity: number) => {
    let counts = byTool.get(tool);
    if (!counts) {
      counts = [0, 0, 0, 0, 0];
      byTool.set(tool, counts);
    }
    counts[severity] = (counts[severity] ?? 0) + 1;
  };
  for (const f of report.findings) {
    if (f.state === 'fixed' || f.ignored) continue;
    const severity = SEVERITY_INDEX[f.severity];
    if (f.seenBy.length === 1) count(f.seenBy[0] as string, severity);
    else for (const tool of f.seenBy) count(tool, severity);
  }
  if (byTool.size === 0) return [];
  const tools = [...byTool.keys()].sort();
  return [
    `| Scanner | ${SEVERITIES.map((s) => `${ICON[s]} ${SEVERITY_LABEL[s]}`).join(' | ')} |`,
    `| --- | ${SEVERITIES.map(() => '---:').join(' | ')} |`,
    ...tools.map(
      (t) => `| ${escapeInline(t, 60)} | ${SEVERITIES.map((_, i) => byTool.get(t)?.[i] ?? 0).join(' | ')} |`,
    ),
    '',
  ];
}

const ADVISORY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,80}$/;

/** An advisory id, linked to its page on osv.dev when it looks like one (ids come from OSV data). */
function advisoryLink(id: string): string {
  return ADVISORY_ID.test(id) ? `[${id}](https://osv.dev/vulnerability/${id})` : escapeInline(id, 80);
}

function dependencyRow(row: DependencyChangeRow, mode: DependencySummary['mode']): string {
  const pkg = `${inlineCode(row.name, 100)} <sub>${escapeInline(row.ecosystem, 20)} · ${inlineCode(row.manifest, 100)}</sub>`;
  const change =
    mode === 'full'
      ? inlineCode(row.to ?? '', 60)
      : row.change === 'added'
        ? `➕ ${inlineCode(row.to ?? '', 60)}`
        : row.change === 'removed'
          ? `➖ ${inlineCode(row.from ?? '', 60)}`
          : `${inlineCode(row.from ?? '', 60)} → ${inlineCode(row.to ?? '', 60)}`;
  const advisories =
    row.vulnerabilities.length === 0
      ? '—'
      : row.vulnerabilities
          .slice(0, 5)
          .map((v) => `${ICON[v.severity]} ${advisoryLink(v.id)}`)
          .join('<br>') +
        (row.vulnerabilities.length > 5 ? `<br>+${row.vulnerabilities.length - 5} more` : '');
  const fix = row.upgrade
    ? inlineCode(row.upgrade, 160)
    : row.fixedIn
      ? `upgrade to ${inlineCode(row.fixedIn, 60)}`
      : row.vulnerabilities.length > 0
        ? 'no fixed version yet'
        : '';
  return `| ${pkg} | ${change} | ${advisories} | ${fix} |`;
}

const dependencyHead = (mode: DependencySummary['mode']) => [
  `| Package | ${mode === 'full' ? 'Version' : 'Change'} | Advisories | Fix |`,
  '| --- | --- | --- | --- |',
];
/** Changes without advisories shown in the folded list, at most. */
const MAX_QUIET_DEPENDENCY_ROWS = 50;

function dependencyTitle(d: DependencySummary): string {
  if (d.mode === 'full') return `Vulnerable dependencies (${d.counts.vulnerable})`;
  const parts = [
    d.counts.added > 0 ? `${d.counts.added} added` : '',
    d.counts.changed > 0 ? `${d.counts.changed} changed` : '',
    d.counts.removed > 0 ? `${d.counts.removed} removed` : '',
  ].filter(Boolean);
  return `Dependency changes (${parts.length > 0 ? parts.join(', ') : 'none'})`;
}

class Budget {
  private used = 0;
  private readonly limit: number;
  private readonly unit: 'chars' | 'bytes';
  constructor(limit: number, unit: 'chars' | 'bytes') {
    this.limit = limit;
    this.unit = unit;
  }
  size(text: string): number {
    return this.unit === 'chars' ? text.length : Buffer.byteLength(text);
  }
  /** Takes `text` (plus a newline) if it fits; false otherwise. */
  take(text: string): boolean {
    const n = this.size(text) + 1;
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }
  reserve(n: number): void {
    this.used += n;
  }
}

/** The findings by section, in one pass (the comment and the job summary each need them). */
function partition(report: Report) {
  const parts = {
    newF: [] as ReportFinding[],
    fixed: [] as ReportFinding[],
    existing: [] as ReportFinding[],
    ignored: [] as ReportFinding[],
  };
  for (const f of report.findings) {
    if (f.ignored) parts.ignored.push(f);
    if (f.state === 'fixed') parts.fixed.push(f);
    else if (!f.ignored) (f.state === 'new' ? parts.newF : parts.existing).push(f);
  }
  return parts;
}

export function renderCommentMarkdown(report: Report, options: RenderOptions): string {
  const budget = new Budget(options.budget, options.unit);
  const out: string[] = [];
  const put = (line: string) => {
    out.push(line);
    budget.take(line);
  };
  // The tail is written last but its room is kept first, so it is never the part that is cut.
  const tail: string[] = [];
  const { newF, fixed, existing, ignored } = partition(report);
  const tools = [...new Set(report.files.flatMap((f) => f.tools))].sort();
  tail.push(
    '',
    `<sub>Scanned ${plural(report.files.length, 'SARIF file')} from ${tools.length > 0 ? escapeInline(tools.join(', '), 300) : 'no tool'}` +
      (ignored.length > 0
        ? ` · ${ignored.length} ignored (the config file or the tool's own suppression)`
        : '') +
      ` · Paved Path ${escapeInline(report.tool.version, 20)}</sub>`,
  );
  if (options.artifact && safeHttpsUrl(options.artifact.url)) {
    tail.push(
      `<sub>The whole report, as one page with filters (report.html) and as report.json: ${safeLink(`the ${options.artifact.name} artifact`, options.artifact.url)}</sub>`,
    );
  }
  const inventory = inventoryLine(report.inventory);
  if (inventory) tail.push(`<sub>Inventory: ${escapeInline(inventory, 400)}</sub>`);
  if (report.compliance.length > 0) {
    const byFramework = new Map<string, string[]>();
    for (const c of report.compliance)
      byFramework.set(c.framework, [...(byFramework.get(c.framework) ?? []), c.control]);
    tail.push(
      `<sub>Evidence for ${[...byFramework].map(([fw, ids]) => `${escapeInline(fw, 40)} ${escapeInline(ids.join(', '), 200)}`).join(' · ')}</sub>`,
    );
  }
  const cutNotice = 300;
  budget.reserve(tail.reduce((n, l) => n + budget.size(l) + 1, 0) + cutNotice);

  if (options.marker !== false) put(COMMENT_MARKER);
  put(`### ${headline(report)}`);
  put('');
  put(
    `${escapeInline(report.gate.reason, 300)} ${report.counts.fixed > 0 ? `· ${report.counts.fixed} fixed ` : ''}· ${report.counts.existing} existing` +
      (report.context.classification === 'diff'
        ? ' · _new = on lines this pull request changed (no baseline)_'
        : report.context.classification === 'push'
          ? ' · _a push: every finding counts as existing_'
          : ''),
  );
  put('');
  for (const line of projectTable(report.projects)) put(line);
  for (const line of scannerTable(report)) put(line);
  for (const notice of report.notices.slice(0, 5)) put(`> [!WARNING]\n> ${escapeInline(notice, 400)}\n`);
  const errors = report.diagnostics.filter((d) => d.level === 'error');
  if (errors.length > 0)
    put(
      `> [!CAUTION]\n> ${plural(errors.length, 'SARIF file problem')}: the report may be incomplete. See the job log.\n`,
    );
  if (options.listProblems && report.diagnostics.length > 0) {
    put('#### Problems reading the SARIF files');
    put('');
    for (const d of report.diagnostics.slice(0, 50)) {
      const where = `${d.file}${d.line !== undefined ? `:${d.line}` : ''}${d.jsonPath ? ` at ${d.jsonPath}` : ''}`;
      put(
        `- ${d.level === 'error' ? '❌' : '⚠️'} ${inlineCode(where, 200)}: ${escapeInline(`${d.message}${d.hint ? `. ${d.hint}` : ''}`, 400)}`,
      );
    }
    if (report.diagnostics.length > 50) put(`- … and ${report.diagnostics.length - 50} more in the job log`);
    put('');
  }

  let cut = 0;
  const section = (title: string, items: ReportFinding[], folded: boolean) => {
    if (items.length === 0) return;
    const open = folded ? [`<details><summary>${title}</summary>`, ''] : [`#### ${title}`, ''];
    const close = folded ? ['', '</details>', ''] : [''];
    const first = items[0] as ReportFinding;
    if (!budget.take([...open, ...TABLE_HEAD, row(report, first), ...close].join('\n'))) {
      cut += items.length;
      return;
    }
    out.push(...open, ...TABLE_HEAD, row(report, first));
    let i = 1;
    for (; i < items.length; i++) {
      const line = row(report, items[i] as ReportFinding);
      if (!budget.take(line)) break;
      out.push(line);
    }
    cut += items.length - i;
    out.push(...close);
  };
  section(`New in this pull request (${newF.length})`, newF, false);
  section(`Fixed in this pull request (${fixed.length})`, fixed, false);
  const deps = report.dependencies;
  if (
    deps &&
    (deps.changes.length > 0 ||
      deps.counts.unpinned > 0 ||
      deps.counts.licenses > 0 ||
      deps.newLicenses.length > 0)
  ) {
    const vulnerable = deps.changes.filter((r) => r.vulnerabilities.length > 0);
    const quiet = deps.changes.filter((r) => r.vulnerabilities.length === 0);
    const notes = [
      vulnerable.length > 0
        ? `**${plural(vulnerable.length, 'package')} ${deps.mode === 'full' ? 'with' : 'brought in with'} known vulnerabilities.**`
        : deps.mode === 'pull-request'
          ? 'No added or changed package has a known vulnerability.'
          : '',
      deps.counts.unpinned > 0
        ? `${plural(deps.counts.unpinned, 'requirement')} not pinned to one version.`
        : '',
      deps.counts.licenses > 0
        ? `${plural(deps.counts.licenses, 'package')} outside the licence policy.`
        : '',
    ].filter(Boolean);
    const head = [`#### ${dependencyTitle(deps)}`, '', notes.join(' '), ''];
    if (budget.take(head.join('\n'))) {
      out.push(...head);
      if (vulnerable.length > 0 && budget.take(dependencyHead(deps.mode).join('\n'))) {
        out.push(...dependencyHead(deps.mode));
        let shown = 0;
        for (const r of vulnerable) {
          const line = dependencyRow(r, deps.mode);
          if (!budget.take(line)) break;
          out.push(line);
          shown++;
        }
        cut += vulnerable.length - shown;
        out.push('');
      }
      const folded = quiet.slice(0, MAX_QUIET_DEPENDENCY_ROWS);
      const open = [
        `<details><summary>${plural(quiet.length, 'other dependency change')}</summary>`,
        '',
        ...dependencyHead(deps.mode),
      ];
      if (folded.length > 0 && budget.take(open.join('\n'))) {
        out.push(...open);
        let shown = 0;
        for (const r of folded) {
          const line = dependencyRow(r, deps.mode);
          if (!budget.take(line)) break;
          out.push(line);
          shown++;
        }
        const more = quiet.length - shown + deps.omitted;
        if (more > 0) out.push('', `_… and ${more} more in dependency-changes.json._`);
        out.push('', '</details>', '');
      }
    }
  }
  section(plural(existing.length, 'existing finding'), existing, true);
  if (cut > 0) {
    out.push(
      '',
      `_${plural(cut, 'less severe finding')} not shown here (the ${options.unit === 'chars' ? 'comment' : 'summary'} has a size limit)${options.fullReport ? `: the full list is in ${escapeInline(options.fullReport, 200)}` : ''}._`,
    );
  }
  out.push(...tail);
  return `${out.join('\n')}\n`;
}
