// The Actions results service's ArtifactService (ACTIONS_RESULTS_URL), as @actions/artifact 6.x
// talks to it: twirp over HTTP, JSON flavour. Requests are protobuf JSON with proto field names
// (the client sends `toJson(..., { useProtoFieldName: true })`; lowerCamelCase names are accepted
// too, as protojson does), int64 as strings, google.protobuf.StringValue as a bare string,
// Timestamp as RFC 3339. Answers use proto field names and emit every field, as a Go twirp server
// does by default. Errors are twirp errors: `{ code, msg, meta? }` with the HTTP status of the code.
import { createHash } from 'node:crypto';
import { signedBlobUrl } from './blob-storage.js';
import { type Reply, requestId } from './http.js';
import { type FakeGitHubState, gitSha, isoSeconds } from './state.js';
import type {
  ArtifactRecord,
  FaultRule,
  RecordedRequest,
  WorkflowJobBackend,
  WorkflowRunBackend,
} from './types.js';

export const TWIRP_PREFIX = '/twirp/';
export const ARTIFACT_SERVICE = 'github.actions.results.api.v1.ArtifactService';

/** How long signed URLs are valid: upload (create, write) and download (read). */
const UPLOAD_URL_SECONDS = 6 * 3600;
const DOWNLOAD_URL_SECONDS = 3600;
/** Artifacts without expires_at live as long as the repository's default retention. */
const DEFAULT_RETENTION_DAYS = 90;

export type TwirpCode =
  | 'canceled'
  | 'unknown'
  | 'invalid_argument'
  | 'malformed'
  | 'deadline_exceeded'
  | 'not_found'
  | 'bad_route'
  | 'already_exists'
  | 'permission_denied'
  | 'unauthenticated'
  | 'resource_exhausted'
  | 'failed_precondition'
  | 'aborted'
  | 'out_of_range'
  | 'unimplemented'
  | 'internal'
  | 'unavailable'
  | 'dataloss';

/** The HTTP status of each twirp error code (twirp protocol spec). */
const TWIRP_STATUS: Record<TwirpCode, number> = {
  canceled: 408,
  unknown: 500,
  invalid_argument: 400,
  malformed: 400,
  deadline_exceeded: 408,
  not_found: 404,
  bad_route: 404,
  already_exists: 409,
  permission_denied: 403,
  unauthenticated: 401,
  resource_exhausted: 429,
  failed_precondition: 412,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  dataloss: 500,
};

/** The twirp code a 'status' fault answers with; other statuses (502, 504…) answer HTML. */
const FAULT_CODES: Partial<Record<number, TwirpCode>> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  408: 'deadline_exceeded',
  409: 'already_exists',
  412: 'failed_precondition',
  429: 'resource_exhausted',
  500: 'internal',
  501: 'unimplemented',
  503: 'unavailable',
};

export function twirpError(code: TwirpCode, msg: string, meta?: Record<string, string>): Reply {
  return { status: TWIRP_STATUS[code], body: meta ? { code, msg, meta } : { code, msg } };
}

/** Thrown by the request decoders; the dispatcher answers its reply. */
class TwirpFailure extends Error {
  readonly reply: Reply;
  constructor(reply: Reply) {
    super(JSON.stringify(reply.body));
    this.reply = reply;
  }
}

const required = (argument: string) =>
  new TwirpFailure(twirpError('invalid_argument', `${argument} is required`, { argument }));
const malformed = (detail: string) =>
  new TwirpFailure(twirpError('malformed', `the json request could not be decoded: ${detail}`));

/** Headers on every results service answer. */
export function resultsHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', 'x-github-request-id': requestId() };
}

