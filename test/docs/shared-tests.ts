// The tests the docs tests share: those every page that shows a docs/examples folder has (its files
// shown verbatim, no other yaml, inputs that exist, the folder linted), those every README section of
// one of our actions has (its input and output tables are action.yml's, with its defaults), and those
// that show the shared markdown checks failing. Each registers `it`s under the caller's `describe`,
// named as the tests it replaces were.
import { expect, it } from '@jest/globals';
import { discoverLintTargets } from '../support/workflow-lint.js';
import { driftedBlocks, onlyYamlBlock, tableColumn, tableRows, yamlBlocks } from './markdown.js';
import {
  actionMetadata,
  declaredNames,
  listedNames,
  ROOT,
  unknownInputs,
  wrongDefaults,
  type ActionMetadata,
  type ExamplePage,
} from './workflow-docs.js';

/** The page shows each file of its examples folder, which holds exactly `names`, verbatim; no other yaml. */
export function itShowsExamplesVerbatim(
  page: ExamplePage,
  names: readonly string[],
  title = `shows the caller workflows of ${page.examples}, each verbatim`,
): void {
  it(title, () => {
    expect(Object.keys(page.files)).toEqual(names);
    const blocks = yamlBlocks(page.markdown).map((b) => b.content);
    for (const content of Object.values(page.files)) expect(blocks).toContain(content);
  });

  it('has no yaml block that differs from those files', () => {
    expect(driftedBlocks(page.markdown, page.files, page.doc)).toEqual([]);
  });
}

/** Every example gives our actions only inputs their action.yml declares. */
export function itGivesKnownInputs(page: ExamplePage): void {
  it('gives our actions only inputs their action.yml declares', () => {
    for (const workflow of Object.values(page.workflows))
      expect(unknownInputs(workflow, actionMetadata)).toEqual([]);
  });
}

/** The workflow lint checks every file of the examples folder, as a workflow. */
export function itIsLinted(page: ExamplePage): void {
  it('is linted as workflows: discoverLintTargets finds both files', () => {
    const found = discoverLintTargets(ROOT).filter((t) => t.path.startsWith(`${page.examples}/`));
    expect(found).toEqual(
      Object.keys(page.files).map((f) => ({ kind: 'workflow', path: `${page.examples}/${f}` })),
    );
  });
}

/** The README section's input and output tables list exactly what actions/<name>/action.yml declares. */
export function itListsActionYml(name: string, readmeSection: string): void {
  const action = actionMetadata(name);

  it(`lists exactly the inputs and outputs of actions/${name}/action.yml`, () => {
    expect(listedNames(readmeSection)).toEqual(declaredNames(action));
  });

  it("shows action.yml's defaults", () => {
    expect(wrongDefaults(tableRows(readmeSection, 'input'), action)).toEqual([]);
  });
}

/** yamlBlocks, onlyYamlBlock and driftedBlocks on planted markdown; `doc` names the page in the problems. */
export function itFindsYamlBlocks(doc: string): void {
  const files = { 'a.yml': 'name: a\non: push\n', 'b.yml': 'name: b\n' };

  it('finds yaml blocks, indented or not, and reports one that differs or is not closed', () => {
    const markdown = ['# t', '```yaml', 'name: a', 'on: push', '```', '  ```yml', '  name: b', '  ```'].join(
      '\n',
    );
    expect(yamlBlocks(markdown).map((b) => [b.line, b.content])).toEqual([
      [2, 'name: a\non: push\n'],
      [6, 'name: b\n'],
    ]);
    expect(() => onlyYamlBlock(markdown)).toThrow('2 yaml blocks, not one');
    expect(onlyYamlBlock('# t\n```yaml\nname: b\n```\n').content).toBe('name: b\n');
    expect(driftedBlocks(markdown, files, doc)).toEqual([]);
    expect(driftedBlocks('```yaml\nname: a\non: pull_request\n```\n', files, doc)).toEqual([
      `${doc}:1: this yaml block is none of a.yml, b.yml`,
    ]);
    expect(driftedBlocks('```yaml\nname: b\n', files, doc)).toEqual([
      `${doc}:1: this yaml block is not closed`,
    ]);
  });
}

/** tableColumn, listedNames, declaredNames and wrongDefaults on a planted table. */
export function itReadsTables(): void {
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
    expect(() => listedNames(markdown)).toThrow('no table with a "output" column');
    const action: ActionMetadata = { inputs: { a: { default: '2' }, b: null, c: { default: 'x' } } };
    expect(declaredNames(action)).toEqual({ inputs: ['a', 'b', 'c'], outputs: [] });
    expect(wrongDefaults(tableRows(markdown, 'input'), action)).toEqual([
      'a: action.yml\'s default is "2", the table shows `1`',
      'c: action.yml\'s default is "x", the table shows —',
    ]);
  });
}
