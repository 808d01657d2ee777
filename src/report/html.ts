/**
 * report.html: the whole report as one self-contained HTML5 page, to open from a workflow run's
 * artifact (file://) or any static host. Nothing is fetched: no fonts, images or scripts from
 * anywhere, links are plain `<a href>` to https pages, and a strict Content-Security-Policy (the
 * sha256 of our one <style> and one <script>, nothing else) backs that up.
 *
 * Every string from a tool, a lockfile or an advisory is untrusted: it goes through `escapeHtml`
 * (text and attribute values alike, always double-quoted), URLs through `safeHttpsUrl` (as the
 * markdown renderer does; here also without a user name or password). The findings are rows in
 * the DOM, not JSON a script turns into markup: the script only hides and shows rows and writes
 * counts with textContent. Without JavaScript every row is shown and the filter form stays hidden.
 *
 * Filters: severity (exact), state (new, fixed, existing: not ignored; ignored: any state), scanner
 * (any tool that saw the finding) and a case-insensitive search of the row's text; all must hold.
 *
 * The findings table holds at most MAX_HTML_ROWS rows (a browser stays responsive with that many
 * table rows; 20,000 are slow to lay out and filter): the report's own order (new, fixed,
 * existing, ignored; most severe first in each), so what is cut is the least urgent, and the page
 * says how many more report.json holds. The counts and charts are always of the whole report.
 */
import { createHash } from 'node:crypto';
import { type Location, SEVERITIES, SEVERITY_LABEL, type Severity } from '../findings/finding.js';
import type { DependencyChangeRow, DependencySummary } from './dependencies.js';
import { safeHttpsUrl, stripInvisible, truncate } from './escape.js';
import type { Report, ReportFinding } from './model.js';
import type { ProjectBreakdown } from './projects.js';

/** Findings rows at most; the rest are counted and left to report.json. */
export const MAX_HTML_ROWS = 5000;

export interface HtmlOptions {
  /** The page title (default: "Paved Path report", with the repository and pull request). */
  title?: string;
  /** Findings rows at most (default MAX_HTML_ROWS). */
  maxRows?: number;
}

