import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type FakeGitHub, parseLinkHeader, startFakeGitHub } from './fake-github.js';

const OWNER = 'octo-org';
const REPO = 'hello-service';
const HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const BASE_SHA = '9b2f1c7e3a4d5b6c7d8e9f0a1b2c3d4e5f6a7b8c';
const TOKEN = 'ghs_writeToken000000000000000000000000';

let gh: FakeGitHub;

beforeEach(async () => {
  gh = await startFakeGitHub();
});

afterEach(async () => {
  await gh.close();
});

function api(
  path: string,
  init: RequestInit & { token?: string | null; json?: unknown } = {},
): Promise<Response> {
  const { token = TOKEN, json, ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('accept', 'application/vnd.github+json');
  if (token !== null) headers.set('authorization', `token ${token}`);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const body = json === undefined ? rest.body : JSON.stringify(json);
  return fetch(`${gh.url}${path}`, { ...rest, headers, body });
}

const commentsPath = (issue: number) => `/repos/${OWNER}/${REPO}/issues/${issue}/comments`;

function expectGitHubHeaders(res: Response): void {
  expect(res.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
  expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
  expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d{10}$/);
  expect(res.headers.get('x-ratelimit-used')).toMatch(/^\d+$/);
  expect(res.headers.get('x-ratelimit-resource')).toBe('core');
  expect(res.headers.get('x-github-request-id')).toMatch(/^[0-9A-F]+(:[0-9A-F]+){4}$/);
}

describe('server', () => {
  it('binds 127.0.0.1 only, on a random port, and says so in url', () => {
    const address = gh.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.family).toBe('IPv4');
    expect(address.port).toBeGreaterThan(0);
    expect(gh.url).toBe(`http://127.0.0.1:${address.port}`);
  });

  it('frees the port on close() and stops answering', async () => {
    const { port } = gh.server.address() as AddressInfo;
    await (await api(commentsPath(1))).text(); // leave a keep-alive connection open
    await gh.close();
    await gh.close(); // idempotent
    // fetch's TypeError comes from Node's realm, not Jest's VM: compare by name.
    await expect(fetch(`${gh.url}${commentsPath(1)}`)).rejects.toMatchObject({ name: 'TypeError' });
    const other = createServer();
    await new Promise<void>((resolve, reject) => {
      other.once('error', reject);
      other.listen(port, '127.0.0.1', resolve);
    });
    expect((other.address() as AddressInfo).port).toBe(port);
    await new Promise((resolve) => other.close(resolve));
  });

  it('answers unknown routes with GitHub 404 JSON and realistic headers', async () => {
    const res = await api('/repos/octo-org/hello-service/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expectGitHubHeaders(res);
    expect(await res.json()).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });
  });

  it('counts requests in the rate-limit headers', async () => {
    const first = await api(commentsPath(1));
    const second = await api(commentsPath(1));
    expect(Number(first.headers.get('x-ratelimit-remaining'))).toBe(4999);
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(4998);
    expect(second.headers.get('x-ratelimit-used')).toBe('2');
  });

  it('records requests with method, path, query, headers, parsed body and token', async () => {
    const before = Date.now();
    await api(`${commentsPath(7)}?per_page=5`, { headers: { 'x-custom': 'yes' } });
    await api(commentsPath(7), { method: 'POST', json: { body: 'hello' } });
    expect(gh.requests).toHaveLength(2);
    const [list, create] = gh.requests;
    expect(list).toMatchObject({
      method: 'GET',
      path: commentsPath(7),
      query: { per_page: '5' },
      status: 200,
    });
    expect(list?.headers['x-custom']).toBe('yes');
    expect(list?.headers.authorization).toBe(`token ${TOKEN}`);
    expect(list?.body).toBeUndefined();
    expect(create).toMatchObject({
      method: 'POST',
      body: { body: 'hello' },
      token: TOKEN,
      status: 201,
      faults: [],
    });
    expect(create?.rawBody).toBe('{"body":"hello"}');
    expect(create?.timestamp).toBeGreaterThanOrEqual(before);
    expect(create?.timestamp).toBeLessThanOrEqual(Date.now());
  });
});

