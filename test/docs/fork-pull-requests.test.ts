// docs/fork-pull-requests.md cannot drift from the caller workflows it shows: every ```yaml block is
// one of the files in docs/examples/fork-pull-requests (which the workflow lint checks), the
// workflow_run trigger names the pull_request workflow, and the inputs those files give our actions
// exist. The README's input and output tables of the summary and pr-comment actions list exactly
// what their action.yml files declare. Each check is a small pure function, shown to fail below.
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { driftedBlocks, section, tableColumn, yamlBlocks } from './markdown.js';
import { itIsLinted, itShowsExamplesVerbatim } from './shared-tests.js';
import {
  actionMetadata,
  declaredNames,
  examplePage,
  listedNames,
  ourAction,
  ourActions,
  readRepo,
  sorted,
  steps,
  unknownInputs,
  type Workflow,
} from './workflow-docs.js';

const DOC = 'docs/fork-pull-requests.md';
const EXAMPLES = 'docs/examples/fork-pull-requests';

/** The workflows of this page, with the trigger the comment workflow is read for. */
interface ForkWorkflow extends Workflow {
  on?: { workflow_run?: { workflows?: string[] } };
}

const page = examplePage(DOC, EXAMPLES);
const prSecurity = (page.workflows['pr-security.yml'] ?? {}) as ForkWorkflow;
const prComment = (page.workflows['pr-comment.yml'] ?? {}) as ForkWorkflow;
const readme = readRepo('README.md');
const README_SECTIONS = { summary: 'Scan summary', 'pr-comment': 'PR comment' } as const;

describe(DOC, () => {
  itShowsExamplesVerbatim(
    page,
    ['pr-comment.yml', 'pr-security.yml'],
    'shows the two caller workflows of docs/examples/fork-pull-requests, each verbatim',
  );

  it('triggers the comment workflow on the pull_request workflow, by its name', () => {
    expect(prSecurity.name).toBeTruthy();
    expect(prComment.on?.workflow_run?.workflows).toEqual([prSecurity.name]);
    expect(Object.keys(prSecurity.on ?? {})).toEqual(['pull_request']);
  });

  it('gives our actions only inputs their action.yml declares, and names one artifact', () => {
    expect([...ourActions(prSecurity), ...ourActions(prComment)]).toEqual(['summary', 'pr-comment']);
    expect(unknownInputs(prSecurity, actionMetadata)).toEqual([]);
    expect(unknownInputs(prComment, actionMetadata)).toEqual([]);
    const artifactName = (w: Workflow) =>
      steps(w).find((s) => ourAction(s) !== undefined)?.with?.['artifact-name'];
    expect(artifactName(prComment)).toBe(artifactName(prSecurity));
  });

  it('never checks out or runs code in the workflow that can write', () => {
    const job = Object.values(prComment.jobs ?? {});
    expect(job).toHaveLength(1);
    expect(job[0]?.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    expect(steps(prComment).map((s) => Object.keys(s).filter((k) => k === 'run' || k === 'uses'))).toEqual([
      ['uses'],
    ]);
    expect(Object.values(prSecurity.jobs ?? {}).map((j) => j.permissions)).toEqual([{ contents: 'read' }]);
  });

  itIsLinted(page);
});

describe('README.md tables', () => {
  it.each(Object.entries(README_SECTIONS))(
    'list exactly the inputs and outputs of actions/%s/action.yml',
    (name, heading) => {
      expect(listedNames(section(readme, heading))).toEqual(declaredNames(actionMetadata(name)));
    },
  );
});

describe('the checks can fail', () => {
  const files = { 'a.yml': 'name: a\non: push\n', 'b.yml': 'name: b\n' };

  it('finds yaml blocks, indented or not, and ignores other languages', () => {
    const markdown = [
      '# t',
      '```yaml',
      'name: a',
      'on: push',
      '```',
      '```sh',
      'echo hi',
      '```',
      '- item',
      '',
      '  ```yml',
      '  name: b',
      '  ```',
    ].join('\n');
    expect(yamlBlocks(markdown).map((b) => [b.line, b.content])).toEqual([
      [2, 'name: a\non: push\n'],
      [11, 'name: b\n'],
    ]);
    expect(driftedBlocks(markdown, files, DOC)).toEqual([]);
  });

  it('reports a block that differs by one character, or is not closed', () => {
    const edited = '```yaml\nname: a\non: pull_request\n```\n';
    expect(driftedBlocks(edited, files, DOC)).toEqual([`${DOC}:1: this yaml block is none of a.yml, b.yml`]);
    expect(driftedBlocks('```yaml\nname: b\n', files, DOC)).toEqual([
      `${DOC}:1: this yaml block is not closed`,
    ]);
  });

  it('reports an input or an action that does not exist', () => {
    const workflow = parse(`jobs:
  j:
    steps:
      - uses: pavedpath/pavedpath/actions/summary@v1
        with: { fail-on: high, fail-on-comments: true }
      - uses: pavedpath/pavedpath/actions/nothing@v1
      - uses: someone/else@v1
        with: { anything: 1 }
`) as Workflow;
    expect(unknownInputs(workflow, (n) => (n === 'nothing' ? undefined : actionMetadata(n)))).toEqual([
      'pavedpath/pavedpath/actions/summary@v1: no input "fail-on-comments"',
      'pavedpath/pavedpath/actions/nothing@v1: there is no actions/nothing/action.yml',
    ]);
  });

  it('reads the names of a table, several per row, and notices a missing row', () => {
    const markdown = `## Thing

| output | description |
| --- | --- |
| \`a\`, \`b\` | two |
| \`c\` | three |

| input | default |
| --- | --- |
| \`x\` | — |

## Next

| input | default |
| --- | --- |
| \`y\` | — |
`;
    const thing = section(markdown, 'Thing');
    expect(tableColumn(thing, 'output')).toEqual(['a', 'b', 'c']);
    expect(tableColumn(thing, 'input')).toEqual(['x']);
    expect(sorted(tableColumn(thing, 'input'))).not.toEqual(['x', 'y']);
    expect(() => section(markdown, 'Missing')).toThrow('no "## Missing" section');
    expect(() => tableColumn(section(markdown, 'Next'), 'output')).toThrow('no table');
  });
});
