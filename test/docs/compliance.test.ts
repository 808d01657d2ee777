// docs/compliance.md is generated from src/knowledge/compliance.ts (`npm run docs`), so it cannot
// drift from the data: the committed page is the renderer's output; every control it lists names
// the artefact that keeps its evidence, and every framework has a gap template to fill in; its
// control ids are exactly the data's; its relative links resolve; it claims evidence, never
// compliance; and Prettier leaves it as it is. The annex's own data is checked against the research
// notes as test/knowledge/compliance.test.ts checks the run's table. scripts/docs.mjs --check is run
// on a scratch copy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import * as prettier from 'prettier';
import {
  anchor,
  COMPLIANCE_ANNEX_PATH,
  complianceAnnexMarkdown,
  GAP_FILL_COLUMNS,
  GAP_HEADING,
  markdownTable,
  relativeFromDocs,
} from '../../src/knowledge/compliance-annex.js';
import {
  ANNEX_CONTROLS,
  ANNEX_FRAMEWORK_ORDER,
  ANNEX_FRAMEWORKS,
  annexFramework,
  type AnnexFrameworkKey,
  COMPLIANCE_CONTROLS,
  CONTROL_ARTIFACTS,
  EVIDENCE_ARTIFACTS,
  EVIDENCE_STAGES,
  FRAMEWORK_ANNEX,
  FRAMEWORKS,
} from '../../src/knowledge/compliance.js';
import { research, section as researchSection } from '../knowledge/research.js';
import { cells } from './markdown.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const page = complianceAnnexMarkdown();

// ---------------------------------------------------------------------------------------------
// Markdown

interface Block {
  heading: string;
  lines: string[];
}

/** The blocks under `prefix` headings ('## ' or '### '), each up to the next heading of that level or higher. */
function blocks(markdown: string, level: 2 | 3): Block[] {
  const out: Block[] = [];
  let current: Block | undefined;
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? undefined : /^(#{1,6}) (.*)$/.exec(line);
    if (heading && heading[1]!.length <= level) {
      current = heading[1]!.length === level ? { heading: heading[2]!, lines: [] } : undefined;
      if (current) out.push(current);
      continue;
    }
    current?.lines.push(line);
  }
  return out;
}

/** Every heading's anchor, as GitHub makes them (a repeated one gets -1, -2, …). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? undefined : /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = anchor(text);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** Links `[text](target)` outside code spans. */
const links = (markdown: string): string[] =>
  [...markdown.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

/** The body rows (as cells) of the first table in `lines`, with its header. */
function firstTable(lines: readonly string[]): { header: string[]; rows: string[][] } | undefined {
  const start = lines.findIndex((l) => l.startsWith('|'));
  if (start < 0) return undefined;
  const header = cells(lines[start]!);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return { header, rows };
}

/** The framework sections of the page, by key. */
function frameworkSections(markdown: string): Map<AnnexFrameworkKey, Block> {
  const byName = new Map(blocks(markdown, 2).map((b) => [b.heading, b]));
  const out = new Map<AnnexFrameworkKey, Block>();
  for (const key of ANNEX_FRAMEWORK_ORDER) {
    const block = byName.get(annexFramework(key).name);
    if (block) out.set(key, block);
  }
  return out;
}

/** The control blocks (### headings other than the gap template) of one framework section. */
function controlBlocks(section: Block): Block[] {
  return blocks(section.lines.join('\n'), 3).filter((b) => b.heading !== GAP_HEADING);
}

/** The sub-items of the "Kept in" item of a control block. */
function keptIn(block: Block): string[] {
  const start = block.lines.findIndex((l) => l.startsWith('- **Kept in**'));
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of block.lines.slice(start + 1)) {
    if (!line.startsWith('  - ')) break;
    items.push(line.slice(4));
  }
  return items;
}

