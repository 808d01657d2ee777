// End to end: the summary action posts its sticky comment, and the pr-comment action posts for a
// fork, both run as the Actions runner runs them (dist/<name>/index.js) against the fake GitHub.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.js';
import { REPO_ROOT, runAction, type RunActionOptions } from '../support/runner.js';
import { addForkPullRequest, OWNER, readEvent, REPO } from './helpers.js';

const MARKER = '<!-- pavedpath:pr-summary -->';
const RECORDED = path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif');
const SAME_REPO = readEvent('pull_request.opened');
const FORK = readEvent('pull_request.synchronize.fork');
const WORKFLOW_RUN = readEvent('workflow_run.completed');

let fake: FakeGitHub;
let workspace: string;

/** A workspace with head SARIF (the recorded example), a smaller head, and an empty baseline. */
function makeWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-delivery-'));
  const sarif = JSON.parse(readFileSync(RECORDED, 'utf8'));
  writeFileSync(path.join(dir, 'head.sarif'), JSON.stringify(sarif));
  const fewer = structuredClone(sarif);
  fewer.runs[0].results = fewer.runs[0].results.slice(0, 1);
  writeFileSync(path.join(dir, 'fewer.sarif'), JSON.stringify(fewer));
  const empty = structuredClone(sarif);
  empty.runs[0].results = [];
  writeFileSync(path.join(dir, 'empty.sarif'), JSON.stringify(empty));
  return dir;
}

function seedPulls(f: FakeGitHub): void {
  f.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: 7,
    headSha: SAME_REPO.pull_request.head.sha,
    baseSha: SAME_REPO.pull_request.base.sha,
    headRef: SAME_REPO.pull_request.head.ref,
  });
  addForkPullRequest(f);
}

beforeAll(async () => {
  fake = await startFakeGitHub();
  seedPulls(fake);
  workspace = makeWorkspace();
});
afterAll(async () => {
  await fake.close();
});

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
/** REST calls (not the artifact service or blob storage) made while `fn` ran. */
async function counting<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; calls: { method: string; path: string }[] }> {
  const before = fake.requests.length;
  const result = await fn();
  const calls = fake.requests
    .slice(before)
    .filter((r) => r.path.startsWith('/repos/'))
    .map((r) => ({ method: r.method, path: r.path }));
  return { result, calls };
}

function summary(options: Partial<RunActionOptions> & { inputs?: Record<string, string> }) {
  return runAction({
    action: 'summary',
    workspace,
    apiUrl: fake.url,
    event: { name: 'pull_request', fixture: 'pull_request.opened' },
    ...options,
    inputs: { sarif: 'head.sarif', baseline: 'empty.sarif', 'fail-on': 'none', ...options.inputs },
  });
}

const ours = (issue: number) => fake.comments(OWNER, REPO, issue).filter((c) => c.body.startsWith(MARKER));

describe('summary: one sticky comment per pull request', () => {
  it('creates one comment, updates it in place, then writes nothing', async () => {
    fake.addComment(OWNER, REPO, 7, { body: 'Thanks for the PR!', user: 'maintainer' });
    const first = await counting(() => summary({}));
    expect(first.result.stderr).toBe('');
    expect(first.result.exitCode).toBe(0);
    expect(first.result.outputs['comment-result']).toBe('created');
    expect(ours(7)).toHaveLength(1);
    const comment = ours(7)[0]!;
    expect(comment.body).toBe(readFileSync(first.result.outputs['report-markdown']!, 'utf8'));
    expect(comment.body).toContain('#### New in this pull request (4)');
    expect(first.result.outputs['comment-id']).toBe(String(comment.id));
    expect(first.calls.map((c) => c.method)).toEqual(['GET', 'POST', 'GET']);

    const second = await counting(() => summary({ inputs: { sarif: 'fewer.sarif' } }));
    expect(second.result.outputs['comment-result']).toBe('updated');
    expect(ours(7).map((c) => c.id)).toEqual([comment.id]);
    expect(ours(7)[0]!.body).toBe(readFileSync(second.result.outputs['report-markdown']!, 'utf8'));
    // An update costs at most 3 calls with the comment on the first page: here 2 (list, update).
    expect(second.calls.length).toBeLessThanOrEqual(3);
    expect(second.calls.map((c) => c.method)).toEqual(['GET', 'PATCH']);

    const third = await counting(() => summary({ inputs: { sarif: 'fewer.sarif' } }));
    expect(third.result.outputs['comment-result']).toBe('unchanged');
    expect(third.calls.filter((c) => WRITES.has(c.method))).toEqual([]);
    expect(fake.comments(OWNER, REPO, 7)).toHaveLength(2); // the maintainer's and ours
  });

  it('finds its comment on a later page', async () => {
    const f = await startFakeGitHub();
    try {
      seedPulls(f);
      f.addComment(OWNER, REPO, 7, { body: `${MARKER}\nold report` });
      for (let i = 0; i < 120; i++) f.addComment(OWNER, REPO, 7, { body: `comment ${i}`, user: 'someone' });
      const run = await summary({ apiUrl: f.url });
      expect(run.outputs['comment-result']).toBe('updated');
      expect(f.comments(OWNER, REPO, 7).filter((c) => c.body.startsWith(MARKER))).toHaveLength(1);
    } finally {
      await f.close();
    }
  });

  it('auto mode: no comment for a clean pull request, but an earlier comment turns green', async () => {
    const f = await startFakeGitHub();
    try {
      seedPulls(f);
      const clean = await summary({ apiUrl: f.url, inputs: { sarif: 'empty.sarif' } });
      expect(clean.outputs['comment-result']).toBe('skipped');
      expect(f.comments(OWNER, REPO, 7)).toEqual([]);
      await summary({ apiUrl: f.url });
      const fixed = await summary({ apiUrl: f.url, inputs: { sarif: 'empty.sarif' } });
      expect(fixed.outputs['comment-result']).toBe('updated');
      expect(f.comments(OWNER, REPO, 7)[0]!.body).toContain('### ✅ Paved Path');
      const never = await counting(() => summary({ apiUrl: f.url, inputs: { comment: 'never' } }));
      expect(never.result.outputs['comment-result']).toBe('skipped');
    } finally {
      await f.close();
    }
  });

  it('two runs racing on one pull request leave one comment', async () => {
    const f = await startFakeGitHub();
    try {
      seedPulls(f);
      // Both runs list before either comment exists (the creates are held back): the race a plain
      // "find, else create" loses.
      f.fault({
        method: 'POST',
        path: `/repos/${OWNER}/${REPO}/issues/7/comments`,
        kind: 'delay',
        ms: 2500,
        times: 2,
      });
      const runs = await Promise.all([
        summary({ apiUrl: f.url }),
        summary({ apiUrl: f.url, inputs: { sarif: 'fewer.sarif' } }),
      ]);
      expect(runs.map((r) => r.exitCode)).toEqual([0, 0]);
      const posts = f.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues/7/comments'));
      expect(posts).toHaveLength(2); // both created…
      expect(f.comments(OWNER, REPO, 7).filter((c) => c.body.startsWith(MARKER))).toHaveLength(1); // …one is left
    } finally {
      await f.close();
    }
  });
});

