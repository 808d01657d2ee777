// docs/sbom.md and the README's SBOM section cannot drift from what they describe: every ```yaml
// block of the page is one of the files in docs/examples/sbom (which the workflow lint checks), the
// inputs those files and the README's example give our actions exist, the summary is pointed at the
// folder the SBOM action writes to (its `sbom` input has no default), the README's input and output
// tables list exactly what actions/sbom/action.yml declares (with its defaults), and the syft
// version and range the docs give are the catalogue's. Each check is a small pure function, shown to
// fail below. The markdown helpers are kept in step with test/docs/dependency-review.test.ts, which
// does not export its own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { TOOLS } from '../../src/tools/catalogue.js';
import { discoverLintTargets } from '../support/workflow-lint.js';
import {
  actionMetadata,
  ourAction,
  sorted,
  steps,
  unknownInputs,
  wrongDefaults,
  type ActionMetadata,
  type Workflow,
} from './workflow-docs.js';
import { codeSpans, driftedBlocks, section, tableRows, yamlBlocks } from './markdown.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const DOC = 'docs/sbom.md';
const EXAMPLES = 'docs/examples/sbom';
const README_HEADING = 'SBOM';
/** Where the SBOM action writes by default, as a workflow names it. */
const SBOM_FOLDER = '${{ runner.temp }}/pavedpath/sbom';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// ---------------------------------------------------------------------------------------------
// Markdown

/** The `code` names in the first column of the table whose first header cell is `header`. */
const tableColumn = (markdown: string, header: string) =>
  tableRows(markdown, header).flatMap((row) => codeSpans(row[0]));

// ---------------------------------------------------------------------------------------------
// Workflows and actions

/**
 * Jobs where a summary does not read the SBOM: it runs before the SBOM step, or its `sbom` input
 * is not the folder the SBOM action writes to (the input has no default). Jobs without both pass.
 */
function summaryMissesSbom(workflow: Workflow): string[] {
  return Object.entries(workflow.jobs ?? {}).flatMap(([id, job]) => {
    const list = job.steps ?? [];
    const sbom = list.findIndex((s) => ourAction(s) === 'sbom');
    const summary = list.findIndex((s) => ourAction(s) === 'summary');
    if (sbom < 0 || summary < 0) return [];
    const input = list[summary]?.with?.sbom;
    const pointed = typeof input === 'string' && input.replace(/\/$/, '') === SBOM_FOLDER;
    return summary < sbom || !pointed ? [id] : [];
  });
}

// ---------------------------------------------------------------------------------------------

const exampleFiles = Object.fromEntries(
  readdirSync(path.join(ROOT, EXAMPLES))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => [f, read(`${EXAMPLES}/${f}`)]),
);
const doc = read(DOC);
const readme = read('README.md');
const readmeSection = section(readme, README_HEADING);
const workflows = Object.fromEntries(
  Object.entries(exampleFiles).map(([f, text]) => [f, parse(text) as Workflow]),
);
const sbomInputs = (w: Workflow) => steps(w).find((s) => ourAction(s) === 'sbom')?.with ?? {};

describe(DOC, () => {
  it('shows the caller workflows of docs/examples/sbom, each verbatim', () => {
    expect(Object.keys(exampleFiles)).toEqual(['image.yml', 'sbom.yml']);
    const blocks = yamlBlocks(doc).map((b) => b.content);
    for (const content of Object.values(exampleFiles)) expect(blocks).toContain(content);
  });

  it('has no yaml block that differs from those files', () => {
    expect(driftedBlocks(doc, exampleFiles, DOC)).toEqual([]);
  });

  it('gives our actions only inputs their action.yml declares', () => {
    for (const workflow of Object.values(workflows))
      expect(unknownInputs(workflow, actionMetadata)).toEqual([]);
  });

  it('points the summary at the SBOM, after the SBOM step, in the same job', () => {
    const lockfiles = workflows['sbom.yml'] ?? {};
    expect(steps(lockfiles).map(ourAction).filter(Boolean)).toEqual(['sbom', 'dependency-review', 'summary']);
    for (const workflow of Object.values(workflows)) expect(summaryMissesSbom(workflow)).toEqual([]);
  });

  it('writes both formats; the lockfile SBOM is reproducible, the image one goes through syft', () => {
    expect(sbomInputs(workflows['sbom.yml'] ?? {})).toMatchObject({ format: 'both', reproducible: true });
    expect(sbomInputs(workflows['image.yml'] ?? {})).toMatchObject({ format: 'both' });
    expect(String(sbomInputs(workflows['image.yml'] ?? {}).image)).toMatch(/^docker-archive:/);
  });

  it('runs on pushes to main and pull requests, with a read-only token, without persisted credentials', () => {
    for (const workflow of Object.values(workflows)) {
      expect(Object.keys(workflow.on ?? {})).toEqual(['push', 'pull_request']);
      const checkout = steps(workflow).find((s) => s.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with).toMatchObject({ 'persist-credentials': false });
      expect(Object.values(workflow.jobs ?? {}).map((j) => j.permissions)).toEqual([{ contents: 'read' }]);
    }
  });

  it('is linted as workflows: discoverLintTargets finds both files', () => {
    const found = discoverLintTargets(ROOT).filter((t) => t.path.startsWith(`${EXAMPLES}/`));
    expect(found).toEqual(
      Object.keys(exampleFiles).map((f) => ({ kind: 'workflow', path: `${EXAMPLES}/${f}` })),
    );
  });

  it("gives syft's pinned version and allowed range as the catalogue does", () => {
    for (const text of [doc, readmeSection]) {
      expect(text).toContain(`syft ${TOOLS.syft.version}`);
      expect(text).toContain(`\`${TOOLS.syft.allowed}\``);
    }
  });
});

