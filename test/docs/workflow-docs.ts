// What the docs tests read in the workflows a page shows and the action.yml files they use: the
// shapes, the steps of our own actions, the inputs a step gives that the action does not declare,
// and input tables whose default cell disagrees with action.yml. Shared by the per-action docs
// tests (dependency review, SBOM, SAST); each shows the checks failing on a planted mistake.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { codeSpans } from './markdown.js';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
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

export const steps = (workflow: Workflow): Step[] =>
  Object.values(workflow.jobs ?? {}).flatMap((j) => j.steps ?? []);

/** actions/<name>/action.yml of this repository. */
export const actionMetadata = (name: string) =>
  parse(readFileSync(path.join(ROOT, 'actions', name, 'action.yml'), 'utf8')) as ActionMetadata;

/** The name of our action a step uses (`pavedpath/pavedpath/actions/<name>@…`), if any. */
export const ourAction = (step: Step) => OUR_ACTION.exec(step.uses ?? '')?.[1];

export const sorted = (names: Iterable<string>) => [...names].sort();

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
