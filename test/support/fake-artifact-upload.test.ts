// The fake as the Actions results service and its blob storage, driven by the real
// @actions/artifact client (what the summary action uploads its report with), and by raw HTTP for
// the wire details the client never shows.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ARTIFACT_SERVICE, BLOB_PREFIX, type FakeGitHub, startFakeGitHub } from './fake-github.js';

const OWNER = 'octo-org';
const REPO = 'hello-service';
const RUN_ID = 8_123_456_789;
const HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const NAME = 'pavedpath-report';
const REST_TOKEN = 'ghs_restToken000000000000000000000000000';
const ENV_KEYS = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RESULTS_URL',
  'GITHUB_API_URL',
  'GITHUB_SERVER_URL',
  'GITHUB_WORKSPACE',
] as const;

let gh: FakeGitHub;
let savedEnv: Record<string, string | undefined>;
let workspace: string;

beforeEach(async () => {
  gh = await startFakeGitHub();
  savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  workspace = mkdtempSync(join(tmpdir(), 'fake-artifact-upload-'));
  process.env.ACTIONS_RESULTS_URL = gh.url;
  process.env.GITHUB_API_URL = gh.url;
  process.env.GITHUB_SERVER_URL = 'https://github.com';
  process.env.GITHUB_WORKSPACE = workspace;
});

afterEach(async () => {
  for (const key of ENV_KEYS) {
    const value = savedEnv[key];
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  }
  rmSync(workspace, { recursive: true, force: true });
  await gh.close();
});

/** The files of the report, relative to the workspace, with their bytes. */
function writeReport(files: Record<string, Buffer | string>): string[] {
  return Object.entries(files).map(([relative, content]) => {
    const path = join(workspace, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    return path;
  });
}

async function upload(token: string, files: string[], name = NAME) {
  process.env.ACTIONS_RUNTIME_TOKEN = token;
  const { DefaultArtifactClient } = await import('@actions/artifact');
  return new DefaultArtifactClient().uploadArtifact(name, files, workspace);
}

const rest = (path: string, init: RequestInit = {}) =>
  fetch(`${gh.url}${path}`, {
    ...init,
    headers: { accept: 'application/vnd.github+json', authorization: `token ${REST_TOKEN}` },
  });

/** Entry names and contents of a zip, read by Info-ZIP's unzip. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const file = join(workspace, `downloaded-${randomBytes(4).toString('hex')}.zip`);
  writeFileSync(file, zip);
  const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const entries = new Map<string, Buffer>();
  for (const name of names.filter((n) => !n.endsWith('/'))) {
    entries.set(name, execFileSync('unzip', ['-p', file, name], { maxBuffer: 64 * 1024 * 1024 }));
  }
  return entries;
}

async function twirp(
  method: string,
  body: unknown,
  token: string | null,
  contentType = 'application/json',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${gh.url}/twirp/${ARTIFACT_SERVICE}/${method}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(res.headers.get('content-type')).toBe('application/json');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The backend ids in a runtime token's Actions.Results scope. */
function backendIds(token: string): { run: string; job: string } {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    scp: string;
  };
  const scope = payload.scp.split(' ').find((s) => s.startsWith('Actions.Results:')) ?? '';
  const [, run = '', job = ''] = scope.split(':');
  return { run, job };
}

