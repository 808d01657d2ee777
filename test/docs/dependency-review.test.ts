// docs/dependency-review.md and the README's dependency review section cannot drift from what they
// describe: every ```yaml block of the page is one of the files in docs/examples/dependency-review
// (which the workflow lint checks), the inputs those files and the README's example give our actions
// exist, the README's input and output tables list exactly what actions/dependency-review/action.yml
// declares (with its defaults), and the lockfile names the README and the page list are the ones the
// detectors recognise. Each check is a small pure function, shown to fail below. The markdown helpers
// are kept in step with test/docs/fork-pull-requests.test.ts, which does not export its own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { NPM_FAMILY_LOCKFILES, npmFamilyParserFor } from '../../src/inventory/npm/detect.js';
import { otherParserFor } from '../../src/inventory/other-parsers.js';
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
const DOC = 'docs/dependency-review.md';
const EXAMPLES = 'docs/examples/dependency-review';
const OTHER_PARSERS = 'src/inventory/other-parsers.ts';
const README_HEADING = 'Dependency review';

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// ---------------------------------------------------------------------------------------------
// Markdown

/** The `code` names in column `column` (0 = the first) of the table whose first header cell is `header`. */
function tableColumn(markdown: string, header: string, column = 0): string[] {
  return tableRows(markdown, header).flatMap((row) => codeSpans(row[column]));
}

// ---------------------------------------------------------------------------------------------
// Workflows and actions

