/**
 * A stand-in for the OSV API (https://google.github.io/osv.dev/api/) on 127.0.0.1, for the
 * client's tests and the action's end-to-end tests:
 *
 * - `POST /v1/querybatch`: `{"queries":[{"package":{"name","ecosystem"},"version","page_token"?}]}`
 *   → `{"results":[{"vulns":[{"id","modified"}],"next_page_token"?}]}`, one result per query in
 *   order, `{}` for a query without vulns (proto3 JSON leaves empty lists out, as the API does).
 *   A query's vulns come `pageSize` at a time, with an opaque `next_page_token` for the rest.
 *   Which records affect a version is decided by the matcher: `affectedBy` from
 *   src/vulns/match.ts unless `matcher` is given. A query without `version` lists every record
 *   naming the package. More than `maxQueries` queries → 400 `{"code":3,"message":"Too many queries."}`.
 * - `GET /v1/vulns/{id}`: the record as given; unknown → 404 `{"code":5,"message":"Bug not found."}`.
 * - Anything else → 404 JSON.
 *
 * `requests` records every request (also those a fault answered); `inFlight`/`maxInFlight`
 * count requests being answered at once (to check a client's concurrency limit). Faults, like
 * fake-github's: `status` (with the API's error body, and Retry-After), `delay`, `reset` (the
 * socket is destroyed), and `body` (any raw answer, for malformed ones); each applies `times`
 * times (default 1) to the requests it matches.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ecosystem } from '../../src/inventory/component.js';
// Type-only: the compiler checks the fake against the matcher's signature, but nothing of it runs
// until a fake without `matcher` needs it (loadAffectedBy), so the client's tests do not.
import type { affectedBy, MatchComponent } from '../../src/vulns/match.js';
import type { OsvRecord } from '../../src/vulns/osv-record.js';

/** The signature of `affectedBy` in src/vulns/match.ts (its MatchResult has `affected`). */
export type OsvMatcher = (record: OsvRecord, component: MatchComponent) => boolean | { affected: boolean };

export interface FakeOsvOptions {
  records?: readonly OsvRecord[];
  /** Decides whether a record affects a queried version. Default: `affectedBy` from src/vulns/match.ts. */
  matcher?: OsvMatcher;
  /** Vulns per query result per page. Default 1000. */
  pageSize?: number;
  /** Queries per querybatch request before 400 Too many queries. Default 1000, as the API. */
  maxQueries?: number;
}

export interface FakeOsvRequest {
  method: string;
  /** Without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body parses, else the raw text; undefined when empty. */
  body: unknown;
  rawBody: string;
  timestamp: number;
  /** Undefined until answered, and forever for a 'reset' fault. */
  status?: number;
  faults: FakeOsvFaultKind[];
}

export interface FakeOsvFaultMatch {
  /** Case-insensitive. Any method when omitted. */
  method?: string;
  /** A string matches the path exactly; a RegExp is tested against it. */
  path?: string | RegExp;
  /** Default 1; Infinity for always. */
  times?: number;
}

export type FakeOsvFaultSpec =
  | { kind: 'status'; status: number; message?: string; retryAfter?: number | string }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
  | { kind: 'body'; status?: number; body: string; contentType?: string };

export type FakeOsvFault = FakeOsvFaultMatch & FakeOsvFaultSpec;
export type FakeOsvFaultKind = FakeOsvFaultSpec['kind'];

export interface ActiveOsvFault {
  rule: FakeOsvFault;
  remaining: number;
  hits: number;
}

export interface FakeOsv {
  /** e.g. http://127.0.0.1:41234 (the API root: requests go to `${url}/v1/...`). */
  readonly url: string;
  readonly server: Server;
  readonly requests: FakeOsvRequest[];
  /** Requests being answered now. */
  readonly inFlight: number;
  /** The most requests answered at once since the start (or `resetCounters`). */
  readonly maxInFlight: number;
  /** Add or replace a record (by id). */
  addRecord(record: OsvRecord): void;
  fault(rule: FakeOsvFault): ActiveOsvFault;
  clearFaults(): void;
  /** Forget recorded requests and the in-flight maximum. */
  resetCounters(): void;
  /** Requests received for this method and path (a RegExp is tested against the path). */
  count(method: string, path: string | RegExp): number;
  /** Stop listening, drop open connections and pending delays. Idempotent. */
  close(): Promise<void>;
}

const MATCH_MODULE = '../../src/vulns/match.js';

/**
 * `affectedBy` from src/vulns/match.ts, loaded when a fake without `matcher` first needs it, by a
 * specifier held in a variable: suites that pass their own matcher never run match.ts.
 * `specifier` is for the test of this loader only.
 */