describe('the real DefaultArtifactClient uploading to the fake', () => {
  it('uploads a zip that the run lists and the REST zip route serves byte for byte', async () => {
    const report = JSON.stringify({ findings: [{ id: 'js/sql-injection', line: 12 }] });
    const binary = randomBytes(9 * 1024 * 1024); // incompressible, above the 8 MiB block size
    const files = writeReport({
      'report.json': report,
      'details/sarif.json': '{"version":"2.1.0"}\n',
      'details/blob.bin': binary,
    });
    const token = gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID, headSha: HEAD_SHA });

    const result = await upload(token, files);

    expect(gh.state.artifacts).toHaveLength(1);
    const artifact = gh.state.artifacts[0]!;
    expect(artifact).toMatchObject({
      id: result.id,
      owner: OWNER,
      repo: REPO,
      runId: RUN_ID,
      name: NAME,
      expired: false,
      headSha: HEAD_SHA,
      headBranch: 'main',
      digest: `sha256:${result.digest}`,
    });
    expect(artifact.data.length).toBe(result.size);

    // What went over the wire: twirp JSON with proto field names, blocks, block list, finalize.
    const ids = backendIds(token);
    const [create, ...rest_] = gh.requests;
    expect(create).toMatchObject({
      method: 'POST',
      path: `/twirp/${ARTIFACT_SERVICE}/CreateArtifact`,
      service: 'results',
      token,
      status: 200,
      body: {
        workflow_run_backend_id: ids.run,
        workflow_job_run_backend_id: ids.job,
        name: NAME,
        version: 7,
        mime_type: 'application/zip',
      },
    });
    expect(create?.headers.authorization).toBe(`Bearer ${token}`);
    const blocks = rest_.filter((r) => r.query.comp === 'block');
    const blockLists = rest_.filter((r) => r.query.comp === 'blocklist');
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(blockLists).toHaveLength(1);
    for (const r of [...blocks, ...blockLists]) {
      expect(r).toMatchObject({ method: 'PUT', service: 'blob', status: 201 });
      expect(r.path.startsWith(BLOB_PREFIX)).toBe(true);
      expect(r.query.sig).toEqual(expect.any(String));
    }
    expect(Buffer.concat(blocks.map((r) => r.bytes)).equals(artifact.data)).toBe(true);
    expect(blockLists[0]?.headers['x-ms-blob-content-type']).toBe('application/zip');
    const finalize = gh.requests.at(-1);
    expect(finalize).toMatchObject({
      path: `/twirp/${ARTIFACT_SERVICE}/FinalizeArtifact`,
      status: 200,
      body: { name: NAME, size: String(result.size), hash: `sha256:${result.digest}` },
    });
    // The results service does not spend the REST API's rate limit.
    expect(gh.state.rateLimit.used).toBe(0);

    // The REST API lists it for the run and serves its zip.
    const listed = await rest(`/repos/${OWNER}/${REPO}/actions/runs/${RUN_ID}/artifacts?name=${NAME}`);
    const list = (await listed.json()) as { total_count: number; artifacts: Array<Record<string, unknown>> };
    expect(list.total_count).toBe(1);
    expect(list.artifacts[0]).toMatchObject({
      id: result.id,
      name: NAME,
      size_in_bytes: result.size,
      digest: `sha256:${result.digest}`,
      expired: false,
      workflow_run: { id: RUN_ID, head_sha: HEAD_SHA, head_branch: 'main' },
    });
    const download = await rest(`/repos/${OWNER}/${REPO}/actions/artifacts/${result.id}/zip`);
    expect(download.status).toBe(200);
    const zip = Buffer.from(await download.arrayBuffer());
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const entries = unzip(zip);
    expect([...entries.keys()].sort()).toEqual(['details/blob.bin', 'details/sarif.json', 'report.json']);
    expect(entries.get('report.json')?.toString('utf8')).toBe(report);
    expect(entries.get('details/sarif.json')?.toString('utf8')).toBe('{"version":"2.1.0"}\n');
    expect(entries.get('details/blob.bin')?.equals(binary)).toBe(true);
  });

  it('refuses a second artifact of the same name in the run with 409 Conflict, as the service does', async () => {
    const files = writeReport({ 'report.json': '{"first":true}' });
    const first = await upload(gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID }), files);
    expect(first.id).toBeGreaterThan(0);

    // Another job of the same run (its own token, same run backend id).
    const otherJob = gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID });
    await expect(upload(otherJob, files)).rejects.toThrow(
      'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: ' +
        'an artifact with this name already exists on the workflow run',
    );
    const refused = gh.requests.at(-1);
    expect(refused).toMatchObject({ status: 409, path: `/twirp/${ARTIFACT_SERVICE}/CreateArtifact` });
    expect(gh.state.artifacts.map((a) => a.id)).toEqual([first.id]);
    expect(gh.requests.filter((r) => r.service === 'blob')).toHaveLength(2); // the first upload's only

    // The same name in another run is fine.
    const nextRun = await upload(gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID + 1 }), files);
    expect(gh.state.artifacts.map((a) => [a.runId, a.name])).toEqual([
      [RUN_ID, NAME],
      [RUN_ID + 1, NAME],
    ]);
    expect(nextRun.id).not.toBe(first.id);
  });

  it('refuses a runtime token it did not issue with 401, before anything is stored', async () => {
    const files = writeReport({ 'report.json': '{}' });
    const other = await startFakeGitHub();
    try {
      const foreign = other.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID });
      await expect(upload(foreign, files)).rejects.toThrow(
        /^Failed to CreateArtifact: Received non-retryable error: Failed request: \(401\) Unauthorized: invalid runtime token/,
      );
    } finally {
      await other.close();
    }
    // A token of this fake with its claims edited (another run's ids) fails its signature too.
    const mine = gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID });
    const theirs = gh.runtimeToken({ owner: OWNER, repo: 'other-repo', runId: 1 });
    const [header, , signature] = mine.split('.');
    const forged = `${header}.${theirs.split('.')[1]}.${signature}`;
    await expect(upload(forged, files)).rejects.toThrow('(401) Unauthorized');
    expect(gh.requests.map((r) => r.status)).toEqual([401, 401]);
    expect(gh.state.artifacts).toEqual([]);
    expect(gh.state.results.pending).toEqual([]);
  });

  it('lists, finds, downloads and deletes through the results service too', async () => {
    const files = writeReport({ 'report.json': '{"ok":1}', 'extra/notes.txt': 'notes\n' });
    const token = gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID });
    const uploaded = await upload(token, files);
    // A seeded artifact of the same run is listed as well; one of another run is not.
    const seeded = gh.addArtifact({
      owner: OWNER,
      repo: REPO,
      runId: RUN_ID,
      name: 'seeded',
      data: gh.state.artifacts[0]!.data,
    });
    gh.addArtifact({ owner: OWNER, repo: REPO, runId: RUN_ID + 1, name: 'elsewhere', data: 'x' });

    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const { artifacts } = await client.listArtifacts();
    expect(artifacts.map((a) => [a.id, a.name, a.size])).toEqual([
      [uploaded.id, NAME, uploaded.size],
      [seeded.id, 'seeded', seeded.data.length],
    ]);
    expect(artifacts[0]?.digest).toBe(`sha256:${uploaded.digest}`);
    expect((await client.getArtifact(NAME)).artifact.id).toBe(uploaded.id);

    for (const id of [uploaded.id!, seeded.id]) {
      const target = join(workspace, `out-${id}`);
      const { downloadPath } = await client.downloadArtifact(id, { path: target });
      expect(downloadPath).toBe(target);
      expect(readFileSync(join(target, 'report.json'), 'utf8')).toBe('{"ok":1}');
      expect(readFileSync(join(target, 'extra/notes.txt'), 'utf8')).toBe('notes\n');
    }

    expect((await client.deleteArtifact(NAME)).id).toBe(uploaded.id);
    expect(gh.state.artifacts.map((a) => a.name)).toEqual(['seeded', 'elsewhere']);
    // The name is free again.
    const again = await upload(gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID }), files);
    expect(gh.state.artifacts.find((a) => a.name === NAME)?.id).toBe(again.id);
  });

  it('applies faults to the results service and to blob storage', async () => {
    const files = writeReport({ 'report.json': '{"retry":true}' });
    gh.fault({ kind: 'status', status: 503, path: `/twirp/${ARTIFACT_SERVICE}/CreateArtifact` });
    const delay = gh.fault({ kind: 'delay', ms: 50, path: new RegExp(`^${BLOB_PREFIX}`), times: Infinity });

    // The client retries a 503 (after its 3 s back-off) and gets through.
    const result = await upload(gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID }), files);

    expect(gh.requests.map((r) => [r.service, r.status, r.faults])).toEqual([
      ['results', 503, ['status']],
      ['results', 200, []],
      ['blob', 201, ['delay']],
      ['blob', 201, ['delay']],
      ['results', 200, []],
    ]);
    expect(delay.hits).toBe(2);
    expect(gh.state.artifacts.map((a) => a.id)).toEqual([result.id]);

    // A twirp fault answers as twirp does; a blob fault as Azure does.
    gh.clearFaults();
    gh.fault({ kind: 'status', status: 500, path: `/twirp/${ARTIFACT_SERVICE}/ListArtifacts` });
    const token = gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID });
    const ids = backendIds(token);
    const faulted = await twirp(
      'ListArtifacts',
      { workflow_run_backend_id: ids.run, workflow_job_run_backend_id: ids.job },
      token,
    );
    expect(faulted).toEqual({ status: 500, body: { code: 'internal', msg: expect.any(String) } });
    gh.fault({ kind: 'status', status: 503, path: new RegExp(`^${BLOB_PREFIX}`) });
    const blob = await fetch(`${gh.url}${BLOB_PREFIX}actions-results/x/y.zip?sig=z`);
    expect(blob.status).toBe(503);
    expect(blob.headers.get('x-ms-error-code')).toBe('ServerBusy');
    expect(await blob.text()).toContain('<Code>ServerBusy</Code>');
  });
});

