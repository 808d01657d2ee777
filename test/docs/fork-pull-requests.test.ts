// docs/fork-pull-requests.md cannot drift from the caller workflows it shows: every ```yaml block is
// one of the files in docs/examples/fork-pull-requests (which the workflow lint checks), the
// workflow_run trigger names the pull_request workflow, and the inputs those files give our actions
// exist. The README's input and output tables of the summary and pr-comment actions list exactly
// what their action.yml files declare. Each check is a small pure function, shown to fail below.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { discoverLintTargets } from '../support/workflow-lint.js';
import { driftedBlocks, section, yamlBlocks } from './markdown.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const DOC = 'docs/fork-pull-requests.md';
const EXAMPLES = 'docs/examples/fork-pull-requests';
const OUR_ACTION = /^pavedpath\/pavedpath\/actions\/([\w-]+)@/;

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// ---------------------------------------------------------------------------------------------
// Markdown

/** The `code` names in the first column of the table whose first header cell is `header`. */
function tableNames(markdown: string, header: string): string[] {
  const lines = markdown.split('\n');
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  const start = lines.findIndex((l) => l.trim().startsWith('|') && cells(l)[0] === header);
  if (start < 0) throw new Error(`no table with a "${header}" column`);
  const names: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break;
    for (const [, name] of (cells(line)[0] ?? '').matchAll(/`([^`]+)`/g)) names.push(name!);
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Workflows and actions

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  name?: string;
  on?: { workflow_run?: { workflows?: string[] } };
  jobs?: Record<string, { permissions?: Record<string, string>; steps?: Step[] }>;
}
interface ActionMetadata {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

const steps = (workflow: Workflow): Step[] =>
  Object.values(workflow.jobs ?? {}).flatMap((j) => j.steps ?? []);

const actionMetadata = (name: string) => parse(read(`actions/${name}/action.yml`)) as ActionMetadata;

/** Steps that use one of our actions with an input (or an action) that does not exist. */
function unknownInputs(
  workflow: Workflow,
  actionFor: (name: string) => ActionMetadata | undefined,
): string[] {
  const problems: string[] = [];
  for (const step of steps(workflow)) {
    const name = OUR_ACTION.exec(step.uses ?? '')?.[1];
    if (!name) continue;
    const action = actionFor(name);
    if (!action) {
      problems.push(`${step.uses ?? ''}: there is no actions/${name}/action.yml`);
      continue;
    }
    for (const input of Object.keys(step.with ?? {})) {
      if (!(input in (action.inputs ?? {}))) problems.push(`${step.uses ?? ''}: no input "${input}"`);
    }
  }
  return problems;
}

const sorted = (names: Iterable<string>) => [...names].sort();

// ---------------------------------------------------------------------------------------------

const exampleFiles = Object.fromEntries(
  readdirSync(path.join(ROOT, EXAMPLES))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => [f, read(`${EXAMPLES}/${f}`)]),
);
const doc = read(DOC);
const prSecurity = parse(exampleFiles['pr-security.yml'] ?? '') as Workflow;
const prComment = parse(exampleFiles['pr-comment.yml'] ?? '') as Workflow;
const readme = read('README.md');
const README_SECTIONS = { summary: 'Scan summary', 'pr-comment': 'PR comment' } as const;

describe(DOC, () => {
  it('shows the two caller workflows of docs/examples/fork-pull-requests, each verbatim', () => {
    expect(Object.keys(exampleFiles)).toEqual(['pr-comment.yml', 'pr-security.yml']);
    const blocks = yamlBlocks(doc).map((b) => b.content);
    for (const content of Object.values(exampleFiles)) expect(blocks).toContain(content);
  });

  it('has no yaml block that differs from those files', () => {
    expect(driftedBlocks(doc, exampleFiles, DOC)).toEqual([]);
  });

  it('triggers the comment workflow on the pull_request workflow, by its name', () => {
    expect(prSecurity.name).toBeTruthy();
    expect(prComment.on?.workflow_run?.workflows).toEqual([prSecurity.name]);
    expect(Object.keys(prSecurity.on ?? {})).toEqual(['pull_request']);
  });

  it('gives our actions only inputs their action.yml declares, and names one artifact', () => {
    const ours = [...steps(prSecurity), ...steps(prComment)].map((s) => s.uses ?? '');
    expect(ours.filter((u) => OUR_ACTION.test(u)).map((u) => OUR_ACTION.exec(u)?.[1])).toEqual([
      'summary',
      'pr-comment',
    ]);
    expect(unknownInputs(prSecurity, actionMetadata)).toEqual([]);
    expect(unknownInputs(prComment, actionMetadata)).toEqual([]);
    const artifactName = (w: Workflow) =>
      steps(w).find((s) => OUR_ACTION.test(s.uses ?? ''))?.with?.['artifact-name'];
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

  it('is linted as workflows: discoverLintTargets finds both files', () => {
    const found = discoverLintTargets(ROOT).filter((t) => t.path.startsWith(`${EXAMPLES}/`));
    expect(found).toEqual(
      Object.keys(exampleFiles).map((f) => ({ kind: 'workflow', path: `${EXAMPLES}/${f}` })),
    );
  });
});

describe('README.md tables', () => {
  it.each(Object.entries(README_SECTIONS))(
    'list exactly the inputs and outputs of actions/%s/action.yml',
    (name, heading) => {
      const action = actionMetadata(name);
      const text = section(readme, heading);
      expect(sorted(tableNames(text, 'input'))).toEqual(sorted(Object.keys(action.inputs ?? {})));
      expect(sorted(tableNames(text, 'output'))).toEqual(sorted(Object.keys(action.outputs ?? {})));
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
    expect(tableNames(thing, 'output')).toEqual(['a', 'b', 'c']);
    expect(tableNames(thing, 'input')).toEqual(['x']);
    expect(sorted(tableNames(thing, 'input'))).not.toEqual(['x', 'y']);
    expect(() => section(markdown, 'Missing')).toThrow('no "## Missing" section');
    expect(() => tableNames(section(markdown, 'Next'), 'output')).toThrow('no table');
  });
});