describe('summary: fork pull requests and read-only tokens', () => {
  it('a fork run makes no write call, uploads the report artifact, and says how to enable comments', async () => {
    const f = await startFakeGitHub();
    try {
      seedPulls(f);
      f.setReadOnlyToken('ghs_fork_token');
      const runtimeToken = f.runtimeToken({
        owner: OWNER,
        repo: REPO,
        runId: WORKFLOW_RUN.workflow_run.id,
        headSha: FORK.pull_request.head.sha,
      });
      const common = {
        apiUrl: f.url,
        token: 'ghs_fork_token',
        event: { name: 'pull_request', fixture: 'pull_request.synchronize.fork' },
        env: { ACTIONS_RUNTIME_TOKEN: runtimeToken, ACTIONS_RESULTS_URL: `${f.url}/` },
      };
      const run = await summary({ ...common, inputs: { 'fail-on': 'medium' } });
      const apiWrites = f.requests.filter((r) => r.path.startsWith('/repos/') && WRITES.has(r.method));
      expect(apiWrites).toEqual([]);
      expect(run.outputs['comment-result']).toBe('not-permitted');
      // The gate decides the exit status: the recorded example has 4 new medium-severity findings.
      expect(run.outputs.verdict).toBe('fail');
      expect(run.exitCode).toBe(1);
      const notice = run.annotations.find((a) => a.title === 'PR comment not posted');
      expect(notice?.level).toBe('notice');
      expect(notice?.message).toMatch(
        /fork.*read-only.*job summary.*'pavedpath-report' artifact.*pr-comment workflow \(https:\/\/github\.com\/pavedpath\/pavedpath\/blob\/main\/docs\/fork-pull-requests\.md\)/,
      );
      expect(notice?.message.split('\n')).toHaveLength(1);
      expect(run.summary).toContain('Paved Path');
      const artifacts = f.state.runArtifacts(OWNER, REPO, WORKFLOW_RUN.workflow_run.id);
      expect(artifacts.map((a) => a.name)).toEqual(['pavedpath-report']);
      expect(run.outputs['artifact-id']).toBe(String(artifacts[0]!.id));

      const zip = path.join(mkdtempSync(path.join(tmpdir(), 'pavedpath-zip-')), 'a.zip');
      writeFileSync(zip, artifacts[0]!.data);
      const report = execFileSync('unzip', ['-p', zip, 'report.json'], { encoding: 'utf8' });
      expect(report).toBe(readFileSync(run.outputs['report-json']!, 'utf8'));

      const passing = await summary({
        ...common,
        env: {
          ...common.env,
          ACTIONS_RUNTIME_TOKEN: f.runtimeToken({ owner: OWNER, repo: REPO, runId: 99 }),
        },
      });
      expect(passing.exitCode).toBe(0);
      expect(f.requests.filter((r) => r.path.startsWith('/repos/') && WRITES.has(r.method))).toEqual([]);
    } finally {
      await f.close();
    }
  });

  it('a same-repository token without write access: a notice, the artifact, and the gate decides', async () => {
    const f = await startFakeGitHub();
    try {
      seedPulls(f);
      f.setReadOnlyToken('ghs_read_only');
      const run = await summary({
        apiUrl: f.url,
        token: 'ghs_read_only',
        env: {
          ACTIONS_RUNTIME_TOKEN: f.runtimeToken({ owner: OWNER, repo: REPO, runId: 4242 }),
          ACTIONS_RESULTS_URL: f.url,
        },
      });
      expect(run.exitCode).toBe(0);
      expect(run.outputs['comment-result']).toBe('not-permitted');
      expect(run.annotations.find((a) => a.title === 'PR comment not posted')?.message).toMatch(
        /pull-requests: write/,
      );
      expect(f.state.runArtifacts(OWNER, REPO, 4242)).toHaveLength(1);
      const strict = await summary({
        apiUrl: f.url,
        token: 'ghs_read_only',
        inputs: { 'fail-on-comment-error': 'true', 'upload-artifact': 'never' },
      });
      expect(strict.exitCode).toBe(1);
      expect(strict.annotations.at(-1)?.message).toMatch(
        /not posted \(not-permitted\).*'fail-on-comment-error' is true/,
      );
    } finally {
      await f.close();
    }
  });
});
