import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BLOB_PREFIX, blobFaultReply, blobHeaders, handleBlobRequest } from './blob-storage.js';
import { FaultQueue, faultReply, primaryRateLimit } from './faults.js';
import { errorReply, notFound, type Reply, rateLimitHeaders, standardHeaders, tokenFrom } from './http.js';
import { handleResultsRequest, resultsFaultReply, resultsHeaders, TWIRP_PREFIX } from './results-service.js';
import { matchRoute } from './routes.js';
import type { RenderContext } from './shapes.js';
import { FakeGitHubState, gitSha } from './state.js';
import type {
  ActiveFault,
  ArtifactRecord,
  ArtifactSeed,
  CommentRecord,
  FakeService,
  FakeUser,
  FaultRule,
  PullRequestRecord,
  PullRequestSeed,
  RecordedRequest,
  RuntimeTokenOptions,
} from './types.js';

export interface FakeGitHubOptions {
  /** Where html_url fields point (GITHUB_SERVER_URL). Default https://github.com. */
  serverUrl?: string;
  /** Who acts for tokens without a setTokenUser entry. Default github-actions[bot] (Bot). */
  defaultUser?: FakeUser;
  /** x-ratelimit-limit. Default 5000. */
  rateLimit?: number;
  /** Seconds to x-ratelimit-reset; also the default of 'rate-limit' faults. Default 3600. */
  rateLimitResetSeconds?: number;
  /**
   * Clock for created_at/updated_at/x-ratelimit-reset, and for the expiry of runtime tokens and
   * signed blob URLs. Default () => new Date().
   */
  now?: () => Date;
}

/**
 * One server on 127.0.0.1 that stands in for three services, told apart by path:
 * - the GitHub REST API (routes.ts);
 * - the Actions results service's twirp ArtifactService below /twirp/ (results-service.ts), what
 *   @actions/artifact's DefaultArtifactClient talks to with ACTIONS_RUNTIME_TOKEN;
 * - the blob storage its signed URLs point at, below /_fake/blob/ (blob-storage.ts).
 * The REST rate limit and GitHub's headers apply to the REST API only; faults and `requests`
 * cover all three.
 */
