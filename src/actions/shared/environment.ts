/** What the actions hand to the third-party programs they run (engines, pip, npm, syft). */

/**
 * The environment an engine (or pip, or npm) runs with: the job's, without what only the action
 * itself should hold — the runner's tokens for the Actions cache, artifacts and OIDC, and the
 * action's inputs — so that third-party code cannot write to the cache or mint tokens.
 */
export function engineEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('INPUT_') || WITHHELD.has(key)) continue;
    out[key] = value;
  }
  return out;
}

const WITHHELD = new Set([
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_CACHE_SERVICE_V2',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'GITHUB_TOKEN',
]);
