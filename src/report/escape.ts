/**
 * Every string from a tool, a lockfile or an advisory is untrusted. These make it inert in
 * GitHub-flavoured markdown: no HTML, no @mentions or #references that notify people or link
 * issues, no autolinks, no code fences or tables broken open.
 */

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Control characters, zero-width characters and bidirectional overrides: invisible, and able to
 * make text read differently from what it is (Trojan Source, CVE-2021-42574). Removed.
 */
const INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g; // eslint-disable-line no-control-regex -- control characters are what it removes

/** At most `max` characters, cut between code points (never inside an emoji's surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Escapes text for inline markdown (a table cell, a list item): one line, nothing active. */
export function escapeInline(text: string, maxLength = 300): string {
  let out = stripInvisible(text)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  out = truncate(out, maxLength);
  out = out
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()|#+!~$])/g, '\\$1');
  // @mentions, #123 / GH-123 references, and scheme://… or www. URLs that GitHub would autolink.
  out = out
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/\\#(?=\d)/g, `\\#${ZERO_WIDTH_SPACE}`)
    .replace(/\b(GH-)(?=\d)/gi, `$1${ZERO_WIDTH_SPACE}`)
    .replace(/:(?=\/\/)/g, `:${ZERO_WIDTH_SPACE}`)
    .replace(/\bwww\./gi, `www${ZERO_WIDTH_SPACE}.`);
  return out;
}

/** Text inside an inline code span: backticks can't close it, newlines can't break the table. */
export function inlineCode(text: string, maxLength = 200): string {
  let out = stripInvisible(text)
    .replace(/\r?\n|\r/g, ' ')
    .trim();
  out = truncate(out, maxLength);
  out = out.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(out.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = out.startsWith('`') || out.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${out}${pad}${fence}`;
}

/**
 * A link only when the URL is a well-formed https URL; otherwise the escaped text alone. The URL
 * is normalised (non-ASCII and invisible characters percent-encoded) so what is shown is what is
 * followed.
 */
export function safeLink(text: string, url: string | undefined): string {
  const label = escapeInline(text);
  const href = safeHttpsUrl(url);
  return href ? `[${label}](${href})` : label;
}

export function safeHttpsUrl(url: string | undefined): string | undefined {
  if (!url || !/^https:\/\//i.test(url.trim())) return undefined;
  let href: string;
  try {
    href = new URL(url.trim()).href;
  } catch {
    return undefined;
  }
  if (!/^https:\/\/[\x21-\x7e]+$/.test(href)) return undefined;
  // Characters that could end the link, break a table cell or start markup.
  return href.replace(
    /[()<>|[\]`"'\\]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