/** A fault rule's answer on the results service: twirp errors; throttling is resource_exhausted. */
export function resultsFaultReply(rule: FaultRule): Reply {
  switch (rule.kind) {
    case 'status': {
      const code = FAULT_CODES[rule.status];
      if (code === undefined) {
        // No twirp code has this status: what the load balancer in front says (HTML, not JSON).
        const text = rule.message ?? `Error from intermediary with HTTP status code ${rule.status}`;
        return {
          status: rule.status,
          raw: Buffer.from(`<html><body><h1>${rule.status}</h1><p>${text}</p></body></html>\n`),
          headers: { 'content-type': 'text/html' },
        };
      }
      return twirpError(code, rule.message ?? `fault: HTTP ${rule.status}`);
    }
    case 'rate-limit':
    case 'secondary-rate-limit':
      return twirpError('resource_exhausted', 'rate limit exceeded');
    case 'not-found':
      return twirpError('not_found', 'not found');
    default:
      throw new Error(`fault kind ${rule.kind} has no reply`);
  }
}

// --- Decoding protobuf JSON --------------------------------------------------------------------

type Message = Record<string, unknown>;

/** A field by its proto name or its lowerCamelCase JSON name; null counts as absent. */
function field(body: Message, protoName: string): unknown {
  const camel = protoName.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return body[protoName] ?? body[camel] ?? undefined;
}

