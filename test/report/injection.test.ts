// Untrusted text from tools must stay inert in the PR comment and the job summary: no HTML, no
// mentions, no issue references, no autolinks, no forged sticky marker, no broken tables or
// fences, no invisible or bidirectional characters. Each payload goes through every field.
import { describe, expect, it } from '@jest/globals';
import { marked } from 'marked';
import {
  COMMENT_MARKER,
  MAX_COMMENT_CHARS,
  renderCommentMarkdown,
} from '../../src/report/comment-markdown.js';
import { PAYLOADS } from './payloads.js';
import { makeFinding, makeReport } from './report-builders.js';

const FORBIDDEN_CHARS = new RegExp(
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u202a-\\u202e\\u2066-\\u2069\\u200c\\u200d\\ufeff]',
);

function reportWithPayloads() {
  const findings = PAYLOADS.flatMap((p, i) => [
    makeFinding({ message: p, severity: 'high' }),
    makeFinding({
      rule: { id: p, helpUri: i % 2 === 0 ? 'javascript:alert(1)' : `https://evil.example/${p}` },
      severity: 'medium',
    }),
    makeFinding({ location: { path: `src/${p}.js`, linkable: true, startLine: 3 }, severity: 'low' }),
    makeFinding({ seenBy: ['gosec', p], tool: { name: p }, severity: 'critical' }),
  ]);
  return makeReport(findings, {
    notices: [PAYLOADS[8] as string, PAYLOADS[5] as string],
    remediation: (f) => ({
      summary: f.message,
      links: [{ title: f.message, url: `https://evil.example/${f.message}` }],
    }),
  });
}

const renders: [string, () => string][] = [
  [
    'PR comment',
    () => renderCommentMarkdown(reportWithPayloads(), { budget: MAX_COMMENT_CHARS, unit: 'chars' }),
  ],
  [
    'job summary',
    () => renderCommentMarkdown(reportWithPayloads(), { budget: 1024 * 1024, unit: 'bytes', marker: false }),
  ],
] as const;

/** The HTML outside <code> elements: what GitHub would make active (mentions, references, links). */
function textOutsideCode(html: string): string {
  return html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<[^>]*>/g, ' ');
}

const ALLOWED_TAGS = new Set([
  'h3',
  'h4',
  'p',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'code',
  'a',
  'em',
  'details',
  'summary',
  'sub',
  'blockquote',
  'br',
]);

describe.each(renders)('the %s keeps every payload inert', (_name, render) => {
  const markdown = render();
  const html = marked.parse(markdown, { gfm: true, async: false });

  it(`renders all ${PAYLOADS.length} payloads`, () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(30);
    expect(markdown).toContain('onerror=alert');
  });

  it('renders to no HTML element but the ones we write', () => {
    const tags = new Set(
      [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b/g)].map((m) => (m[1] ?? '').toLowerCase()),
    );
    expect([...tags].filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
    expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
  });

  it('has one HTML comment, our own marker, first (or none in the job summary)', () => {
    const comments = html.split('<!--').length - 1;
    expect(comments).toBe(markdown.startsWith(COMMENT_MARKER) ? 1 : 0);
    expect(html.indexOf('<!--')).toBeLessThanOrEqual(0);
  });

  it('mentions no one and references no issue outside code', () => {
    const text = textOutsideCode(html);
    expect(text).not.toMatch(/(^|[^\u200b\w])@[A-Za-z0-9]/m);
    expect(text).not.toMatch(/#\d/);
    expect(text).not.toMatch(/GH-\d/i);
    expect(text).not.toMatch(/(https?|ftp):\/\/evil|www\.evil/);
  });

  it('links only to the repository and https help pages, never to javascript:', () => {
    const urls = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\/[^\s<>"'`]+$/);
      expect(url).not.toMatch(FORBIDDEN_CHARS);
    }
    expect(urls.some((u) => u.startsWith('https://github.com/octo-org/hello-service/blob/'))).toBe(true);
    expect(html).not.toMatch(/javascript:/i.source.length > 0 ? /href="javascript:/i : /x/);
    expect(html).not.toMatch(/<img/i);
  });

  it('opens no code fence and keeps every table row to its columns', () => {
    expect(markdown).not.toMatch(/^\s*(```|~~~)/m);
    const rows = markdown.split('\n').filter((l) => /^\| (🟥|🟧|🟨|🟦|⬜)/u.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const line of rows) {
      const cells = line.split(/(?<!\\)\|/).length - 2;
      expect({ line: line.slice(0, 60), cells }).toEqual({ line: line.slice(0, 60), cells: 4 });
    }
    const tables = html.match(/<table>/g)?.length ?? 0;
    expect(tables).toBe(markdown.match(/^\| --- \|/gm)?.length ?? -1);
  });

  it('carries no invisible or bidirectional control character', () => {
    expect(markdown).not.toMatch(FORBIDDEN_CHARS);
  });

  it('starts no heading, quote or alert from a payload', () => {
    expect(html).not.toContain('heading injected</h1>');
    expect(markdown).not.toMatch(/^> fake alert/m);
  });
});
