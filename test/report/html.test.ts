// report.html (src/report/html.ts) as text: one self-contained document, a row per finding, a CSP
// that holds the hashes of its one style and one script, no request to any host, every untrusted
// string escaped, the sections the report has, and the row cap. The browser test
// (html.browser.test.ts) checks what Chromium makes of it.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { SEVERITIES } from '../../src/findings/finding.js';
import { escapeHtml, MAX_HTML_ROWS, renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/model.js';
import {
  ALL_PAYLOADS,
  HTML_PAYLOADS,
  largeReport,
  payloadReport,
  RICH,
  richReport,
  URL_PAYLOADS,
} from '../fixtures/report-html/reports.js';
import { describeRealWorld, REAL_WORLD, VENDORED_SARIF } from '../support/real-world.js';
import { makeFinding, makeReport, reportFromSarifDir } from './report-builders.js';

/** The elements renderHtml writes; anything else would come from data. */
const OUR_TAGS = new Set(
  (
    'html head meta title link style body main header p span strong code h1 h2 h3 section div small svg rect ' +
    'details summary ul li table caption thead tbody tr th td a em form label select option input button ' +
    'script footer br'
  ).split(' '),
);
const OUR_ATTRIBUTES = new Set(
  (
    'lang charset http-equiv content name title rel href class aria-label aria-hidden aria-live focusable ' +
    'viewBox preserveAspectRatio x y width height role open id hidden for type placeholder autocomplete value ' +
    'scope data-severity data-state data-ignored data-tools'
  ).split(' '),
);
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069\u200b-\u200d\ufeff]/;

