// A stand-in for the Azure Blob Storage behind the results service's signed URLs, as
// @azure/storage-blob's BlockBlobClient uses it: Put Block (`?comp=block&blockid=`), Put Block
// List (`?comp=blocklist`, XML body), Put Blob (no comp, x-ms-blob-type: BlockBlob) and Get Blob.
// Requests carry a shared access signature in the query (`sig`, covering `sp` and `se`); a wrong
// or missing one is refused with 403 AuthenticationFailed, as Azure does.
import { createHash, randomUUID } from 'node:crypto';
import type { Reply } from './http.js';
import type { FakeGitHubState } from './state.js';
import type { BlobRecord, FaultRule, RecordedRequest } from './types.js';

/** Where signed blob URLs point: served by the fake itself. Below it: `<container>/<blob name>`. */
export const BLOB_PREFIX = '/_fake/blob/';
/** The container of artifact blobs, as on the real storage accounts. */
export const BLOB_CONTAINER = 'actions-results';
/** `sv` of the signed URLs. */
export const SAS_VERSION = '2023-11-03';
/** x-ms-version answered when the request sends none. */
const DEFAULT_VERSION = '2026-04-06';
/** Azure's limits: a block id decodes to at most 64 bytes; 50,000 committed, 100,000 uncommitted blocks. */
const MAX_BLOCK_ID_BYTES = 64;
const MAX_COMMITTED_BLOCKS = 50_000;
const MAX_UNCOMMITTED_BLOCKS = 100_000;

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

/** Azure's error answer: XML body, x-ms-error-code header; the message ends with RequestId and Time. */
export function storageError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): Reply {
  const requestId = randomUUID();
  const time = new Date().toISOString().replace(/Z$/, '0000Z');
  const details = Object.entries(extra)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  const xml =
    `\uFEFF<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code>` +
    `<Message>${escapeXml(message)}\nRequestId:${requestId}\nTime:${time}</Message>${details}</Error>`;
  return {
    status,
    raw: Buffer.from(xml, 'utf8'),
    headers: { 'content-type': 'application/xml', 'x-ms-error-code': code, 'x-ms-request-id': requestId },
  };
}

/** Headers on every blob storage answer. */
export function blobHeaders(record: RecordedRequest): Record<string, string> {
  const headers: Record<string, string> = {
    server: 'Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0',
    'x-ms-request-id': randomUUID(),
    'x-ms-version': String(record.headers['x-ms-version'] ?? DEFAULT_VERSION),
  };
  const clientRequestId = record.headers['x-ms-client-request-id'];
  if (typeof clientRequestId === 'string') headers['x-ms-client-request-id'] = clientRequestId;
  return headers;
}

/** A fault rule's answer on blob storage (Azure's XML errors; throttling is 503 ServerBusy). */
export function blobFaultReply(rule: FaultRule): Reply {
  switch (rule.kind) {
    case 'status':
      if (rule.status === 503) return storageError(503, 'ServerBusy', rule.message ?? 'The server is busy.');
      if (rule.status === 500) {
        const message =
          rule.message ?? 'Server encountered an internal error. Please try again after some time.';
        return storageError(500, 'InternalError', message);
      }
      return storageError(rule.status, 'InternalError', rule.message ?? 'Server Error');
    case 'rate-limit':
    case 'secondary-rate-limit':
      return storageError(503, 'ServerBusy', 'Operations per second is over the account limit.');
    case 'not-found':
      return storageError(404, 'BlobNotFound', 'The specified blob does not exist.');
    default:
      throw new Error(`fault kind ${rule.kind} has no reply`);
  }
}

const AUTH_FAILED =
  'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.';

function authFailed(detail: string): Reply {
  return storageError(403, 'AuthenticationFailed', AUTH_FAILED, { AuthenticationErrorDetail: detail });
}

