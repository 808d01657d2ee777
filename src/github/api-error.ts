/**
 * What a failed GitHub API call means for the user, told apart by status and headers: a token
 * without the permission, a rate limit, a resource that is gone, the network, or GitHub itself.
 */

export type ApiErrorKind = 'forbidden' | 'rate-limited' | 'not-found' | 'network' | 'server' | 'other';

export interface ApiErrorInfo {
  kind: ApiErrorKind;
  status?: number;
  /** One sentence without its full stop, with the request when known. */
  message: string;
}

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
  request?: { method?: unknown; url?: unknown };
  cause?: unknown;
}

/** The root cause of a failed fetch ("connect ECONNREFUSED 127.0.0.1:443"), not "fetch failed". */
function causeMessage(error: ErrorLike): string {
  let best = typeof error.message === 'string' ? error.message : 'unknown error';
  let current: unknown = error.cause;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const c = current as { message?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
    const first: unknown = Array.isArray(c.errors) ? c.errors[0] : undefined;
    const code = typeof c.code === 'string' ? c.code : '';
    const message = typeof c.message === 'string' ? c.message : '';
    if (code && message.includes(code)) best = message;
    else if (code || message) best = [code, message].filter(Boolean).join(' ');
    current = c.cause ?? first;
  }
  return best.replace(/[.\s]+$/, '');
}

export function describeApiError(error: unknown): ApiErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const method = typeof e.request?.method === 'string' ? e.request.method : undefined;
  const url = typeof e.request?.url === 'string' ? e.request.url.replace(/\?.*$/, '') : undefined;
  const where = method && url ? ` (${method} ${url})` : '';
  const text = (typeof e.message === 'string' ? e.message : 'unknown error').replace(/[.\s]+$/, '');
  const headers = e.response?.headers ?? {};

  if (status === undefined || (status === 500 && e.response === undefined)) {
    return { kind: 'network', message: `GitHub could not be reached${where}: ${causeMessage(e)}` };
  }
  if (
    (status === 403 || status === 429) &&
    (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(text))
  ) {
    return { kind: 'rate-limited', status, message: `GitHub's API rate limit was hit${where}: ${text}` };
  }
  if (status === 401 || status === 403) {
    return {
      kind: 'forbidden',
      status,
      message: `The token may not do this${where}: ${status} ${text}`,
    };
  }
  if (status === 404 || status === 410) {
    return { kind: 'not-found', status, message: `Not found${where}: ${status} ${text}` };
  }
  if (status >= 500) return { kind: 'server', status, message: `GitHub answered ${status}${where}: ${text}` };
  return { kind: 'other', status, message: `GitHub answered ${status}${where}: ${text}` };
}
