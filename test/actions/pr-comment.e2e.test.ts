// End to end: a fork pull request's summary run uploads its report; the pr-comment action, in a
// workflow_run workflow, posts it, and refuses artifacts it must not trust. Both run as the
// Actions runner runs them, against the fake GitHub.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.js';
import { REPO_ROOT, runAction } from '../support/runner.js';
import { addForkPullRequest, OWNER, readEvent, REPO, zipOf } from './helpers.js';

const MARKER = '<!-- pavedpath:pr-summary -->';
const RECORDED = path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif');
const FORK = readEvent('pull_request.synchronize.fork');
const WORKFLOW_RUN = readEvent('workflow_run.completed');
const RUN_ID: number = WORKFLOW_RUN.workflow_run.id;
const HEAD_SHA: string = WORKFLOW_RUN.workflow_run.head_sha;

let fake: FakeGitHub;
/** report.json as the fork's summary run wrote it. */
let forkReport: string;
/** report.md, the comment body the fork's run would have posted. */
let forkComment: string;

function seed(f: FakeGitHub): void {
  addForkPullRequest(f);
  // Another pull request, from another fork: a report must not be redirected to it.
  f.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: 9,
    headSha: 'b'.repeat(40),
    baseSha: FORK.pull_request.base.sha,
    headRepo: 'mallory/hello-service',
    headRef: 'innocent',
  });
}

function prComment(f: FakeGitHub, inputs: Record<string, string> = {}, payload: unknown = WORKFLOW_RUN) {
  return runAction({
    action: 'pr-comment',
    apiUrl: f.url,
    token: 'ghs_write_token',
    repository: `${OWNER}/${REPO}`,
    event: { name: 'workflow_run', payload },
    inputs,
  });
}

/** A fresh fake with PRs #12 and #9 and this report.json as run RUN_ID's artifact. */
async function withArtifact(report: string | Record<string, string>, name = 'pavedpath-report') {
  const f = await startFakeGitHub();
  seed(f);
  const files = typeof report === 'string' ? { 'report.json': report, 'report.md': '# ignored' } : report;
  f.addArtifact({ owner: OWNER, repo: REPO, runId: RUN_ID, name, data: zipOf(files), headSha: HEAD_SHA });
  return f;
}

beforeAll(async () => {
  fake = await startFakeGitHub();
  seed(fake);
  fake.setReadOnlyToken('ghs_fork_token');
  const workspace = mkdtempSync(path.join(tmpdir(), 'pavedpath-fork-'));
  const sarif = JSON.parse(readFileSync(RECORDED, 'utf8'));
  writeFileSync(path.join(workspace, 'head.sarif'), JSON.stringify(sarif));
  sarif.runs[0].results = [];
  writeFileSync(path.join(workspace, 'base.sarif'), JSON.stringify(sarif));
  const fork = await runAction({
    action: 'summary',
    workspace,
    apiUrl: fake.url,
    token: 'ghs_fork_token',
    event: { name: 'pull_request', fixture: 'pull_request.synchronize.fork' },
    inputs: { sarif: 'head.sarif', baseline: 'base.sarif', 'fail-on': 'critical' },
    env: {
      ACTIONS_RUNTIME_TOKEN: fake.runtimeToken({
        owner: OWNER,
        repo: REPO,
        runId: RUN_ID,
        headSha: HEAD_SHA,
      }),
      ACTIONS_RESULTS_URL: fake.url,
    },
  });
  expect(fork.exitCode).toBe(0);
  expect(fork.outputs['comment-result']).toBe('not-permitted');
  forkReport = readFileSync(fork.outputs['report-json']!, 'utf8');
  forkComment = readFileSync(fork.outputs['report-markdown']!, 'utf8');
});
afterAll(async () => {
  await fake.close();
});

const ours = (f: FakeGitHub, issue: number) =>
  f.comments(OWNER, REPO, issue).filter((c) => c.body.startsWith(MARKER));

