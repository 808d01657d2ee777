import type { IncomingHttpHeaders } from 'node:http';

/** An account as the fake knows it; rendered as GitHub's "simple user". */
export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

/**
 * The services one fake server stands in for, told apart by path: `/twirp/...` is the Actions
 * results service (ACTIONS_RESULTS_URL), `/_fake/blob/...` its blob storage (signed
 * URLs), everything else the REST API (GITHUB_API_URL).
 */
export type FakeService = 'rest' | 'results' | 'blob';

/** One request the fake received, recorded before any fault or route runs. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. /repos/octo-org/hello-service/issues/7/comments. */
  path: string;
  /** Query parameters (last value wins when repeated). */
  query: Record<string, string>;
  /** Lower-cased header names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /** The token from `Authorization: token X` / `Bearer X`, if any. */
  token: string | undefined;
  /** Body parsed as JSON when it parses, else the raw text; undefined when empty. */
  body: unknown;
  /** The body decoded as UTF-8 (lossy for binary bodies such as blob uploads: see `bytes`). */
  rawBody: string;
  /** The body as received. */
  bytes: Buffer;
  /** Which service the path belongs to: the REST API, the Actions results service (twirp) or blob storage. */
  service: FakeService;
  /** Date.now() when the request arrived. */
  timestamp: number;
  /** Status code sent back; undefined until answered, and forever for a 'reset' fault. */
  status?: number;
  /** Kind of the fault rule(s) applied to this request, in order. */
  faults: FaultKind[];
}

export interface FaultMatch {
  /** HTTP method, case-insensitive. Any method when omitted. */
  method?: string;
  /** A string matches the path (no query) exactly; a RegExp is tested against the path. */
  path?: string | RegExp;
  /** How many matching requests this rule applies to. Default 1; Infinity for always. */
  times?: number;
}

export type FaultSpec =
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'rate-limit'; resetSeconds?: number; status?: 403 | 429 }
  | { kind: 'secondary-rate-limit'; retryAfter?: number }
  | { kind: 'not-found' }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' };

export type FaultRule = FaultMatch & FaultSpec;
export type FaultKind = FaultSpec['kind'];

/** What fault() returns: the rule and how many uses are left (live). */
export interface ActiveFault {
  rule: FaultRule;
  remaining: number;
  /** Requests this rule was applied to. */
  hits: number;
}

export interface CommentRecord {
  id: number;
  nodeId: string;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
}

export interface PullFileSeed {
  filename: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions?: number;
  deletions?: number;
  patch?: string;
  previousFilename?: string;
}

export interface PullFileRecord {
  filename: string;
  status: NonNullable<PullFileSeed['status']>;
  additions: number;
  deletions: number;
  changes: number;
  patch: string | undefined;
  previousFilename: string | undefined;
  sha: string;
}

export interface PullRequestSeed {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  /** full_name of the head repository; a different one than owner/repo makes a fork PR. */
  headRepo?: string;
  headRef?: string;
  baseRef?: string;
  state?: 'open' | 'closed';
  title?: string;
  body?: string | null;
  user?: string;
  draft?: boolean;
  merged?: boolean;
  files?: PullFileSeed[];
}

export interface PullRequestRecord {
  id: number;
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  headRepo: string;
  headRef: string;
  baseRef: string;
  state: 'open' | 'closed';
  title: string;
  body: string | null;
  user: FakeUser;
  draft: boolean;
  merged: boolean;
  files: PullFileRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface ArtifactSeed {
  owner: string;
  repo: string;
  runId: number;
  name: string;
  /** The bytes the download URL serves (a zip, usually). */
  data: string | Uint8Array;
  expired?: boolean;
  headSha?: string;
  headBranch?: string;
}

export interface ArtifactRecord {
  id: number;
  owner: string;
  repo: string;
  runId: number;
  name: string;
  data: Buffer;
  expired: boolean;
  headSha: string;
  headBranch: string;
  digest: string;
  createdAt: string;
  expiresAt: string;
}

export interface CheckRunRecord {
  id: number;
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** The `output` object as last sent (title, summary, text, annotations…). */
  output: Record<string, unknown>;
  /** Every annotation ever sent for this run (GitHub appends them across updates). */
  annotations: unknown[];
}

export interface StatusRecord {
  id: number;
  owner: string;
  repo: string;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  targetUrl: string | null;
  description: string | null;
  context: string;
  creator: FakeUser;
  createdAt: string;
}

/** What fake.runtimeToken() needs: the workflow run the job's ACTIONS_RUNTIME_TOKEN belongs to. */
export interface RuntimeTokenOptions {
  owner: string;
  repo: string;
  runId: number;
  /** head_sha of the run's artifacts. Default: derived from runId, as addArtifact does. */
  headSha?: string;
  /** head_branch of the run's artifacts. Default main. */
  headBranch?: string;
  /** Lifetime of the token in seconds (its `exp` claim). Default 6 hours. */
  expiresInSeconds?: number;
}

/** A workflow run as the results service knows it: by its backend id (a UUID). */
export interface WorkflowRunBackend {
  backendId: string;
  owner: string;
  repo: string;
  runId: number;
  headSha: string;
  headBranch: string;
}

/** A job of a run: each runtimeToken() call starts one. */
export interface WorkflowJobBackend {
  backendId: string;
  run: WorkflowRunBackend;
}

/** An artifact created (CreateArtifact) but not finalized yet. */
export interface PendingArtifactUpload {
  run: WorkflowRunBackend;
  job: WorkflowJobBackend;
  name: string;
  /** Path of its blob on the fake's blob storage. */
  blobPath: string;
  mimeType: string | null;
  /** expires_at of CreateArtifact (retention), ISO 8601; null for the default 90 days. */
  expiresAt: string | null;
  version: number;
}

/** One block blob on the fake blob storage (see blob-storage.ts). */
export interface BlobRecord {
  path: string;
  /** Staged, uncommitted blocks by block id (base64, as sent). */
  blocks: Map<string, Buffer>;
  /** The blob's content once a block list (or a whole blob) was committed. */
  committed: Buffer | undefined;
  /** Committed blocks by id, in order (a later block list may name them as Committed). */
  committedBlocks: Array<{ id: string; data: Buffer }>;
  contentType: string;
  etag: string | undefined;
  lastModified: Date | undefined;
  /** Set when the blob serves a finalized artifact (download URLs of GetSignedArtifactURL). */
  artifactId: number | undefined;
}

/** A shared access signature the fake handed out: the `sig` covers the permissions and expiry. */
export interface SasGrant {
  blobPath: string;
  /** `sp`: r (read) or cw (create, write). */
  permissions: string;
  /** `se` as sent, ISO 8601 whole seconds. */
  expiry: string;
}