describe('README.md, SBOM section', () => {
  const action = actionMetadata('sbom');

  it('lists exactly the inputs and outputs of actions/sbom/action.yml', () => {
    expect(sorted(tableColumn(readmeSection, 'input'))).toEqual(sorted(Object.keys(action.inputs ?? {})));
    expect(sorted(tableColumn(readmeSection, 'output'))).toEqual(sorted(Object.keys(action.outputs ?? {})));
  });

  it("shows action.yml's defaults", () => {
    expect(wrongDefaults(tableRows(readmeSection, 'input'), action)).toEqual([]);
  });

  it('has one example, whose inputs exist, and whose summary reads the SBOM', () => {
    const blocks = yamlBlocks(readmeSection);
    expect(blocks).toHaveLength(1);
    const example = parse(blocks[0]!.content) as Workflow;
    expect(steps(example).map(ourAction).filter(Boolean)).toEqual(['sbom', 'dependency-review', 'summary']);
    expect(unknownInputs(example, actionMetadata)).toEqual([]);
    expect(summaryMissesSbom(example)).toEqual([]);
    expect(sbomInputs(example)).toEqual({ format: 'both', reproducible: true });
    expect(Object.keys(example.on ?? {})).toEqual(['push', 'pull_request']);
  });

  it('the status table no longer says the SBOM is not started', () => {
    const row = tableRows(readme, 'piece').find((r) => r[0] === 'SBOM');
    expect(row?.[2]).toMatch(/^\*\*preview\*\*/);
  });
});

describe('the checks can fail', () => {
  const files = { 'a.yml': 'name: a\non: push\n', 'b.yml': 'name: b\n' };

  it('finds yaml blocks, indented or not, and reports one that differs or is not closed', () => {
    const markdown = ['# t', '```yaml', 'name: a', 'on: push', '```', '  ```yml', '  name: b', '  ```'].join(
      '\n',
    );
    expect(yamlBlocks(markdown).map((b) => [b.line, b.content])).toEqual([
      [2, 'name: a\non: push\n'],
      [6, 'name: b\n'],
    ]);
    expect(driftedBlocks(markdown, files, DOC)).toEqual([]);
    expect(driftedBlocks('```yaml\nname: a\non: pull_request\n```\n', files, DOC)).toEqual([
      `${DOC}:1: this yaml block is none of a.yml, b.yml`,
    ]);
    expect(driftedBlocks('```yaml\nname: b\n', files, DOC)).toEqual([
      `${DOC}:1: this yaml block is not closed`,
    ]);
  });

  it('reports an input that does not exist, and a summary that does not read the SBOM', () => {
    const workflow = parse(`jobs:
  early:
    steps:
      - uses: pavedpath/pavedpath/actions/summary@v1
        with: { sbom: "\${{ runner.temp }}/pavedpath/sbom" }
      - uses: pavedpath/pavedpath/actions/sbom@v1
        with: { formats: both }
  unpointed:
    steps:
      - uses: pavedpath/pavedpath/actions/sbom@v1
      - uses: pavedpath/pavedpath/actions/summary@v1
  fine:
    steps:
      - uses: pavedpath/pavedpath/actions/sbom@v1
      - uses: pavedpath/pavedpath/actions/summary@v1
        with: { sbom: "\${{ runner.temp }}/pavedpath/sbom/" }
`) as Workflow;
    expect(unknownInputs(workflow, actionMetadata)).toEqual([
      'pavedpath/pavedpath/actions/sbom@v1: no input "formats"',
    ]);
    expect(summaryMissesSbom(workflow)).toEqual(['early', 'unpointed']);
  });

  it('reads a column of a table, several names per cell, and notices a wrong default', () => {
    const markdown = `## Thing

| input | default | description |
| --- | --- | --- |
| \`a\` | \`1\` | one |
| \`b\`, \`c\` | — | two |
`;
    expect(tableColumn(markdown, 'input')).toEqual(['a', 'b', 'c']);
    expect(() => tableColumn(markdown, 'output')).toThrow('no table');
    const action: ActionMetadata = { inputs: { a: { default: '2' }, b: null, c: { default: 'x' } } };
    expect(wrongDefaults(tableRows(markdown, 'input'), action)).toEqual([
      'a: action.yml\'s default is "2", the table shows `1`',
      'c: action.yml\'s default is "x", the table shows —',
    ]);
  });

  it('cuts a section at the next heading of its level', () => {
    const markdown = '# t\n## SBOM (preview)\ntext\n### sub\nmore\n## Next\nafter\n';
    expect(section(markdown, 'SBOM')).toBe('## SBOM (preview)\ntext\n### sub\nmore');
    expect(() => section(markdown, 'Other')).toThrow('no "## Other" section');
  });
});