/** Jobs where our summary step does not come after the dependency review in the same job. */
function summaryBeforeReview(workflow: Workflow): string[] {
  return Object.entries(workflow.jobs ?? {}).flatMap(([id, job]) => {
    const ours = (job.steps ?? []).map(ourAction);
    const review = ours.indexOf('dependency-review');
    const summary = ours.indexOf('summary');
    return review < 0 || summary < 0 || summary < review ? [id] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Lockfile names

/**
 * Whether the detectors recognise a listed name: a file name (`go.mod`) or a path pattern with `*`
 * (`requirements/*.txt`, `gradle/dependency-locks/*.lockfile`), tried with a word for the `*`.
 */
function recognised(listed: string): boolean {
  const file = listed.replace(/\*/g, 'x');
  const name = file.slice(file.lastIndexOf('/') + 1);
  return (npmFamilyParserFor(name) ?? otherParserFor(name, file)) !== undefined;
}

/** The exact file names `otherParserFor` switches on, from its source (it exports no list). */
function otherParserNames(source: string): string[] {
  const start = source.indexOf('export function otherParserFor(');
  if (start < 0) return [];
  const body = source.slice(start, source.indexOf('\n}\n', start));
  return [...body.matchAll(/case '([^']+)':/g)].map((m) => m[1]!);
}

/** What a list of names lacks: those of `names` not in `listed`. */
const unlisted = (names: readonly string[], listed: readonly string[]) =>
  names.filter((n) => !listed.includes(n));

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
const online = workflows['pr-dependencies.yml'] ?? {};
const offline = workflows['offline.yml'] ?? {};
const reviewInputs = (w: Workflow) => steps(w).find((s) => ourAction(s) === 'dependency-review')?.with ?? {};

describe(DOC, () => {
  it('shows the caller workflows of docs/examples/dependency-review, each verbatim', () => {
    expect(Object.keys(exampleFiles)).toEqual(['offline.yml', 'pr-dependencies.yml']);
    const blocks = yamlBlocks(doc).map((b) => b.content);
    for (const content of Object.values(exampleFiles)) expect(blocks).toContain(content);
  });

  it('has no yaml block that differs from those files', () => {
    expect(driftedBlocks(doc, exampleFiles, DOC)).toEqual([]);
  });

  it('gives our actions only inputs their action.yml declares', () => {
    for (const workflow of Object.values(workflows)) {
      expect(steps(workflow).map(ourAction).filter(Boolean)).toEqual(['dependency-review', 'summary']);
      expect(unknownInputs(workflow, actionMetadata)).toEqual([]);
    }
  });

  it('runs the summary after the review, in the same job (it reads the files in RUNNER_TEMP)', () => {
    for (const workflow of Object.values(workflows)) expect(summaryBeforeReview(workflow)).toEqual([]);
  });

  it('checks out the whole history without persisted credentials, with a read-only token to the repository', () => {
    for (const workflow of Object.values(workflows)) {
      const checkout = steps(workflow).find((s) => s.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
      for (const job of Object.values(workflow.jobs ?? {})) expect(job.permissions?.contents).toBe('read');
    }
    expect(Object.values(online.jobs ?? {}).map((j) => j.permissions)).toEqual([{ contents: 'read' }]);
  });

  it('reviews pull requests and pushes; the offline variant names a database and asks no network', () => {
    for (const workflow of Object.values(workflows))
      expect(Object.keys(workflow.on ?? {})).toEqual(['pull_request', 'push']);
    expect(reviewInputs(offline)['offline-db']).toBe('/opt/osv');
    expect(reviewInputs(online)['offline-db']).toBeUndefined();
    expect(reviewInputs(offline)['osv-api-url']).toBeUndefined();
  });

  it('is linted as workflows: discoverLintTargets finds both files', () => {
    const found = discoverLintTargets(ROOT).filter((t) => t.path.startsWith(`${EXAMPLES}/`));
    expect(found).toEqual(
      Object.keys(exampleFiles).map((f) => ({ kind: 'workflow', path: `${EXAMPLES}/${f}` })),
    );
  });

  it('lists only lockfile names the detectors recognise', () => {
    const listed = tableColumn(doc, 'ecosystem', 1);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((n) => !recognised(n))).toEqual([]);
    expect(unlisted(NPM_FAMILY_LOCKFILES, listed)).toEqual([]);
    expect(unlisted(otherParserNames(read(OTHER_PARSERS)), listed)).toEqual([]);
  });
});

describe('README.md, dependency review section', () => {
  const action = actionMetadata('dependency-review');

  it('lists exactly the inputs and outputs of actions/dependency-review/action.yml', () => {
    expect(sorted(tableColumn(readmeSection, 'input'))).toEqual(sorted(Object.keys(action.inputs ?? {})));
    expect(sorted(tableColumn(readmeSection, 'output'))).toEqual(sorted(Object.keys(action.outputs ?? {})));
  });

  it("shows action.yml's defaults", () => {
    expect(wrongDefaults(tableRows(readmeSection, 'input'), action)).toEqual([]);
  });

  it('gives our actions only inputs their action.yml declares in its example', () => {
    const blocks = yamlBlocks(readmeSection);
    expect(blocks).toHaveLength(1);
    const example = parse(blocks[0]!.content) as Workflow;
    expect(steps(example).map(ourAction).filter(Boolean)).toEqual(['dependency-review', 'summary']);
    expect(unknownInputs(example, actionMetadata)).toEqual([]);
    expect(summaryBeforeReview(example)).toEqual([]);
  });

  it('lists the lockfiles the detectors recognise, every npm-family one and every other one by name', () => {
    const listed = tableColumn(readmeSection, 'ecosystem', 1);
    expect(listed.filter((n) => !recognised(n))).toEqual([]);
    expect(unlisted(NPM_FAMILY_LOCKFILES, listed)).toEqual([]);
    const others = otherParserNames(read(OTHER_PARSERS));
    expect(others.length).toBeGreaterThan(10); // the switch was found; a refactor must update this test
    expect(unlisted(others, listed)).toEqual([]);
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

  it('reports an input that does not exist, and a summary before the review', () => {
    const workflow = parse(`jobs:
  j:
    steps:
      - uses: pavedpath/pavedpath/actions/summary@v1
      - uses: pavedpath/pavedpath/actions/dependency-review@v1
        with: { fail-on-severity: high, offline-database: /opt/osv }
`) as Workflow;
    expect(unknownInputs(workflow, actionMetadata)).toEqual([
      'pavedpath/pavedpath/actions/dependency-review@v1: no input "offline-database"',
    ]);
    expect(summaryBeforeReview(workflow)).toEqual(['j']);
  });

  it('reads a column of a table, several names per cell, and notices a wrong default', () => {
    const markdown = `## Thing

| input | default | description |
| --- | --- | --- |
| \`a\` | \`1\` | one |
| \`b\`, \`c\` | — | two |

| ecosystem | files |
| --- | --- |
| npm | \`yarn.lock\`, \`bun.lockb\` |
`;
    expect(tableColumn(markdown, 'input')).toEqual(['a', 'b', 'c']);
    expect(tableColumn(markdown, 'ecosystem', 1)).toEqual(['yarn.lock', 'bun.lockb']);
    expect(() => tableColumn(markdown, 'output')).toThrow('no table');
    const action: ActionMetadata = { inputs: { a: { default: '2' }, b: null, c: { default: 'x' } } };
    expect(wrongDefaults(tableRows(markdown, 'input'), action)).toEqual([
      'a: action.yml\'s default is "2", the table shows `1`',
      'c: action.yml\'s default is "x", the table shows —',
    ]);
  });

  it('tells recognised lockfile names from others, patterns included', () => {
    expect(['yarn.lock', 'requirements/*.txt', 'gradle/dependency-locks/*.lockfile'].map(recognised)).toEqual(
      [true, true, true],
    );
    expect(['bun.lockb', 'go.sum', 'pyproject.toml', 'dependency-locks/*.lockfile'].map(recognised)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(unlisted(['yarn.lock', 'bun.lock'], ['yarn.lock'])).toEqual(['bun.lock']);
    expect(
      otherParserNames("export function otherParserFor(a) {\n  switch (a) {\n    case 'go.mod':\n  }\n}\n"),
    ).toEqual(['go.mod']);
  });
});