const tagsOf = (html: string) => [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1] ?? '');
const startTags = (html: string) => [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
const attributesOf = (tag: string) =>
  [...tag.matchAll(/\s([^\s=>"'/]+)(?:="([^"]*)")?/g)].map((m) => ({ name: m[1] ?? '', value: m[2] }));
/** Attributes renderHtml does not write (an `on…` handler, say), with the tag that has them. */
const foreignAttributes = (html: string) =>
  startTags(html).flatMap((tag) =>
    attributesOf(tag)
      .filter((a) => !OUR_ATTRIBUTES.has(a.name) || /^on/i.test(a.name))
      .map((a) => `${a.name} in ${tag}`),
  );
const rows = (html: string) => html.match(/<tr data-severity="[^"]*"[^>]*>/g) ?? [];
const hrefs = (html: string) => [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1] ?? '');
const between = (html: string, tag: string) => {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!m) throw new Error(`no <${tag}>`);
  return m[1] ?? '';
};
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const csp = (html: string) =>
  /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';

describe('escapeHtml', () => {
  it('escapes the five characters that end text or a quoted attribute, and drops invisible ones', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('safe\u202Etxt.exe\u200b\u0000')).toBe('safetxt.exe');
    expect(escapeHtml('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('the page of a pull request with every section', () => {
  const report = richReport();
  const html = renderHtml(report);

  it('is one HTML5 document with a title, a charset and no referrer', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(between(html, 'title')).toBe('Paved Path report: octo-org/hello-service #7');
    expect(renderHtml(report, { title: 'Nightly <scan>' })).toContain('<title>Nightly &lt;scan&gt;</title>');
  });

  it('has one table row per finding, with its severity, state and scanners as data attributes', () => {
    expect(report.findings).toHaveLength(RICH.total);
    const all = rows(html);
    expect(all).toHaveLength(RICH.total);
    for (const s of SEVERITIES)
      expect(all.filter((r) => r.includes(`data-severity="${s}"`))).toHaveLength(RICH.bySeverity[s]);
    const plain = all.filter((r) => !r.includes('data-ignored'));
    expect(plain.filter((r) => r.includes('data-state="new"'))).toHaveLength(RICH.byState.new);
    expect(plain.filter((r) => r.includes('data-state="existing"'))).toHaveLength(RICH.byState.existing);
    expect(plain.filter((r) => r.includes('data-state="fixed"'))).toHaveLength(RICH.byState.fixed);
    expect(all.filter((r) => r.includes('data-ignored="true"'))).toHaveLength(RICH.byState.ignored);
    // Scanners by index into the filter's options: gosec is 0, semgrep 1; one finding has both.
    expect(html).toContain('<option value="0">gosec (');
    expect(html).toContain('<option value="1">semgrep (');
    expect(all.filter((r) => r.includes('data-tools="1 0"'))).toHaveLength(1);
    expect(rows(html)[0]).toContain('data-severity="critical" data-state="new"');
  });

  it('says the verdict, the gate and the counts, and charts them by severity and scanner', () => {
    expect(report.gate.verdict).toBe('fail');
    expect(html).toContain('<header class="banner fail">');
    expect(html).toContain('Fails on new high or worse');
    expect(html).toContain(escapeHtml(report.gate.reason));
    for (const [n, label] of [
      [9, 'new'],
      [2, 'fixed'],
      [5, 'existing'],
      [1, 'ignored'],
    ] as const)
      expect(html).toMatch(new RegExp(`<span class="n">${n}</span><span class="l">${label}</span>`));
    expect(html).toContain('Open findings by severity');
    expect(html).toContain('Open findings by scanner');
    // Filter options count the rows they select.
    expect(html).toContain('<option value="medium">Medium (7)</option>');
    expect(html).toContain('<option value="ignored">Ignored (1)</option>');
  });

  it('links the location on the head commit, the rule help and the fix, https only and noopener', () => {
    expect(html).toMatch(
      /href="https:\/\/github\.com\/octo-org\/hello-service\/blob\/a{40}\/services\/api\/store\/query\d\.go#L\d+"/,
    );
    expect(html).toContain('>gosec G201</a>');
    const links = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(20);
    for (const a of links) expect(a).toMatch(/^<a href="https:\/\/[^"]+" rel="noopener noreferrer">$/);
  });

  it('has a CSP that allows its one style and one script by hash, and nothing else', () => {
    const policy = csp(html);
    expect(policy).toBe(
      `default-src 'none'; style-src ${hash(between(html, 'style'))}; script-src ${hash(between(html, 'script'))}; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    expect(policy).not.toMatch(/unsafe|https?:|\*/);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('requests nothing from any host', () => {
    expect(html).not.toMatch(/\ssrc(set)?=/i);
    expect(html).not.toMatch(/\s(action|formaction|poster|background|ping|xlink:href)=/i);
    const linkTags = html.match(/<link[^>]*>/g) ?? [];
    expect(linkTags).toEqual(['<link rel="icon" href="data:,">']);
    const style = between(html, 'style');
    expect(style).not.toMatch(/url\(|@import|@font-face/i);
    const script = between(html, 'script');
    expect(script).not.toMatch(
      /fetch|XMLHttpRequest|innerHTML|outerHTML|insertAdjacent|document\.write|eval|import/,
    );
    for (const href of hrefs(html)) expect(href).toMatch(/^(https:\/\/|data:,$)/);
  });

  it('works without JavaScript: every row shown, the filter form hidden, every control labelled', () => {
    expect(html).not.toMatch(/<tr[^>]* hidden/);
    expect(html).toContain('<form id="filters" class="filters" hidden>');
    for (const id of ['f-severity', 'f-state', 'f-tool', 'f-text']) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(` id="${id}"`);
    }
    const headers = html.match(/<th[ >][^>]*/g) ?? [];
    expect(headers.length).toBeGreaterThan(RICH.total);
    for (const th of headers) expect(th).toMatch(/scope="(col|row)"/);
  });

  it('renders the projects, dependency changes, SBOM inventory and compliance evidence', () => {
    const section = (id: string) => {
      const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
      if (!m) throw new Error(`no section ${id}`);
      return m[1] ?? '';
    };
    expect(report.projects?.items).toHaveLength(2);
    expect(section('projects')).toMatch(
      /<th scope="row">api<\/th><td><code>services\/api<\/code><\/td><td class="num hot">9<\/td><td class="num">0<\/td><td class="num">0<\/td>/,
    );
    const deps = section('dependencies');
    expect(deps).toContain('<code>lodash</code>');
    expect(deps).toContain('<code>npm install lodash@4.17.21</code>');
    expect(deps).toContain('href="https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm"');
    expect(deps).toContain('1 added · 1 changed · 1 removed · 1 vulnerable');
    // The vulnerable change in view, the two others folded.
    expect(deps.indexOf('<code>lodash</code>')).toBeLessThan(
      deps.indexOf('<summary>2 other dependency changes</summary>'),
    );
    expect(deps.indexOf('<summary>2 other dependency changes</summary>')).toBeLessThan(
      deps.indexOf('<code>six</code>'),
    );
    expect(deps).toContain('MPL-2.0');
    const sboms = section('inventory');
    expect(sboms).toContain('<code>sbom.cdx.json</code>');
    expect(sboms).toContain('<td class="num">99</td>');
    expect(sboms).toContain('cyclonedx-npm 3.1.0');
    const evidence = section('compliance');
    expect(evidence).toContain('<summary>2 controls of PCI DSS v4.0.1, NIST SSDF v1.1</summary>');
    expect(evidence).toContain('<th scope="row">6.2.4</th>');
    expect(evidence).toContain('SAST ran on the pull request: 9 new findings');
    expect(html).toContain('ignore[3] expired on 2026-10-01');
  });

  it('leaves out the sections a report does not have', () => {
    const bare = renderHtml(makeReport([makeFinding()]));
    for (const id of ['projects', 'dependencies', 'inventory', 'compliance'])
      expect(bare).not.toContain(`<section id="${id}">`);
    expect(rows(bare)).toHaveLength(1);
    const empty = renderHtml(makeReport([], { failOn: 'none' }));
    expect(empty).toContain('<header class="banner pass">');
    expect(empty).toContain('No findings.');
    expect(empty).not.toContain('<form');
  });
});

describe('untrusted strings stay text', () => {
  const report = payloadReport();
  const html = renderHtml(report);

  it(`puts every one of the ${ALL_PAYLOADS.length} payloads in the page, escaped`, () => {
    expect(rows(html)).toHaveLength(report.findings.length);
    for (const p of HTML_PAYLOADS.slice(0, -1))
      expect(html).toContain(escapeHtml(p.replace(/\s+/g, ' ').trim(), 300).slice(0, 40));
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  });

  it('has no element but the ones renderHtml writes, and one script and one style', () => {
    const unknown = new Set(tagsOf(html).filter((t) => !OUR_TAGS.has(t)));
    expect([...unknown]).toEqual([]);
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html.match(/<style/gi)).toHaveLength(1);
    expect(html.match(/<meta/gi)).toHaveLength(5);
    expect(html).not.toMatch(/<(img|iframe|base|svg on|template|noscript|math)\b/i);
    expect(html).not.toContain('<!--');
  });

  it('has no attribute but ours: no event handlers, no payload-made attributes', () => {
    expect(foreignAttributes(html)).toEqual([]);
    const values = startTags(html).flatMap((tag) => attributesOf(tag).map((a) => a.value ?? ''));
    expect(values.length).toBeGreaterThan(report.findings.length * 4);
    expect(values.filter((v) => /[<>"]/.test(v))).toEqual([]);
  });

  it('links only to https, never to javascript:, data:, a bare host or plain http', () => {
    const all = hrefs(html);
    expect(all.length).toBeGreaterThan(ALL_PAYLOADS.length);
    for (const href of all) {
      expect(href).toMatch(/^(https:\/\/[^\s<>"'`]+|data:,)$/);
      expect(href).not.toMatch(INVISIBLE);
      expect(href).not.toMatch(/^https:\/\/[^/]*@/);
    }
    expect(html).not.toMatch(/href="(java|vb)script:/i);
    // The report's serverUrl is javascript:: no location is linked, the text is still there.
    expect(all.some((h) => h.includes('/blob/'))).toBe(false);
    for (const url of URL_PAYLOADS.filter((u) => !u.startsWith('https://')))
      expect(all).not.toContain(url.trim());
  });

  it('keeps out control, zero-width and bidirectional characters', () => {
    expect(html).not.toMatch(INVISIBLE);
  });

  it('lets no payload into the CSP, the title or the script', () => {
    expect(csp(html)).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-/);
    expect(between(html, 'script')).toBe(between(renderHtml(makeReport([])), 'script'));
    expect(between(html, 'style')).toBe(between(renderHtml(makeReport([])), 'style'));
  });
});

