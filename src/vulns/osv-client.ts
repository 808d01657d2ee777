/**
 * A client of the OSV API (https://google.github.io/osv.dev/api/) or a mirror of it: which
 * vulnerabilities does each package version have (`POST /v1/querybatch`), and the records
 * themselves (`GET /v1/vulns/{id}`). It only fetches: deciding whether a record affects a version
 * is the matcher's job (src/vulns/match.ts).
 *
 * Transport-agnostic: it never touches the network itself. The caller injects a `transport`
 * (src/actions/shared/http.ts implements one with fetch, timeouts and retries; tests inject
 * anything), so this file stays in the pure core.
 *
 * - querybatch: identical queries are sent once; queries go in batches of `batchSize` (the API
 *   refuses more than 1000 in one request), so n distinct queries make ceil(n / batchSize)
 *   requests, plus one request per further page while some results carry a `next_page_token`
 *   (only those queries are sent again, each with its `page_token`).
 * - vulns: one request per id and client, however often and however concurrently it is asked
 *   for (the promise is cached); 404 means no such record (undefined).
 * - At most `concurrency` requests are in flight at once, all kinds together.
 * - A transport failure or a non-2xx answer is an `OsvUnavailableError` (URL, status, what to
 *   do); an answer that is not what the API answers is an `OsvResponseError` (a subclass, so one
 *   `instanceof OsvUnavailableError` covers both when the run should carry on without OSV).
 */
import type { OsvRecord } from './osv-record.js';
import type { OsvLookupComponent, OsvSource } from './osv-source.js';

// --- The transport contract ----------------------------------------------------------------------

export interface TransportRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Sent as JSON. */
  body?: unknown;
}

export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  json: unknown;
  /** The body (shortened) when it is not JSON, for messages. */
  text?: string;
}

/**
 * Sends one request and resolves with the final answer, whatever its status (retrying is the
 * transport's business), or rejects when there is no answer at all. A rejection may carry
 * `status` (a number: the last status seen, for a transport that gives up on 5xx itself) and
 * `reason` (what happened, as the words that follow the URL in a sentence: "could not be
 * reached: the connection was refused (ECONNREFUSED)"); both are optional.
 */
export type OsvTransport = (request: TransportRequest) => Promise<TransportResponse>;

// --- Public types ------------------------------------------------------------------------------

export interface OsvQuery {
  /** An OSV ecosystem name (`npm`, `PyPI`, `Go`, …). */
  ecosystem: string;
  name: string;
  version: string;
}

export interface OsvClientOptions {
  /** The API root, e.g. `https://api.osv.dev` (a trailing `/` or `/v1` is accepted). */
  baseUrl: string;
  transport: OsvTransport;
  /** Requests in flight at once, all kinds together. Default 8. */
  concurrency?: number;
  /** Queries per querybatch request. Default 1000, the API's maximum. */
  batchSize?: number;
  /** Pages followed per batch before the answer is called malformed. Default 1000. */
  maxPages?: number;
  /**
   * What the user can do when the API cannot be used, appended to OsvUnavailableError messages.
   * Default: the action's inputs (`OSV_UNAVAILABLE_ADVICE`); the CLI passes its flags.
   */
  advice?: string;
}

export interface OsvClientStats {
  /** querybatch requests sent, pages included. */
  querybatchRequests: number;
  /** GET /v1/vulns/{id} requests sent. */
  vulnRequests: number;
  /** getVuln calls served from the cache (a finished or an in-flight request). */
  cacheHits: number;
  /** Ids a querybatch listed but GET answered 404 for, in the order met. */
  notFound: string[];
}

export interface OsvClient extends OsvSource {
  readonly kind: 'online';
  /** The normalised API root, without a trailing slash. */
  readonly baseUrl: string;
  readonly stats: Readonly<OsvClientStats>;
  /** The vulnerability ids of each query, by its index in `queries` (every index present). */
  queryBatch(queries: readonly OsvQuery[]): Promise<Map<number, string[]>>;
  /** The record with this id, or undefined when the API has none (404). */
  getVuln(id: string): Promise<OsvRecord | undefined>;
  /** The records of these ids; ids the API has no record for are left out. */
  fetchAll(ids: Iterable<string>): Promise<Map<string, OsvRecord>>;
}

