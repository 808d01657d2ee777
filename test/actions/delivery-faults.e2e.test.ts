// End to end: the summary action under GitHub API faults (5xx, rate limits, a deleted pull
// request, connection resets, no network at all), run as the Actions runner runs it, against the
// fake GitHub. A fault never loses the report and never fails the step unless asked to.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.js';
import { EVENTS_DIR, REPO_ROOT, runAction } from '../support/runner.js';

const OWNER = 'octo-org';
const REPO = 'hello-service';
const MARKER = '<!-- pavedpath:pr-summary -->';
const COMMENTS = `/repos/${OWNER}/${REPO}/issues/7/comments`;
const PR = JSON.parse(readFileSync(path.join(EVENTS_DIR, 'pull_request.opened.json'), 'utf8'));
let workspace: string;

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'pavedpath-faults-'));
  const sarif = JSON.parse(
    readFileSync(
      path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif'),
      'utf8',
    ),
  );
  writeFileSync(path.join(workspace, 'head.sarif'), JSON.stringify(sarif));
  sarif.runs[0].results = [];
  writeFileSync(path.join(workspace, 'base.sarif'), JSON.stringify(sarif));
});

async function withFake<T>(fn: (f: FakeGitHub) => Promise<T>): Promise<T> {
  const f = await startFakeGitHub();
  f.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: 7,
    headSha: PR.pull_request.head.sha,
    baseSha: PR.pull_request.base.sha,
  });
  try {
    return await fn(f);
  } finally {
    await f.close();
  }
}

function summary(apiUrl: string, inputs: Record<string, string> = {}) {
  return runAction({
    action: 'summary',
    workspace,
    apiUrl,
    event: { name: 'pull_request', fixture: 'pull_request.opened' },
    inputs: { sarif: 'head.sarif', baseline: 'base.sarif', 'fail-on': 'none', ...inputs },
    timeoutMs: 120_000,
  });
}

const ours = (f: FakeGitHub) => f.comments(OWNER, REPO, 7).filter((c) => c.body.startsWith(MARKER));
const calls = (f: FakeGitHub, method: string) =>
  f.requests.filter((r) => r.method === method && r.path === COMMENTS);

/** The report survives: report.json and the job summary are written whatever the API did. */
function expectReportKept(run: Awaited<ReturnType<typeof summary>>): void {
  expect(existsSync(run.outputs['report-json']!)).toBe(true);
  expect(run.summary).toContain('Paved Path');
}

describe('summary delivery under API faults', () => {
  it('retries a 5xx and a connection reset, then comments once', async () => {
    await withFake(async (f) => {
      f.fault({ method: 'GET', path: COMMENTS, kind: 'status', status: 502, times: 1 });
      f.fault({ method: 'POST', path: COMMENTS, kind: 'reset', times: 1 });
      const run = await summary(f.url);
      expect(run.exitCode).toBe(0);
      expect(run.outputs['comment-result']).toBe('created');
      expect(calls(f, 'GET')[0]?.status).toBe(502);
      expect(calls(f, 'POST')).toHaveLength(2); // the reset one, and the retry
      expect(ours(f)).toHaveLength(1);
    });
  }, 60_000);

  it('waits out a primary rate limit that resets soon, and a secondary one per retry-after', async () => {
    await withFake(async (f) => {
      f.fault({ method: 'GET', path: COMMENTS, kind: 'rate-limit', resetSeconds: 1, times: 1 });
      f.fault({ method: 'POST', path: COMMENTS, kind: 'secondary-rate-limit', retryAfter: 1, times: 1 });
      const run = await summary(f.url);
      expect(run.exitCode).toBe(0);
      expect(run.outputs['comment-result']).toBe('created');
      expect(run.stdout).toMatch(
        /GitHub rate limit on GET .*issues\/7\/comments.*: waiting \d+ s, then retrying\./,
      );
      expect(run.stdout).toMatch(/GitHub secondary rate limit on POST .*: waiting 1 s, then retrying\./);
      expect(ours(f)).toHaveLength(1);
    });
  }, 60_000);

  it('does not wait an hour for a rate limit: it warns, keeps the report, and passes', async () => {
    await withFake(async (f) => {
      f.fault({ method: 'GET', path: COMMENTS, kind: 'rate-limit', resetSeconds: 3600, times: Infinity });
      const run = await summary(f.url);
      expect(run.exitCode).toBe(0);
      expect(run.outputs['comment-result']).toBe('failed');
      expect(run.stdout).toMatch(/resets in \d+ s, longer than the 60 s this step waits; giving up/);
      const warning = run.annotations.find((a) => a.title === 'PR comment not posted');
      expect(warning).toMatchObject({ level: 'warning' });
      expect(warning?.message).toMatch(
        /^Could not comment on pull request #7: GitHub's API rate limit was hit/,
      );
      expect(calls(f, 'GET')).toHaveLength(1);
      expectReportKept(run);
    });
  }, 60_000);

  it('a pull request that is gone (404) is a warning, not a failure', async () => {
    await withFake(async (f) => {
      f.fault({ path: COMMENTS, kind: 'not-found', times: Infinity });
      const run = await summary(f.url, { 'fail-on-comment-error': 'true' });
      expect(run.exitCode).toBe(0);
      expect(run.outputs['comment-result']).toBe('gone');
      expect(run.annotations.find((a) => a.title === 'PR comment not posted')).toMatchObject({
        level: 'warning',
        message: expect.stringMatching(/^pull request #7 was not found; it may have been deleted/),
      });
      expectReportKept(run);
    });
  }, 60_000);

  it('GitHub down for good: retried, then a warning; the step fails only with fail-on-comment-error', async () => {
    await withFake(async (f) => {
      f.fault({ method: 'POST', path: COMMENTS, kind: 'status', status: 503, times: Infinity });
      const run = await summary(f.url, { 'fail-on-comment-error': 'true' });
      expect(calls(f, 'POST')).toHaveLength(4); // the first try and 3 retries
      expect(run.outputs['comment-result']).toBe('failed');
      expect(run.exitCode).toBe(1);
      expect(run.annotations.at(-1)?.message).toBe(
        "The PR comment was not posted (failed) and 'fail-on-comment-error' is true.",
      );
      expectReportKept(run);
    });
  }, 60_000);

  it('no network at all: the report is kept and a warning says so; the gate alone decides', async () => {
    // A port that nothing listens on: every connection is refused.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => {
          resolve(p);
        });
      });
    });
    const run = await summary(`http://127.0.0.1:${port}`);
    expect(run.exitCode).toBe(0);
    expect(run.outputs['comment-result']).toBe('failed');
    const warning = run.annotations.find((a) => a.title === 'PR comment not posted');
    expect(warning?.message).toMatch(/GitHub could not be reached .*ECONNREFUSED/);
    expect(warning?.message).toMatch(/The report is kept in the job summary/);
    expectReportKept(run);
  }, 60_000);
});