export interface FakeGitHub {
  /**
   * Base URL without trailing slash, e.g. http://127.0.0.1:41234: use it as GITHUB_API_URL and
   * as ACTIONS_RESULTS_URL.
   */
  readonly url: string;
  readonly server: Server;
  /** Every request received, in arrival order (also those answered by a fault). */
  readonly requests: RecordedRequest[];
  readonly state: FakeGitHubState;
  /** Add a fault rule; rules apply in the order added. Returns the live rule (remaining, hits). */
  fault(rule: FaultRule): ActiveFault;
  clearFaults(): void;
  addPullRequest(seed: PullRequestSeed): PullRequestRecord;
  addComment(
    owner: string,
    repo: string,
    issue: number,
    seed: { body: string; user?: string },
  ): CommentRecord;
  /** Comments on an issue or pull request, oldest first. */
  comments(owner: string, repo: string, issue: number): CommentRecord[];
  /** Seed a finalized artifact of a run (what the REST routes list and the zip route serves). */
  addArtifact(seed: ArtifactSeed): ArtifactRecord;
  /**
   * An ACTIONS_RUNTIME_TOKEN for a new job of this workflow run: a JWT whose `scp` claim holds
   * `Actions.Results:<workflowRunBackendId>:<workflowJobRunBackendId>`, signed (HS256) with a key
   * of this fake, so an edited token or one of another fake is refused. The run gets one backend
   * id (the same on later calls); each call is another job. Artifacts the real
   * DefaultArtifactClient uploads with it become ArtifactRecords of that run on FinalizeArtifact.
   */
  runtimeToken(options: RuntimeTokenOptions): string;
  setReadOnlyToken(token: string): void;
  /** Make a token act as this login (comment author, status creator). */
  setTokenUser(token: string, login: string, type?: FakeUser['type']): FakeUser;
  /** Stop listening, drop open connections and pending delays. Idempotent. */
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function serviceOf(path: string): FakeService {
  if (path.startsWith(TWIRP_PREFIX)) return 'results';
  if (path.startsWith(BLOB_PREFIX)) return 'blob';
  return 'rest';
}

function parseBody(raw: string): { body: unknown; json: boolean } {
  if (raw.trim() === '') return { body: undefined, json: true };
  try {
    return { body: JSON.parse(raw), json: true };
  } catch {
    return { body: raw, json: false };
  }
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const state = new FakeGitHubState();
  if (options.defaultUser) state.defaultUser = options.defaultUser;
  if (options.rateLimit !== undefined) state.rateLimit.limit = options.rateLimit;
  if (options.rateLimitResetSeconds !== undefined)
    state.rateLimit.resetSeconds = options.rateLimitResetSeconds;
  if (options.now) state.now = options.now;
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closed = false;
  const render: RenderContext = { apiUrl: '', serverUrl: options.serverUrl ?? 'https://github.com', state };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          delays.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      delays.add(entry);
    });

  function baseHeaders(record: RecordedRequest): Record<string, string> {
    if (record.service === 'results') return resultsHeaders();
    if (record.service === 'blob') return blobHeaders(record);
    return { ...standardHeaders(), ...rateLimitHeaders(state) };
  }

  function send(res: ServerResponse, record: RecordedRequest, reply: Reply): void {
    const headers: Record<string, string> = { ...baseHeaders(record), ...reply.headers };
    let payload: Buffer | undefined = reply.raw;
    if (payload === undefined && reply.body !== undefined) payload = Buffer.from(JSON.stringify(reply.body));
    if (payload === undefined) delete headers['content-type'];
    headers['content-length'] = String(payload?.length ?? 0);
    record.status = reply.status;
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  function faultAnswer(record: RecordedRequest, rule: FaultRule): Reply {
    if (record.service === 'results') return resultsFaultReply(rule);
    if (record.service === 'blob') return blobFaultReply(rule);
    return faultReply(state, rule);
  }

  function answer(record: RecordedRequest, url: URL, raw: string): Reply {
    if (record.service === 'results') return handleResultsRequest(state, render.apiUrl, record);
    if (record.service === 'blob') return handleBlobRequest(state, record, url, record.bytes);
    if (state.rateLimit.used >= state.rateLimit.limit) return primaryRateLimit(state);
    state.rateLimit.used += 1;
    const match = matchRoute(record.method, url.pathname);
    if (!match) return notFound();
    const { route, params } = match;
    const parsed = parseBody(raw);
    if (route.permission !== undefined) {
      if (record.token === undefined) return errorReply(401, 'Requires authentication', route.docs);
      if (state.readOnlyTokens.has(record.token)) {
        const headers = { 'x-accepted-github-permissions': route.permission };
        return errorReply(403, 'Resource not accessible by integration', route.docs, {}, headers);
      }
      if (!parsed.json) return errorReply(400, 'Problems parsing JSON', route.docs);
    }
    return route.handle({ url, params, body: parsed.body, token: record.token, render });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const url = new URL(req.url ?? '/', render.apiUrl);
    const record: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      token: tokenFrom(req.headers.authorization),
      body: parseBody(raw).body,
      rawBody: raw,
      bytes,
      service: serviceOf(url.pathname),
      timestamp: Date.now(),
      faults: [],
    };
    requests.push(record);
    const applied = new Set<ActiveFault>();
    for (let fault = faults.take(record.method, record.path, applied); fault;) {
      applied.add(fault);
      record.faults.push(fault.rule.kind);
      if (fault.rule.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault.rule.kind !== 'delay') {
        send(res, record, faultAnswer(record, fault.rule));
        return;
      }
      await sleep(fault.rule.ms);
      if (closed) return void req.socket.destroy();
      fault = faults.take(record.method, record.path, applied);
    }
    send(res, record, answer(record, url, raw));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `fake-github internal error: ${String(error)}`, status: '500' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  render.apiUrl = `http://127.0.0.1:${port}`;

  return {
    url: render.apiUrl,
    server,
    requests,
    state,
    fault: (rule) => faults.add(rule),
    clearFaults: () => {
      faults.clear();
    },
    addPullRequest: (seed) => state.addPullRequest(seed),
    addComment: (owner, repo, issue, seed) => state.addComment(owner, repo, issue, seed),
    comments: (owner, repo, issue) => state.issueComments(owner, repo, issue),
    addArtifact: (seed) => state.addArtifact(seed),
    runtimeToken: (options) => {
      const run = state.results.run(options, { headSha: gitSha(`run:${options.runId}`), headBranch: 'main' });
      return state.results.issueToken(run, state.now(), options.expiresInSeconds);
    },
    setReadOnlyToken: (token) => {
      state.setReadOnlyToken(token);
    },
    setTokenUser: (token, login, type) => state.setTokenUser(token, login, type),
    async close() {
      if (closed) return;
      closed = true;
      for (const entry of delays) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      delays.clear();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
