// What the docs tests read in the workflows a page shows and the action.yml files they use: a page
// with its docs/examples/<…> folder, the shapes, the steps of our own actions, the inputs a step
// gives that the action does not declare, the names a README section's input and output tables list,
// and input tables whose default cell disagrees with action.yml. Shared by the per-action docs tests
// (dependency review, SBOM, SAST, fork pull requests); each shows the checks failing on a planted
// mistake.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { codeSpans, tableColumn } from './markdown.js';

export const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const OUR_ACTION = /^pavedpath\/pavedpath\/actions\/([\w-]+)@/;

export interface Step {
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
export interface Job {
  if?: string;
  permissions?: Record<string, string>;
  steps?: Step[];
}
export interface Workflow {
  name?: string;
  on?: Record<string, unknown> | string;
  permissions?: Record<string, string>;
  jobs?: Record<string, Job>;
}
export interface ActionMetadata {
  inputs?: Record<string, { default?: string | number | boolean } | null>;
  outputs?: Record<string, unknown>;
}

/** A file of this repository, by its path from the root. */
export const readRepo = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** A docs page and the caller workflows of the docs/examples folder it shows. */
export interface ExamplePage {
  /** The page, from the root: `docs/sbom.md`. */
  doc: string;
  /** The folder of its examples, from the root: `docs/examples/sbom`. */
  examples: string;
  /** The page's text. */
  markdown: string;
  /** The text of each .yml or .yaml file of the folder, by name, in name order. */
  files: Record<string, string>;
  /** The same files, parsed. */
  workflows: Record<string, Workflow>;
}

export function examplePage(doc: string, examples: string): ExamplePage {
  const files = Object.fromEntries(
    readdirSync(path.join(ROOT, examples))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => [f, readRepo(`${examples}/${f}`)]),
  );
  const workflows = Object.fromEntries(
    Object.entries(files).map(([f, text]) => [f, parse(text) as Workflow]),
  );
  return { doc, examples, markdown: readRepo(doc), files, workflows };
}

export const steps = (workflow: Workflow): Step[] =>
  Object.values(workflow.jobs ?? {}).flatMap((j) => j.steps ?? []);

/** actions/<name>/action.yml of this repository. */
export const actionMetadata = (name: string) =>
  parse(readFileSync(path.join(ROOT, 'actions', name, 'action.yml'), 'utf8')) as ActionMetadata;

/** The name of our action a step uses (`pavedpath/pavedpath/actions/<name>@…`), if any. */
export const ourAction = (step: Step) => OUR_ACTION.exec(step.uses ?? '')?.[1];

/** The names of our actions the workflow's steps use, in order. */
export const ourActions = (workflow: Workflow): string[] =>
  steps(workflow)
    .map(ourAction)
    .filter((name) => name !== undefined);

/** The `with:` of the first step that uses our action `name` ({} when there is none). */
export const inputsOf = (workflow: Workflow, name: string) =>
  steps(workflow).find((s) => ourAction(s) === name)?.with ?? {};

export const sorted = (names: Iterable<string>) => [...names].sort();

/** The names the `input` and the `output` table of `markdown` list, each sorted. */
export const listedNames = (markdown: string) => ({
  inputs: sorted(tableColumn(markdown, 'input')),
  outputs: sorted(tableColumn(markdown, 'output')),
});

/** The inputs and the outputs an action.yml declares, each sorted (to compare with listedNames). */
export const declaredNames = (action: ActionMetadata) => ({
  inputs: sorted(Object.keys(action.inputs ?? {})),
  outputs: sorted(Object.keys(action.outputs ?? {})),
});

/** Steps that use one of our actions with an input (or an action) that does not exist. */
export function unknownInputs(
  workflow: Workflow,
  actionFor: (name: string) => ActionMetadata | undefined,
): string[] {
  const problems: string[] = [];
  for (const step of steps(workflow)) {
    const name = ourAction(step);
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

/** Inputs whose default cell does not show, as `code`, the default their action.yml declares. */
export function wrongDefaults(rows: string[][], action: ActionMetadata): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    const shown = codeSpans(row[1]);
    for (const name of codeSpans(row[0])) {
      const declared = action.inputs?.[name]?.default;
      if (declared !== undefined && !shown.includes(String(declared))) {
        problems.push(
          `${name}: action.yml's default is "${String(declared)}", the table shows ${row[1] ?? ''}`,
        );
      }
    }
  }
  return problems;
}