describe('issue comments', () => {
  it('paginates 250 comments into 3 pages of per_page=100 with correct Link headers', async () => {
    for (let i = 0; i < 250; i++) gh.addComment(OWNER, REPO, 5, { body: `comment ${i}` });
    const url = (page: number) => `${gh.url}${commentsPath(5)}?per_page=100&page=${page}`;

    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = await api(`${commentsPath(5)}?per_page=100&page=${page}`);
      expect(res.status).toBe(200);
      pages.push({
        body: (await res.json()) as Array<{ id: number; body: string }>,
        link: res.headers.get('link'),
      });
    }
    expect(pages.map((p) => p.body.length)).toEqual([100, 100, 50]);
    expect(parseLinkHeader(pages[0]?.link)).toEqual({ next: url(2), last: url(3) });
    expect(parseLinkHeader(pages[1]?.link)).toEqual({
      prev: url(1),
      next: url(3),
      last: url(3),
      first: url(1),
    });
    expect(parseLinkHeader(pages[2]?.link)).toEqual({ prev: url(2), first: url(1) });
    // GitHub's order inside the header.
    expect(pages[1]?.link?.match(/rel="(\w+)"/g)).toEqual([
      'rel="prev"',
      'rel="next"',
      'rel="last"',
      'rel="first"',
    ]);

    const bodies = pages.flatMap((p) => p.body.map((c) => c.body));
    expect(bodies).toEqual(Array.from({ length: 250 }, (_, i) => `comment ${i}`));
  });

  it('follows rel="next" to the end, defaults per_page to 30 and caps it at 100', async () => {
    for (let i = 0; i < 250; i++) gh.addComment(OWNER, REPO, 5, { body: `c${i}` });
    const seen: number[] = [];
    let next: string | undefined = `${gh.url}${commentsPath(5)}`;
    let pages = 0;
    while (next) {
      const res = await fetch(next);
      seen.push(...((await res.json()) as Array<{ id: number }>).map((c) => c.id));
      next = parseLinkHeader(res.headers.get('link')).next;
      pages += 1;
    }
    expect(pages).toBe(9);
    expect(new Set(seen).size).toBe(250);
    const capped = await api(`${commentsPath(5)}?per_page=500`);
    expect(((await capped.json()) as unknown[]).length).toBe(100);
    expect(parseLinkHeader(capped.headers.get('link')).last).toBe(
      `${gh.url}${commentsPath(5)}?per_page=500&page=3`,
    );
  });

  it('omits Link when everything fits on one page', async () => {
    gh.addComment(OWNER, REPO, 5, { body: 'only one' });
    const res = await api(commentsPath(5));
    expect(res.headers.get('link')).toBeNull();
    expect(await res.json()).toHaveLength(1);
  });

  it('creates, reads, updates and deletes a comment', async () => {
    const created = await api(commentsPath(12), {
      method: 'POST',
      json: { body: '<!-- pavedpath -->\nfirst' },
    });
    expect(created.status).toBe(201);
    const comment = (await created.json()) as Record<string, unknown> & {
      id: number;
      user: { login: string };
    };
    expect(comment).toMatchObject({
      body: '<!-- pavedpath -->\nfirst',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: `https://github.com/${OWNER}/${REPO}/issues/12#issuecomment-${comment.id}`,
    });
    expect(typeof comment.node_id).toBe('string');
    expect(comment.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(comment.updated_at).toBe(comment.created_at);
    expect(created.headers.get('location')).toBe(
      `${gh.url}/repos/${OWNER}/${REPO}/issues/comments/${comment.id}`,
    );

    const single = `/repos/${OWNER}/${REPO}/issues/comments/${comment.id}`;
    expect(await (await api(single)).json()).toMatchObject({
      id: comment.id,
      body: '<!-- pavedpath -->\nfirst',
    });

    const updated = await api(single, { method: 'PATCH', json: { body: 'second' } });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ id: comment.id, body: 'second' });
    expect(gh.comments(OWNER, REPO, 12).map((c) => c.body)).toEqual(['second']);

    const deleted = await api(single, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await api(single)).status).toBe(404);
    expect(await (await api(commentsPath(12))).json()).toEqual([]);
    expect(gh.comments(OWNER, REPO, 12)).toEqual([]);
  });

  it('rejects comment bodies over 65536 characters and missing bodies with 422', async () => {
    const tooLong = await api(commentsPath(1), { method: 'POST', json: { body: 'x'.repeat(65537) } });
    expect(tooLong.status).toBe(422);
    expect(await tooLong.json()).toMatchObject({ message: 'Validation Failed', errors: [{ field: 'body' }] });
    const exact = await api(commentsPath(1), { method: 'POST', json: { body: 'x'.repeat(65536) } });
    expect(exact.status).toBe(201);
    expect((await api(commentsPath(1), { method: 'POST', json: {} })).status).toBe(422);
  });

  it('answers 403 "Resource not accessible by integration" to writes with a read-only token', async () => {
    gh.setReadOnlyToken('ghs_forkToken');
    const seeded = gh.addComment(OWNER, REPO, 3, { body: 'existing', user: 'someone' });
    const create = await api(commentsPath(3), {
      method: 'POST',
      token: 'ghs_forkToken',
      json: { body: 'nope' },
    });
    expect(create.status).toBe(403);
    expect(await create.json()).toMatchObject({
      message: 'Resource not accessible by integration',
      documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//),
    });
    expect(create.headers.get('x-accepted-github-permissions')).toContain('issues=write');
    const single = `/repos/${OWNER}/${REPO}/issues/comments/${seeded.id}`;
    const patch = await api(single, { method: 'PATCH', token: 'ghs_forkToken', json: { body: 'changed' } });
    expect(patch.status).toBe(403);
    expect((await api(single, { method: 'DELETE', token: 'ghs_forkToken' })).status).toBe(403);
    expect((await api(commentsPath(3), { token: 'ghs_forkToken' })).status).toBe(200);
    expect(gh.comments(OWNER, REPO, 3).map((c) => c.body)).toEqual(['existing']);
  });

  it('answers 401 to writes without a token, and acts as the user a token is mapped to', async () => {
    const anonymous = await api(commentsPath(3), { method: 'POST', token: null, json: { body: 'x' } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: 'Requires authentication' });
    gh.setTokenUser('ghp_maintainer', 'maintainer');
    const res = await api(commentsPath(3), { method: 'POST', token: 'ghp_maintainer', json: { body: 'x' } });
    expect(await res.json()).toMatchObject({ user: { login: 'maintainer', type: 'User' } });
  });
});

