/**
 * The network edge for JSON APIs other than GitHub's (the OSV API, a mirror of it): an
 * `OsvTransport` on Node's global fetch.
 *
 * - Each attempt has a timeout (AbortSignal.timeout), covering the answer and its body.
 * - Retried, with exponential backoff and jitter: network errors that may pass (connection
 *   refused or reset, timeouts, temporary DNS failures) and the statuses 408, 429, 500, 502, 503,
 *   504. A `Retry-After` (seconds or an HTTP date) is waited for when it is longer than the
 *   backoff; one longer than `maxRetryAfterMs` is not waited for: the request fails at once.
 * - Not retried: unknown host names, unreachable networks, TLS failures (waiting does not fix
 *   them), and other statuses, which are returned to the caller (the OSV client reads 404).
 * - Bodies are read up to `maxResponseBytes`; a longer one is refused, not held.
 * - When it gives up, it throws one error class, `HttpTransportError`, whose `kind` says what
 *   happened (dns, refused, unreachable, reset, timeout, tls, status, too-large, network) and
 *   whose message names the URL and what to do.
 * - User-Agent `pavedpath/<version>`.
 *
 * Proxies are out of scope: Node's fetch ignores HTTPS_PROXY/HTTP_PROXY (recent Node versions read
 * them only when NODE_USE_ENV_PROXY=1 is set; nothing here relies on that). Runners behind a proxy use a mirror (osv-api-url) or an offline
 * database (offline-db).
 */
import {
  OSV_UNAVAILABLE_ADVICE,
  type OsvTransport,
  type TransportRequest,
  type TransportResponse,
} from '../../vulns/osv-client.js';
import { VERSION } from '../../version.js';

export type HttpFailureKind =
  'dns' | 'refused' | 'unreachable' | 'reset' | 'timeout' | 'tls' | 'status' | 'too-large' | 'network';

export const USER_AGENT = `pavedpath/${VERSION}`;

/** A request that got no usable answer. */
export class HttpTransportError extends Error {
  readonly kind: HttpFailureKind;
  readonly method: string;
  readonly url: string;
  /** The last HTTP status seen (kind 'status', 'too-large'). */
  readonly status: number | undefined;
  /** The system or undici error code (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, …), when there is one. */
  readonly code: string | undefined;
  readonly attempts: number;
  /** What happened, as the words that follow the URL: "could not be reached: …", "answered HTTP 503 …". */
  readonly reason: string;

  constructor(fields: {
    kind: HttpFailureKind;
    method: string;
    url: string;
    reason: string;
    attempts: number;
    status?: number;
    code?: string;
    advice: string;
    cause?: unknown;
  }) {
    const tries = fields.attempts > 1 ? ` (${fields.attempts} attempts)` : '';
    super(
      `${fields.method} ${fields.url} ${fields.reason}${tries}.${fields.advice ? ` ${fields.advice}` : ''}`,
      {
        cause: fields.cause,
      },
    );
    this.name = 'HttpTransportError';
    this.kind = fields.kind;
    this.method = fields.method;
    this.url = fields.url;
    this.status = fields.status;
    this.code = fields.code;
    this.attempts = fields.attempts;
    this.reason = `${fields.reason}${tries}`;
  }
}

export interface RetryInfo {
  method: string;
  url: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  /** Why: "HTTP 503", "the connection was reset (ECONNRESET)". */
  why: string;
}

