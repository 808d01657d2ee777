// docs/dependency-review.md and the README's dependency review section cannot drift from what they
// describe: every ```yaml block of the page is one of the files in docs/examples/dependency-review
// (which the workflow lint checks), the inputs those files and the README's example give our actions
// exist, the README's input and output tables list exactly what actions/dependency-review/action.yml
// declares (with its defaults), and the lockfile names the README and the page list are the ones the
// detectors recognise. Each check is a small pure function, shown to fail below; those shared with
// the other docs tests are in ./markdown.ts, ./workflow-docs.ts and ./shared-tests.ts.
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { NPM_FAMILY_LOCKFILES, npmFamilyParserFor } from '../../src/inventory/npm/detect.js';
import { otherParserFor } from '../../src/inventory/other-parsers.js';
import { onlyYamlBlock, section, tableColumn } from './markdown.js';
import {
  itFindsYamlBlocks,
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
  steps,
  unknownInputs,
  type Workflow,
} from './workflow-docs.js';

const DOC = 'docs/dependency-review.md';
const EXAMPLES = 'docs/examples/dependency-review';
const OTHER_PARSERS = 'src/inventory/other-parsers.ts';
const README_HEADING = 'Dependency review';

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

const page = examplePage(DOC, EXAMPLES);
const { markdown: doc, workflows } = page;
const readme = readRepo('README.md');
const readmeSection = section(readme, README_HEADING);
const online = workflows['pr-dependencies.yml'] ?? {};
const offline = workflows['offline.yml'] ?? {};
const reviewInputs = (w: Workflow) => inputsOf(w, 'dependency-review');

describe(DOC, () => {
  itShowsExamplesVerbatim(page, ['offline.yml', 'pr-dependencies.yml']);

  it('gives our actions only inputs their action.yml declares', () => {
    for (const workflow of Object.values(workflows)) {
      expect(ourActions(workflow)).toEqual(['dependency-review', 'summary']);
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

  itIsLinted(page);

  it('lists only lockfile names the detectors recognise', () => {
    const listed = tableColumn(doc, 'ecosystem', 1);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((n) => !recognised(n))).toEqual([]);
    expect(unlisted(NPM_FAMILY_LOCKFILES, listed)).toEqual([]);
    expect(unlisted(otherParserNames(readRepo(OTHER_PARSERS)), listed)).toEqual([]);
  });
});

describe('README.md, dependency review section', () => {
  itListsActionYml('dependency-review', readmeSection);

  it('gives our actions only inputs their action.yml declares in its example', () => {
    const example = parse(onlyYamlBlock(readmeSection).content) as Workflow;
    expect(ourActions(example)).toEqual(['dependency-review', 'summary']);
    expect(unknownInputs(example, actionMetadata)).toEqual([]);
    expect(summaryBeforeReview(example)).toEqual([]);
  });

  it('lists the lockfiles the detectors recognise, every npm-family one and every other one by name', () => {
    const listed = tableColumn(readmeSection, 'ecosystem', 1);
    expect(listed.filter((n) => !recognised(n))).toEqual([]);
    expect(unlisted(NPM_FAMILY_LOCKFILES, listed)).toEqual([]);
    const others = otherParserNames(readRepo(OTHER_PARSERS));
    expect(others.length).toBeGreaterThan(10); // the switch was found; a refactor must update this test
    expect(unlisted(others, listed)).toEqual([]);
  });
});

describe('the checks can fail', () => {
  itFindsYamlBlocks(DOC);

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

  itReadsTables();

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