export async function loadAffectedBy(specifier: string = MATCH_MODULE): Promise<OsvMatcher> {
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new Error(
      `fake-osv: no matcher was given and ${specifier} could not be loaded (${why}); pass startFakeOsv({ matcher })`,
    );
  }
  const found = (loaded as { affectedBy?: unknown }).affectedBy;
  if (typeof found !== 'function') {
    throw new Error(`fake-osv: ${specifier} has no affectedBy function; pass startFakeOsv({ matcher })`);
  }
  const matcher: OsvMatcher = found as typeof affectedBy;
  return matcher;
}

/** A matcher's answer as a yes or no. */
function isAffected(answer: boolean | { affected: boolean }): boolean {
  return typeof answer === 'boolean' ? answer : answer.affected;
}

interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body: JSON.stringify(body),
  ...(headers ? { headers } : {}),
});

/** The API's error bodies: a gRPC status code and message (grpc-gateway's JSON). */
const apiError = (status: number, code: number, message: string, headers?: Record<string, string>): Reply =>
  json(status, { code, message }, headers);

const GRPC_CODE: Record<number, [number, string]> = {
  400: [3, 'Invalid query.'],
  404: [5, 'Not Found'],
  429: [8, 'Resource has been exhausted (e.g. check quota).'],
  500: [13, 'Internal error.'],
  502: [14, 'The service is currently unavailable.'],
  503: [14, 'The service is currently unavailable.'],
  504: [4, 'Deadline exceeded.'],
};

interface Query {
  ecosystem: string;
  name: string;
  version: string | undefined;
  pageToken: string | undefined;
}

function parseQuery(value: unknown): Query | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { package: pkg, version, page_token: pageToken } = value as Record<string, unknown>;
  if (typeof pkg !== 'object' || pkg === null) return undefined;
  const { name, ecosystem } = pkg as Record<string, unknown>;
  if (typeof name !== 'string' || typeof ecosystem !== 'string' || name === '' || ecosystem === '')
    return undefined;
  if (version !== undefined && typeof version !== 'string') return undefined;
  if (pageToken !== undefined && typeof pageToken !== 'string') return undefined;
  return {
    ecosystem,
    name,
    version: version === '' ? undefined : version,
    pageToken: pageToken === '' ? undefined : pageToken,
  };
}

function names(record: OsvRecord, ecosystem: string, name: string): boolean {
  const lower = (s: string) => (ecosystem === 'PyPI' ? s.toLowerCase().replace(/[-_.]+/g, '-') : s);
  return (record.affected ?? []).some(
    (a) =>
      a.package?.ecosystem === ecosystem &&
      typeof a.package.name === 'string' &&
      lower(a.package.name) === lower(name),
  );
}

