// What the fake Actions results service knows: runs and jobs by backend id, runtime tokens,
// artifacts being uploaded, and the blobs and signatures of its blob storage.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type {
  BlobRecord,
  PendingArtifactUpload,
  RuntimeTokenOptions,
  SasGrant,
  WorkflowJobBackend,
  WorkflowRunBackend,
} from './types.js';

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** The scope @actions/artifact reads the backend ids from (shared/util.js getBackendIdsFromToken). */
export const RESULTS_SCOPE = 'Actions.Results';
const DEFAULT_TOKEN_SECONDS = 6 * 3600;

export class ResultsState {
  /** Runs by workflow run backend id. */
  runs = new Map<string, WorkflowRunBackend>();
  /** Jobs by workflow job run backend id. */
  jobs = new Map<string, WorkflowJobBackend>();
  /** CreateArtifact'ed, not yet finalized. */
  pending: PendingArtifactUpload[] = [];
  /** Blob storage: blobs by path (below BLOB_PREFIX, decoded). */
  blobs = new Map<string, BlobRecord>();
  /** Signatures handed out in signed URLs, by `sig`. */
  grants = new Map<string, SasGrant>();
  /** Which job uploaded an artifact (by artifact id); seeded artifacts have no entry. */
  artifactJobs = new Map<number, WorkflowJobBackend>();

  /** Signs runtime tokens: a token from another fake, or edited, fails verification. */
  private readonly secret = randomBytes(32);

  /** The run with these coordinates, created on first use. */
  run(options: RuntimeTokenOptions, defaults: { headSha: string; headBranch: string }): WorkflowRunBackend {
    const { owner, repo, runId } = options;
    const key = (r: WorkflowRunBackend) =>
      r.owner.toLowerCase() === owner.toLowerCase() &&
      r.repo.toLowerCase() === repo.toLowerCase() &&
      r.runId === runId;
    const known = [...this.runs.values()].find(key);
    if (known) {
      for (const field of ['headSha', 'headBranch'] as const) {
        const wanted = options[field];
        if (wanted !== undefined && wanted !== known[field]) {
          throw new Error(
            `run ${owner}/${repo}#${runId} already has ${field} ${known[field]}, not ${wanted}`,
          );
        }
      }
      return known;
    }
    const run: WorkflowRunBackend = {
      backendId: randomUUID(),
      owner,
      repo,
      runId,
      headSha: options.headSha ?? defaults.headSha,
      headBranch: options.headBranch ?? defaults.headBranch,
    };
    this.runs.set(run.backendId, run);
    return run;
  }

  /** A new job of the run (each call is another job) and its ACTIONS_RUNTIME_TOKEN. */
  issueToken(run: WorkflowRunBackend, now: Date, expiresInSeconds = DEFAULT_TOKEN_SECONDS): string {
    const job: WorkflowJobBackend = { backendId: randomUUID(), run };
    this.jobs.set(job.backendId, job);
    const iat = Math.floor(now.getTime() / 1000);
    const header = { typ: 'JWT', alg: 'HS256' };
    // The shape of a real runtime token's claims, less the ones nothing here reads.
    const payload = {
      nameid: 'dddddddd-dddd-dddd-dddd-dddddddddddd',
      scp: [
        'Actions.GenericRead:00000000-0000-0000-0000-000000000000',
        `Actions.UploadArtifacts:${run.backendId}:${job.backendId}`,
        `${RESULTS_SCOPE}:${run.backendId}:${job.backendId}`,
      ].join(' '),
      IdentityTypeClaim: 'System:ServiceIdentity',
      iss: 'vstoken.actions.githubusercontent.com',
      aud: 'vso:fake-github',
      iat,
      nbf: iat - 60,
      exp: iat + expiresInSeconds,
    };
    const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    return `${unsigned}.${this.sign(unsigned)}`;
  }

  /** The job a runtime token was issued for, or why it is refused. */
  verifyToken(token: string, now: Date): WorkflowJobBackend | string {
    const parts = token.split('.');
    if (parts.length !== 3) return 'the token is not a JWT';
    const [header = '', payload = '', signature = ''] = parts;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return 'the token signature is invalid';
    }
    let claims: { scp?: unknown; exp?: unknown; nbf?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return 'the token payload is not JSON';
    }
    const seconds = now.getTime() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= seconds) return 'the token has expired';
    if (typeof claims.nbf === 'number' && claims.nbf > seconds) return 'the token is not valid yet';
    const scope = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
    const results = scope.map((s) => s.split(':')).find((s) => s[0] === RESULTS_SCOPE && s.length === 3);
    const job = results?.[2] === undefined ? undefined : this.jobs.get(results[2]);
    if (!job || job.run.backendId !== results?.[1]) return 'the token has no Actions.Results scope';
    return job;
  }

  /** A new shared access signature for a blob. */
  grant(blobPath: string, permissions: string, expiry: Date): { sig: string; grant: SasGrant } {
    const sig = randomBytes(32).toString('base64');
    const grant: SasGrant = { blobPath, permissions, expiry: expiry.toISOString().replace(/\.\d{3}Z$/, 'Z') };
    this.grants.set(sig, grant);
    return { sig, grant };
  }

  /** The blob at this path, created empty if unknown. */
  blob(path: string, contentType = 'application/octet-stream'): BlobRecord {
    let blob = this.blobs.get(path);
    if (!blob) {
      blob = {
        path,
        blocks: new Map(),
        committed: undefined,
        committedBlocks: [],
        contentType,
        etag: undefined,
        lastModified: undefined,
        artifactId: undefined,
      };
      this.blobs.set(path, blob);
    }
    return blob;
  }

  private sign(unsigned: string): string {
    return createHmac('sha256', this.secret).update(unsigned).digest('base64url');
  }
}