describe('a large report', () => {
  it(`shows the first ${MAX_HTML_ROWS.toLocaleString('en-US')} of 20,000 findings, says where the rest are, quickly`, () => {
    const report = largeReport(20_000);
    const started = performance.now();
    const html = renderHtml(report);
    const elapsed = performance.now() - started;
    expect(rows(html)).toHaveLength(MAX_HTML_ROWS);
    expect(html).toContain(`This page lists the first 5,000 findings of 20,000`);
    expect(html).toContain('The other 15,000 are in report.json.');
    // The most urgent are kept: the report's order is new first, most severe first.
    expect(rows(html)[0]).toContain('data-severity="critical" data-state="new"');
    // The charts count the whole report.
    expect(html).toMatch(/<span class="n">6,667<\/span><span class="l">new<\/span>/);
    expect(html.length).toBeLessThan(12_000_000);
    expect(elapsed).toBeLessThan(3000);
  });

  it('takes a smaller cap', () => {
    const html = renderHtml(largeReport(30), { maxRows: 10 });
    expect(rows(html)).toHaveLength(10);
    expect(html).toContain('The other 20 are in report.json.');
  });
});

/** A report as the summary action builds it, from real SARIF files, for pull request 7. */
const reportFrom = (dir: string): Report => reportFromSarifDir(dir, 40);

