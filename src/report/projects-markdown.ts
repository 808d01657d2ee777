/**
 * The comment's per-project table (a monorepo's summary with the `projects` input): one row per
 * project with its new, fixed and existing findings, and a row for findings outside every project.
 * Names and paths come from the workflow (or a discover step): escaped like any other text.
 */
import { escapeInline, inlineCode } from './escape.js';
import type { ProjectBreakdown, ProjectCounts } from './projects.js';

/** Rows shown at most; past that, the projects with the most new, fixed, existing findings. */
export const MAX_PROJECT_ROWS = 30;

const HEAD = ['| Project | New | Fixed | Existing |', '| --- | ---: | ---: | ---: |'];

function cells(n: { new: number; fixed: number; existing: number }): string {
  return `${n.new > 0 ? `**${n.new}**` : '0'} | ${n.fixed} | ${n.existing}`;
}

function projectCell(p: ProjectCounts): string {
  const name = escapeInline(p.name, 80);
  return p.path === p.name ? name : `${name} <sub>${inlineCode(p.path, 100)}</sub>`;
}

/** The table's lines (with a blank line after), or none when there is no breakdown. */
export function projectTable(breakdown: ProjectBreakdown | undefined, maxRows = MAX_PROJECT_ROWS): string[] {
  if (!breakdown || (breakdown.items.length === 0 && !breakdown.outside)) return [];
  let shown = breakdown.items;
  if (shown.length > maxRows) {
    // The busiest projects, kept in the input's order.
    const kept = new Set(
      [...shown]
        .sort((a, b) => b.new - a.new || b.fixed - a.fixed || b.existing - a.existing)
        .slice(0, maxRows),
    );
    shown = shown.filter((p) => kept.has(p));
  }
  const rows = shown.map((p) => `| ${projectCell(p)} | ${cells(p)} |`);
  if (breakdown.outside) rows.push(`| _outside the projects_ | ${cells(breakdown.outside)} |`);
  const more = breakdown.items.length - shown.length;
  const note = more > 0 ? ['', `_… and ${more} more project${more === 1 ? '' : 's'} in report.json._`] : [];
  return [...HEAD, ...rows, ...note, ''];
}
