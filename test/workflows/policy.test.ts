// The security policy of ARCHITECTURE.md ("Reliability and security rules") for every workflow and
// action.yml the lint discovers: actions/checkout never keeps the token, no pull_request_target
// run checks out the pull request, no run: interpolates a value a pull request or a caller controls,
// every job has permissions, a workflow_run workflow never checks out code (followed into the
// reusable workflows it calls), and our own actions are referenced by major tag only where that
// is allowed. Each rule is shown to report one violation planted in a small workflow, and the
// repository's own files are shown to be clean. lint.test.ts runs the linters and the older rules
// file by file; this file adds the rules of the reusable workflows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, test } from '@jest/globals';
import { parse } from 'yaml';
import {
  checkNoEventContextInRun,
  checkNoUntrustedValuesInRun,
  checkPermissionsDeclared,
  checkPinnedUses,
  checkPullRequestTarget,
  checkWorkflowHygiene,
  checkWorkflowRunNoCheckout,
  discoverLintTargets,
  formatProblems,
  type LintProblem,
  ownReusableWorkflowPath,
} from '../support/workflow-lint.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const targets = discoverLintTargets(ROOT);
const workflows = targets.filter((t) => t.kind === 'workflow');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const readOrUndefined = (file: string) => {
  try {
    return read(file);
  } catch {
    return undefined;
  }
};

const CHECKOUT = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';

function expectNoProblems(problems: LintProblem[]): void {
  expect(formatProblems(problems)).toBe('');
}

const lines = (problems: LintProblem[]) => problems.map((p) => p.line);

// ---------------------------------------------------------------------------------------------
// One planted violation per rule