describe('results service and blob storage on the wire', () => {
  let token: string;
  let ids: { run: string; job: string };
  const ref = () => ({ workflow_run_backend_id: ids.run, workflow_job_run_backend_id: ids.job });

  beforeEach(() => {
    token = gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID, headBranch: 'feature' });
    ids = backendIds(token);
  });

  it('issues a JWT whose scp claim names the run and job backend ids', () => {
    const parts = token.split('.');
    expect(parts).toHaveLength(3);
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(payload.scp).toMatch(/(^| )Actions\.Results:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000 + 3600);
    // Same run, same run backend id; another job each time.
    const again = backendIds(gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID }));
    expect(again.run).toBe(ids.run);
    expect(again.job).not.toBe(ids.job);
    expect(backendIds(gh.runtimeToken({ owner: OWNER, repo: REPO, runId: 1 })).run).not.toBe(ids.run);
    expect(() => gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID, headBranch: 'main' })).toThrow(
      /already has headBranch feature/,
    );
  });

  it('walks create, stage, commit and finalize, checking the signature, order, size and hash', async () => {
    // lowerCamelCase JSON names are accepted too, as protojson does.
    const created = await twirp(
      'CreateArtifact',
      {
        workflowRunBackendId: ids.run,
        workflowJobRunBackendId: ids.job,
        name: 'raw',
        version: 7,
        expiresAt: '2099-01-02T03:04:05Z',
      },
      token,
    );
    expect(created.status).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(['ok', 'signed_upload_url']);
    expect(created.body.ok).toBe(true);
    const uploadUrl = new URL(String(created.body.signed_upload_url));
    expect(uploadUrl.origin).toBe(gh.url);
    expect(uploadUrl.pathname.startsWith(`${BLOB_PREFIX}actions-results/${ids.run}/`)).toBe(true);
    expect(uploadUrl.searchParams.get('sp')).toBe('cw');

    const data = Buffer.from('PK\u0003\u0004 pretend zip bytes');
    const blockId = Buffer.from('block-000001').toString('base64');
    const put = (url: URL, body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(url, { method: 'PUT', body, headers });
    const withQuery = (changes: Record<string, string | null>) => {
      const url = new URL(uploadUrl.href);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) url.searchParams.delete(k);
        else url.searchParams.set(k, v);
      }
      return url;
    };

    // A wrong, missing or widened signature is refused as Azure does.
    const tampered: Array<Record<string, string | null>> = [
      { sig: 'bm90LXRoZS1zaWduYXR1cmU=' },
      { sig: null },
      { sp: 'rcw' },
    ];
    for (const changes of tampered) {
      const res = await put(withQuery({ ...changes, comp: 'block', blockid: blockId }), data);
      expect(res.status).toBe(403);
      expect(res.headers.get('x-ms-error-code')).toBe('AuthenticationFailed');
      expect(await res.text()).toMatch(/<Error><Code>AuthenticationFailed<\/Code><Message>Server failed/);
    }
    // Reading needs another signature (sp=r).
    expect((await fetch(uploadUrl)).headers.get('x-ms-error-code')).toBe('AuthorizationPermissionMismatch');

    // Finalizing before the blob exists fails.
    const early = await twirp(
      'FinalizeArtifact',
      { ...ref(), name: 'raw', size: String(data.length) },
      token,
    );
    expect(early).toEqual({
      status: 412,
      body: { code: 'failed_precondition', msg: expect.stringMatching(/not been uploaded/) },
    });

    const staged = await put(withQuery({ comp: 'block', blockid: blockId }), data);
    expect(staged.status).toBe(201);
    expect(staged.headers.get('content-md5')).toEqual(expect.any(String));
    const badId = await put(withQuery({ comp: 'block', blockid: 'not base64!' }), data);
    expect(badId.headers.get('x-ms-error-code')).toBe('InvalidQueryParameterValue');
    const list = (id: string) =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><BlockList><Latest>${id}</Latest></BlockList>`;
    const unknownBlock = await put(
      withQuery({ comp: 'blocklist' }),
      list(Buffer.from('nope').toString('base64')),
    );
    expect(unknownBlock.status).toBe(400);
    expect(unknownBlock.headers.get('x-ms-error-code')).toBe('InvalidBlockList');
    const committed = await put(withQuery({ comp: 'blocklist' }), list(blockId), {
      'x-ms-blob-content-type': 'application/zip',
    });
    expect(committed.status).toBe(201);
    expect(committed.headers.get('etag')).toMatch(/^"0x[0-9A-F]+"$/);

    const wrongSize = await twirp('FinalizeArtifact', { ...ref(), name: 'raw', size: '1' }, token);
    expect(wrongSize).toMatchObject({
      status: 400,
      body: { code: 'invalid_argument', meta: { argument: 'size' } },
    });
    const wrongHash = await twirp(
      'FinalizeArtifact',
      { ...ref(), name: 'raw', size: String(data.length), hash: `sha256:${'0'.repeat(64)}` },
      token,
    );
    expect(wrongHash).toMatchObject({
      status: 400,
      body: { code: 'invalid_argument', meta: { argument: 'hash' } },
    });
    const otherJob = gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID });
    const byOtherJob = await twirp(
      'FinalizeArtifact',
      { ...ref(), workflow_job_run_backend_id: backendIds(otherJob).job, name: 'raw' },
      otherJob,
    );
    expect(byOtherJob.status).toBe(404);

    const finalized = await twirp(
      'FinalizeArtifact',
      { ...ref(), name: 'raw', size: String(data.length) },
      token,
    );
    expect(finalized.status).toBe(200);
    const artifact = gh.state.artifacts[0]!;
    // int64 goes over JSON as a string.
    expect(finalized.body).toEqual({ ok: true, artifact_id: String(artifact.id) });
    expect(artifact).toMatchObject({
      name: 'raw',
      runId: RUN_ID,
      headBranch: 'feature',
      expiresAt: '2099-01-02T03:04:05Z',
    });
    expect(artifact.data.equals(data)).toBe(true);
    expect((await twirp('FinalizeArtifact', { ...ref(), name: 'raw' }, token)).status).toBe(412);

    // ListArtifacts and GetSignedArtifactURL, and the read-only URL that serves the blob.
    const listed = await twirp('ListArtifacts', { ...ref(), name_filter: 'raw' }, token);
    expect(listed.body).toEqual({
      artifacts: [
        {
          workflow_run_backend_id: ids.run,
          workflow_job_run_backend_id: ids.job,
          database_id: String(artifact.id),
          name: 'raw',
          size: String(data.length),
          created_at: artifact.createdAt,
          digest: artifact.digest,
        },
      ],
    });
    expect((await twirp('ListArtifacts', { ...ref(), id_filter: '1' }, token)).body).toEqual({
      artifacts: [],
    });
    const signed = await twirp('GetSignedArtifactURL', { ...ref(), name: 'raw' }, token);
    const downloadUrl = String(signed.body.signed_url);
    expect(new URL(downloadUrl).searchParams.get('sp')).toBe('r');
    const blob = await fetch(downloadUrl);
    expect(blob.status).toBe(200);
    expect(blob.headers.get('content-type')).toBe('application/zip');
    expect(blob.headers.get('x-ms-blob-type')).toBe('BlockBlob');
    expect(Buffer.from(await blob.arrayBuffer()).equals(data)).toBe(true);
    expect((await put(new URL(downloadUrl), 'x', { 'x-ms-blob-type': 'BlockBlob' })).status).toBe(403);
    const missing = await twirp('GetSignedArtifactURL', { ...ref(), name: 'nope' }, token);
    expect(missing).toEqual({ status: 404, body: { code: 'not_found', msg: 'artifact not found' } });
  });

  it('answers twirp routing, authentication and argument errors', async () => {
    const bad = await fetch(`${gh.url}/twirp/${ARTIFACT_SERVICE}/CreateArtifact`);
    expect(bad.status).toBe(404);
    expect(await bad.json()).toMatchObject({
      code: 'bad_route',
      msg: 'unsupported method "GET" (only POST is allowed)',
    });
    expect(await twirp('UploadEverything', ref(), token)).toMatchObject({
      status: 404,
      body: { code: 'bad_route' },
    });
    expect(await twirp('CreateArtifact', { ...ref(), name: 'x' }, null)).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
    expect(await twirp('CreateArtifact', { ...ref(), name: 'x' }, 'not.a.jwt')).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
    const otherRun = backendIds(gh.runtimeToken({ owner: OWNER, repo: REPO, runId: 42 }));
    expect(
      await twirp('CreateArtifact', { ...ref(), workflow_run_backend_id: otherRun.run, name: 'x' }, token),
    ).toMatchObject({ status: 403, body: { code: 'permission_denied' } });
    expect(await twirp('CreateArtifact', ref(), token)).toEqual({
      status: 400,
      body: { code: 'invalid_argument', msg: 'name is required', meta: { argument: 'name' } },
    });
    expect(await twirp('CreateArtifact', '{"name":', token)).toMatchObject({
      status: 400,
      body: { code: 'malformed' },
    });
    expect(await twirp('CreateArtifact', { ...ref(), name: 7 }, token)).toMatchObject({
      status: 400,
      body: { code: 'malformed' },
    });
    expect(await twirp('CreateArtifact', { ...ref(), name: 'x' }, token, 'text/plain')).toMatchObject({
      status: 404,
      body: { code: 'bad_route' },
    });
    expect(gh.state.results.pending).toEqual([]);
  });

  it('refuses an expired runtime token', async () => {
    await gh.close();
    let now = new Date('2030-01-01T00:00:00Z');
    gh = await startFakeGitHub({ now: () => now });
    const shortLived = gh.runtimeToken({ owner: OWNER, repo: REPO, runId: RUN_ID, expiresInSeconds: 60 });
    const mine = backendIds(shortLived);
    const body = { workflow_run_backend_id: mine.run, workflow_job_run_backend_id: mine.job };
    expect((await twirp('ListArtifacts', body, shortLived)).status).toBe(200);
    now = new Date('2030-01-01T00:01:01Z');
    expect(await twirp('ListArtifacts', body, shortLived)).toEqual({
      status: 401,
      body: { code: 'unauthenticated', msg: 'invalid runtime token: the token has expired' },
    });
  });
});