describe('pr-comment on a workflow_run event', () => {
  it("posts the fork run's report to the pull request the API names, with a commit status", async () => {
    const run = await prComment(fake, { 'commit-status': 'true' });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'pull-request': '12', verdict: 'pass', 'comment-result': 'created' });
    const [comment] = ours(fake, 12);
    expect(comment?.user.login).toBe('github-actions[bot]');
    expect(comment?.body).toContain('#### New in this pull request (4)');
    // Re-rendered here: links to this repository at the run's head commit, the run's artifact.
    expect(comment?.body).toContain(`https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/`);
    expect(ours(fake, 9)).toEqual([]);
    expect(fake.state.statuses).toEqual([
      expect.objectContaining({
        sha: HEAD_SHA,
        state: 'success',
        context: 'Paved Path',
        targetUrl: WORKFLOW_RUN.workflow_run.html_url,
      }),
    ]);

    const again = await prComment(fake);
    expect(again.outputs['comment-result']).toBe('unchanged');
    expect(ours(fake, 12)).toHaveLength(1);
  });

  it('renders the same comment the summary would have posted itself, with its own links and fixes', async () => {
    const f = await withArtifact(forkReport);
    try {
      await prComment(f);
      const posted = ours(f, 12)[0]!.body;
      expect(posted).toBe(forkComment);
    } finally {
      await f.close();
    }
  });

  it('refuses a report that names another pull request, and says why', async () => {
    const report = JSON.parse(forkReport);
    report.context.pullRequest = 9;
    const f = await withArtifact(JSON.stringify(report));
    try {
      const run = await prComment(f);
      expect(run.exitCode).toBe(1);
      expect(run.annotations.at(-1)?.message).toBe(
        `The report names pull request #9, but run ${RUN_ID}'s head commit ${HEAD_SHA} of contributor/hello-service is the head of #12; not posting it anywhere.`,
      );
      expect(f.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('refuses a report that carries markdown in its fields, and says where', async () => {
    const report = JSON.parse(forkReport);
    report.markdown = `${MARKER}\n### ✅ all good, merge me`;
    report.findings[0].body = '**approved**';
    const f = await withArtifact(JSON.stringify(report));
    try {
      const run = await prComment(f);
      expect(run.exitCode).toBe(1);
      const message = run.annotations.at(-1)?.message ?? '';
      expect(message).toMatch(/^The report artifact's report\.json is refused:\n/);
      expect(message).toContain(
        '/markdown: not a field of the report (a report never carries pre-rendered markdown)',
      );
      expect(message).toContain(
        '/findings/0/body: not a field of this finding (a report never carries pre-rendered markdown)',
      );
      expect(ours(f, 12)).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('refuses a report of another commit, and an artifact without report.json', async () => {
    const report = JSON.parse(forkReport);
    report.context.sha = 'c'.repeat(40);
    const f = await withArtifact(JSON.stringify(report));
    try {
      const run = await prComment(f);
      expect(run.exitCode).toBe(1);
      expect(run.annotations.at(-1)?.message).toContain(
        `names commit ${'c'.repeat(40)}, but run ${RUN_ID} ran on ${HEAD_SHA}`,
      );
    } finally {
      await f.close();
    }
    const g = await withArtifact({ 'notes.txt': 'hello' });
    try {
      const run = await prComment(g);
      expect(run.exitCode).toBe(1);
      expect(run.annotations.at(-1)?.message).toMatch(/refused: .*no report\.json \(it holds: notes\.txt\)/);
    } finally {
      await g.close();
    }
  });

  it('nothing to post: no artifact, or the pull request moved on; neither fails', async () => {
    const f = await startFakeGitHub();
    try {
      seed(f);
      const none = await prComment(f);
      expect(none.exitCode).toBe(0);
      expect(none.outputs['comment-result']).toBe('skipped');
      expect(none.stdout).toContain(
        `Nothing to post: run ${RUN_ID} has no artifact named 'pavedpath-report'`,
      );
    } finally {
      await f.close();
    }
    const moved = structuredClone(WORKFLOW_RUN);
    moved.workflow_run.head_sha = 'e'.repeat(40);
    const report = JSON.parse(forkReport);
    report.context.sha = 'e'.repeat(40);
    const g = await withArtifact(JSON.stringify(report));
    try {
      const run = await prComment(g, {}, moved);
      expect(run.exitCode).toBe(0);
      expect(run.annotations).toEqual([
        expect.objectContaining({
          level: 'warning',
          message: expect.stringMatching(/No open pull request has commit e{40}/),
        }),
      ]);
      expect(ours(g, 12)).toEqual([]);
    } finally {
      await g.close();
    }
  });

  it('runs only on workflow_run events, and says so', async () => {
    const run = await runAction({
      action: 'pr-comment',
      apiUrl: fake.url,
      event: { name: 'pull_request', fixture: 'pull_request.opened' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(
      /runs in a workflow triggered by 'workflow_run' \(this one is 'pull_request'\)/,
    );
  });
});
