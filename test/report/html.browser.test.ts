// report.html in headless Chromium, opened from a file:// URL as a downloaded artifact would be:
// the page loads without a console message, a CSP violation or a request to anything but itself;
// the filters hide and show the rows they should; without JavaScript every row shows; and the
// injection payloads of every field stay text: no element, attribute, link or script of theirs.
//
// Chromium is Debian's (/usr/bin/chromium). Missing locally: skipped with the reason. Missing in
// CI (CI=true): the suite fails, as test/support/tools.ts does for the scanners.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { MAX_HTML_ROWS, renderHtml } from '../../src/report/html.js';
import type { Report, ReportFinding } from '../../src/report/model.js';
import { largeReport, payloadReport, PWNED, RICH, richReport } from '../fixtures/report-html/reports.js';

const CHROMIUM = '/usr/bin/chromium';
/** How long to wait for the page's debounced search: a failure, not the test timeout. */
const WAIT = { timeout: 5000 };

function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `${CHROMIUM} is not installed (Debian: apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`CI must run the report.html browser tests, but ${why}.`);
  return why;
}

const missing = chromiumMissing();
if (missing) process.stderr.write(`warning: the report.html browser tests are skipped: ${missing}\n`);
const describeBrowser = missing ? describe.skip : describe;

interface Opened {
  page: Page;
  url: string;
  /** Console messages, page errors, requests and dialogs, as they happened. */
  console: string[];
  errors: string[];
  requests: string[];
  dialogs: string[];
}

/** The page's own expression, evaluated in it (a string: the tests are compiled without the DOM lib). */
async function run<T>(page: Page, expression: string): Promise<T> {
  return (await page.evaluate(expression)) as T;
}

const VISIBLE_ROWS = `[...document.querySelectorAll('#findings-table tbody tr')].filter((r) => r.checkVisibility()).length`;
const visibleRows = (page: Page) => run<number>(page, VISIBLE_ROWS);
const shownText = (page: Page) => run<string>(page, `document.getElementById('shown').textContent`);

describeBrowser('report.html in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-html-'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--headless=new'],
    });
  });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(report: Report, name: string, javaScript = true): Promise<Opened> {
    const file = path.join(dir, `${name}.html`);
    writeFileSync(file, renderHtml(report));
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(javaScript);
    const opened: Opened = {
      page,
      url: pathToFileURL(file).href,
      console: [],
      errors: [],
      requests: [],
      dialogs: [],
    };
    page.on('console', (m) => opened.console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => opened.errors.push(String(e)));
    page.on('request', (r) => opened.requests.push(r.url()));
    page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    // CSP violations, as the page sees them (Chromium logs them to the console as well).
    await page.evaluateOnNewDocument(`
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    `);
    await page.goto(opened.url, { waitUntil: 'load' });
    return opened;
  }

  async function expectQuiet(opened: Opened): Promise<void> {
    expect(opened.console).toEqual([]);
    expect(opened.errors).toEqual([]);
    expect(opened.dialogs).toEqual([]);
    expect(opened.requests).toEqual([opened.url]);
    expect(await run<string[]>(opened.page, 'window.__csp')).toEqual([]);
  }

  describe('a pull request with every section', () => {
    const report = richReport();
    const expected = (pred: (f: ReportFinding) => boolean) => report.findings.filter(pred).length;
    let opened: Opened;
    let page: Page;

    beforeAll(async () => {
      opened = await open(report, 'rich');
      page = opened.page;
    });
    afterAll(() => page.close());

    it('loads with no console message, page error, CSP violation or request but the file', async () => {
      await expectQuiet(opened);
      expect(await run<string>(page, 'document.title')).toBe('Paved Path report: octo-org/hello-service #7');
    });

    it('shows the filters (the script ran) and one visible row per finding', async () => {
      expect(await run<boolean>(page, `document.getElementById('filters').checkVisibility()`)).toBe(true);
      expect(await visibleRows(page)).toBe(RICH.total);
      expect(await shownText(page)).toBe(`${RICH.total} findings`);
    });

    it('filters by severity, state and scanner, together', async () => {
      await page.select('#f-severity', 'medium');
      expect(await visibleRows(page)).toBe(RICH.bySeverity.medium);
      expect(await shownText(page)).toBe(`${RICH.bySeverity.medium} of ${RICH.total} findings shown`);
      await page.select('#f-severity', 'critical');
      expect(await visibleRows(page)).toBe(RICH.bySeverity.critical);
      await page.select('#f-severity', '');
      for (const state of ['new', 'existing', 'fixed'] as const) {
        await page.select('#f-state', state);
        expect(await visibleRows(page)).toBe(RICH.byState[state]);
      }
      await page.select('#f-state', 'ignored');
      expect(await visibleRows(page)).toBe(RICH.byState.ignored);
      // New and high: both filters hold.
      await page.select('#f-state', 'new');
      await page.select('#f-severity', 'high');
      expect(await visibleRows(page)).toBe(
        expected((f) => f.state === 'new' && !f.ignored && f.severity === 'high'),
      );
      await page.select('#f-state', '');
      await page.select('#f-severity', '');
      // semgrep: the findings it reported, the one gosec reported too included.
      const semgrep = await run<string>(
        page,
        `[...document.querySelectorAll('#f-tool option')].find((o) => o.textContent.startsWith('semgrep ')).value`,
      );
      await page.select('#f-tool', semgrep);
      expect(await visibleRows(page)).toBe(expected((f) => f.seenBy.includes('semgrep')));
      await page.select('#f-tool', '');
      expect(await visibleRows(page)).toBe(RICH.total);
    });

    it('searches the text of the rows, and the clear button shows them all again', async () => {
      await page.type('#f-text', 'QUERY3.go');
      await page.waitForFunction(`document.getElementById('shown').textContent.startsWith('1 of')`, WAIT);
      expect(await visibleRows(page)).toBe(1);
      await page.click('#f-text', { count: 3 });
      await page.keyboard.type('no such finding');
      await page.waitForFunction(`document.getElementById('shown').textContent.startsWith('0 of')`, WAIT);
      expect(await run<boolean>(page, `document.getElementById('none-shown').checkVisibility()`)).toBe(true);
      await page.click('button[type="reset"]');
      await page.waitForFunction(
        `document.getElementById('shown').textContent === '${RICH.total} findings'`,
        WAIT,
      );
      expect(await visibleRows(page)).toBe(RICH.total);
      await expectQuiet(opened);
    });

    it('renders the sections: projects, dependencies, SBOMs, compliance', async () => {
      const sections = await run<string[]>(
        page,
        `[...document.querySelectorAll('section[id]')].map((s) => s.id)`,
      );
      expect(sections).toEqual(['projects', 'findings', 'dependencies', 'inventory', 'compliance']);
    });
  });

  it('shows every row without JavaScript, and hides the filters it needs', async () => {
    const opened = await open(richReport(), 'no-js', false);
    expect(await visibleRows(opened.page)).toBe(RICH.total);
    expect(await run<boolean>(opened.page, `document.getElementById('filters').checkVisibility()`)).toBe(
      false,
    );
    await opened.page.close();
  });

  describe('a report whose every string is an injection payload', () => {
    const report = payloadReport();
    let opened: Opened;
    let page: Page;

    beforeAll(async () => {
      opened = await open(report, 'payloads');
      page = opened.page;
      // Time for anything a payload scheduled (autofocus, timers, a meta refresh) to happen.
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    afterAll(() => page.close());

    it('runs none of them: nothing set, no dialog, no request, no CSP violation', async () => {
      expect(await run<string>(page, `typeof window.${PWNED}`)).toBe('undefined');
      expect(await run<string>(page, `typeof parent.${PWNED}`)).toBe('undefined');
      expect(page.url()).toBe(opened.url);
      await expectQuiet(opened);
    });

    it('has our one script, style and form, and no element a payload made', async () => {
      const counts = await run<Record<string, number>>(
        page,
        `Object.fromEntries(['script', 'style', 'form', 'img', 'iframe', 'base', 'template', 'noscript', 'math', 'object', 'embed', 'video', 'audio', 'link', 'meta']
          .map((t) => [t, document.getElementsByTagName(t).length]))`,
      );
      expect(counts).toEqual({
        script: 1,
        style: 1,
        form: 1,
        img: 0,
        iframe: 0,
        base: 0,
        template: 0,
        noscript: 0,
        math: 0,
        object: 0,
        embed: 0,
        video: 0,
        audio: 0,
        link: 1,
        meta: 5,
      });
      // Every svg is one of our chart bars.
      expect(await run<number>(page, `document.querySelectorAll('svg:not(.bar)').length`)).toBe(0);
      expect(await run<number>(page, `document.querySelectorAll('#findings-table tbody tr').length`)).toBe(
        report.findings.length,
      );
    });

    it('has no event-handler attribute, and no link but https ones', async () => {
      const handlers = await run<string[]>(
        page,
        `[...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + ' ' + a.name))`,
      );
      expect(handlers).toEqual([]);
      const links = await run<{ protocol: string; rel: string; username: string }[]>(
        page,
        `[...document.querySelectorAll('a')].map((a) => ({ protocol: a.protocol, rel: a.rel, username: a.username }))`,
      );
      expect(links.length).toBeGreaterThan(50);
      for (const link of links)
        expect(link).toEqual({ protocol: 'https:', rel: 'noopener noreferrer', username: '' });
      expect(
        await run<number>(page, `document.querySelectorAll('[href]:not(a):not(link[rel="icon"])').length`),
      ).toBe(0);
    });

    it('keeps them as text that the search finds', async () => {
      await page.type('#f-text', '<img src=x onerror="window.__pwned=1">');
      await page.waitForFunction(
        `!document.getElementById('shown').textContent.startsWith('${report.findings.length} ')`,
        WAIT,
      );
      expect(await visibleRows(page)).toBeGreaterThan(0);
      expect(await visibleRows(page)).toBeLessThan(report.findings.length);
      expect(await run<string>(page, `typeof window.${PWNED}`)).toBe('undefined');
    });
  });

  it(`filters a report of 6,000 findings (the first ${MAX_HTML_ROWS.toLocaleString('en-US')} shown) at once`, async () => {
    const report = largeReport(6000);
    const opened = await open(report, 'large');
    const { page } = opened;
    expect(await visibleRows(page)).toBe(MAX_HTML_ROWS);
    const started = Date.now();
    await page.select('#f-severity', 'critical');
    const rows = report.findings.slice(0, MAX_HTML_ROWS);
    expect(await visibleRows(page)).toBe(rows.filter((f) => f.severity === 'critical').length);
    await page.select('#f-state', 'new');
    expect(await visibleRows(page)).toBe(
      rows.filter((f) => f.severity === 'critical' && f.state === 'new').length,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    await expectQuiet(opened);
    await page.close();
  });
});
