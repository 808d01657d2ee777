import { describe, expect, it } from '@jest/globals';
import { RequestError } from '@octokit/request-error';
import { describeApiError } from '../../src/github/api-error.js';

const request = {
  method: 'POST' as const,
  url: 'https://api.github.com/repos/o/r/issues/7/comments?x=1',
  headers: {},
};
const error = (status: number, message: string, headers: Record<string, string> = {}) =>
  new RequestError(message, status, {
    request,
    response: { status, url: request.url, headers, data: { message } },
  });

describe('describeApiError', () => {
  it('tells a read-only token apart from a rate limit', () => {
    expect(describeApiError(error(403, 'Resource not accessible by integration'))).toMatchObject({
      kind: 'forbidden',
      status: 403,
    });
    expect(
      describeApiError(error(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' })).kind,
    ).toBe('rate-limited');
    expect(describeApiError(error(403, 'You have exceeded a secondary rate limit')).kind).toBe(
      'rate-limited',
    );
    expect(describeApiError(error(429, 'Too many requests', { 'x-ratelimit-remaining': '0' })).kind).toBe(
      'rate-limited',
    );
  });
  it('names the request without its query string', () => {
    const info = describeApiError(error(404, 'Not Found'));
    expect(info.kind).toBe('not-found');
    expect(info.message).toContain('(POST https://api.github.com/repos/o/r/issues/7/comments)');
    expect(info.message).not.toContain('x=1');
  });
  it('calls a failed fetch (status 500, no response) a network error, with its cause', () => {
    const e = new RequestError('fetch failed', 500, { request });
    Object.assign(e, {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const info = describeApiError(e);
    expect(info.kind).toBe('network');
    expect(info.message).toContain('ECONNREFUSED');
  });
  it('server errors and others', () => {
    expect(describeApiError(error(502, 'Bad Gateway')).kind).toBe('server');
    expect(describeApiError(error(422, 'Validation Failed')).kind).toBe('other');
    expect(describeApiError(new Error('boom')).kind).toBe('network');
  });
});
