import { randomBytes } from 'node:crypto';
import type { FakeGitHubState } from './state.js';

export const REST_DOCS = 'https://docs.github.com/rest';

/** What a route or a fault answers; the server adds GitHub's standard headers. */
export interface Reply {
  status: number;
  /** Serialised as JSON. Omitted for 204 and redirects. */
  body?: unknown;
  /** Sent as is instead of `body` (artifact downloads). */
  raw?: Buffer;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** GitHub's error body: message, documentation_url and (since 2024) the status as a string. */
export function errorReply(
  status: number,
  message: string,
  documentationUrl = REST_DOCS,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): Reply {
  return json(
    status,
    { message, ...extra, documentation_url: documentationUrl, status: String(status) },
    headers,
  );
}

export function notFound(): Reply {
  return errorReply(404, 'Not Found');
}

/** x-github-request-id looks like `C0DE:1A2B3C:4D5E6F:7A8B9C0:65F0A1B2`. */
export function requestId(): string {
  const hex = (n: number) => randomBytes(n).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}:${hex(4)}`;
}

/** Unix time (seconds) when the current rate-limit window resets. */
export function rateLimitReset(state: FakeGitHubState): number {
  return Math.floor(state.now().getTime() / 1000) + state.rateLimit.resetSeconds;
}

export function rateLimitHeaders(state: FakeGitHubState): Record<string, string> {
  const { limit, used } = state.rateLimit;
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(0, limit - used)),
    'x-ratelimit-reset': String(rateLimitReset(state)),
    'x-ratelimit-used': String(used),
    'x-ratelimit-resource': 'core',
  };
}

export function standardHeaders(): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': requestId(),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'deny',
    'cache-control': 'private, max-age=60, s-maxage=60',
    vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
  };
}

function intParam(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\d+$/.test(value)) return fallback;
  return Number.parseInt(value, 10);
}

export interface Page<T> {
  items: T[];
  /** The Link header, or undefined when everything fits on one page (GitHub omits it then). */
  link: string | undefined;
}

/**
 * GitHub's page-based pagination: per_page defaults to 30 and is capped at 100; page starts at 1.
 * Link lists prev, next, last, first (in GitHub's order) with absolute URLs that keep the other
 * query parameters.
 */
export function paginate<T>(items: T[], url: URL): Page<T> {
  const perPageRaw = intParam(url.searchParams.get('per_page') ?? undefined, 30);
  const perPage = perPageRaw < 1 ? 30 : Math.min(perPageRaw, 100);
  const pageRaw = intParam(url.searchParams.get('page') ?? undefined, 1);
  const page = Math.max(pageRaw, 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  if (lastPage === 1 && page === 1) return { items: slice, link: undefined };
  const to = (n: number): string => {
    const target = new URL(url.href);
    target.searchParams.set('page', String(n));
    return `<${target.href}>; rel=`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${to(page - 1)}"prev"`);
  if (page < lastPage) links.push(`${to(page + 1)}"next"`, `${to(lastPage)}"last"`);
  if (page > 1) links.push(`${to(1)}"first"`);
  return { items: slice, link: links.join(', ') };
}

/** A paginated JSON list reply. */
export function listReply<T>(items: T[], url: URL, render: (item: T) => unknown): Reply {
  const { items: pageItems, link } = paginate(items, url);
  return json(200, pageItems.map(render), link ? { link } : undefined);
}

/** The token from `Authorization: token X`, `Bearer X` or `Basic base64(x-access-token:X)`. */
export function tokenFrom(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
  if (/^(token|bearer)$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return undefined;
}

/** Parse a Link header into { rel: url }. Exported for tests. */
export function parseLinkHeader(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part);
    if (match?.[1] && match[2]) out[match[2]] = match[1];
  }
  return out;
}
