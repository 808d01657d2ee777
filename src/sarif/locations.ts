/**
 * Turns a SARIF location into a repository-relative path: follows uriBaseId chains through
 * originalUriBaseIds, artifact indexes into run.artifacts, file:// URIs and percent-encoding,
 * and strips the workspace root (given, or recognised as a GitHub-hosted runner's checkout).
 */
import type { Location } from '../findings/finding.js';
import type { RunContext } from './run-context.js';
import { intern, isObject } from './run-context.js';
import type { SarifRegion } from './types.js';

/** Characters allowed in a URI reference (RFC 3986), percent signs included. */
const URI_REFERENCE = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;

export function isUriReference(uri: string): boolean {
  return URI_REFERENCE.test(uri) && !/%(?![0-9A-Fa-f]{2})/.test(uri);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function join(base: string, rel: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(rel) || rel.startsWith('/')) return rel;
  return base.endsWith('/') ? base + rel : `${base}/${rel}`;
}

function isAbsoluteUri(uri: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(uri);
}

export interface ResolvedUri {
  /** The URI with every base applied. */
  full: string;
  /** The part below the first absolute base: the repository-relative path when that base is the checkout. */
  relative: string | undefined;
}

/**
 * Resolves `uri` against the chain of uriBaseIds. A base id that the run does not define (such
 * as %SRCROOT% or ROOTPATH without originalUriBaseIds), or whose URI is not absolute (invalid per
 * SARIF §3.14.14, as Trivy writes "/"), stands for the repository root.
 */
export function resolveUri(ctx: RunContext, uri: string, uriBaseId: string | undefined): ResolvedUri {
  if (isAbsoluteUri(uri) || uri.startsWith('/')) return { full: uri, relative: undefined };
  let resolved = uri;
  let baseId = uriBaseId;
  for (let depth = 0; baseId && depth < 10; depth++) {
    const base = ctx.uriBases.get(baseId);
    if (!base?.uri) break;
    if (isAbsoluteUri(base.uri)) return { full: join(base.uri, resolved), relative: resolved };
    if (base.uri.startsWith('/')) break;
    resolved = join(base.uri, resolved);
    baseId = base.uriBaseId;
  }
  return { full: resolved, relative: resolved };
}

/** An absolute path under a GitHub-hosted runner's workspace: /home/runner/work/<repo>/<repo>/... */
const RUNNER_WORKSPACE = /^(?:\/home\/runner\/work|\/Users\/runner\/work|[A-Za-z]:\/a)\/([^/]+)\/\1\//;

/** The repository-relative form of a resolved URI (or the path as given when it is outside the root). */
export function toRepoPath(resolved: ResolvedUri, root: string | undefined): string {
  let path = resolved.full.replace(/\\/g, '/');
  if (/^file:/i.test(path)) {
    path = decode(path.replace(/^file:(?:\/\/[^/]*)?/i, ''));
    if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1);
  } else if (!/^[a-z][a-z0-9+.-]*:/i.test(path) || /^[A-Za-z]:\//.test(path)) {
    path = decode(path);
  }
  if (root) {
    const r = root.replace(/\\/g, '/').replace(/\/+$/, '');
    if (path.startsWith(`${r}/`)) return path.slice(r.length + 1);
  }
  const runner = RUNNER_WORKSPACE.exec(path);
  if (runner) return path.slice(runner[0].length);
  if (resolved.relative !== undefined) path = decode(resolved.relative.replace(/\\/g, '/'));
  return path.replace(/^(?:\.\/)+/, '');
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function applyRegion(ctx: RunContext, location: Location, region: SarifRegion | undefined): void {
  if (!isObject(region)) return;
  const startLine = positiveInt(region.startLine);
  if (startLine !== undefined) location.startLine = startLine;
  const endLine = positiveInt(region.endLine);
  if (endLine !== undefined && startLine !== undefined && endLine >= startLine) location.endLine = endLine;
  const startColumn = positiveInt(region.startColumn);
  if (startColumn !== undefined) location.startColumn = startColumn;
  const endColumn = positiveInt(region.endColumn);
  if (endColumn !== undefined) location.endColumn = endColumn;
  const snippet = isObject(region.snippet) ? region.snippet.text : undefined;
  if (typeof snippet === 'string' && snippet !== '') location.snippet = intern(ctx, snippet);
}

/** The primary location of a result (its first location), or undefined when it has none. */
export function primaryLocation(
  ctx: RunContext,
  locations: unknown,
  root: string | undefined,
): Location | undefined {
  if (!Array.isArray(locations)) return undefined;
  const first: unknown = locations[0];
  if (!isObject(first)) return undefined;
  const physical = isObject(first.physicalLocation) ? first.physicalLocation : undefined;
  const artifact = physical && isObject(physical.artifactLocation) ? physical.artifactLocation : undefined;
  let uri = typeof artifact?.uri === 'string' && artifact.uri !== '' ? artifact.uri : undefined;
  let baseId = typeof artifact?.uriBaseId === 'string' ? artifact.uriBaseId : undefined;
  if (uri === undefined && typeof artifact?.index === 'number') {
    const entry = ctx.artifacts[artifact.index];
    uri = entry?.uri;
    baseId = baseId ?? entry?.uriBaseId;
  }
  if (uri !== undefined) {
    // Keyed by base id, then URI: no key string is built per result.
    let byUri = ctx.pathCache.get(baseId ?? '');
    if (!byUri) {
      byUri = new Map();
      ctx.pathCache.set(baseId ?? '', byUri);
    }
    let resolved = byUri.get(uri);
    if (!resolved) {
      resolved = { path: toRepoPath(resolveUri(ctx, uri, baseId), root), linkable: isUriReference(uri) };
      byUri.set(uri, resolved);
    }
    const location: Location = { path: resolved.path, linkable: resolved.linkable };
    applyRegion(ctx, location, physical?.region as SarifRegion | undefined);
    return location;
  }
  const logical: unknown = Array.isArray(first.logicalLocations) ? first.logicalLocations[0] : undefined;
  if (isObject(logical)) {
    const name = typeof logical.fullyQualifiedName === 'string' ? logical.fullyQualifiedName : logical.name;
    if (typeof name === 'string' && name !== '') return { path: name, linkable: false };
  }
  return undefined;
}