export const OSV_UNAVAILABLE_ADVICE =
  'If the runner cannot reach it, set osv-api-url to a mirror, or offline-db to an OSV database on disk ' +
  'for air-gapped runners, or on-network-error: warn to carry on without vulnerability data.';

/** The OSV API could not be used: no answer, or an answer other than 2xx. */
export class OsvUnavailableError extends Error {
  /** The URL of the request that failed. */
  readonly url: string;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** What went wrong, without the URL and the advice. */
  readonly reason: string;

  constructor(
    url: string,
    reason: string,
    options: { status?: number; advice?: string; cause?: unknown } = {},
  ) {
    const advice = options.advice ?? OSV_UNAVAILABLE_ADVICE;
    const stop = /[.?!]$/.test(reason) ? '' : '.';
    super(`The OSV API could not be used: ${url} ${reason}${stop}${advice ? ` ${advice}` : ''}`, {
      cause: options.cause,
    });
    this.name = 'OsvUnavailableError';
    this.url = url;
    this.status = options.status;
    this.reason = reason;
  }
}

/** The OSV API answered 2xx, but not with what the API answers (a broken mirror, a proxy page). */
export class OsvResponseError extends OsvUnavailableError {
  constructor(url: string, problem: string, options: { status?: number; advice?: string } = {}) {
    super(url, `answered something that is not an OSV API answer: ${problem}`, options);
    this.name = 'OsvResponseError';
  }
}

// --- The client --------------------------------------------------------------------------------

/** OSV ids: GHSA-…, PYSEC-…, GO-…, RUSTSEC-…, CVE-…, ALSA-2022:1234, … */
const OSV_ID = /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,199}$/;