function expectSafe(html: string, report: Report): void {
  expect(rows(html)).toHaveLength(Math.min(report.findings.length, MAX_HTML_ROWS));
  expect([...new Set(tagsOf(html).filter((t) => !OUR_TAGS.has(t)))]).toEqual([]);
  expect(foreignAttributes(html)).toEqual([]);
  expect(hrefs(html).filter((href) => !/^(https:\/\/[^\s<>"'`]+|data:,)$/.test(href))).toEqual([]);
  expect(html.match(/<script/g)).toHaveLength(1);
  expect(html).not.toMatch(INVISIBLE);
}

describe('reports built from real SARIF', () => {
  it('test/fixtures/sarif: every finding a row, the tools in the filter, fixes linked', () => {
    const report = reportFrom(VENDORED_SARIF);
    expect(report.findings.length).toBeGreaterThan(20);
    const html = renderHtml(report);
    expectSafe(html, report);
    for (const tool of new Set(report.findings.flatMap((f) => f.seenBy)))
      expect(html).toContain(`>${escapeHtml(tool)} (`);
    expect(html).toContain('<section id="compliance">');
    expect(html).toContain('<a href="https://avd.aquasec.com/nvd/cve-2019-1549" rel="noopener noreferrer">');
    // A plain-http help page (lgtm.com) is shown as text, not linked.
    expect(html).not.toContain('href="http://');
  });

  describeRealWorld('../shared/fixtures/real-world/sarif', () => {
    it('every real-world log at once: capped, safe, rendered in time', () => {
      const report = reportFrom(path.join(REAL_WORLD, 'sarif'));
      expect(report.findings.length).toBeGreaterThan(1000);
      const started = performance.now();
      const html = renderHtml(report);
      expect(performance.now() - started).toBeLessThan(5000);
      expectSafe(html, report);
    });
  });
});
