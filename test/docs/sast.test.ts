// docs/sast.md and the README's SAST section cannot drift from what they describe: every ```yaml
// block of the page is one of the files in docs/examples/sast (which the workflow lint checks), the
// inputs those files and the README's example give our actions exist, the summary reads the SARIF
// the SAST action writes, only full scans reach code scanning and only the upload job may write
// security events, the README's input and output tables list exactly what actions/sast/action.yml
// declares (with its defaults), and the versions, allowed ranges, mirror file names, `engines: auto`
// choices, rule count and `engines` output the docs give are the code's. Each check is a small pure
// function, shown to fail below; those shared with the other docs tests are in ./markdown.ts,
// ./workflow-docs.ts and ./shared-tests.ts.
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { LANGUAGES, type DetectedLanguage, type Language } from '../../src/detect/languages.js';
import { ENGINES, chooseEngines, languageTitle, pinnedVersion } from '../../src/sast/engines.js';
import { STARTER_RULES } from '../../src/sast/rules/starter-pack.js';
import { ENGINE_NAMES, type EngineName, type EngineReport } from '../../src/sast/types.js';
import { TOOLS } from '../../src/tools/catalogue.js';
import { codeSpans, fencedBlocks, onlyYamlBlock, section, tableRows } from './markdown.js';
import {
  itGivesKnownInputs,
  itIsLinted,
  itListsActionYml,
  itReadsTables,
  itShowsExamplesVerbatim,
} from './shared-tests.js';
import {
  actionMetadata,
  examplePage,
  inputsOf,
  ourAction,
  ourActions,
  readRepo,
  sorted,
  steps,
  unknownInputs,
  type Job,
  type Workflow,
} from './workflow-docs.js';

const DOC = 'docs/sast.md';
const EXAMPLES = 'docs/examples/sast';
const UPLOAD_SARIF = 'github/codeql-action/upload-sarif@';
const README_HEADING = 'SAST';

// ---------------------------------------------------------------------------------------------
// Markdown

/** Whitespace (line breaks included) as single spaces, so a phrase wrapped over two lines is found. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

// ---------------------------------------------------------------------------------------------
// Workflows and actions

/**
 * Jobs whose summary does not read the SAST action's SARIF: it runs before the SAST step; it is
 * given other files (or the SAST step writes elsewhere) without `${{ steps.<id>.outputs.sarif }}`;
 * or its `if:` does not run it whenever a SARIF was written (`!cancelled()` and that output).
 * Jobs without both steps pass.
 */
function summaryMissesSast(workflow: Workflow): string[] {
  return Object.entries(workflow.jobs ?? {}).flatMap(([id, job]) => {
    const list = job.steps ?? [];
    const sastIndex = list.findIndex((s) => ourAction(s) === 'sast');
    const summaryIndex = list.findIndex((s) => ourAction(s) === 'summary');
    const sast = list[sastIndex];
    const summary = list[summaryIndex];
    if (!sast || !summary) return [];
    const output = `\${{ steps.${sast.id ?? ''}.outputs.sarif }}`;
    const sarif = summary.with?.sarif;
    const reads =
      sarif === undefined ? sast.with?.output === undefined : typeof sarif === 'string' && sarif === output;
    const guard = (summary.if ?? '').replace(/\s+/g, ' ');
    const guarded =
      sast.id !== undefined &&
      guard.includes('!cancelled()') &&
      guard.includes(`steps.${sast.id}.outputs.sarif != ''`);
    return summaryIndex < sastIndex || !reads || !guarded ? [id] : [];
  });
}

const isFalse = (value: unknown) => value === false || value === 'false';
const onPushOnly = (condition: string | undefined) =>
  /github\.event_name\s*==\s*'push'/.test(condition ?? '');

/**
 * What is wrong with a workflow's code scanning upload: a job that uploads without
 * `security-events: write`, or holds it without uploading (the scan job must not); the grant at
 * the top level; an upload of a changed-files-only scan (any SAST step that does not set
 * `changed-files-only: false`) that is not limited to pushes; a SAST step without `category`.
 */
function uploadProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const jobs = Object.entries(workflow.jobs ?? {});
  const uploads = (job: Job) => (job.steps ?? []).filter((s) => s.uses?.startsWith(UPLOAD_SARIF));
  if (!jobs.some(([, job]) => uploads(job).length > 0)) return [];
  if (workflow.permissions?.['security-events'] === 'write')
    problems.push('the workflow grants security-events: write to every job');
  const sastSteps = steps(workflow).filter((s) => ourAction(s) === 'sast');
  const partial = sastSteps.some((s) => !isFalse(s.with?.['changed-files-only']));
  for (const step of sastSteps) {
    if (typeof step.with?.category !== 'string' || step.with.category.trim() === '')
      problems.push(`the SAST step ${step.id ?? ''} uploads without a category`);
  }
  for (const [id, job] of jobs) {
    const writes = job.permissions?.['security-events'] === 'write';
    const own = uploads(job);
    if (own.length > 0 && !writes) problems.push(`${id}: uploads without security-events: write`);
    if (own.length === 0 && writes) problems.push(`${id}: has security-events: write and uploads nothing`);
    if (partial && own.some((s) => !onPushOnly(job.if) && !onPushOnly(s.if)))
      problems.push(`${id}: uploads a changed-files-only scan on pull requests`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Facts of the code the docs state

/** Each package an engine installs at a pinned version: [name, version]. */
function pinnedPackages(engine: EngineName): [string, string][] {
  const install = ENGINES[engine].install;
  if (install.kind === 'npm') return Object.entries(install.packages);
  if (install.kind === 'python') return [[install.package, install.version]];
  return [[install.tool, TOOLS[install.tool].version]];
}

/** The range within which an engine is used from PATH (for eslint-security: `versions` overrides). */
function allowedRange(engine: EngineName): string {
  const install = ENGINES[engine].install;
  return install.kind === 'binary' ? TOOLS[install.tool].allowed : install.allowed;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Versions the text gives a package that are not the pinned one: `bandit 1.9.3`,
 * `eslint@9.0.0`, `semgrep==1.0.0`, `gosec_2.27.0_…` (case-insensitive, across line breaks).
 */
function wrongVersions(text: string, packages: readonly [string, string][]): string[] {
  const problems: string[] = [];
  for (const [name, version] of packages) {
    const pattern = new RegExp(`(?<![\\w@/-])${escapeRegExp(name)}(?: |@|==|_)v?(\\d+\\.\\d+\\.\\d+)`, 'gi');
    for (const match of flat(text).matchAll(pattern)) {
      if (match[1] !== version) problems.push(`${match[0]}: the pinned version is ${version}`);
    }
  }
  return problems;
}

/** `name version` phrases the text does not state (case-insensitive, across line breaks). */
function unstatedVersions(text: string, packages: readonly [string, string][]): string[] {
  const haystack = flat(text).toLowerCase();
  return packages
    .map(([name, version]) => `${name} ${version}`)
    .filter((phrase) => !haystack.includes(phrase.toLowerCase()));
}

/**
 * Rows of the engine table that do not match the code: an engine missing or extra, a pinned
 * version not shown as `code` (`1.9.4`; for npm engines each `name@version`), or an allowed range
 * not shown as `code`.
 */
function engineTableProblems(rows: string[][]): string[] {
  const problems: string[] = [];
  const listed = rows.flatMap((row) => codeSpans(row[0]));
  if (sorted(listed).join() !== sorted(ENGINE_NAMES).join())
    problems.push(`the table lists ${listed.join(', ')}, the code has ${ENGINE_NAMES.join(', ')}`);
  const header = ['engine', 'languages', 'installed', 'pinned version', 'on PATH'];
  for (const row of rows) {
    const engine = codeSpans(row[0])[0] as EngineName | undefined;
    if (!engine || !(ENGINE_NAMES as readonly string[]).includes(engine)) continue;
    const pinned = codeSpans(row[header.indexOf('pinned version')]);
    const expected =
      ENGINES[engine].install.kind === 'npm'
        ? pinnedPackages(engine).map(([n, v]) => `${n}@${v}`)
        : [pinnedVersion(engine)];
    for (const version of expected) {
      if (!pinned.includes(version)) problems.push(`${engine}: the pinned version ${version} is not shown`);
    }
    const range = allowedRange(engine);
    if (!codeSpans(row[header.indexOf('on PATH')]).includes(range))
      problems.push(`${engine}: the allowed range ${range} is not shown`);
  }
  return problems;
}

const LANGUAGE_BY_TITLE = new Map<string, Language>(LANGUAGES.map((l) => [languageTitle(l), l]));

/** Rows of the `engines: auto` table (languages found → engines) that chooseEngines contradicts. */
function autoTableProblems(rows: string[][]): string[] {
  return rows.flatMap((row) => {
    const titles = (row[0] ?? '').split(',').map((t) => t.trim());
    const languages: DetectedLanguage[] = [];
    for (const title of titles) {
      const language = LANGUAGE_BY_TITLE.get(title);
      if (!language) return [`${row[0] ?? ''}: '${title}' is not a language the detection knows`];
      languages.push({ language, files: 1, projects: [''] });
    }
    // "none" for no engine; a parenthesised remark after the engines is prose.
    const cell = (row[1] ?? '').replace(/\(.*\)/, '').trim();
    const stated = cell === 'none' ? [] : cell.split(',').map((e) => e.trim());
    const chosen = chooseEngines(languages).map((c) => c.engine);
    return stated.join(', ') === chosen.join(', ')
      ? []
      : [`${row[0] ?? ''}: the table says ${stated.join(', ')}, auto chooses ${chosen.join(', ')}`];
  });
}

/** Release file names of the binary engines that the text does not name. */
function unnamedMirrorFiles(text: string): string[] {
  const files = (['opengrep', 'gosec'] as const).flatMap((tool) =>
    Object.values(TOOLS[tool].assets).map((asset) => asset.file),
  );
  return files.filter((file) => !text.includes(`\`${file}\``));
}

const REPORT_KEYS = [
  'name',
  'status',
  'version',
  'source',
  'durationMs',
  'findings',
  'reason',
] as const satisfies readonly (keyof EngineReport)[];
// Every key of EngineReport is listed: a new field fails to compile here until the docs show it.
const everyReportKey: Exclude<keyof EngineReport, (typeof REPORT_KEYS)[number]> extends never ? true : false =
  true;
const REQUIRED_KEYS = ['name', 'status', 'version', 'durationMs', 'findings'];
const STATUSES = ['ok', 'failed', 'skipped'];
const SOURCES = ['path', 'cache', 'download', 'install'];

/** What in an example of the `engines` output the action would not write. */
function engineReportProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return ['not an array'];
  return value.flatMap((item: unknown, i) => {
    if (typeof item !== 'object' || item === null) return [`[${String(i)}] is not an object`];
    const entry = item as Record<string, unknown>;
    const problems: string[] = [];
    for (const key of Object.keys(entry)) {
      if (!(REPORT_KEYS as readonly string[]).includes(key))
        problems.push(`[${String(i)}].${key} is no field`);
    }
    for (const key of REQUIRED_KEYS) {
      if (!(key in entry)) problems.push(`[${String(i)}] has no ${key}`);
    }
    if (!(ENGINE_NAMES as readonly unknown[]).includes(entry.name))
      problems.push(`[${String(i)}].name is no engine`);
    if (!STATUSES.includes(String(entry.status))) problems.push(`[${String(i)}].status is not a status`);
    if ('source' in entry && !SOURCES.includes(String(entry.source)))
      problems.push(`[${String(i)}].source is not a source`);
    if (entry.status !== 'ok' && entry.findings !== 0)
      problems.push(`[${String(i)}] has findings without having run`);
    return problems;
  });
}

// ---------------------------------------------------------------------------------------------

const page = examplePage(DOC, EXAMPLES);
const { markdown: doc, workflows } = page;
const readme = readRepo('README.md');
const readmeSection = section(readme, README_HEADING);
const sastInputs = (w: Workflow) => inputsOf(w, 'sast');
const engineLabel = (engine: EngineName): [string, string] => [
  engine === 'eslint-security' ? 'eslint' : engine,
  pinnedVersion(engine),
];

describe(DOC, () => {
  itShowsExamplesVerbatim(page, ['air-gapped.yml', 'sast.yml']);
  itGivesKnownInputs(page);

  it("lets the summary read the SAST action's SARIF, after it, whenever it was written", () => {
    for (const workflow of Object.values(workflows)) {
      expect(ourActions(workflow)).toEqual(['sast', 'summary']);
      expect(summaryMissesSast(workflow)).toEqual([]);
    }
  });

  it('uploads only full scans, from the only job that may write security events', () => {
    const main = workflows['sast.yml'] ?? {};
    expect(steps(main).filter((s) => s.uses?.startsWith(UPLOAD_SARIF))).toHaveLength(1);
    expect(uploadProblems(main)).toEqual([]);
    expect(sastInputs(main)).toEqual({ category: 'pavedpath-sast' });
    expect(uploadProblems(workflows['air-gapped.yml'] ?? {})).toEqual([]);
  });

  it('the air-gapped workflow takes every engine from inside the network', () => {
    const workflow = workflows['air-gapped.yml'] ?? {};
    expect(Object.keys(sastInputs(workflow))).toEqual(['tools-mirror']);
    const env = (workflow.jobs?.sast as { env?: Record<string, string> } | undefined)?.env ?? {};
    expect(Object.keys(env).sort()).toEqual(['GOPROXY', 'PIP_INDEX_URL', 'npm_config_registry']);
    expect(doc).toContain('`PIP_INDEX_URL`');
    expect(doc).toContain('`npm_config_registry`');
    expect(unnamedMirrorFiles(doc)).toEqual([]);
  });

  it('runs on pull requests and pushes to main, nothing granted by default, without persisted credentials', () => {
    for (const workflow of Object.values(workflows)) {
      expect(Object.keys(workflow.on ?? {}).sort()).toEqual(['pull_request', 'push']);
      expect(workflow.permissions).toEqual({});
      for (const step of steps(workflow).filter((s) => s.uses?.startsWith('actions/checkout@')))
        expect(step.with).toMatchObject({ 'persist-credentials': false });
    }
  });

  itIsLinted(page);

  it("gives each engine's pinned version and allowed range as the code does", () => {
    expect(engineTableProblems(tableRows(doc, 'engine'))).toEqual([]);
    const packages = ENGINE_NAMES.flatMap(pinnedPackages);
    expect(unstatedVersions(doc, packages)).toEqual([]);
    expect(wrongVersions(doc, packages)).toEqual([]);
  });

  it('says what engines: auto chooses as chooseEngines does', () => {
    const rows = tableRows(doc, 'languages found');
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(autoTableProblems(rows)).toEqual([]);
  });

  it('shows an engines output the action could write, and the starter pack as it is', () => {
    const json = fencedBlocks(section(doc, 'The `engines` output')).filter((b) => b.lang === 'json');
    expect(json).toHaveLength(1);
    expect(engineReportProblems(JSON.parse(json[0]?.content ?? 'null'))).toEqual([]);
    expect(everyReportKey).toBe(true);
    expect(flat(doc)).toContain(`${String(STARTER_RULES.length)} rules`);
  });
});

describe('README.md, SAST section', () => {
  itListsActionYml('sast', readmeSection);

  it('has one example, whose inputs exist, and whose summary reads the SARIF by default', () => {
    const block = onlyYamlBlock(readmeSection);
    const example = parse(block.content) as Workflow;
    expect(ourActions(example)).toEqual(['sast', 'summary']);
    expect(unknownInputs(example, actionMetadata)).toEqual([]);
    expect(summaryMissesSast(example)).toEqual([]);
    expect(steps(example).find((s) => ourAction(s) === 'summary')?.with).toBeUndefined();
    expect(block.content).toContain(
      'uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0',
    );
  });

  it("gives the engines' pinned versions and allowed ranges as the code does", () => {
    expect(unstatedVersions(readmeSection, ENGINE_NAMES.map(engineLabel))).toEqual([]);
    expect(wrongVersions(readmeSection, ENGINE_NAMES.flatMap(pinnedPackages))).toEqual([]);
    for (const engine of ['opengrep', 'gosec', 'bandit', 'semgrep'] as const)
      expect(readmeSection).toContain(`\`${allowedRange(engine)}\``);
  });

  it('the status table no longer says SAST is not started, and the status note mentions it', () => {
    const row = tableRows(readme, 'piece').find((r) => r[0] === 'SAST');
    expect(row?.[2]).toMatch(/^\*\*preview\*\*/);
    expect(row?.[2]).toContain(`${String(STARTER_RULES.length)} starter rules`);
    const note = readme.slice(readme.indexOf('> **Status: preview.**'), readme.indexOf('## Status'));
    expect(note).toContain('SAST action');
  });
});

describe('the checks can fail', () => {
  it('reports a summary that misses the SARIF: before the scan, pointed elsewhere, or unguarded', () => {
    const workflow = parse(`jobs:
  early:
    steps:
      - { id: summary, if: "\${{ !cancelled() && steps.sast.outputs.sarif != '' }}", uses: pavedpath/pavedpath/actions/summary@v1 }
      - { id: sast, uses: pavedpath/pavedpath/actions/sast@v1 }
  elsewhere:
    steps:
      - { id: sast, uses: pavedpath/pavedpath/actions/sast@v1, with: { output: out/sast.sarif } }
      - { id: summary, if: "\${{ !cancelled() && steps.sast.outputs.sarif != '' }}", uses: pavedpath/pavedpath/actions/summary@v1 }
  unguarded:
    steps:
      - { id: sast, uses: pavedpath/pavedpath/actions/sast@v1 }
      - { id: summary, uses: pavedpath/pavedpath/actions/summary@v1 }
  fine:
    steps:
      - { id: sast, uses: pavedpath/pavedpath/actions/sast@v1, with: { output: out/sast.sarif, engines: bandit } }
      - id: summary
        if: "\${{ !cancelled() && steps.sast.outputs.sarif != '' }}"
        uses: pavedpath/pavedpath/actions/summary@v1
        with: { sarif: "\${{ steps.sast.outputs.sarif }}" }
`) as Workflow;
    expect(summaryMissesSast(workflow)).toEqual(['early', 'elsewhere', 'unguarded']);
    expect(unknownInputs(workflow, actionMetadata)).toEqual([]);
    const typo = parse(
      'jobs:\n  a:\n    steps:\n      - uses: pavedpath/pavedpath/actions/sast@v1\n        with: { engine: bandit }\n',
    ) as Workflow;
    expect(unknownInputs(typo, actionMetadata)).toEqual([
      'pavedpath/pavedpath/actions/sast@v1: no input "engine"',
    ]);
  });

  it('reports an upload of a partial scan, a misplaced grant, and a missing category', () => {
    const upload = `${UPLOAD_SARIF}5d4e8d1aca955e8d8589aabd499c5cae939e33c7`;
    const workflow = parse(`permissions: { security-events: write }
jobs:
  scan:
    permissions: { contents: read, security-events: write }
    steps:
      - { id: sast, uses: pavedpath/pavedpath/actions/sast@v1 }
  upload:
    permissions: { contents: read }
    steps:
      - { id: upload, uses: ${upload} }
`) as Workflow;
    expect(uploadProblems(workflow)).toEqual([
      'the workflow grants security-events: write to every job',
      'the SAST step sast uploads without a category',
      'scan: has security-events: write and uploads nothing',
      'upload: uploads without security-events: write',
      'upload: uploads a changed-files-only scan on pull requests',
    ]);
    const full = parse(`jobs:
  scan:
    steps:
      - { id: sast, uses: pavedpath/pavedpath/actions/sast@v1, with: { category: x, changed-files-only: false } }
  upload:
    permissions: { security-events: write }
    steps:
      - { id: upload, uses: ${upload} }
`) as Workflow;
    expect(uploadProblems(full)).toEqual([]);
  });

  itReadsTables();

  it('notices a version that is not pinned, or not stated, across line breaks', () => {
    const packages: [string, string][] = [
      ['bandit', '1.9.4'],
      ['eslint', '9.39.5'],
    ];
    const text = 'Bandit\n1.9.3 and `eslint@9.39.5`, eslint-plugin-security 4.0.0, bandit==1.9.4';
    expect(wrongVersions(text, packages)).toEqual(['Bandit 1.9.3: the pinned version is 1.9.4']);
    expect(unstatedVersions(text, packages)).toEqual(['bandit 1.9.4', 'eslint 9.39.5']);
    expect(unstatedVersions('ESLint\n9.39.5, bandit 1.9.4', packages)).toEqual([]);
  });

  it('notices an engine table row with the wrong version or range, and a missing engine', () => {
    const row = (engine: string, pinned: string, range: string) => [
      `\`${engine}\``,
      'x',
      'x',
      pinned,
      range,
      'x',
      'x',
    ];
    const rows = [
      row('opengrep', '`1.28.0`', `\`${TOOLS.opengrep.allowed}\``),
      row('gosec', `\`${TOOLS.gosec.version}\``, '`>=2.0.0 <3.0.0`'),
      row('eslint-security', '`eslint@9.39.5`', '`>=9.0.0 <10.0.0`'),
    ];
    expect(engineTableProblems(rows)).toEqual([
      'the table lists opengrep, gosec, eslint-security, the code has opengrep, semgrep, gosec, bandit, eslint-security',
      `opengrep: the pinned version ${TOOLS.opengrep.version} is not shown`,
      `gosec: the allowed range ${TOOLS.gosec.allowed} is not shown`,
      ...pinnedPackages('eslint-security')
        .slice(1)
        .map(([n, v]) => `eslint-security: the pinned version ${n}@${v} is not shown`),
    ]);
  });

  it('notices an auto table row that chooseEngines contradicts, or a language it does not know', () => {
    expect(
      autoTableProblems([
        ['Go, Python', 'gosec, bandit'],
        ['Cobol', 'opengrep'],
        ['TypeScript', 'eslint-security'],
      ]),
    ).toEqual([
      'Go, Python: the table says gosec, bandit, auto chooses opengrep, gosec, bandit',
      "Cobol: 'Cobol' is not a language the detection knows",
    ]);
  });

  it('notices a mirror file name left out', () => {
    const all = (['opengrep', 'gosec'] as const).flatMap((t) =>
      Object.values(TOOLS[t].assets).map((a) => `\`${a.file}\``),
    );
    expect(unnamedMirrorFiles(all.join(' '))).toEqual([]);
    expect(unnamedMirrorFiles(all.slice(1).join(' '))).toEqual([TOOLS.opengrep.assets['linux-x64']?.file]);
  });

  it('notices an engines output the action would not write', () => {
    expect(engineReportProblems({})).toEqual(['not an array']);
    expect(
      engineReportProblems([
        { name: 'codeql', status: 'done', version: '1', durationMs: 1, findings: 2, source: 'apt', why: 'x' },
        { name: 'bandit', status: 'ok', version: '1.9.4', durationMs: 1 },
      ]),
    ).toEqual([
      '[0].why is no field',
      '[0].name is no engine',
      '[0].status is not a status',
      '[0].source is not a source',
      '[0] has findings without having run',
      '[1] has no findings',
    ]);
  });
});