function stringField(body: Message, name: string): string | undefined {
  const value = field(body, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw malformed(`${name}: not a string`);
  return value === '' ? undefined : value;
}

function requiredString(body: Message, name: string): string {
  const value = stringField(body, name);
  if (value === undefined) throw required(name);
  return value;
}

/** int64 and int32: a JSON number or a decimal string (protojson writes int64 as a string). */
function intField(body: Message, name: string): number | undefined {
  const value = field(body, name);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw malformed(`${name}: not an integer`);
}

function timestampField(body: Message, name: string): Date | undefined {
  const value = field(body, name);
  if (value === undefined) return undefined;
  const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;
  if (typeof value !== 'string' || !rfc3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw malformed(`${name}: not an RFC 3339 timestamp`);
  }
  return new Date(value);
}

// --- The service -------------------------------------------------------------------------------

interface Call {
  state: FakeGitHubState;
  apiUrl: string;
  body: Message;
  /** The job the runtime token was issued to. */
  job: WorkflowJobBackend;
}

/** The run and job a request names, checked against the runtime token. */
function target(call: Call, sameJob: boolean): { run: WorkflowRunBackend; jobId: string } {
  const runId = requiredString(call.body, 'workflow_run_backend_id');
  const jobId = requiredString(call.body, 'workflow_job_run_backend_id');
  const { job } = call;
  if (runId !== job.run.backendId || (sameJob && jobId !== job.backendId)) {
    throw new TwirpFailure(
      twirpError('permission_denied', 'the runtime token does not grant access to this workflow run'),
    );
  }
  return { run: job.run, jobId };
}

function runArtifacts(state: FakeGitHubState, run: WorkflowRunBackend): ArtifactRecord[] {
  return state.runArtifacts(run.owner, run.repo, run.runId);
}

/** The job backend id an artifact is listed with; seeded artifacts get a stable made-up one. */
function artifactJobId(state: FakeGitHubState, run: WorkflowRunBackend, artifact: ArtifactRecord): string {
  const job = state.results.artifactJobs.get(artifact.id);
  if (job) return job.backendId;
  const hex = gitSha(`seeded-job:${run.backendId}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const blobName = (name: string) => `${createHash('sha256').update(name).digest('hex')}.zip`;
const blobPathOf = (run: WorkflowRunBackend, jobId: string, name: string) =>
  `${run.backendId}/workflow-job-run-${jobId}/artifacts/${blobName(name)}`;

/** Characters an artifact name may not hold (the client checks them too). */
const INVALID_NAME = /[":<>|*?\r\n\\/]/;

function createArtifact(call: Call): Reply {
  const { state, body } = call;
  const { run, jobId } = target(call, true);
  const name = requiredString(body, 'name');
  const version = intField(body, 'version') ?? 0;
  const expiresAt = timestampField(body, 'expires_at');
  const mimeType = stringField(body, 'mime_type') ?? null;
  if (INVALID_NAME.test(name)) {
    return twirpError(
      'invalid_argument',
      `artifact name ${JSON.stringify(name)} contains invalid characters`,
      {
        argument: 'name',
      },
    );
  }
  if (expiresAt !== undefined && expiresAt.getTime() <= state.now().getTime()) {
    return twirpError('invalid_argument', 'expires_at must be in the future', { argument: 'expires_at' });
  }
  const taken =
    runArtifacts(state, run).some((a) => a.name === name) ||
    state.results.pending.some((p) => p.run === run && p.name === name);
  if (taken)
    return twirpError('already_exists', 'an artifact with this name already exists on the workflow run');
  const blobPath = blobPathOf(run, jobId, name);
  state.results.pending.push({
    run,
    job: call.job,
    name,
    blobPath,
    mimeType,
    expiresAt: expiresAt === undefined ? null : isoSeconds(expiresAt),
    version,
  });
  state.results.blobs.delete(blobPath);
  const signedUploadUrl = signedBlobUrl(state, call.apiUrl, blobPath, 'cw', UPLOAD_URL_SECONDS);
  return { status: 200, body: { ok: true, signed_upload_url: signedUploadUrl } };
}

function finalizeArtifact(call: Call): Reply {
  const { state, body } = call;
  const { run, jobId } = target(call, true);
  const name = requiredString(body, 'name');
  const size = intField(body, 'size');
  const hash = stringField(body, 'hash');
  const pending = state.results.pending.find((p) => p.run === run && p.name === name);
  if (!pending || pending.job.backendId !== jobId) {
    return runArtifacts(state, run).some((a) => a.name === name)
      ? twirpError('failed_precondition', 'artifact has already been finalized')
      : twirpError('not_found', 'artifact not found');
  }
  const data = state.results.blobs.get(pending.blobPath)?.committed;
  if (data === undefined) {
    return twirpError('failed_precondition', 'artifact content has not been uploaded: blob not found');
  }
  if (size !== undefined && size !== data.length) {
    return twirpError(
      'invalid_argument',
      `size ${size} does not match the uploaded blob (${data.length} bytes)`,
      {
        argument: 'size',
      },
    );
  }
  const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
  if (hash !== undefined && hash !== digest) {
    return twirpError('invalid_argument', `hash ${hash} does not match the uploaded blob (${digest})`, {
      argument: 'hash',
    });
  }
  const artifact = state.addArtifact({
    owner: run.owner,
    repo: run.repo,
    runId: run.runId,
    name,
    data,
    headSha: run.headSha,
    headBranch: run.headBranch,
  });
  artifact.expiresAt =
    pending.expiresAt ??
    isoSeconds(new Date(Date.parse(artifact.createdAt) + DEFAULT_RETENTION_DAYS * 24 * 3600 * 1000));
  state.results.pending = state.results.pending.filter((p) => p !== pending);
  state.results.artifactJobs.set(artifact.id, pending.job);
  const blob = state.results.blob(pending.blobPath);
  blob.artifactId = artifact.id;
  return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } };
}

function listArtifacts(call: Call): Reply {
  const { state, body } = call;
  const { run } = target(call, false);
  const nameFilter = stringField(body, 'name_filter');
  const idFilter = intField(body, 'id_filter');
  const artifacts = runArtifacts(state, run)
    .filter((a) => !a.expired)
    .filter((a) => nameFilter === undefined || a.name === nameFilter)
    .filter((a) => idFilter === undefined || a.id === idFilter)
    .sort((a, b) => a.id - b.id)
    .map((a) => ({
      workflow_run_backend_id: run.backendId,
      workflow_job_run_backend_id: artifactJobId(state, run, a),
      database_id: String(a.id),
      name: a.name,
      size: String(a.data.length),
      created_at: a.createdAt,
      digest: a.digest,
    }));
  return { status: 200, body: { artifacts } };
}

/** The live artifact a GetSignedArtifactURL or DeleteArtifact names (by run, job and name). */
function namedArtifact(call: Call): ArtifactRecord | undefined {
  const { state, body } = call;
  const { run, jobId } = target(call, false);
  const name = requiredString(body, 'name');
  return runArtifacts(state, run)
    .filter((a) => !a.expired && a.name === name && artifactJobId(state, run, a) === jobId)
    .sort((a, b) => b.id - a.id)[0];
}

function getSignedArtifactUrl(call: Call): Reply {
  const { state } = call;
  const artifact = namedArtifact(call);
  if (!artifact) return twirpError('not_found', 'artifact not found');
  const run = call.job.run;
  let blob = [...state.results.blobs.values()].find((b) => b.artifactId === artifact.id);
  if (!blob) {
    // A seeded artifact: give it a blob that serves its bytes.
    blob = state.results.blob(
      blobPathOf(run, artifactJobId(state, run, artifact), artifact.name),
      'application/zip',
    );
    blob.artifactId = artifact.id;
  }
  const signedUrl = signedBlobUrl(state, call.apiUrl, blob.path, 'r', DOWNLOAD_URL_SECONDS, {
    rscd: `attachment; filename="${artifact.name}.zip"`,
  });
  return { status: 200, body: { signed_url: signedUrl } };
}

function deleteArtifact(call: Call): Reply {
  const { state } = call;
  const artifact = namedArtifact(call);
  if (!artifact) return twirpError('not_found', 'artifact not found');
  state.artifacts = state.artifacts.filter((a) => a !== artifact);
  for (const [path, blob] of state.results.blobs) {
    if (blob.artifactId === artifact.id) state.results.blobs.delete(path);
  }
  return { status: 200, body: { ok: true, artifact_id: String(artifact.id) } };
}

const METHODS: Record<string, (call: Call) => Reply> = {
  CreateArtifact: createArtifact,
  FinalizeArtifact: finalizeArtifact,
  ListArtifacts: listArtifacts,
  GetSignedArtifactURL: getSignedArtifactUrl,
  DeleteArtifact: deleteArtifact,
};

/** Answer a request below TWIRP_PREFIX. */
export function handleResultsRequest(state: FakeGitHubState, apiUrl: string, record: RecordedRequest): Reply {
  const { method, path } = record;
  if (method !== 'POST') {
    return twirpError('bad_route', `unsupported method "${method}" (only POST is allowed)`, {
      twirp_invalid_route: `${method} ${path}`,
    });
  }
  const [service, rpc = ''] = path.slice(TWIRP_PREFIX.length).split('/');
  const handler = service === ARTIFACT_SERVICE && Object.hasOwn(METHODS, rpc) ? METHODS[rpc] : undefined;
  if (!handler) {
    return twirpError('bad_route', `no handler for path "${path}"`, {
      twirp_invalid_route: `${method} ${path}`,
    });
  }

  const authorization = record.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (bearer === undefined) return twirpError('unauthenticated', 'missing or malformed Authorization header');
  const job = state.results.verifyToken(bearer, state.now());
  if (typeof job === 'string') return twirpError('unauthenticated', `invalid runtime token: ${job}`);

  const contentType = record.headers['content-type'] ?? '';
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'application/protobuf') {
    return twirpError('unimplemented', 'fake-github speaks twirp JSON only, not protobuf');
  }
  if (mediaType !== 'application/json') {
    return twirpError('bad_route', `unexpected Content-Type: ${JSON.stringify(contentType)}`, {
      twirp_invalid_route: `${method} ${path}`,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(record.rawBody);
  } catch {
    return twirpError('malformed', 'the json request could not be decoded');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return twirpError('malformed', 'the json request could not be decoded');
  }
  try {
    return handler({ state, apiUrl, body: body as Message, job });
  } catch (error) {
    if (error instanceof TwirpFailure) return error.reply;
    throw error;
  }
}
