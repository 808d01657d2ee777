/**
 * The artifact hashes JS lockfiles record, as ComponentHashes (hex, lower case).
 *
 * - An SRI `integrity` value (npm, Yarn 1, pnpm, bun) may hold several hashes separated by
 *   spaces (`sha1-… sha512-…`, as old npm and Yarn 1 wrote them): each one that is well-formed
 *   is kept, options (`?foo`) are ignored, and a malformed one is dropped.
 * - A Yarn 1 `resolved` URL ends with `#<sha1 hex>` of the tarball; used when there is no
 *   `integrity`.
 *
 * Yarn Berry's `checksum` is not one of them: it is a hash of the zip Yarn stores in its own cache,
 * not of the registry tarball, so it identifies nothing an SBOM reader can check (see
 * ./yarn-lock.ts).
 */
import { type ComponentHash, type HashAlgorithm, hashFromIntegrity } from '../component.js';

const STRENGTH: Record<HashAlgorithm, number> = { 'SHA-512': 0, 'SHA-384': 1, 'SHA-256': 2, 'SHA-1': 3 };

/** Every well-formed hash in an SRI string (none for anything that is not a string). */
export function integrityHashes(value: unknown): ComponentHash[] {
  if (typeof value !== 'string') return [];
  if (!/[\s?]/.test(value)) {
    const hash = hashFromIntegrity(value);
    return hash ? [hash] : [];
  }
  const hashes: ComponentHash[] = [];
  for (const token of value.trim().split(/\s+/)) {
    const hash = hashFromIntegrity(token.split('?')[0] ?? '');
    if (hash) hashes.push(hash);
  }
  return hashes;
}

/** The SHA-1 a Yarn 1 `resolved` URL carries in its fragment (`…/a-1.0.0.tgz#<40 hex>`). */
export function resolvedSha1(resolved: string | undefined): ComponentHash[] {
  const m = resolved === undefined ? null : /#([0-9a-fA-F]{40})$/.exec(resolved);
  return m ? [{ alg: 'SHA-1', content: (m[1] as string).toLowerCase() }] : [];
}

/** Hashes gathered from several copies of one package: distinct, strongest algorithm first. */
export function mergeHashes(into: ComponentHash[], more: readonly ComponentHash[]): void {
  let added = false;
  for (const hash of more) {
    if (into.some((h) => h.alg === hash.alg && h.content === hash.content)) continue;
    into.push({ alg: hash.alg, content: hash.content });
    added = true;
  }
  if (added && into.length > 1) {
    into.sort((a, b) => STRENGTH[a.alg] - STRENGTH[b.alg] || (a.content < b.content ? -1 : 1));
  }
}