export function createOsvClient(options: OsvClientOptions): OsvClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const transport = options.transport;
  const concurrency = positiveInteger(options.concurrency ?? 8, 'concurrency');
  const batchSize = positiveInteger(options.batchSize ?? 1000, 'batchSize');
  const maxPages = positiveInteger(options.maxPages ?? 1000, 'maxPages');
  const advice = options.advice;
  const limit = createLimiter(concurrency);
  const cache = new Map<string, Promise<OsvRecord | undefined>>();
  const stats: OsvClientStats = { querybatchRequests: 0, vulnRequests: 0, cacheHits: 0, notFound: [] };
  const querybatchUrl = `${baseUrl}/v1/querybatch`;

  /** One request through the limiter: the answer when 2xx (or an allowed status), else an error. */
  async function send(request: TransportRequest, allow: readonly number[] = []): Promise<TransportResponse> {
    let response: TransportResponse;
    try {
      response = await limit(() => transport(request));
    } catch (error) {
      throw new OsvUnavailableError(request.url, failureReason(error), {
        status: statusOf(error),
        advice,
        cause: error,
      });
    }
    if ((response.status >= 200 && response.status < 300) || allow.includes(response.status)) return response;
    throw new OsvUnavailableError(request.url, statusReason(request.method, response), {
      status: response.status,
      advice,
    });
  }

  async function runBatch(batch: readonly OsvQuery[]): Promise<string[][]> {
    const found = batch.map(() => new Set<string>());
    let pending: { at: number; token?: string }[] = batch.map((_, at) => ({ at }));
    const seenTokens = batch.map(() => new Set<string>());
    for (let page = 1; pending.length > 0; page++) {
      if (page > maxPages) {
        throw new OsvResponseError(
          querybatchUrl,
          `it still had a next_page_token after ${maxPages} pages of one batch`,
          { advice },
        );
      }
      const queries = pending.map(({ at, token }) => apiQuery(batch[at] as OsvQuery, token));
      stats.querybatchRequests += 1;
      const response = await send({ method: 'POST', url: querybatchUrl, body: { queries } });
      const results = parseBatchAnswer(response, pending.length);
      const next: { at: number; token: string }[] = [];
      results.forEach((result, k) => {
        const { at } = pending[k] as { at: number };
        const ids = found[at] as Set<string>;
        for (const id of result.ids) ids.add(id);
        if (result.token === undefined) return;
        const seen = seenTokens[at] as Set<string>;
        if (seen.has(result.token)) {
          throw new OsvResponseError(
            querybatchUrl,
            `it answered the same next_page_token twice for one query (${describeQuery(batch[at] as OsvQuery)}), which would page forever`,
            { advice, status: response.status },
          );
        }
        seen.add(result.token);
        next.push({ at, token: result.token });
      });
      pending = next;
    }
    return found.map((ids) => [...ids]);
  }

  function parseBatchAnswer(
    response: TransportResponse,
    expected: number,
  ): { ids: string[]; token: string | undefined }[] {
    const bad = (problem: string): OsvResponseError =>
      new OsvResponseError(querybatchUrl, problem, { advice, status: response.status });
    const json = response.json;
    if (!isObject(json)) throw bad(notJson(response, 'an object with "results"'));
    const results = json.results;
    if (!Array.isArray(results)) throw bad(`"results" is ${describeValue(results)}, not an array`);
    if (results.length !== expected) {
      throw bad(`"results" has ${results.length} entries for the ${expected} queries sent`);
    }
    return results.map((result: unknown, i) => {
      if (!isObject(result)) throw bad(`results[${i}] is ${describeValue(result)}, not an object`);
      const vulns = result.vulns ?? [];
      if (!Array.isArray(vulns)) throw bad(`results[${i}].vulns is ${describeValue(vulns)}, not an array`);
      const ids = vulns.map((vuln: unknown, j) => {
        const id = isObject(vuln) ? vuln.id : undefined;
        if (typeof id !== 'string' || !OSV_ID.test(id)) {
          throw bad(`results[${i}].vulns[${j}].id is ${describeValue(id)}, not an OSV id`);
        }
        return id;
      });
      const token = result.next_page_token;
      if (token !== undefined && token !== '' && typeof token !== 'string') {
        throw bad(`results[${i}].next_page_token is ${describeValue(token)}, not a string`);
      }
      return { ids, token: token === '' || token === undefined ? undefined : token };
    });
  }

  async function queryBatch(queries: readonly OsvQuery[]): Promise<Map<number, string[]>> {
    const unique: OsvQuery[] = [];
    const uniqueOf = new Map<string, number>();
    const slots = queries.map((query, i) => {
      checkQuery(query, i);
      const key = JSON.stringify([query.ecosystem, query.name, query.version]);
      let slot = uniqueOf.get(key);
      if (slot === undefined) {
        slot = unique.length;
        uniqueOf.set(key, slot);
        unique.push(query);
      }
      return slot;
    });
    const batches: OsvQuery[][] = [];
    for (let i = 0; i < unique.length; i += batchSize) batches.push(unique.slice(i, i + batchSize));
    const answers = (await Promise.all(batches.map(runBatch))).flat();
    return new Map(slots.map((slot, i) => [i, [...(answers[slot] ?? [])]]));
  }

  function getVuln(id: string): Promise<OsvRecord | undefined> {
    const cached = cache.get(id);
    if (cached) {
      stats.cacheHits += 1;
      return cached;
    }
    const pending = fetchVuln(id);
    cache.set(id, pending);
    // A failure is not remembered: a later call in the same run asks again.
    pending.catch(() => {
      if (cache.get(id) === pending) cache.delete(id);
    });
    return pending;
  }

  async function fetchVuln(id: string): Promise<OsvRecord | undefined> {
    if (!OSV_ID.test(id)) throw new TypeError(`Not an OSV id: ${JSON.stringify(id.slice(0, 200))}`);
    const url = `${baseUrl}/v1/vulns/${encodeURIComponent(id)}`;
    stats.vulnRequests += 1;
    const response = await send({ method: 'GET', url }, [404]);
    if (response.status === 404) {
      stats.notFound.push(id);
      return undefined;
    }
    const json = response.json;
    const bad = (problem: string): OsvResponseError =>
      new OsvResponseError(url, problem, { advice, status: response.status });
    if (!isObject(json)) throw bad(notJson(response, 'an OSV record'));
    if (typeof json.id !== 'string') throw bad(`the record has no "id" string (${describeValue(json.id)})`);
    if (json.id !== id)
      throw bad(`it asked for ${id} and got a record with id ${JSON.stringify(json.id.slice(0, 200))}`);
    return json as unknown as OsvRecord;
  }

  async function fetchAll(ids: Iterable<string>): Promise<Map<string, OsvRecord>> {
    const unique = [...new Set(ids)];
    const records = await Promise.all(unique.map(getVuln));
    const out = new Map<string, OsvRecord>();
    unique.forEach((id, i) => {
      const record = records[i];
      if (record) out.set(id, record);
    });
    return out;
  }

  async function lookup(components: readonly OsvLookupComponent[]): Promise<Map<number, OsvRecord[]>> {
    const idsOf = await queryBatch(
      components.map(({ ecosystem, name, version }) => ({ ecosystem, name, version })),
    );
    const records = await fetchAll([...idsOf.values()].flat());
    const out = new Map<number, OsvRecord[]>();
    for (const [i, ids] of idsOf) {
      out.set(
        i,
        ids.flatMap((id) => {
          const record = records.get(id);
          return record ? [record] : [];
        }),
      );
    }
    return out;
  }

  return {
    kind: 'online',
    description: `the OSV API at ${baseUrl}`,
    baseUrl,
    stats,
    queryBatch,
    getVuln,
    fetchAll,
    lookup,
  };
}

