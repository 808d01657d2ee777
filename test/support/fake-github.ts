// A fake GitHub REST API (v3) for tests: see test/support/fake-github/server.ts for the entry point.
export { FaultQueue } from './fake-github/faults.js';
export { parseLinkHeader } from './fake-github/http.js';
export { routes } from './fake-github/routes.js';
export type { FakeGitHub, FakeGitHubOptions } from './fake-github/server.js';
export { startFakeGitHub } from './fake-github/server.js';
export { FakeGitHubState, GITHUB_ACTIONS_BOT } from './fake-github/state.js';
export type {
  ActiveFault,
  ArtifactRecord,
  ArtifactSeed,
  CheckRunRecord,
  CommentRecord,
  FakeUser,
  FaultKind,
  FaultRule,
  PullFileSeed,
  PullRequestRecord,
  PullRequestSeed,
  RecordedRequest,
  StatusRecord,
} from './fake-github/types.js';