/** Problems with a page's controls and gap templates (empty when it is complete). */
function completenessProblems(markdown: string): string[] {
  const problems: string[] = [];
  const shorts = new Set<string>(Object.values(EVIDENCE_ARTIFACTS).map((a) => a.short));
  const sections = frameworkSections(markdown);
  for (const key of ANNEX_FRAMEWORK_ORDER) {
    const name = annexFramework(key).name;
    const section = sections.get(key);
    if (!section) {
      problems.push(`${name}: no section`);
      continue;
    }
    for (const control of controlBlocks(section)) {
      const kept = keptIn(control);
      if (kept.length === 0) problems.push(`${name} ${control.heading}: names no artifact`);
      for (const item of kept)
        if (!shorts.has(item)) problems.push(`${name} ${control.heading}: "${item}" is no known artifact`);
    }
    const gaps = blocks(section.lines.join('\n'), 3).find((b) => b.heading === GAP_HEADING);
    const table = gaps && firstTable(gaps.lines);
    if (!table) {
      problems.push(`${name}: no gap template`);
      continue;
    }
    const fill = GAP_FILL_COLUMNS.map((c) => table.header.indexOf(c));
    if (fill.some((i) => i < 0))
      problems.push(`${name}: the gap template lacks ${GAP_FILL_COLUMNS.join(', ')}`);
    if (table.rows.length === 0) problems.push(`${name}: the gap template has no row`);
    for (const row of table.rows) {
      const given = row.filter((_, i) => !fill.includes(i));
      if (given.some((c) => c === ''))
        problems.push(`${name}: a gap row has an empty cell: ${row.join(' | ')}`);
      if (fill.some((i) => (row[i] ?? '') !== ''))
        problems.push(`${name}: a gap row's ${GAP_FILL_COLUMNS.join('/')} is not empty`);
    }
  }
  return problems;
}

/** Relative links of `markdown` (a file at `file`) whose file or heading does not exist. */
function brokenLinks(markdown: string, file: string): string[] {
  const own = anchors(markdown);
  return links(markdown)
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target))
    .filter((target) => {
      const [relative = '', fragment] = target.split('#');
      if (relative === '') return fragment === undefined || !own.has(fragment);
      const resolved = path.join(ROOT, path.dirname(file), relative);
      if (!resolved.startsWith(ROOT) || !existsSync(resolved)) return true;
      if (fragment === undefined || !resolved.endsWith('.md')) return false;
      return !anchors(readFileSync(resolved, 'utf8')).has(fragment);
    });
}

// ---------------------------------------------------------------------------------------------
// The committed page

describe('docs/compliance.md', () => {
  it('is what complianceAnnexMarkdown() renders (else: run npm run docs)', () => {
    const committed = existsSync(path.join(ROOT, COMPLIANCE_ANNEX_PATH)) ? read(COMPLIANCE_ANNEX_PATH) : '';
    if (committed !== page) {
      const lines = committed.split('\n');
      const first = page.split('\n').findIndex((l, i) => l !== lines[i]);
      throw new Error(
        `${COMPLIANCE_ANNEX_PATH} is stale (first difference at line ${first + 1}): run npm run docs and commit the page.`,
      );
    }
  });

  it('says how it is generated, and that it is not to be edited', () => {
    const comment = page.slice(0, page.indexOf('-->'));
    expect(page.startsWith('<!--')).toBe(true);
    expect(comment).toContain('npm run docs');
    expect(comment).toContain('Do not edit');
  });

  it('is as Prettier writes it, so npm run lint passes', async () => {
    const options = (await prettier.resolveConfig(path.join(ROOT, COMPLIANCE_ANNEX_PATH))) ?? {};
    expect(await prettier.format(page, { ...options, parser: 'markdown' })).toBe(page);
  });
});

describe('every control names its artifact, every framework has a gap template', () => {
  it('on the page', () => {
    expect(completenessProblems(page)).toEqual([]);
  });

  it('in the data: each control has stages and at least one artifact', () => {
    for (const c of CONTROL_ARTIFACTS) {
      expect({ id: `${c.framework} ${c.control}`, artifacts: c.artifacts.length > 0 }).toEqual({
        id: `${c.framework} ${c.control}`,
        artifacts: true,
      });
      expect(c.stages.length).toBeGreaterThan(0);
      expect(c.checks.trim()).not.toBe('');
    }
    for (const key of ANNEX_FRAMEWORK_ORDER) expect(FRAMEWORK_ANNEX[key].gaps.length).toBeGreaterThan(0);
  });

  it('catches a control without an artifact and a gap template without rows or columns', () => {
    const noArtifact = page.replace(/(- \*\*Kept in\*\*[^\n]*\n)( {2}- [^\n]*\n)+/, '$1');
    expect(completenessProblems(noArtifact)).toEqual([expect.stringMatching(/: names no artifact$/)]);
    const unknown = page.replace(/(- \*\*Kept in\*\*[^\n]*\n {2}- )[^\n]*/, '$1report.pdf in a drawer');
    expect(completenessProblems(unknown)).toEqual([expect.stringMatching(/is no known artifact$/)]);
    const filled = page.replace(
      /\|(\s+)\|(\s+)\|(\s+)\|\n/,
      (_m, a: string) => `| Alice${a.slice(6)}|$2|$3|\n`,
    );
    expect(completenessProblems(filled)).toEqual([expect.stringMatching(/is not empty$/)]);
    const noGaps = page.replace(`### ${GAP_HEADING}`, '### Other');
    expect(completenessProblems(noGaps)).toContainEqual(expect.stringMatching(/: no gap template$/));
  });
});

