// docs/sbom.md and the README's SBOM section cannot drift from what they describe: every ```yaml
// block of the page is one of the files in docs/examples/sbom (which the workflow lint checks), the
// inputs those files and the README's example give our actions exist, the summary is pointed at the
// folder the SBOM action writes to (its `sbom` input has no default), the README's input and output
// tables list exactly what actions/sbom/action.yml declares (with its defaults), and the syft
// version and range the docs give are the catalogue's. Each check is a small pure function, shown to
// fail below; those shared with the other docs tests are in ./markdown.ts, ./workflow-docs.ts and
// ./shared-tests.ts.
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { TOOLS } from '../../src/tools/catalogue.js';
import { onlyYamlBlock, section, tableRows } from './markdown.js';
import {
  itFindsYamlBlocks,
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
  steps,
  unknownInputs,
  type Workflow,
} from './workflow-docs.js';

const DOC = 'docs/sbom.md';
const EXAMPLES = 'docs/examples/sbom';
const README_HEADING = 'SBOM';
/** Where the SBOM action writes by default, as a workflow names it. */
const SBOM_FOLDER = '${{ runner.temp }}/pavedpath/sbom';

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

const page = examplePage(DOC, EXAMPLES);
const { markdown: doc, workflows } = page;
const readme = readRepo('README.md');
const readmeSection = section(readme, README_HEADING);
const sbomInputs = (w: Workflow) => inputsOf(w, 'sbom');

describe(DOC, () => {
  itShowsExamplesVerbatim(page, ['image.yml', 'sbom.yml']);
  itGivesKnownInputs(page);

  it('points the summary at the SBOM, after the SBOM step, in the same job', () => {
    const lockfiles = workflows['sbom.yml'] ?? {};
    expect(ourActions(lockfiles)).toEqual(['sbom', 'dependency-review', 'summary']);
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

  itIsLinted(page);

  it("gives syft's pinned version and allowed range as the catalogue does", () => {
    for (const text of [doc, readmeSection]) {
      expect(text).toContain(`syft ${TOOLS.syft.version}`);
      expect(text).toContain(`\`${TOOLS.syft.allowed}\``);
    }
  });
});

describe('README.md, SBOM section', () => {
  itListsActionYml('sbom', readmeSection);

  it('has one example, whose inputs exist, and whose summary reads the SBOM', () => {
    const example = parse(onlyYamlBlock(readmeSection).content) as Workflow;
    expect(ourActions(example)).toEqual(['sbom', 'dependency-review', 'summary']);
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
  itFindsYamlBlocks(DOC);

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

  itReadsTables();

  it('cuts a section at the next heading of its level', () => {
    const markdown = '# t\n## SBOM (preview)\ntext\n### sub\nmore\n## Next\nafter\n';
    expect(section(markdown, 'SBOM')).toBe('## SBOM (preview)\ntext\n### sub\nmore');
    expect(() => section(markdown, 'Other')).toThrow('no "## Other" section');
  });
});
