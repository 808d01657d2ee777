/**
 * Every string from a tool, a lockfile or an advisory is untrusted. These make it inert in
 * GitHub-flavoured markdown: no HTML, no @mentions or #references that notify people or link
 * issues, no autolinks, no code fences or tables broken open.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/** Escapes text for inline markdown (a table cell, a list item): one line, nothing active. */
export function escapeInline(text: string, maxLength = 300): string {
  let out = text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (out.length > maxLength) out = `${out.slice(0, maxLength - 1)}…`;
  out = out
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()|#+!~])/g, '\\$1');
  // @mention, #123 / GH-123 references, and bare URLs that GitHub would autolink.
  out = out
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/\b(GH-)(?=\d)/gi, `$1${ZERO_WIDTH_SPACE}`)
    .replace(/\b(https?|ftp|file):\/\//gi, `$1:/${ZERO_WIDTH_SPACE}/`)
    .replace(/\bwww\./gi, `www${ZERO_WIDTH_SPACE}.`);
  return out;
}

/** Text inside an inline code span: backticks can't close it, newlines can't break the table. */
export function inlineCode(text: string, maxLength = 200): string {
  let out = text.replace(/\r?\n|\r/g, ' ').trim();
  if (out.length > maxLength) out = `${out.slice(0, maxLength - 1)}…`;
  out = out.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(out.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = out.startsWith('`') || out.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${out}${pad}${fence}`;
}

/** A link only when the URL is http(s); otherwise the escaped text alone. */
export function safeLink(text: string, url: string | undefined): string {
  const label = escapeInline(text);
  if (!url || !/^https:\/\/[^\s<>"'`]+$/i.test(url)) return label;
  return `[${label}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}
