/**
 * Which parser reads a JS lockfile, by its file name: package-lock.json and npm-shrinkwrap.json
 * (npm), yarn.lock (Yarn 1 and Berry), pnpm-lock.yaml, bun.lock (Bun's text lockfile; the binary
 * bun.lockb is not read). Anything else: undefined.
 */
import type { ManifestParser } from '../component.js';
import { parseBunLock } from './bun-lock.js';
import { parsePackageLock } from './package-lock.js';
import { parsePnpmLock } from './pnpm-lock.js';
import { parseYarnLock } from './yarn-lock.js';

const PARSERS = new Map<string, ManifestParser>([
  ['package-lock.json', parsePackageLock],
  ['npm-shrinkwrap.json', parsePackageLock],
  ['yarn.lock', parseYarnLock],
  ['pnpm-lock.yaml', parsePnpmLock],
  ['bun.lock', parseBunLock],
]);

/** The lockfile names this family reads. */
export const NPM_FAMILY_LOCKFILES: readonly string[] = [...PARSERS.keys()];

/** The parser for a lockfile path or name (`/` or `\` separated), or undefined. */
export function npmFamilyParserFor(fileName: string): ManifestParser | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return PARSERS.get(base);
}