// --- Helpers -----------------------------------------------------------------------------------

function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(
      `The OSV API URL ${JSON.stringify(baseUrl)} is not a URL (for example https://api.osv.dev).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`The OSV API URL ${JSON.stringify(baseUrl)} is not http(s).`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new TypeError(
      `The OSV API URL ${JSON.stringify(baseUrl)} has a query or fragment: give the API root only.`,
    );
  }
  return url.href.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function checkQuery(query: OsvQuery, i: number): void {
  for (const field of ['ecosystem', 'name', 'version'] as const) {
    const value: unknown = query[field];
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(
        `OSV query ${i} has no ${field} (${describeValue(value)}): ${describeQuery(query)}`,
      );
    }
  }
}

function apiQuery(query: OsvQuery, token: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    package: { name: query.name, ecosystem: query.ecosystem },
    version: query.version,
  };
  if (token !== undefined) out.page_token = token;
  return out;
}

function describeQuery(query: OsvQuery): string {
  return `${query.ecosystem} ${query.name}@${query.version}`;
}

/** A limit on tasks running at once; a finishing task hands its slot straight to the next one. */
function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return async (task) => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function statusOf(error: unknown): number | undefined {
  const status =
    typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** The transport's reason when it gives one, else its message. */
function failureReason(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const reason = (error as { reason?: unknown }).reason;
    if (typeof reason === 'string' && reason !== '') return clean(reason, 300);
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return `could not be reached: ${clean(message, 300)}`;
  }
  return `could not be reached: ${clean(String(error), 300)}`;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusReason(method: string, response: TransportResponse): string {
  const { status } = response;
  const name = STATUS_TEXT[status];
  const said = serverMessage(response);
  const head = `answered ${method} with HTTP ${status}${name ? ` ${name}` : ''}${said ? ` (${said})` : ''}`;
  if (status === 429) return `${head}: the API is rate-limiting this runner`;
  if (status >= 500) return `${head}: the service is failing or overloaded`;
  if (status === 404) return `${head}: is the URL the root of an OSV API?`;
  if (status === 401 || status === 403) return `${head}: a proxy or the mirror refuses this runner`;
  return head;
}

/** The API's own error message (`{"code":3,"message":"Too many queries."}`), or a text snippet. */
function serverMessage(response: TransportResponse): string | undefined {
  if (isObject(response.json) && typeof response.json.message === 'string' && response.json.message !== '') {
    return JSON.stringify(clean(response.json.message, 200));
  }
  if (response.text !== undefined && response.text.trim() !== '')
    return JSON.stringify(clean(response.text, 200));
  return undefined;
}

function notJson(response: TransportResponse, wanted: string): string {
  if (response.json !== undefined) return `the body is ${describeValue(response.json)}, not ${wanted}`;
  if (response.text === undefined || response.text.trim() === '') return `the body is empty, not ${wanted}`;
  const type = response.headers['content-type'];
  return `the body is not JSON${type ? ` (content-type ${clean(type, 80)})` : ''}: ${JSON.stringify(clean(response.text, 120))}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(clean(value, 60))}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `the ${typeof value} ${String(value)}`;
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Server text in a message: control characters dropped (a log must not take commands), shortened. */
function clean(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}
