import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readRunContext } from '../../../src/actions/shared/context.js';
import { EVENTS_DIR } from '../../support/runner.js';

const env = (event: string, extra: Record<string, string> = {}) => ({
  GITHUB_EVENT_NAME: event.split('.')[0],
  GITHUB_EVENT_PATH: path.join(EVENTS_DIR, `${event}.json`),
  GITHUB_REPOSITORY: 'octo-org/hello-service',
  GITHUB_API_URL: 'https://ghes.example/api/v3',
  ...extra,
});

describe('readRunContext', () => {
  it('reads a same-repository pull request as writable', () => {
    const c = readRunContext(env('pull_request.opened'));
    expect(c.pullRequest).toMatchObject({ number: 7, headRepository: 'octo-org/hello-service' });
    expect(c.readOnly).toBeUndefined();
    expect(c.apiUrl).toBe('https://ghes.example/api/v3');
  });
  it('knows a fork pull request gets a read-only token', () => {
    const c = readRunContext(env('pull_request.synchronize.fork'));
    expect(c.pullRequest).toMatchObject({ number: 12, headRepository: 'contributor/hello-service' });
    expect(c.readOnly).toBe('fork');
  });
  it('knows Dependabot pull requests are read-only too', () => {
    expect(readRunContext(env('pull_request.opened', { GITHUB_ACTOR: 'dependabot[bot]' })).readOnly).toBe(
      'dependabot',
    );
  });
  it('a deleted fork (head.repo null) is a fork', () => {
    const payload = JSON.parse(
      readFileSync(path.join(EVENTS_DIR, 'pull_request.synchronize.fork.json'), 'utf8'),
    );
    payload.pull_request.head.repo = null;
    const file = path.join(process.env.TMPDIR ?? '/tmp', `pavedpath-ctx-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(payload));
    expect(readRunContext({ ...env('pull_request.opened'), GITHUB_EVENT_PATH: file }).readOnly).toBe('fork');
  });
  it('pull_request_target runs can write', () => {
    const c = readRunContext({
      ...env('pull_request.synchronize.fork'),
      GITHUB_EVENT_NAME: 'pull_request_target',
    });
    expect(c.readOnly).toBeUndefined();
  });
});