const STATE_LABEL = { new: 'New', fixed: 'Fixed', existing: 'Existing' } as const;
const ADVISORY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,80}$/;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for an HTML text node or a double-quoted attribute value: nothing in it is markup. */
export function escapeHtml(text: string, maxLength = 2000): string {
  return truncate(stripInvisible(text), maxLength).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** One line of escaped text: newlines and runs of spaces folded. */
const line = (text: string, max = 300) => escapeHtml(text.replace(/\s+/g, ' ').trim(), max);
const num = (n: number) => (Number.isFinite(n) ? Math.trunc(n).toLocaleString('en-US') : '0');
const plural = (n: number, word: string) => `${num(n)} ${word}${n === 1 ? '' : 's'}`;
const severityOf = (s: string): Severity =>
  (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : 'note';
const stateOf = (s: string): ReportFinding['state'] => (s === 'new' || s === 'fixed' ? s : 'existing');

/** The URL as an href: a well-formed https URL with a host and no user name or password. */
function httpsHref(url: string | undefined): string | undefined {
  const href = safeHttpsUrl(url);
  if (href === undefined) return undefined;
  const parsed = new URL(href);
  return parsed.username === '' && parsed.password === '' && parsed.hostname !== '' ? href : undefined;
}

/** A link when the URL is a well-formed https URL, else the text alone. */
function link(text: string, url: string | undefined, max = 200): string {
  const href = httpsHref(url);
  const label = line(text, max);
  return href ? `<a href="${escapeHtml(href, 4000)}" rel="noopener noreferrer">${label}</a>` : label;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const maxRows = Math.max(0, options.maxRows ?? MAX_HTML_ROWS);
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(STYLE)}`,
    `script-src ${sha256(SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const { repository, pullRequest } = report.context;
  const title =
    options.title ??
    `Paved Path report${repository ? `: ${repository}` : ''}${pullRequest !== undefined ? ` #${pullRequest}` : ''}`;
  const body = [
    banner(report),
    stats(report),
    charts(report),
    notices(report),
    projects(report.projects),
    findings(report, maxRows),
    dependencies(report.dependencies),
    inventory(report),
    compliance(report),
    footer(report),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${line(title, 200)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

// --- Sections ------------------------------------------------------------------------------------

function headline(report: Report): string {
  const n = report.counts.new;
  if (n === 0) return 'No new findings';
  const worst = SEVERITIES.find((s) => report.counts.newBySeverity[s] > 0);
  return `${plural(n, 'new finding')}${worst ? `, the worst ${worst}` : ''}`;
}

function banner(report: Report): string {
  const pass = report.gate.verdict === 'pass';
  const c = report.context;
  const sha = c.sha && /^[0-9a-f]{40}$/.test(c.sha) ? c.sha.slice(0, 7) : undefined;
  const how = {
    baseline: 'new = not in the baseline scan',
    diff: 'new = on lines the pull request changed (no baseline)',
    push: 'a push: every finding counts as existing',
    none: 'new and existing could not be told apart: every finding counts',
  }[c.classification];
  const repo = repositoryUrl(report);
  const to = (html: string, href: string | undefined) =>
    href ? `<a href="${escapeHtml(href, 4000)}" rel="noopener noreferrer">${html}</a>` : html;
  const pr = c.pullRequest;
  const meta = [
    c.repository ? to(`<strong>${line(c.repository, 200)}</strong>`, repo) : '',
    pr !== undefined
      ? to(
          `pull request #${num(pr)}`,
          repo && Number.isInteger(pr) && pr > 0 ? `${repo}/pull/${pr}` : undefined,
        )
      : c.event
        ? line(c.event, 40)
        : '',
    c.baseRef ? `into ${line(c.baseRef, 100)}` : '',
    sha
      ? `commit ${to(`<code>${escapeHtml(sha)}</code>`, repo && c.sha ? `${repo}/commit/${c.sha}` : undefined)}`
      : '',
    how ? escapeHtml(how) : '',
  ].filter(Boolean);
  const gate =
    report.gate.failOn === 'none'
      ? 'Gate off'
      : `Fails on ${report.gate.scope === 'new' ? 'new' : 'any'} ${line(report.gate.failOn, 20)} or worse`;
  return `<header class="banner ${pass ? 'pass' : 'fail'}">
<p class="verdict"><span class="pill">${pass ? 'Passed' : 'Failed'}</span> <span class="gate">${gate}</span></p>
<h1>${escapeHtml(headline(report))}</h1>
<p class="reason">${line(report.gate.reason, 400)}</p>
<p class="meta">${meta.join(' <span aria-hidden="true">·</span> ')}</p>
</header>`;
}

function stats(report: Report): string {
  const card = (n: number, label: string, cls: string) =>
    `<div class="stat ${cls}"><span class="n">${num(n)}</span><span class="l">${label}</span></div>`;
  const c = report.counts;
  return `<section class="stats" aria-label="Findings by state">
${card(c.new, 'new', c.new > 0 ? 'new' : '')}
${card(c.fixed, 'fixed', c.fixed > 0 ? 'fixed' : '')}
${card(c.existing, 'existing', '')}
${card(c.ignored, 'ignored', '')}
</section>`;
}

/** One stacked horizontal bar (SVG attributes, not style attributes: the CSP allows no inline style). */
function bar(parts: { value: number; cls: string }[], max: number): string {
  let x = 0;
  const rects = parts
    .filter((p) => p.value > 0 && max > 0)
    .map((p) => {
      const w = (p.value / max) * 100;
      const rect = `<rect class="${p.cls}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="10"></rect>`;
      x += w;
      return rect;
    });
  return `<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="track" x="0" y="0" width="100" height="10"></rect>${rects.join('')}</svg>`;
}

const MAX_CHART_TOOLS = 12;

function charts(report: Report): string {
  const all = report.counts.all.bySeverity;
  const fresh = report.counts.newBySeverity;
  const maxSeverity = Math.max(1, ...SEVERITIES.map((s) => all[s]));
  const severityRows = SEVERITIES.map((s) => {
    const total = all[s];
    const n = Math.min(fresh[s], total);
    return `<div class="chart-row"><span class="label"><span class="dot ${s}"></span>${SEVERITY_LABEL[s]}</span>${bar(
      [
        { value: n, cls: `${s} solid` },
        { value: total - n, cls: `${s} faint` },
      ],
      maxSeverity,
    )}<span class="value">${num(total)}${n > 0 ? ` <small>(${num(n)} new)</small>` : ''}</span></div>`;
  });
  // By scanner: the open findings (not fixed, not ignored) each tool reported, by severity.
  const byTool = new Map<string, Record<Severity, number>>();
  for (const f of report.findings) {
    if (f.state === 'fixed' || f.ignored) continue;
    for (const tool of new Set(f.seenBy)) {
      let counts = byTool.get(tool);
      if (!counts) byTool.set(tool, (counts = { critical: 0, high: 0, medium: 0, low: 0, note: 0 }));
      counts[severityOf(f.severity)]++;
    }
  }
  const totalOf = (c: Record<Severity, number>) => SEVERITIES.reduce((n, s) => n + c[s], 0);
  const tools = [...byTool].sort((a, b) => totalOf(b[1]) - totalOf(a[1]) || (a[0] < b[0] ? -1 : 1));
  const maxTool = Math.max(1, ...tools.map(([, c]) => totalOf(c)));
  const toolRows = tools.slice(0, MAX_CHART_TOOLS).map(
    ([tool, c]) =>
      `<div class="chart-row"><span class="label" title="${line(tool, 200)}">${line(tool, 40)}</span>${bar(
        SEVERITIES.map((s) => ({ value: c[s], cls: `${s} solid` })),
        maxTool,
      )}<span class="value">${num(totalOf(c))}</span></div>`,
  );
  if (tools.length > MAX_CHART_TOOLS)
    toolRows.push(`<p class="muted">… and ${plural(tools.length - MAX_CHART_TOOLS, 'more scanner')}</p>`);
  const legend = `<p class="legend muted"><span class="swatch solid"></span> new <span class="swatch faint"></span> existing</p>`;
  return `<section class="charts">
<div class="panel"><h2>Open findings by severity</h2>
${severityRows.join('\n')}
${legend}</div>
<div class="panel"><h2>Open findings by scanner</h2>
${toolRows.length > 0 ? toolRows.join('\n') : '<p class="muted">No open findings.</p>'}</div>
</section>`;
}

const MAX_DIAGNOSTICS = 50;

function notices(report: Report): string {
  const out: string[] = report.notices
    .slice(0, 20)
    .map((n) => `<p class="notice warning" role="note">${line(n, 600)}</p>`);
  const errors = report.diagnostics.filter((d) => d.level === 'error').length;
  if (report.diagnostics.length > 0) {
    const items = report.diagnostics.slice(0, MAX_DIAGNOSTICS).map((d) => {
      const where = `${d.file}${d.line !== undefined ? `:${d.line}` : ''}${d.jsonPath ? ` at ${d.jsonPath}` : ''}`;
      return `<li class="${d.level === 'error' ? 'error' : 'warning'}"><code>${line(where, 300)}</code>: ${line(`${d.message}${d.hint ? `. ${d.hint}` : ''}`, 600)}</li>`;
    });
    const more = report.diagnostics.length - items.length;
    if (more > 0) items.push(`<li>… and ${num(more)} more in the job log</li>`);
    out.push(`<details class="notice ${errors > 0 ? 'error' : 'warning'}"${errors > 0 ? ' open' : ''}>
<summary>${plural(report.diagnostics.length, 'problem')} reading the input files${errors > 0 ? ': the report may be incomplete' : ''}</summary>
<ul>${items.join('\n')}</ul>
</details>`);
  }
  return out.join('\n');
}

function projects(breakdown: ProjectBreakdown | undefined): string {
  if (!breakdown || (breakdown.items.length === 0 && !breakdown.outside)) return '';
  const cells = (n: { new: number; fixed: number; existing: number }) =>
    `<td class="num${n.new > 0 ? ' hot' : ''}">${num(n.new)}</td><td class="num">${num(n.fixed)}</td><td class="num">${num(n.existing)}</td>`;
  const rows = breakdown.items.map(
    (p) =>
      `<tr><th scope="row">${line(p.name, 120)}</th><td><code>${line(p.path, 200)}</code></td>${cells(p)}</tr>`,
  );
  if (breakdown.outside)
    rows.push(
      `<tr><th scope="row"><em>outside the projects</em></th><td></td>${cells(breakdown.outside)}</tr>`,
    );
  return `<section id="projects"><h2>Projects</h2>
<table class="grid compact"><caption class="sr-only">Findings by project</caption>
<thead><tr><th scope="col">Project</th><th scope="col">Folder</th><th scope="col" class="num">New</th><th scope="col" class="num">Fixed</th><th scope="col" class="num">Existing</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

// --- Findings ------------------------------------------------------------------------------------

/**
 * The repository's page, when the server is an https URL and the repository an owner/name; with
 * the commit a full SHA, or undefined (links to lines and commits need both).
 */
function repositoryUrl(report: Report): string | undefined {
  const { serverUrl, repository, sha } = report.context;
  if (!serverUrl || !repository || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) return undefined;
  if (sha !== undefined && !/^[0-9a-f]{40}$/.test(sha)) return undefined;
  return httpsHref(`${serverUrl.replace(/\/+$/, '')}/${repository}`);
}

/** The line on the head commit, when the repository and commit are known (as the comment links it). */
function locationHref(report: Report, loc: Location): string | undefined {
  const repo = repositoryUrl(report);
  const sha = report.context.sha;
  if (!repo || !sha || !loc.linkable || /^[a-z][a-z0-9+.-]*:/i.test(loc.path)) return undefined;
  const path = loc.path.split('/').map(encodeURIComponent).join('/');
  const lines = loc.startLine
    ? `#L${loc.startLine}${loc.endLine && loc.endLine !== loc.startLine ? `-L${loc.endLine}` : ''}`
    : '';
  return httpsHref(`${repo}/blob/${sha}/${path}${lines}`);
}

function locationCell(report: Report, f: ReportFinding): string {
  const loc = f.location;
  if (!loc) return '<span class="muted">—</span>';
  const text = `${loc.path}${loc.startLine ? `:${loc.startLine}` : ''}`;
  const code = `<code>${line(text, 300)}</code>`;
  const href = locationHref(report, loc);
  return href ? `<a href="${escapeHtml(href, 4000)}" rel="noopener noreferrer">${code}</a>` : code;
}

function findingCell(f: ReportFinding): string {
  const cwes = f.cwes
    .slice(0, 3)
    .filter((c) => Number.isInteger(c))
    .map((c) => `CWE-${c}`)
    .join(', ');
  const score =
    typeof f.score === 'number' && Number.isFinite(f.score) ? ` · score ${f.score.toFixed(1)}` : '';
  const seenBy = f.seenBy.length > 1 ? ` · seen by ${line(f.seenBy.join(', '), 200)}` : '';
  return `<span class="rule">${link(f.rule.id, f.rule.helpUri, 200)}</span>${cwes ? ` <span class="muted">${cwes}</span>` : ''}
<div class="msg">${escapeHtml(f.message.trim(), 2000)}</div><div class="sub muted">${line(f.tool.name, 100)}${seenBy}${score}</div>`;
}

/** Links per fix, most specific first (the rest are in report.json). */
const MAX_FIX_LINKS = 3;

function fixCell(f: ReportFinding): string {
  const r = f.remediation;
  if (!r)
    return httpsHref(f.rule.helpUri) ? link('How to fix', f.rule.helpUri) : '<span class="muted">—</span>';
  const parts = [`<div>${line(r.summary, 400)}</div>`];
  if (r.command) parts.push(`<div><code>${line(r.command, 300)}</code></div>`);
  const links = r.links
    .slice(0, MAX_FIX_LINKS)
    .map((l) => link(l.title, l.url, 100))
    .filter((l) => l.startsWith('<a '));
  if (links.length > 0) parts.push(`<div class="links">${links.join(' · ')}</div>`);
  return parts.join('');
}

function stateCell(f: ReportFinding): string {
  const state = stateOf(f.state);
  const badge = `<span class="state ${state}">${STATE_LABEL[state]}</span>`;
  if (!f.ignored) return badge;
  const { reason, by, expires } = f.ignored;
  return `${badge} <span class="state ignored">Ignored</span><div class="sub muted">${line(reason, 200)} (${line(by, 60)}${expires ? `, until ${line(expires, 30)}` : ''})</div>`;
}

function findingRow(report: Report, f: ReportFinding, toolIndex: Map<string, number>): string {
  const severity = severityOf(f.severity);
  const tools = [...new Set(f.seenBy)].map((t) => toolIndex.get(t)).join(' ');
  const ignored = f.ignored ? ' data-ignored="true"' : '';
  return `<tr data-severity="${severity}" data-state="${stateOf(f.state)}"${ignored} data-tools="${tools}"><td><span class="sev ${severity}">${SEVERITY_LABEL[severity]}</span></td><td>${stateCell(f)}</td><th scope="row">${findingCell(f)}</th><td class="loc">${locationCell(report, f)}</td><td>${fixCell(f)}</td></tr>`;
}

function option(value: string, label: string, n: number): string {
  return `<option value="${escapeHtml(value)}">${label} (${num(n)})</option>`;
}

function findings(report: Report, maxRows: number): string {
  const rows = report.findings.slice(0, maxRows);
  const more = report.findings.length - rows.length;
  const tools = [...new Set(rows.flatMap((f) => f.seenBy))].sort();
  const toolIndex = new Map(tools.map((t, i) => [t, i]));
  const count = (pred: (f: ReportFinding) => boolean) => rows.reduce((n, f) => n + (pred(f) ? 1 : 0), 0);
  const severityOptions = SEVERITIES.map((s) =>
    option(
      s,
      SEVERITY_LABEL[s],
      count((f) => f.severity === s),
    ),
  );
  const stateOptions = (['new', 'fixed', 'existing'] as const).map((s) =>
    option(
      s,
      STATE_LABEL[s],
      count((f) => f.state === s && !f.ignored),
    ),
  );
  stateOptions.push(
    option(
      'ignored',
      'Ignored',
      count((f) => f.ignored !== undefined),
    ),
  );
  const toolOptions = tools.map((t, i) =>
    option(
      String(i),
      line(t, 60),
      count((f) => f.seenBy.includes(t)),
    ),
  );
  const cap =
    more > 0
      ? `<p class="notice warning" role="note">This page lists the first ${plural(rows.length, 'finding')} of ${num(report.findings.length)}: new first, then fixed, existing and ignored, most severe first in each. The other ${num(more)} are in report.json.</p>`
      : '';
  const table =
    report.findings.length === 0
      ? '<p class="muted">No findings.</p>'
      : `<form id="filters" class="filters" hidden>
<div><label for="f-severity">Severity</label><select id="f-severity" name="severity"><option value="">All severities</option>${severityOptions.join('')}</select></div>
<div><label for="f-state">State</label><select id="f-state" name="state"><option value="">All states</option>${stateOptions.join('')}</select></div>
<div><label for="f-tool">Scanner</label><select id="f-tool" name="tool"><option value="">All scanners</option>${toolOptions.join('')}</select></div>
<div class="grow"><label for="f-text">Search</label><input id="f-text" name="text" type="search" placeholder="Rule, message, path, fix…" autocomplete="off"></div>
<div><button type="reset">Clear</button></div>
</form>
<p id="shown" class="muted" aria-live="polite">${plural(rows.length, 'finding')}</p>
<table id="findings-table" class="grid findings">
<caption class="sr-only">Findings: severity, state, rule and message, location, how to fix</caption>
<thead><tr><th scope="col" class="c-sev">Severity</th><th scope="col" class="c-state">State</th><th scope="col">Finding</th><th scope="col" class="c-loc">Location</th><th scope="col" class="c-fix">How to fix</th></tr></thead>
<tbody>
${rows.map((f) => findingRow(report, f, toolIndex)).join('\n')}
</tbody>
</table>
<p id="none-shown" class="muted" hidden>No finding matches the filters.</p>`;
  return `<section id="findings"><h2>Findings</h2>
${cap}${table}
</section>`;
}

// --- Dependencies, inventory, compliance ---------------------------------------------------------

function advisory(id: string): string {
  return ADVISORY_ID.test(id) ? link(id, `https://osv.dev/vulnerability/${id}`, 90) : line(id, 90);
}

function dependencyRow(row: DependencyChangeRow, mode: DependencySummary['mode']): string {
  const v = (text: string | undefined) => `<code>${line(text ?? '', 80)}</code>`;
  const change =
    mode === 'full'
      ? v(row.to)
      : row.change === 'added'
        ? `added ${v(row.to)}`
        : row.change === 'removed'
          ? `removed ${v(row.from)}`
          : `${v(row.from)} → ${v(row.to)}`;
  const advisories =
    row.vulnerabilities.length === 0
      ? '<span class="muted">—</span>'
      : row.vulnerabilities
          .slice(0, 8)
          .map(
            (a) =>
              `<span class="sev ${severityOf(a.severity)}">${SEVERITY_LABEL[severityOf(a.severity)]}</span> ${advisory(a.id)}`,
          )
          .join('<br>') +
        (row.vulnerabilities.length > 8 ? `<br>+${num(row.vulnerabilities.length - 8)} more` : '');
  const fix = row.upgrade
    ? `<code>${line(row.upgrade, 200)}</code>`
    : row.fixedIn
      ? `upgrade to ${v(row.fixedIn)}`
      : row.vulnerabilities.length > 0
        ? 'no fixed version yet'
        : '';
  return `<tr><th scope="row"><code>${line(row.name, 150)}</code><div class="sub muted">${line(row.ecosystem, 30)} · ${line(row.manifest, 150)}</div></th><td>${change}</td><td>${advisories}</td><td>${fix}</td></tr>`;
}

function dependencies(d: DependencySummary | undefined): string {
  if (!d) return '';
  const c = d.counts;
  const facts =
    d.mode === 'full'
      ? [plural(c.vulnerable, 'vulnerable package')]
      : [
          `${num(c.added)} added`,
          `${num(c.changed)} changed`,
          `${num(c.removed)} removed`,
          `${num(c.vulnerable)} vulnerable`,
        ];
  if (c.unpinned > 0) facts.push(`${plural(c.unpinned, 'requirement')} not pinned`);
  if (c.licenses > 0) facts.push(`${plural(c.licenses, 'package')} outside the licence policy`);
  const head = `<thead><tr><th scope="col">Package</th><th scope="col">${d.mode === 'full' ? 'Version' : 'Change'}</th><th scope="col">Advisories</th><th scope="col">Fix</th></tr></thead>`;
  const table = (rows: DependencyChangeRow[], caption: string) =>
    `<table class="grid compact"><caption class="sr-only">${caption}</caption>
${head}
<tbody>
${rows.map((r) => dependencyRow(r, d.mode)).join('\n')}
</tbody></table>`;
  // The vulnerable changes in view; the others (often every package of a new lockfile) folded.
  const vulnerable = d.changes.filter((r) => r.vulnerabilities.length > 0);
  const quiet = d.changes.filter((r) => r.vulnerabilities.length === 0);
  const tables =
    (vulnerable.length > 0 ? table(vulnerable, 'Dependency changes with known vulnerabilities') : '') +
    (quiet.length > 0
      ? `<details class="fold"><summary>${plural(quiet.length, d.mode === 'full' ? 'other package' : 'other dependency change')}</summary>
${table(quiet, 'Dependency changes without known vulnerabilities')}
</details>`
      : '');
  const omitted =
    d.omitted > 0
      ? `<p class="muted">… and ${plural(d.omitted, 'more change')} in dependency-changes.json.</p>`
      : '';
  const licenses =
    d.newLicenses.length === 0
      ? ''
      : `<h3>Licences new in this change</h3><ul>${d.newLicenses
          .map((l) => `<li><code>${line(l.license, 100)}</code>: ${line(l.components.join(', '), 600)}</li>`)
          .join('')}</ul>`;
  return `<section id="dependencies"><h2>${d.mode === 'full' ? 'Vulnerable dependencies' : 'Dependency changes'}</h2>
<p>${facts.join(' · ')}</p>
${tables}${omitted}${licenses}
</section>`;
}

function inventory(report: Report): string {
  if (report.inventory.length === 0) return '';
  const rows = report.inventory.map(
    (s) =>
      `<tr><th scope="row"><code>${line(s.file, 200)}</code></th><td>${line(s.format, 20)} ${line(s.specVersion, 20)}</td><td class="num">${num(s.components)}</td><td>${s.generator ? line(s.generator, 120) : '<span class="muted">—</span>'}</td></tr>`,
  );
  return `<section id="inventory"><h2>Software bill of materials</h2>
<table class="grid compact"><caption class="sr-only">SBOM files</caption>
<thead><tr><th scope="col">File</th><th scope="col">Format</th><th scope="col" class="num">Components</th><th scope="col">Generator</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

function compliance(report: Report): string {
  if (report.compliance.length === 0) return '';
  const rows = report.compliance.map(
    (c) =>
      `<tr><td>${line(c.framework, 80)}</td><th scope="row">${line(c.control, 60)}</th><td>${line(c.title, 200)}</td><td>${line(c.evidence, 400)}</td></tr>`,
  );
  const frameworks = [...new Set(report.compliance.map((c) => c.framework))];
  return `<section id="compliance"><h2>Compliance evidence</h2>
<details class="fold"><summary>${plural(report.compliance.length, 'control')} of ${line(frameworks.join(', '), 400)}</summary>
<p class="muted">Controls this run produced evidence for. A CI run is partial evidence: policies, people and operations are outside it.</p>
<table class="grid compact"><caption class="sr-only">Compliance evidence</caption>
<thead><tr><th scope="col">Framework</th><th scope="col">Control</th><th scope="col">Title</th><th scope="col">Evidence from this run</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></details></section>`;
}

function footer(report: Report): string {
  const tools = [...new Set(report.files.flatMap((f) => f.tools))].sort();
  return `<footer class="muted">Scanned ${plural(report.files.length, 'SARIF file')} from ${tools.length > 0 ? line(tools.join(', '), 400) : 'no tool'} · Paved Path ${line(report.tool.version, 30)} · report schema ${line(report.schemaVersion, 10)}. The full report, with every finding, is report.json.</footer>`;
}

// --- The page's style and script (hashed into the CSP) -----------------------------------------------

const STYLE = `
:root{--bg:#f6f7f9;--fg:#1f2328;--muted:#59636e;--card:#fff;--line:#d1d9e0;--soft:#eef1f4;--link:#0550ae;
--critical:#b3261e;--high:#d9480f;--medium:#b8860b;--low:#1f6feb;--note:#6e7781;--pass:#1a7f37;--fail:#cf222e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#151b23;--line:#3d444d;
--soft:#212830;--link:#4493f8;--critical:#f85149;--high:#fb8f44;--medium:#d29922;--low:#4493f8;--note:#9198a1}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1240px;margin:0 auto;padding:24px 28px 40px}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
code{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
h1{font-size:22px;margin:6px 0 4px;line-height:1.3}h2{font-size:16px;margin:0 0 12px}h3{font-size:14px;margin:16px 0 8px}
section{margin-top:20px}
.muted{color:var(--muted)}.sub{font-size:12.5px;margin-top:2px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.banner{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--pass);border-radius:8px;padding:16px 20px}
.banner.fail{border-left-color:var(--fail)}
.banner p{margin:0}.banner .reason{margin-top:2px}.banner .meta{margin-top:8px;color:var(--muted);font-size:13px}
.verdict{display:flex;gap:10px;align-items:center;font-size:13px;color:var(--muted)}
.pill{display:inline-block;padding:2px 10px;border-radius:999px;color:#fff;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.04em;background:var(--pass)}
.fail .pill{background:var(--fail)}
.stats{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px;display:flex;align-items:baseline;gap:8px}
.stat .n{font-size:26px;font-weight:650;line-height:1.1}.stat .l{color:var(--muted)}
.stat.new .n{color:var(--fail)}.stat.fixed .n{color:var(--pass)}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.chart-row{display:grid;grid-template-columns:180px 1fr 100px;align-items:center;gap:10px;margin:6px 0}
.chart-row .label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chart-row .value{text-align:right;font-variant-numeric:tabular-nums}
.bar{width:100%;height:12px;display:block;border-radius:3px}
.bar .track{fill:var(--soft)}
.critical{fill:var(--critical)}.high{fill:var(--high)}.medium{fill:var(--medium)}.low{fill:var(--low)}.note{fill:var(--note)}
.faint{fill-opacity:.35}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:7px}
.dot.critical{background:var(--critical)}.dot.high{background:var(--high)}.dot.medium{background:var(--medium)}.dot.low{background:var(--low)}.dot.note{background:var(--note)}
.legend{margin:8px 0 0;font-size:12.5px}
.swatch{display:inline-block;width:12px;height:9px;background:var(--muted);margin:0 3px 0 8px;vertical-align:middle}.swatch.faint{opacity:.35}
.notice{margin:12px 0 0;padding:10px 14px;border-radius:8px;border:1px solid var(--line);background:var(--card);border-left:4px solid var(--medium)}
.notice.error{border-left-color:var(--fail)}.notice ul{margin:8px 0 0;padding-left:20px}.notice summary{cursor:pointer}
section>table,section>.scroll{width:100%}
.grid{width:100%;border-collapse:separate;border-spacing:0;background:var(--card);border:1px solid var(--line);border-radius:8px;overflow:hidden}
.grid th,.grid td{padding:9px 12px;text-align:left;vertical-align:top;border-top:1px solid var(--line)}
.grid thead th{border-top:0;background:var(--soft);font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);font-weight:600}
.grid tbody th{font-weight:normal}
.grid.compact th,.grid.compact td{padding:7px 12px}
.num{text-align:right!important;font-variant-numeric:tabular-nums}.hot{color:var(--fail);font-weight:600}
.findings{table-layout:fixed}
.findings .c-sev{width:92px}.findings .c-state{width:104px}.findings .c-loc{width:24%}.findings .c-fix{width:28%}
.findings thead th{position:sticky;top:0;z-index:1}
.rule{font-weight:600;overflow-wrap:anywhere}.msg{white-space:pre-line;overflow-wrap:anywhere;margin-top:2px}
.loc{overflow-wrap:anywhere}.links{margin-top:4px;font-size:12.5px}
.sev,.state{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;white-space:nowrap;border:1px solid transparent}
.sev.critical{background:var(--critical);color:#fff}.sev.high{background:var(--high);color:#fff}.sev.medium{background:var(--medium);color:#fff}
.sev.low{background:var(--low);color:#fff}.sev.note{background:var(--note);color:#fff}
.state{background:var(--soft);color:var(--fg)}.state.new{border-color:var(--fail);color:var(--fail);background:transparent}
.state.fixed{border-color:var(--pass);color:var(--pass);background:transparent}.state.ignored{margin-top:4px}
.filters{display:flex;flex-wrap:wrap;gap:10px 14px;align-items:flex-end;margin:0 0 10px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px}
.filters[hidden]{display:none}
.filters label{display:block;font-size:12px;color:var(--muted);margin-bottom:2px}
.filters .grow{flex:1;min-width:200px}
select,input,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:5px 8px}
input{width:100%}button{cursor:pointer;background:var(--soft)}
#shown{margin:0 0 8px;font-size:13px}
footer{margin-top:28px;font-size:12.5px}
.fold{margin-top:10px}.fold>summary{cursor:pointer;padding:6px 0;color:var(--link)}.fold>table{margin-top:6px}
@media (max-width:800px){.stats{grid-template-columns:repeat(2,1fr)}.charts{grid-template-columns:1fr}.findings{table-layout:auto}}
@media print{.filters{display:none}.findings thead th{position:static}}
`;

/** Shows and hides rows, writes counts with textContent: never markup from data. */
const SCRIPT = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var table = document.getElementById('findings-table');
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var severity = document.getElementById('f-severity');
  var state = document.getElementById('f-state');
  var tool = document.getElementById('f-tool');
  var text = document.getElementById('f-text');
  var shown = document.getElementById('shown');
  var none = document.getElementById('none-shown');
  var texts = null;
  var timer = 0;
  function matches(row, i, s, st, t, q) {
    var d = row.dataset;
    if (s && d.severity !== s) return false;
    if (st === 'ignored') { if (d.ignored !== 'true') return false; }
    else if (st && (d.state !== st || d.ignored === 'true')) return false;
    if (t && (' ' + d.tools + ' ').indexOf(' ' + t + ' ') < 0) return false;
    if (q) {
      if (!texts) texts = rows.map(function (r) { return r.textContent.replace(/\\s+/g, ' ').toLowerCase(); });
      if (texts[i].indexOf(q) < 0) return false;
    }
    return true;
  }
  function apply() {
    timer = 0;
    var s = severity.value, st = state.value, t = tool.value;
    var q = text.value.replace(/\\s+/g, ' ').trim().toLowerCase();
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var ok = matches(rows[i], i, s, st, t, q);
      if (rows[i].hidden === ok) rows[i].hidden = !ok;
      if (ok) n++;
    }
    var total = rows.length + (rows.length === 1 ? ' finding' : ' findings');
    shown.textContent = n === rows.length ? total : n + ' of ' + total + ' shown';
    none.hidden = n > 0;
  }
  function later() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(apply, rows.length > 1000 ? 150 : 30);
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('change', apply);
  text.addEventListener('input', later);
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  form.hidden = false;
})();
`;