export async function startFakeOsv(options: FakeOsvOptions = {}): Promise<FakeOsv> {
  const records = new Map<string, OsvRecord>();
  for (const record of options.records ?? []) records.set(record.id, record);
  const pageSize = options.pageSize ?? 1000;
  const maxQueries = options.maxQueries ?? 1000;
  if (!(pageSize >= 1)) throw new Error(`fake-osv: pageSize must be >= 1, got ${pageSize}`);
  let matcher: OsvMatcher | undefined = options.matcher;
  const requests: FakeOsvRequest[] = [];
  const faults: ActiveOsvFault[] = [];
  const delays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;

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

  function takeFault(method: string, path: string, skip: Set<ActiveOsvFault>): ActiveOsvFault | undefined {
    const found = faults.find((f) => {
      if (f.remaining <= 0 || skip.has(f)) return false;
      if (f.rule.method !== undefined && f.rule.method.toUpperCase() !== method) return false;
      if (f.rule.path === undefined) return true;
      if (typeof f.rule.path === 'string') return f.rule.path === path;
      f.rule.path.lastIndex = 0;
      return f.rule.path.test(path);
    });
    if (!found) return undefined;
    found.remaining -= 1;
    found.hits += 1;
    return found;
  }

  function faultReply(rule: FakeOsvFaultSpec): Reply {
    if (rule.kind === 'body') {
      return {
        status: rule.status ?? 200,
        body: rule.body,
        headers: { 'content-type': rule.contentType ?? 'text/html; charset=utf-8' },
      };
    }
    if (rule.kind !== 'status') throw new Error(`fake-osv: fault ${rule.kind} has no reply`);
    const [code, message] = GRPC_CODE[rule.status] ?? [2, 'Unknown error.'];
    const headers = rule.retryAfter === undefined ? undefined : { 'retry-after': String(rule.retryAfter) };
    return apiError(rule.status, code, rule.message ?? message, headers);
  }

  async function affects(record: OsvRecord, query: Query): Promise<boolean> {
    if (query.version === undefined) return names(record, query.ecosystem, query.name);
    matcher ??= await loadAffectedBy();
    // The API takes any ecosystem name; the matcher knows Paved Path's and matches nothing else.
    const ecosystem = query.ecosystem as Ecosystem;
    return isAffected(matcher(record, { ecosystem, name: query.name, version: query.version }));
  }

  async function querybatch(body: unknown): Promise<Reply> {
    const queries =
      typeof body === 'object' && body !== null ? (body as { queries?: unknown }).queries : undefined;
    if (!Array.isArray(queries)) return apiError(400, 3, 'Invalid query.');
    if (queries.length > maxQueries) return apiError(400, 3, 'Too many queries.');
    const parsed = queries.map(parseQuery);
    if (parsed.some((q) => q === undefined)) return apiError(400, 3, 'Invalid query.');
    const sorted = [...records.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const results: unknown[] = [];
    for (const query of parsed as Query[]) {
      const key = JSON.stringify([query.ecosystem, query.name, query.version ?? null]);
      let offset = 0;
      if (query.pageToken !== undefined) {
        const token = decodeToken(query.pageToken);
        if (token?.key !== key) return apiError(400, 3, 'Invalid page token.');
        offset = token.offset;
      }
      const matched: OsvRecord[] = [];
      for (const record of sorted) if (await affects(record, query)) matched.push(record);
      const page = matched.slice(offset, offset + pageSize);
      const result: Record<string, unknown> = {};
      if (page.length > 0) {
        result.vulns = page.map((r) => ({ id: r.id, modified: r.modified ?? '1970-01-01T00:00:00Z' }));
      }
      if (offset + pageSize < matched.length)
        result.next_page_token = encodeToken({ key, offset: offset + pageSize });
      results.push(result);
    }
    return json(200, { results });
  }

  function getVuln(id: string): Reply {
    const record = records.get(id);
    return record ? json(200, record) : apiError(404, 5, 'Bug not found.');
  }

  async function answer(method: string, path: string, body: unknown, raw: string): Promise<Reply> {
    if (path === '/v1/querybatch') {
      if (method !== 'POST') return apiError(405, 12, 'Method Not Allowed');
      if (raw.trim() !== '' && typeof body === 'string')
        return apiError(400, 3, 'Invalid JSON payload received.');
      return querybatch(body);
    }
    const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(path);
    if (vuln?.[1] !== undefined) {
      if (method !== 'GET') return apiError(405, 12, 'Method Not Allowed');
      return getVuln(decodeURIComponent(vuln[1]));
    }
    return apiError(404, 5, 'Not Found');
  }

  function send(res: ServerResponse, record: FakeOsvRequest, reply: Reply): void {
    const payload = Buffer.from(reply.body);
    record.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      ...reply.headers,
      'content-length': String(payload.length),
    });
    res.end(payload);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: FakeOsvRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      headers: req.headers,
      body,
      rawBody: raw,
      timestamp: Date.now(),
      faults: [],
    };
    requests.push(record);
    const applied = new Set<ActiveOsvFault>();
    for (let fault = takeFault(record.method, record.path, applied); fault;) {
      applied.add(fault);
      record.faults.push(fault.rule.kind);
      if (fault.rule.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault.rule.kind !== 'delay') {
        send(res, record, faultReply(fault.rule));
        return;
      }
      await sleep(fault.rule.ms);
      if (closed) {
        req.socket.destroy();
        return;
      }
      fault = takeFault(record.method, record.path, applied);
    }
    send(res, record, await answer(record.method, record.path, body, raw));
  }

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
    };
    res.on('finish', finish);
    res.on('close', finish);
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 13, message: `fake-osv internal error: ${String(error)}` }));
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

  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    addRecord(record) {
      records.set(record.id, record);
    },
    fault(rule) {
      const times = rule.times ?? 1;
      if (!(times > 0)) throw new Error(`fake-osv: fault times must be > 0, got ${times}`);
      const active: ActiveOsvFault = { rule, remaining: times, hits: 0 };
      faults.push(active);
      return active;
    },
    clearFaults() {
      faults.length = 0;
    },
    resetCounters() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    count(method, path) {
      return requests.filter(
        (r) =>
          r.method === method.toUpperCase() &&
          (typeof path === 'string' ? r.path === path : path.test(r.path)),
      ).length;
    },
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

function encodeToken(token: { key: string; offset: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): { key: string; offset: number } | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { key, offset } = value as { key?: unknown; offset?: unknown };
    return typeof key === 'string' && typeof offset === 'number' && Number.isInteger(offset) && offset >= 0
      ? { key, offset }
      : undefined;
  } catch {
    return undefined;
  }
}