describe('control ids: the page and the data agree', () => {
  const sections = frameworkSections(page);
  const data = [...COMPLIANCE_CONTROLS, ...ANNEX_CONTROLS];

  it('every framework of the data has a section, in order', () => {
    expect([...sections.keys()]).toEqual([...ANNEX_FRAMEWORK_ORDER]);
    expect(new Set(ANNEX_FRAMEWORK_ORDER)).toEqual(
      new Set([...Object.keys(FRAMEWORKS), ...Object.keys(ANNEX_FRAMEWORKS)]),
    );
  });

  it('the controls of each section are the data’s, in table order', () => {
    for (const key of ANNEX_FRAMEWORK_ORDER) {
      const onPage = controlBlocks(sections.get(key)!).map((b) => b.heading);
      expect({ key, controls: onPage }).toEqual({
        key,
        controls: data.filter((c) => c.framework === key).map((c) => c.control),
      });
    }
  });

  it('each control shows its title, its condition, and whether the report lists it', () => {
    for (const c of data) {
      const block = controlBlocks(sections.get(c.framework)!).find((b) => b.heading === c.control)!;
      const text = block.lines.join('\n');
      expect(text).toContain(`_${c.title}_`);
      expect(text).toContain(c.appliesWhen);
      expect(text).toContain(c.ciEvidence);
      const listed = COMPLIANCE_CONTROLS.includes(c as (typeof COMPLIANCE_CONTROLS)[number]);
      expect(text.includes("the run's report then lists it")).toBe(listed);
    }
  });

  it('CONTROL_ARTIFACTS has exactly one entry per control', () => {
    const ids = (list: readonly { framework: string; control: string }[]) =>
      list.map((c) => `${c.framework} ${c.control}`);
    expect(ids(CONTROL_ARTIFACTS)).toEqual(ids(data));
  });

  it('the gap rows are the data’s', () => {
    for (const key of ANNEX_FRAMEWORK_ORDER) {
      const gaps = blocks(sections.get(key)!.lines.join('\n'), 3).find((b) => b.heading === GAP_HEADING)!;
      expect(firstTable(gaps.lines)?.rows.map((r) => r[0])).toEqual(
        FRAMEWORK_ANNEX[key].gaps.map((g) => g.control),
      );
    }
  });
});

describe('links', () => {
  it('every relative link of the page resolves to a file (and heading) of the repository', () => {
    expect(links(page).filter((l) => !/^https?:/.test(l)).length).toBeGreaterThan(10);
    expect(brokenLinks(page, COMPLIANCE_ANNEX_PATH)).toEqual([]);
  });

  it('catches a missing file and a missing heading', () => {
    expect(
      brokenLinks('[a](nowhere.md) [b](sast.md#no-such-heading) [c](#nope) [d](sast.md)', 'docs/x.md'),
    ).toEqual(['nowhere.md', 'sast.md#no-such-heading', '#nope']);
  });

  it('external links are https', () => {
    for (const l of links(page).filter((l) => /^[a-z]+:/i.test(l)))
      expect(new URL(l).protocol).toBe('https:');
  });
});

describe('claims are as strong as the data', () => {
  it('evidence for, never compliant with', () => {
    expect(page).not.toMatch(/\bcompliant\b/i);
    expect(page).not.toMatch(/\b(?:meets|satisfies|fulfils|fulfills)\b/i);
    expect(page.match(/complies with/gi)).toEqual(['complies with']);
    expect(page).toContain('it does not say that a project using Paved Path complies with anything');
  });

  it('SLSA: no level is claimed', () => {
    expect(ANNEX_CONTROLS.filter((c) => c.framework === 'slsa')).toEqual([]);
    expect(FRAMEWORK_ANNEX.slsa.scope).toContain('evidence for no SLSA level');
  });
});

// ---------------------------------------------------------------------------------------------
// The annex's data against the research notes

const plain = (s: string): string => s.replace(/\*\*/g, '').replace(/\s+/g, ' ').toLowerCase();