describe('faults', () => {
  it.each([500, 502, 503])('answers a %i status fault once with a JSON message', async (status) => {
    const rule = gh.fault({ kind: 'status', status });
    const failed = await api(commentsPath(1));
    expect(failed.status).toBe(status);
    expect(failed.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await failed.json()) as { message: string }).message).toEqual(expect.any(String));
    expect((await api(commentsPath(1))).status).toBe(200);
    expect(rule).toMatchObject({ remaining: 0, hits: 1 });
    expect(gh.requests.map((r) => r.faults)).toEqual([['status'], []]);
  });

  it('answers the primary rate limit with remaining 0 and a reset time', async () => {
    gh.fault({ kind: 'rate-limit', resetSeconds: 120 });
    const now = Math.floor(Date.now() / 1000);
    const res = await api(commentsPath(1));
    expect(res.status).toBe(403);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(now + 119);
    expect(reset).toBeLessThanOrEqual(now + 122);
    expect(((await res.json()) as { message: string }).message).toMatch(/^API rate limit exceeded for /);
  });

  it('rate-limits every call once the limit is used up', async () => {
    await gh.close();
    gh = await startFakeGitHub({ rateLimit: 2 });
    expect((await api(commentsPath(1))).status).toBe(200);
    expect((await api(commentsPath(1))).status).toBe(200);
    const limited = await api(commentsPath(1));
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('answers a secondary rate limit with retry-after', async () => {
    gh.fault({ kind: 'secondary-rate-limit', retryAfter: 7, method: 'POST' });
    expect((await api(commentsPath(1))).status).toBe(200); // GET does not match
    const res = await api(commentsPath(1), { method: 'POST', json: { body: 'x' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-remaining')).not.toBe('0');
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit/,
    );
    expect(gh.comments(OWNER, REPO, 1)).toEqual([]);
  });

  it('answers not-found on a route that exists, `times` times, matching a RegExp path', async () => {
    gh.addPullRequest({ owner: OWNER, repo: REPO, number: 4, headSha: HEAD_SHA, baseSha: BASE_SHA });
    const rule = gh.fault({ kind: 'not-found', path: /\/pulls\/4$/, times: 2 });
    expect((await api(commentsPath(4))).status).toBe(200);
    expect((await api(`/repos/${OWNER}/${REPO}/pulls/4`)).status).toBe(404);
    expect((await api(`/repos/${OWNER}/${REPO}/pulls/4`)).status).toBe(404);
    expect((await api(`/repos/${OWNER}/${REPO}/pulls/4`)).status).toBe(200);
    expect(rule.hits).toBe(2);
  });

  it('delays an answer, then handles it normally', async () => {
    gh.fault({ kind: 'delay', ms: 300, path: commentsPath(1) });
    const started = performance.now();
    const res = await api(commentsPath(1), { method: 'POST', json: { body: 'late' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(res.status).toBe(201);
    expect(gh.comments(OWNER, REPO, 1)).toHaveLength(1);
  });

  it('chains a delay with the next matching fault', async () => {
    gh.fault({ kind: 'delay', ms: 50 });
    gh.fault({ kind: 'status', status: 503 });
    expect((await api(commentsPath(1))).status).toBe(503);
    expect(gh.requests[0]?.faults).toEqual(['delay', 'status']);
  });

  it('resets the connection so fetch sees a network error', async () => {
    gh.fault({ kind: 'reset' });
    const error = await api(commentsPath(1)).then(
      () => undefined,
      (e: unknown) => e,
    );
    // fetch's TypeError comes from Node's realm, not Jest's VM: compare by name.
    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect((error as { cause?: { code?: string } }).cause?.code).toMatch(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    expect(gh.requests[0]?.status).toBeUndefined();
    expect((await api(commentsPath(1))).status).toBe(200);
  });
});

describe('pull requests', () => {
  beforeEach(() => {
    gh.addPullRequest({
      owner: OWNER,
      repo: REPO,
      number: 42,
      headSha: HEAD_SHA,
      baseSha: BASE_SHA,
      headRepo: 'contributor/hello-service',
      headRef: 'fix-login',
      files: Array.from({ length: 45 }, (_, i) => ({
        filename: `src/file${i}.ts`,
        additions: i,
        deletions: 1,
        patch: '@@ -1 +1 @@\n-a\n+b',
      })),
    });
  });

  it('returns a fork pull request with head and base', async () => {
    const res = await api(`/repos/${OWNER}/${REPO}/pulls/42`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      number: 42,
      state: 'open',
      head: { sha: HEAD_SHA, ref: 'fix-login', repo: { full_name: 'contributor/hello-service', fork: true } },
      base: { sha: BASE_SHA, ref: 'main', repo: { full_name: `${OWNER}/${REPO}`, fork: false } },
    });
    expect((await api(`/repos/${OWNER}/${REPO}/pulls/43`)).status).toBe(404);
  });

  it('paginates the files of a pull request', async () => {
    const first = await api(`/repos/${OWNER}/${REPO}/pulls/42/files`);
    const files = (await first.json()) as Array<Record<string, unknown>>;
    expect(files).toHaveLength(30);
    expect(files[3]).toMatchObject({
      filename: 'src/file3.ts',
      status: 'modified',
      additions: 3,
      deletions: 1,
      changes: 4,
    });
    expect(files[3]?.patch).toBe('@@ -1 +1 @@\n-a\n+b');
    const next = parseLinkHeader(first.headers.get('link')).next;
    expect(next).toBe(`${gh.url}/repos/${OWNER}/${REPO}/pulls/42/files?page=2`);
    expect(await (await fetch(next ?? '')).json()).toHaveLength(15);
  });

  it('lists pull requests whose head is a commit', async () => {
    const hits = (await (await api(`/repos/${OWNER}/${REPO}/commits/${HEAD_SHA}/pulls`)).json()) as unknown[];
    expect(hits).toEqual([expect.objectContaining({ number: 42 })]);
    expect(await (await api(`/repos/${OWNER}/${REPO}/commits/${BASE_SHA}/pulls`)).json()).toEqual([]);
  });
});

describe('list pull requests', () => {
  const pullsPath = `/repos/${OWNER}/${REPO}/pulls`;
  const numbers = async (query = '') => {
    const res = await api(`${pullsPath}${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as Array<{ number: number }>).map((pr) => pr.number);
  };

  beforeEach(() => {
    const seed = (number: number, extra: Partial<Parameters<FakeGitHub['addPullRequest']>[0]> = {}) =>
      gh.addPullRequest({ owner: OWNER, repo: REPO, number, headSha: HEAD_SHA, baseSha: BASE_SHA, ...extra });
    seed(1, { headRef: 'fix-login' });
    seed(2, { headRef: 'fix-login', headRepo: 'contributor/hello-service' });
    seed(3, { headRef: 'docs', baseRef: 'release', state: 'closed', merged: true });
    seed(4, { headRef: 'docs', headRepo: 'Contributor/hello-service', baseRef: 'release' });
    seed(5, { headRef: 'old', state: 'closed' });
    gh.addPullRequest({ owner: OWNER, repo: 'other-repo', number: 6, headSha: HEAD_SHA, baseSha: BASE_SHA });
  });

  it('lists open pull requests by default, newest first, rendered like a single pull request', async () => {
    const res = await api(pullsPath);
    const list = (await res.json()) as Array<Record<string, unknown>>;
    expect(list.map((pr) => pr.number)).toEqual([4, 2, 1]);
    const single = await (await api(`${pullsPath}/2`)).json();
    expect(list[1]).toEqual(single);
    expect(list[1]).toMatchObject({ head: { label: 'contributor:fix-login', repo: { fork: true } } });
  });

  it('filters by state, head (user:ref-name) and base', async () => {
    expect(await numbers('?state=closed')).toEqual([5, 3]);
    expect(await numbers('?state=all')).toEqual([5, 4, 3, 2, 1]);
    expect(await numbers('?head=contributor:fix-login')).toEqual([2]);
    expect(await numbers(`?head=${OWNER}:fix-login`)).toEqual([1]);
    expect(await numbers('?head=CONTRIBUTOR:docs&state=all')).toEqual([4]); // the user is case-insensitive
    expect(await numbers('?head=contributor:Fix-Login')).toEqual([]); // the ref is not
    expect(await numbers('?head=contributor:nope')).toEqual([]);
    // GitHub ignores a head without the user: prefix.
    expect(await numbers('?head=fix-login')).toEqual([4, 2, 1]);
    expect(await numbers('?base=release&state=all')).toEqual([4, 3]);
    expect(await numbers('?base=release&head=contributor:docs')).toEqual([4]);
    expect(await numbers('?sort=created&direction=asc&state=all')).toEqual([1, 2, 3, 4, 5]);
  });

  it('paginates like the other lists and refuses an unknown state', async () => {
    for (let n = 10; n < 45; n++) {
      gh.addPullRequest({ owner: OWNER, repo: REPO, number: n, headSha: HEAD_SHA, baseSha: BASE_SHA });
    }
    const first = await api(`${pullsPath}?per_page=20`);
    expect(((await first.json()) as unknown[]).length).toBe(20);
    const links = parseLinkHeader(first.headers.get('link'));
    expect(links.last).toBe(`${gh.url}${pullsPath}?per_page=20&page=2`);
    const second = (await (await fetch(links.next ?? '')).json()) as Array<{ number: number }>;
    const rest = Array.from({ length: 15 }, (_, i) => 24 - i);
    expect(second.map((pr) => pr.number)).toEqual([...rest, 4, 2, 1]);
    const invalid = await api(`${pullsPath}?state=merged`);
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [{ field: 'state' }],
    });
  });
});

describe('checks and statuses', () => {
  it('creates and completes a check run', async () => {
    const created = await api(`/repos/${OWNER}/${REPO}/check-runs`, {
      method: 'POST',
      json: { name: 'Paved Path', head_sha: HEAD_SHA, status: 'in_progress' },
    });
    expect(created.status).toBe(201);
    const run = (await created.json()) as { id: number };
    expect(run).toMatchObject({
      name: 'Paved Path',
      head_sha: HEAD_SHA,
      status: 'in_progress',
      conclusion: null,
    });
    const annotation = {
      path: 'a.ts',
      start_line: 1,
      end_line: 1,
      annotation_level: 'failure',
      message: 'm',
    };
    const updated = await api(`/repos/${OWNER}/${REPO}/check-runs/${run.id}`, {
      method: 'PATCH',
      json: { conclusion: 'failure', output: { title: 't', summary: 's', annotations: [annotation] } },
    });
    expect(await updated.json()).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(gh.state.checkRuns[0]?.annotations).toEqual([annotation]);
    const tooMany = Array.from({ length: 51 }, () => annotation);
    const rejected = await api(`/repos/${OWNER}/${REPO}/check-runs/${run.id}`, {
      method: 'PATCH',
      json: { output: { title: 't', summary: 's', annotations: tooMany } },
    });
    expect(rejected.status).toBe(422);
  });

  it('creates a commit status and refuses it for a read-only token', async () => {
    const path = `/repos/${OWNER}/${REPO}/statuses/${HEAD_SHA}`;
    const res = await api(path, { method: 'POST', json: { state: 'success', context: 'pavedpath/gate' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ state: 'success', context: 'pavedpath/gate' });
    expect(gh.state.statuses).toHaveLength(1);
    gh.setReadOnlyToken('ro');
    expect((await api(path, { method: 'POST', token: 'ro', json: { state: 'success' } })).status).toBe(403);
    expect((await api(path, { method: 'POST', json: { state: 'green' } })).status).toBe(422);
  });
});

describe('artifacts', () => {
  it('lists run artifacts and redirects the zip download to seeded bytes', async () => {
    const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const artifact = gh.addArtifact({
      owner: OWNER,
      repo: REPO,
      runId: 77,
      name: 'pavedpath-report',
      data: bytes,
    });
    gh.addArtifact({ owner: OWNER, repo: REPO, runId: 77, name: 'old', data: 'x', expired: true });
    const list = await api(`/repos/${OWNER}/${REPO}/actions/runs/77/artifacts`);
    const body = (await list.json()) as { total_count: number; artifacts: Array<Record<string, unknown>> };
    expect(body.total_count).toBe(2);
    expect(body.artifacts[0]).toMatchObject({
      id: artifact.id,
      name: 'pavedpath-report',
      size_in_bytes: 7,
      expired: false,
      archive_download_url: `${gh.url}/repos/${OWNER}/${REPO}/actions/artifacts/${artifact.id}/zip`,
    });
    const named = await api(`/repos/${OWNER}/${REPO}/actions/runs/77/artifacts?name=old`);
    expect(((await named.json()) as { total_count: number }).total_count).toBe(1);

    const zip = `/repos/${OWNER}/${REPO}/actions/artifacts/${artifact.id}/zip`;
    const redirect = await api(zip, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(new RegExp(`^${gh.url}/`));
    const followed = await api(zip);
    expect(followed.status).toBe(200);
    expect(followed.headers.get('content-type')).toBe('application/zip');
    expect(new Uint8Array(await followed.arrayBuffer())).toEqual(bytes);

    const expired = String(body.artifacts[1]?.id);
    expect((await api(`/repos/${OWNER}/${REPO}/actions/artifacts/${expired}/zip`)).status).toBe(410);
  });
});

describe('event fixtures', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook payloads are read field by field below
  const load = (name: string): any =>
    JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8'));
  const SHA = /^[0-9a-f]{40}$/;

  it('describe one repository, a same-repo PR and a fork PR', () => {
    const opened = load('pull_request.opened.json');
    const fork = load('pull_request.synchronize.fork.json');
    for (const event of [opened, fork]) {
      expect(event.installation).toBeUndefined();
      expect(event.number).toBe(event.pull_request.number);
      expect(event.repository).toMatchObject({ full_name: 'octo-org/hello-service', default_branch: 'main' });
      expect(event.pull_request.base.repo.full_name).toBe('octo-org/hello-service');
      expect(event.pull_request.head.sha).toMatch(SHA);
      expect(event.pull_request.base.sha).toMatch(SHA);
    }
    expect(opened.action).toBe('opened');
    expect(opened.pull_request.head.repo).toMatchObject({ full_name: 'octo-org/hello-service', fork: false });
    expect(fork.action).toBe('synchronize');
    expect(fork.pull_request.head.repo).toMatchObject({ full_name: 'contributor/hello-service', fork: true });
    expect(fork.pull_request.head.repo.owner.login).toBe('contributor');
    expect(fork.after).toBe(fork.pull_request.head.sha);
  });

  it('have a push and a fork workflow_run that fit the pull requests', () => {
    const push = load('push.json');
    const fork = load('pull_request.synchronize.fork.json');
    const run = load('workflow_run.completed.json');
    expect(push.ref).toBe('refs/heads/main');
    expect(push.before).toMatch(SHA);
    expect(push.head_commit.id).toBe(push.after);
    expect(push.commits.at(-1).id).toBe(push.after);
    expect(run.workflow_run).toMatchObject({
      event: 'pull_request',
      status: 'completed',
      head_sha: fork.pull_request.head.sha,
      head_branch: fork.pull_request.head.ref,
      head_repository: { full_name: 'contributor/hello-service' },
      pull_requests: [],
    });
    expect(run.workflow_run.artifacts_url).toMatch(/\/actions\/runs\/\d+\/artifacts$/);
  });

  it('let the fake resolve a fork workflow_run to its pull request by head SHA', async () => {
    const fork = load('pull_request.synchronize.fork.json');
    const run = load('workflow_run.completed.json').workflow_run;
    const [owner, repo] = fork.repository.full_name.split('/');
    gh.addPullRequest({
      owner,
      repo,
      number: fork.number,
      headSha: fork.pull_request.head.sha,
      headRef: fork.pull_request.head.ref,
      headRepo: fork.pull_request.head.repo.full_name,
      baseSha: fork.pull_request.base.sha,
    });
    const res = await api(`/repos/${owner}/${repo}/commits/${run.head_sha}/pulls`);
    const prs = (await res.json()) as Array<{ number: number; head: { repo: { full_name: string } } }>;
    expect(prs.map((pr) => pr.number)).toEqual([fork.number]);
    expect(prs[0]?.head.repo.full_name).toBe(run.head_repository.full_name);
  });
});