describe('each rule reports a planted violation', () => {
  it('actions/checkout must set persist-credentials: false', () => {
    const workflow = `on: push
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - name: Check out
        uses: ${CHECKOUT}
        with:
          fetch-depth: 0
`;
    expect(formatProblems(checkWorkflowHygiene(workflow, 'w.yml'))).toBe(
      'w.yml:8 [policy] actions/checkout without persist-credentials: false',
    );
  });

  it('a pull_request_target workflow must not check out the pull request', () => {
    const workflow = (ref: string) => `on: pull_request_target
permissions: {}
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
          ref: ${ref}
`;
    for (const ref of [
      '${{ github.event.pull_request.head.sha }}',
      '${{ github.head_ref }}',
      'refs/pull/${{ github.event.number }}/merge',
      '${{ github.event.pull_request.merge_commit_sha }}',
    ]) {
      expect(formatProblems(checkPullRequestTarget(workflow(ref), 'w.yml'))).toBe(
        'w.yml:7 [policy] job "label" checks out the pull request\'s code in a pull_request_target workflow',
      );
    }
    const headRepository = workflow('main').replace(
      'ref: main',
      'repository: ${{ github.event.pull_request.head.repo.full_name }}',
    );
    expect(checkPullRequestTarget(headRepository, 'w.yml')).toHaveLength(1);
    // The base branch is the repository's own code; pull_request does not hold a writing token.
    expectNoProblems(checkPullRequestTarget(workflow('${{ github.base_ref }}'), 'w.yml'));
    expectNoProblems(
      checkPullRequestTarget(
        workflow('${{ github.event.pull_request.head.sha }}').replace('pull_request_target', 'pull_request'),
        'w.yml',
      ),
    );
  });

  it('run: must not interpolate github.event, head_ref, inputs, matrix or step and job outputs', () => {
    const workflow = `on:
  workflow_call:
    inputs:
      path:
        type: string
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        project: [a, b]
    steps:
      - id: title
        run: echo "\${{ github.event.pull_request.title }}"
      - run: echo "\${{ github.head_ref }}"
      - run: ls "\${{ inputs.path }}"
      - run: cd "\${{ matrix.project }}"
      - run: echo "\${{ steps.title.outputs.text }}"
      - run: echo "\${{ needs.discover.outputs.count }}"
      - run: echo "\${{ github['head_ref'] }}"
      - run: echo "\${{ runner.temp }} \${{ github.sha }} \${{ github.event_name }}"
      - env:
          PROJECT_PATH: \${{ inputs.path }}
          BRANCH: \${{ github.head_ref }}
        run: ls "$PROJECT_PATH" "$BRANCH"
`;
    expect(lines(checkNoEventContextInRun('workflow', workflow, 'w.yml'))).toEqual([15]);
    expect(lines(checkNoUntrustedValuesInRun('workflow', workflow, 'w.yml'))).toEqual([
      16, 17, 18, 19, 20, 21,
    ]);
    expect(checkNoUntrustedValuesInRun('workflow', workflow, 'w.yml')[1]?.message).toBe(
      'run: interpolates "${{ inputs.path }}"; pass the value through env: instead',
    );
  });

  it('every job, or the workflow, declares permissions', () => {
    const workflow = `on: pull_request
jobs:
  scan:
    permissions:
      contents: read
    uses: pavedpath/pavedpath/.github/workflows/pr-security.yml@v1
  other:
    runs-on: ubuntu-latest
    steps:
      - run: echo
`;
    expect(formatProblems(checkPermissionsDeclared(workflow, 'w.yml'))).toContain(
      'jobs without permissions: other',
    );
  });

  it('a workflow_run workflow never checks out, not even in a reusable workflow it calls', () => {
    const direct = `on:
  workflow_run:
    workflows: [Paved Path]
    types: [completed]
permissions: {}
jobs:
  comment:
    runs-on: ubuntu-latest
    permissions:
      pull-requests: write
    steps:
      - uses: ${CHECKOUT}
        with:
          persist-credentials: false
`;
    expect(formatProblems(checkWorkflowRunNoCheckout(direct, 'c.yml'))).toBe(
      'c.yml:12 [policy] job "comment" checks out code in a workflow_run workflow',
    );
    const caller = `on:
  workflow_run:
    workflows: [Paved Path]
    types: [completed]
permissions: {}
jobs:
  comment:
    permissions:
      pull-requests: write
    uses: pavedpath/pavedpath/.github/workflows/checks-out.yml@v1
`;
    const reusable = direct.replace(/on:[\s\S]*?permissions: \{\}/, 'on: workflow_call\npermissions: {}');
    const files: Record<string, string> = { '.github/workflows/checks-out.yml': reusable };
    expect(formatProblems(checkWorkflowRunNoCheckout(caller, 'c.yml', (f) => files[f]))).toBe(
      'c.yml:10 [policy] job "comment" calls .github/workflows/checks-out.yml, whose job "comment" checks out code, from a workflow_run workflow',
    );
    // The same checkout on pull_request is the pr-security flow, not this rule's business.
    expectNoProblems(
      checkWorkflowRunNoCheckout(direct.replace(/on:[\s\S]*?types: \[completed\]/, 'on: push'), 'c.yml'),
    );
  });

  it("allows our own actions at a major tag in reusable workflows only, where ./ would be the caller's", () => {
    const workflow = (on: string) => `on: ${on}
permissions: {}
jobs:
  scan:
    runs-on: ubuntu-latest
    steps:
      - uses: pavedpath/pavedpath@v1
      - uses: pavedpath/pavedpath/actions/pr-comment@v1
`;
    const problems = (on: string, file: string) => checkPinnedUses('workflow', workflow(on), file).length;
    expect(problems('workflow_call', '.github/workflows/pr-security.yml')).toBe(0);
    expect(problems('\n  workflow_call:\n    inputs: {}', '.github/workflows/pr-security.yml')).toBe(0);
    expect(problems('push', '.github/workflows/ci.yml')).toBe(2);
    expect(problems('[workflow_call, push]', '.github/workflows/both.yml')).toBe(2);
    expect(problems('workflow_call', 'some/other/place.yml')).toBe(2);
    expect(problems('pull_request', 'examples/go-service/.github/workflows/paved-path.yml')).toBe(0);
    expect(
      checkPinnedUses(
        'workflow',
        workflow('workflow_call').replace('@v1\n', '@main\n'),
        '.github/workflows/x.yml',
      ),
    ).toHaveLength(1);
  });

  it('reads our reusable workflows from every form of reference', () => {
    expect(ownReusableWorkflowPath('pavedpath/pavedpath/.github/workflows/pr-comment.yml@v1')).toBe(
      '.github/workflows/pr-comment.yml',
    );
    expect(ownReusableWorkflowPath('./.github/workflows/pr-comment.yml')).toBe(
      '.github/workflows/pr-comment.yml',
    );
    expect(ownReusableWorkflowPath('someone/else/.github/workflows/pr-comment.yml@v1')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// The repository's own files

describe('the repository follows every rule', () => {
  test.each(targets)('$path ($kind)', (target) => {
    const content = read(target.path);
    expectNoProblems([
      ...checkPinnedUses(target.kind, content, target.path),
      ...checkNoEventContextInRun(target.kind, content, target.path),
      ...checkNoUntrustedValuesInRun(target.kind, content, target.path),
      ...(target.kind === 'workflow'
        ? [
            ...checkPermissionsDeclared(content, target.path),
            ...checkWorkflowHygiene(content, target.path),
            ...checkPullRequestTarget(content, target.path),
            ...checkWorkflowRunNoCheckout(content, target.path, readOrUndefined),
          ]
        : []),
    ]);
  });

  /** The events of `on:` (a string, a list or a mapping). */
  const triggers = (file: string): string[] => {
    const on = (parse(read(file)) as { on?: unknown }).on;
    if (typeof on === 'string') return [on];
    if (Array.isArray(on)) return on.map(String);
    return typeof on === 'object' && on !== null ? Object.keys(on) : [];
  };

  it('uses no pull_request_target at all', () => {
    const using = workflows.filter((t) => triggers(t.path).includes('pull_request_target'));
    expect(using.map((t) => t.path)).toEqual([]);
    expect(workflows.filter((t) => triggers(t.path).includes('pull_request')).length).toBeGreaterThan(0);
  });

  type Job = { permissions?: Record<string, string>; steps?: Array<{ uses?: string; run?: string }> };
  const reusable = workflows
    .filter((t) => t.path.startsWith('.github/workflows/') && triggers(t.path).join() === 'workflow_call')
    .map((t) => ({
      file: t.path,
      doc: parse(read(t.path)) as { permissions?: unknown; jobs?: Record<string, Job> },
    }));

  it('finds the four reusable workflows', () => {
    expect(reusable.map((r) => r.file).sort()).toEqual([
      '.github/workflows/main-security.yml',
      '.github/workflows/monorepo-security.yml',
      '.github/workflows/pr-comment.yml',
      '.github/workflows/pr-security.yml',
    ]);
  });

  it.each(reusable.map((r) => [r.file, r] as const))(
    '%s grants nothing by default and each job only what it needs',
    (_file, { doc }) => {
      expect(doc.permissions).toEqual({});
      for (const job of Object.values(doc.jobs ?? {})) expect(job.permissions).toBeDefined();
    },
  );

  // Scopes that let a job change more than the pull request's own comment: such a job runs
  // GitHub's actions on data, never the scanners or a shell.
  const PRIVILEGED = ['security-events', 'id-token', 'attestations', 'contents', 'actions', 'statuses'];
  const ALLOWED_IN_PRIVILEGED_JOBS = [
    'actions/checkout@',
    'actions/download-artifact@',
    'github/codeql-action/upload-sarif@',
    'actions/attest-sbom@',
  ];

  it.each(reusable.map((r) => [r.file, r] as const))(
    '%s: a job that can write security events or sign runs no scanner and no shell',
    (_file, { doc }) => {
      for (const [id, job] of Object.entries(doc.jobs ?? {})) {
        const writes = Object.entries(job.permissions ?? {}).some(
          ([scope, level]) => PRIVILEGED.includes(scope) && level === 'write',
        );
        if (!writes) continue;
        for (const step of job.steps ?? []) {
          expect({ job: id, run: step.run }).toEqual({ job: id, run: undefined });
          expect(ALLOWED_IN_PRIVILEGED_JOBS.some((a) => (step.uses ?? '').startsWith(a))).toBe(true);
        }
      }
    },
  );
});
