// A fake GitHub REST API (v3), Actions results service (artifact upload) and blob storage for
// tests: see test/support/fake-github/server.ts for the entry point.
export { BLOB_PREFIX } from './fake-github/blob-storage.js';
export { FaultQueue } from './fake-github/faults.js';
export { parseLinkHeader } from './fake-github/http.js';
export { ARTIFACT_SERVICE, TWIRP_PREFIX } from './fake-github/results-service.js';
export { routes } from './fake-github/routes.js';
export type { FakeGitHub, FakeGitHubOptions } from './fake-github/server.js';
export { startFakeGitHub } from './fake-github/server.js';
export { FakeGitHubState, GITHUB_ACTIONS_BOT } from './fake-github/state.js';
export type {
  ActiveFault,
  ArtifactRecord,
  ArtifactSeed,
  BlobRecord,
  CheckRunRecord,
  CommentRecord,
  FakeService,
  FakeUser,
  FaultKind,
  FaultRule,
  PendingArtifactUpload,
  PullFileSeed,
  PullRequestRecord,
  PullRequestSeed,
  RecordedRequest,
  RuntimeTokenOptions,
  StatusRecord,
  WorkflowJobBackend,
  WorkflowRunBackend,
} from './fake-github/types.js';