export interface FetchTransportOptions {
  /** Per attempt, answer and body together. Default 30 s. */
  timeoutMs?: number;
  /** Attempts per request, the first included. Default 4. */
  maxAttempts?: number;
  /** The first backoff; it doubles with each retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Backoff cap. Default 8 s. */
  maxDelayMs?: number;
  /** The longest Retry-After waited for. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Largest body read. Default 64 MiB. */
  maxResponseBytes?: number;
  /** Default `pavedpath/<version>`. */
  userAgent?: string;
  /** Appended to error messages: what the user can do. Default: the OSV inputs. */
  advice?: string;
  /** Called before each retry (the action logs it). */
  onRetry?: (info: RetryInfo) => void;
  /** For tests: stand-ins for fetch, timers and Math.random. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

const STATUS_TEXT: Record<number, string> = {
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function createFetchTransport(options: FetchTransportOptions = {}): OsvTransport {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 4));
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const maxResponseBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  const userAgent = options.userAgent ?? USER_AGENT;
  const advice = options.advice ?? OSV_UNAVAILABLE_ADVICE;
  const doFetch = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  const backoff = (attempt: number): number => {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };

  return async (request: TransportRequest): Promise<TransportResponse> => {
    const { method, url } = request;
    const fail = (fields: {
      kind: HttpFailureKind;
      reason: string;
      attempts: number;
      status?: number;
      code?: string;
      cause?: unknown;
    }): HttpTransportError => new HttpTransportError({ ...fields, method, url, advice });

    for (let attempt = 1; ; attempt++) {
      const last = attempt >= maxAttempts;
      let answer: TransportResponse;
      try {
        answer = await attemptOnce(doFetch, request, { timeoutMs, maxResponseBytes, userAgent });
      } catch (error) {
        if (error instanceof TooLarge) {
          throw fail({ kind: 'too-large', reason: error.message, attempts: attempt, status: error.status });
        }
        const failure = classifyNetworkError(error, url, timeoutMs);
        if (!failure.retry || last) {
          throw fail({
            ...failure,
            reason: `could not be reached: ${failure.reason}`,
            attempts: attempt,
            cause: error,
          });
        }
        const delayMs = backoff(attempt);
        options.onRetry?.({ method, url, attempt, delayMs, why: failure.reason });
        await sleep(delayMs);
        continue;
      }
      if (!RETRY_STATUSES.has(answer.status)) return answer;
      const statusText = `HTTP ${answer.status}${STATUS_TEXT[answer.status] ? ` ${STATUS_TEXT[answer.status]}` : ''}`;
      const said = serverSaid(answer);
      const wait = retryAfterMs(answer.headers['retry-after'], now());
      if (wait !== undefined && wait > maxRetryAfterMs) {
        throw fail({
          kind: 'status',
          status: answer.status,
          attempts: attempt,
          reason: `answered ${statusText}${said} and asked to retry in ${Math.ceil(wait / 1000)} s, longer than the ${Math.ceil(maxRetryAfterMs / 1000)} s a run waits`,
        });
      }
      if (last) {
        throw fail({
          kind: 'status',
          status: answer.status,
          attempts: attempt,
          reason: `answered ${statusText}${said}`,
        });
      }
      const delayMs = Math.max(backoff(attempt), wait ?? 0);
      options.onRetry?.({ method, url, attempt, delayMs, why: statusText });
      await sleep(delayMs);
    }
  };
}

class TooLarge extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

async function attemptOnce(
  doFetch: typeof fetch,
  request: TransportRequest,
  limits: { timeoutMs: number; maxResponseBytes: number; userAgent: string },
): Promise<TransportResponse> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': limits.userAgent };
  const init: RequestInit = {
    method: request.method,
    headers,
    signal: AbortSignal.timeout(limits.timeoutMs),
  };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }
  const response = await doFetch(request.url, init);
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name.toLowerCase()] = value;
  });
  const bytes = await readBody(response, limits.maxResponseBytes);
  const text = new TextDecoder('utf-8').decode(bytes);
  let json: unknown;
  let parsed = false;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
      parsed = true;
    } catch {
      // Left to the caller, which knows what it expected: `text` below.
    }
  }
  const answer: TransportResponse = { status: response.status, headers: responseHeaders, json };
  if (!parsed) answer.text = text.length > 500 ? `${text.slice(0, 500)}…` : text;
  return answer;
}

/** The body, refused past `max` bytes (by content-length before reading, else while reading). */
async function readBody(response: Response, max: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge(`answered a body of ${declared} bytes, above the ${max}-byte limit`, response.status);
  }
  if (!response.body) return new Uint8Array();
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(`answered a body of more than ${max} bytes, the limit`, response.status);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface NetworkFailure {
  kind: Exclude<HttpFailureKind, 'status' | 'too-large'>;
  /** System or undici code, when known. */
  code?: string;
  /** A phrase: "the host name api.osv.dev could not be resolved (ENOTFOUND)". */
  reason: string;
  /** Whether waiting and trying again may help. */
  retry: boolean;
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** What a fetch failure was, from the error and its causes (undici wraps them: `fetch failed`). */
export function classifyNetworkError(error: unknown, url: string, timeoutMs: number): NetworkFailure {
  const host = hostOf(url);
  const chain = causes(error);
  const names = chain.map((e) => (e as { name?: unknown }).name);
  if (names.includes('TimeoutError')) {
    return {
      kind: 'timeout',
      reason: `no complete answer within ${formatMs(timeoutMs)} (timed out)`,
      retry: true,
    };
  }
  const code = chain
    .map((e) => (e as { code?: unknown }).code)
    .find((c): c is string => typeof c === 'string' && c !== '');
  const detail = (text: string): string => (code ? `${text} (${code})` : text);
  switch (code) {
    case 'ENOTFOUND':
      return {
        kind: 'dns',
        code,
        reason: detail(
          `the host name ${host} could not be resolved: no DNS on the runner for it, or a misspelt URL`,
        ),
        retry: false,
      };
    case 'EAI_AGAIN':
      return { kind: 'dns', code, reason: detail(`the DNS lookup of ${host} failed for now`), retry: true };
    case 'ECONNREFUSED':
      return { kind: 'refused', code, reason: detail(`the connection to ${host} was refused`), retry: true };
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return {
        kind: 'unreachable',
        code,
        reason: detail(`the network has no route to ${host} (an air-gapped or firewalled runner?)`),
        retry: false,
      };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return {
        kind: 'reset',
        code,
        reason: detail('the connection was closed before the answer was complete'),
        retry: true,
      };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return { kind: 'timeout', code, reason: detail(`${host} did not answer in time`), retry: true };
    default:
      break;
  }
  if (code !== undefined && TLS_CODE.test(code)) {
    return {
      kind: 'tls',
      code,
      reason: detail(
        `the TLS connection to ${host} failed: its certificate is not trusted (a TLS-intercepting proxy?)`,
      ),
      retry: false,
    };
  }
  const innermost = chain[chain.length - 1];
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  return { kind: 'network', ...(code ? { code } : {}), reason: detail(message.slice(0, 200)), retry: true };
}

/** The error and its causes, outermost first (AggregateError's first error included). */
function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && out.length < 8 && !out.includes(current)) {
    out.push(current);
    const errors = (current as { errors?: unknown }).errors;
    const cause = (current as { cause?: unknown }).cause;
    current = cause ?? (Array.isArray(errors) ? (errors as unknown[])[0] : undefined);
  }
  return out;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function serverSaid(answer: TransportResponse): string {
  const json = answer.json;
  if (
    typeof json === 'object' &&
    json !== null &&
    typeof (json as { message?: unknown }).message === 'string'
  ) {
    // eslint-disable-next-line no-control-regex
    const text = (json as { message: string }).message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
    if (text !== '') return ` (${JSON.stringify(text.length > 200 ? `${text.slice(0, 199)}…` : text)})`;
  }
  return '';
}
