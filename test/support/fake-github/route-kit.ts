import { errorReply, type Reply } from './http.js';
import type { RenderContext } from './shapes.js';

export interface RouteContext {
  /** The absolute request URL on the fake's base URL. */
  url: URL;
  params: Record<string, string>;
  body: unknown;
  token: string | undefined;
  render: RenderContext;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  /** documentation_url of this endpoint's errors. */
  docs: string;
  /** For writes: the permission GitHub names in x-accepted-github-permissions. */
  permission?: string;
  handle(ctx: RouteContext): Reply;
}

export const DOCS = 'https://docs.github.com/rest';
/** The /repos/{owner}/{repo} prefix of a route pattern. */
export const REPO = '^/repos/(?<owner>[^/]+)/(?<repo>[^/]+)';

export const num = (ctx: RouteContext, key: string): number => Number(ctx.params[key]);
export const param = (ctx: RouteContext, key: string): string => ctx.params[key] ?? '';
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function bodyObject(ctx: RouteContext): Record<string, unknown> {
  const { body } = ctx;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** GitHub's answer when a required field is absent. */
export function missing(field: string, docs: string): Reply {
  return errorReply(422, `Invalid request.\n\n"${field}" wasn't supplied.`, docs);
}

export function validationFailed(resource: string, field: string, message: string, docs: string): Reply {
  return errorReply(422, 'Validation Failed', docs, {
    errors: [{ resource, code: 'custom', field, message }],
  });
}

/** Length as GitHub counts it: characters (code points), not UTF-16 units or bytes. */
export function characters(value: string): number {
  return Array.from(value).length;
}