/** The signed URL of a blob: `sig` stands for the grant recorded in state.results.grants. */
export function signedBlobUrl(
  state: FakeGitHubState,
  apiUrl: string,
  blobPath: string,
  permissions: string,
  lifetimeSeconds: number,
  extra: Record<string, string> = {},
): string {
  const now = state.now();
  const { sig, grant } = state.results.grant(
    blobPath,
    permissions,
    new Date(now.getTime() + lifetimeSeconds * 1000),
  );
  const path = blobPath.split('/').map(encodeURIComponent).join('/');
  const url = new URL(`${apiUrl}${BLOB_PREFIX}${BLOB_CONTAINER}/${path}`);
  url.searchParams.set('sv', SAS_VERSION);
  url.searchParams.set('sr', 'b');
  url.searchParams.set('sp', permissions);
  url.searchParams.set('st', new Date(now.getTime() - 5 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  url.searchParams.set('se', grant.expiry);
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  url.searchParams.set('sig', sig);
  return url.href;
}

/** The blob path (below the container) of a request path, or undefined for another container. */
function blobPathOf(pathname: string): string | undefined {
  const rest = pathname.slice(BLOB_PREFIX.length);
  if (!rest.startsWith(`${BLOB_CONTAINER}/`)) return undefined;
  try {
    return decodeURIComponent(rest.slice(BLOB_CONTAINER.length + 1));
  } catch {
    return undefined;
  }
}

/** Check the shared access signature for this blob and operation (`r` read, `w` write). */
function authorize(
  state: FakeGitHubState,
  url: URL,
  blobPath: string,
  permission: 'r' | 'w',
): Reply | undefined {
  const sig = url.searchParams.get('sig');
  if (sig === null) return authFailed('Signature (sig) is mandatory for a shared access signature.');
  const grant = state.results.grants.get(sig);
  if (
    !grant ||
    grant.blobPath !== blobPath ||
    url.searchParams.get('sp') !== grant.permissions ||
    url.searchParams.get('se') !== grant.expiry
  ) {
    return authFailed('Signature did not match. String to sign used was (fake-github)');
  }
  const now = state.now();
  if (Date.parse(grant.expiry) <= now.getTime()) {
    return authFailed(
      `Signed expiry time [${new Date(grant.expiry).toUTCString()}] must be after signed start time [${now.toUTCString()}]`,
    );
  }
  if (!grant.permissions.includes(permission)) {
    return storageError(
      403,
      'AuthorizationPermissionMismatch',
      'This request is not authorized to perform this operation using this permission.',
    );
  }
  return undefined;
}

const etag = () =>
  `"0x8D${createHash('sha1').update(randomUUID()).digest('hex').slice(0, 13).toUpperCase()}"`;

function commit(
  blob: BlobRecord,
  data: Buffer,
  blocks: Array<{ id: string; data: Buffer }>,
  contentType: string | undefined,
  now: Date,
): Reply {
  blob.committedBlocks = blocks;
  blob.committed = data;
  blob.blocks.clear();
  blob.contentType = contentType ?? 'application/octet-stream';
  blob.etag = etag();
  blob.lastModified = now;
  return {
    status: 201,
    headers: {
      etag: blob.etag,
      'last-modified': now.toUTCString(),
      'x-ms-request-server-encrypted': 'true',
      'x-ms-version-id': now.toISOString().replace(/Z$/, '0000Z'),
    },
  };
}

function putBlock(blob: BlobRecord, url: URL, body: Buffer): Reply {
  const blockId = url.searchParams.get('blockid');
  const decoded = blockId === null ? undefined : Buffer.from(blockId, 'base64');
  if (
    blockId === null ||
    decoded === undefined ||
    decoded.length === 0 ||
    decoded.length > MAX_BLOCK_ID_BYTES ||
    decoded.toString('base64') !== blockId
  ) {
    return storageError(
      400,
      'InvalidQueryParameterValue',
      'Value for one of the query parameters specified in the request URI is invalid.',
      { QueryParameterName: 'blockid', QueryParameterValue: blockId ?? '', Reason: '' },
    );
  }
  // Every block of a blob has an id of the same length.
  const other = [...blob.blocks.keys(), ...blob.committedBlocks.map((b) => b.id)][0];
  if (other !== undefined && Buffer.from(other, 'base64').length !== decoded.length) {
    return storageError(400, 'InvalidBlobOrBlock', 'The specified blob or block content is invalid.');
  }
  if (!blob.blocks.has(blockId) && blob.blocks.size >= MAX_UNCOMMITTED_BLOCKS) {
    return storageError(
      409,
      'BlockCountExceedsLimit',
      'The uncommitted block count cannot exceed the maximum limit of 100,000 blocks.',
    );
  }
  blob.blocks.set(blockId, body);
  return {
    status: 201,
    headers: {
      'content-md5': createHash('md5').update(body).digest('base64'),
      'x-ms-request-server-encrypted': 'true',
    },
  };
}

function putBlockList(blob: BlobRecord, record: RecordedRequest, body: Buffer, now: Date): Reply {
  const xml = body.toString('utf8').replace(/^\uFEFF/, '');
  const root = /<BlockList>([\s\S]*)<\/BlockList>/.exec(xml);
  if (!root) return storageError(400, 'InvalidXmlDocument', 'XML specified is not syntactically valid.');
  const blocks: Array<{ id: string; data: Buffer }> = [];
  const committed = new Map(blob.committedBlocks.map((b) => [b.id, b.data]));
  for (const m of (root[1] ?? '').matchAll(/<(Committed|Uncommitted|Latest)>([^<]*)<\/\1>/g)) {
    const [, list = '', id = ''] = m;
    const data =
      list === 'Committed'
        ? committed.get(id)
        : list === 'Uncommitted'
          ? blob.blocks.get(id)
          : (blob.blocks.get(id) ?? committed.get(id));
    if (data === undefined) {
      return storageError(400, 'InvalidBlockList', 'The specified block list is invalid.');
    }
    blocks.push({ id, data });
  }
  if (blocks.length > MAX_COMMITTED_BLOCKS) {
    return storageError(400, 'InvalidBlockList', 'The specified block list is invalid.');
  }
  const contentType = record.headers['x-ms-blob-content-type'];
  const data = Buffer.concat(blocks.map((b) => b.data));
  return commit(blob, data, blocks, typeof contentType === 'string' ? contentType : undefined, now);
}

function getBlob(state: FakeGitHubState, blob: BlobRecord | undefined, url: URL): Reply {
  const artifact =
    blob?.artifactId === undefined ? undefined : state.artifacts.find((a) => a.id === blob.artifactId);
  const data = artifact?.data ?? (blob?.artifactId === undefined ? blob?.committed : undefined);
  if (!blob || data === undefined)
    return storageError(404, 'BlobNotFound', 'The specified blob does not exist.');
  const headers: Record<string, string> = {
    'content-type': url.searchParams.get('rsct') ?? blob.contentType,
    'content-md5': createHash('md5').update(data).digest('base64'),
    etag: blob.etag ?? etag(),
    'last-modified': (blob.lastModified ?? state.now()).toUTCString(),
    'accept-ranges': 'bytes',
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-server-encrypted': 'true',
    'x-ms-lease-status': 'unlocked',
    'x-ms-lease-state': 'available',
  };
  const disposition = url.searchParams.get('rscd');
  if (disposition !== null) headers['content-disposition'] = disposition;
  return { status: 200, raw: data, headers };
}

/** Answer a request below BLOB_PREFIX. */
export function handleBlobRequest(
  state: FakeGitHubState,
  record: RecordedRequest,
  url: URL,
  body: Buffer,
): Reply {
  const path = blobPathOf(url.pathname);
  if (path === undefined || path === '') {
    return storageError(404, 'ResourceNotFound', 'The specified resource does not exist.');
  }
  const method = record.method;
  if (method !== 'GET' && method !== 'PUT') {
    return storageError(405, 'UnsupportedHttpVerb', "The resource doesn't support specified Http Verb.");
  }
  const denied = authorize(state, url, path, method === 'GET' ? 'r' : 'w');
  if (denied) return denied;
  if (method === 'GET') return getBlob(state, state.results.blobs.get(path), url);
  if (record.headers['x-ms-structured-body'] !== undefined) {
    // Not decoded by the fake: the SDK sends it only with contentChecksumAlgorithm StorageCrc64.
    return storageError(
      400,
      'UnsupportedHeader',
      'One of the headers specified in the request is not supported.',
      {
        HeaderName: 'x-ms-structured-body',
      },
    );
  }
  const blob = state.results.blob(path);
  const comp = url.searchParams.get('comp');
  if (comp === 'block') return putBlock(blob, url, body);
  if (comp === 'blocklist') return putBlockList(blob, record, body, state.now());
  if (comp !== null) {
    return storageError(
      400,
      'InvalidQueryParameterValue',
      'Value for one of the query parameters specified in the request URI is invalid.',
      { QueryParameterName: 'comp', QueryParameterValue: comp, Reason: '' },
    );
  }
  if (record.headers['x-ms-blob-type'] !== 'BlockBlob') {
    return storageError(
      400,
      'MissingRequiredHeader',
      "An HTTP header that's mandatory for this request is not specified.",
      {
        HeaderName: 'x-ms-blob-type',
      },
    );
  }
  // Put Blob: the body is the whole blob; any committed block list is replaced.
  const contentType = record.headers['x-ms-blob-content-type'] ?? record.headers['content-type'];
  return commit(blob, body, [], typeof contentType === 'string' ? contentType : undefined, state.now());
}