describe('the annex data follows research §5', () => {
  const text = plain(researchSection(5));

  it('the badge criteria: id, text, level and CI evidence are the research’s', () => {
    for (const c of ANNEX_CONTROLS) {
      expect(text).toContain(plain(`| ${c.control} |`));
      expect(text).toContain(plain(c.title));
      expect(text).toContain(plain(c.ciEvidence));
      if (c.level) expect(text).toContain(plain(c.level));
      expect(research).toContain(c.source);
    }
  });

  it('every gap row names ids the research has', () => {
    for (const key of ANNEX_FRAMEWORK_ORDER) {
      for (const gap of FRAMEWORK_ANNEX[key].gaps) {
        for (const part of gap.control.split(' / ')) {
          if (text.includes(plain(part))) continue;
          const listed = /^(.*?) \((.+)\)$/.exec(part);
          expect({ part, known: listed !== null }).toEqual({ part, known: true });
          for (const id of [listed![1]!, ...listed![2]!.split(', ')]) expect(text).toContain(plain(id));
        }
      }
    }
  });

  it('every source the annex cites is one the research cites', () => {
    for (const key of ANNEX_FRAMEWORK_ORDER) {
      expect(research).toContain(annexFramework(key).source);
      for (const s of FRAMEWORK_ANNEX[key].sources) expect(research).toContain(s.url);
    }
  });

  it('stages and artifacts point at files of the repository', () => {
    for (const target of [
      ...Object.values(EVIDENCE_STAGES).map((s) => s.docs),
      ...Object.values(EVIDENCE_ARTIFACTS).map((a) => a.docs),
    ])
      expect(existsSync(path.join(ROOT, target.split('#')[0]!))).toBe(true);
  });
});

describe('what the annex says about the code is still true', () => {
  it('RA-5(3): the summary does not pass the languages yet (else drop the limit in CONTROL_ARTIFACTS)', () => {
    const limit = CONTROL_ARTIFACTS.find((c) => c.control === 'RA-5(3)')?.limits ?? '';
    const summary = read('src/actions/summary/main.ts');
    const call = summary.slice(summary.indexOf('complianceEvidence({'));
    const facts = call.slice(0, call.indexOf('}),'));
    expect(facts).toContain('sast:');
    expect({
      passesLanguages: /languages/.test(facts),
      limitSaysNot: limit.includes('does not pass the languages'),
    }).toEqual({
      passesLanguages: false,
      limitSaysNot: true,
    });
  });

  it('the workflows keep what the artifacts table says', () => {
    const main = read('.github/workflows/main-security.yml');
    expect(main).toContain('name: pavedpath-results');
    expect(main).toContain('retention-days: ${{ inputs.retention-days }}');
    expect(main).toContain('pavedpath-results/sast.sarif');
    expect(main).toContain('pavedpath-results/dependencies.sarif');
    expect(main).toContain('category: pavedpath-sast');
    expect(main).toContain('category: pavedpath-dependencies');
    expect(main).toContain('uses: actions/attest-sbom@');
    expect(main).toContain("'sbom.spdx.json' || 'sbom.cdx.json'");
    expect(read('.github/workflows/pr-security.yml')).toContain('default: pavedpath-report');
    expect(read('.github/workflows/monorepo-security.yml')).toContain('retention-days: 1');
    expect(read('workflows/paved-path-full.yml')).toMatch(/schedule:\n\s+- cron: '[^']+' # weekly/);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers of the renderer

describe('markdownTable and relativeFromDocs', () => {
  it('aligns columns and escapes pipes', () => {
    expect(markdownTable(['a', 'long header'], [['x|y', ''], ['z']])).toBe(
      [
        '| a    | long header |',
        '| ---- | ----------- |',
        '| x\\|y |             |',
        '| z    |             |',
      ].join('\n'),
    );
  });

  it('links from docs/', () => {
    expect(relativeFromDocs('docs/sast.md')).toBe('sast.md');
    expect(relativeFromDocs('schema/report.schema.json')).toBe('../schema/report.schema.json');
  });
});

// ---------------------------------------------------------------------------------------------
// scripts/docs.mjs

describe('scripts/docs.mjs', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'pavedpath-docs-'));
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });
  const docs = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'scripts/docs.mjs'), '--root', scratch, ...args], {
      encoding: 'utf8',
    });
  const target = path.join(scratch, COMPLIANCE_ANNEX_PATH);

  it('--check names a missing or stale page and exits 1; a run writes it; --check then passes', () => {
    const missing = docs('--check');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('docs/compliance.md: missing; run npm run docs');
    expect(existsSync(target)).toBe(false);

    const written = docs();
    expect(written.status).toBe(0);
    expect(written.stdout).toContain('docs/compliance.md: written');
    expect(readFileSync(target, 'utf8')).toBe(page);

    expect(docs('--check').status).toBe(0);

    writeFileSync(target, page.replace('# Compliance annex', '# Compliance annex (edited)'));
    const stale = docs('--check');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('docs/compliance.md: stale; run npm run docs');
    expect(stale.stderr).toContain('1 generated page(s) out of date: docs/compliance.md');
  });

  it('refuses an unknown argument', () => {
    const result = docs('--chek');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown argument '--chek'");
  });
});
