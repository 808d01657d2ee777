import { describe, expect, it } from '@jest/globals';
import { engineEnvironment } from '../../src/actions/shared/environment.js';

describe('engineEnvironment', () => {
  it("keeps the job's environment but withholds the runner's tokens and the action's inputs", () => {
    const env = engineEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GOPROXY: 'https://proxy.golang.org',
      PIP_INDEX_URL: 'https://pypi.example/simple',
      ACTIONS_RUNTIME_TOKEN: 'secret-runtime',
      ACTIONS_CACHE_URL: 'https://cache',
      ACTIONS_RESULTS_URL: 'https://results',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://oidc',
      GITHUB_TOKEN: 'ghs_x',
      INPUT_TOKEN: 'ghs_y',
      INPUT_ENGINES: 'auto',
      GITHUB_WORKSPACE: '/work',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GOPROXY: 'https://proxy.golang.org',
      PIP_INDEX_URL: 'https://pypi.example/simple',
      GITHUB_WORKSPACE: '/work',
    });
  });
});
