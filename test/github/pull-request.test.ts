import { describe, expect, it } from '@jest/globals';
import { matchingPulls, type PullSummary } from '../../src/github/pull-request.js';

const head = {
  owner: 'octo-org',
  repo: 'hello-service',
  headSha: 'd4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d',
  headRepository: 'contributor/hello-service',
  headBranch: 'fix-user-lookup',
};
const pull = (over: Partial<PullSummary>): PullSummary => ({
  number: 12,
  state: 'open',
  headSha: head.headSha,
  headRepository: 'contributor/hello-service',
  baseRepository: 'octo-org/hello-service',
  ...over,
});

describe('matchingPulls', () => {
  it('keeps the open pull request whose head is this commit of this repository', () => {
    expect(matchingPulls([pull({})], head).map((p) => p.number)).toEqual([12]);
    expect(matchingPulls([pull({ headRepository: 'Contributor/Hello-Service' })], head)).toHaveLength(1);
  });
  it('drops a pull request from another fork with the same commit (a copy of the branch)', () => {
    expect(matchingPulls([pull({ headRepository: 'mallory/hello-service' })], head)).toEqual([]);
  });
  it('drops closed pull requests, other head commits, deleted forks and other base repositories', () => {
    expect(matchingPulls([pull({ state: 'closed' })], head)).toEqual([]);
    expect(matchingPulls([pull({ headSha: 'f'.repeat(40) })], head)).toEqual([]);
    expect(matchingPulls([pull({ headRepository: undefined })], head)).toEqual([]);
    expect(matchingPulls([pull({ baseRepository: 'someone/hello-service' })], head)).toEqual([]);
  });
  it('lists a pull request once even when two endpoints return it', () => {
    expect(matchingPulls([pull({}), pull({}), pull({ number: 13 })], head).map((p) => p.number)).toEqual([
      12, 13,
    ]);
  });
});
