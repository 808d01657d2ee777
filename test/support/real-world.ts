/**
 * The shared real-world fixtures (../shared/fixtures/real-world) sit beside the repository on
 * the project's CI machines (`.ci/run` requires them). A checkout without them (GitHub's runners,
 * a contributor's fork) runs the suites that need them as skipped, with a warning, and the tests
 * that only need a few real files use the copies in test/fixtures/sarif (MANIFEST.md there).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { REPO_ROOT } from './runner.js';

export const REAL_WORLD = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'real-world');
export const HAS_REAL_WORLD = existsSync(path.join(REAL_WORLD, 'sarif'));
/** Real SARIF files copied into the repository: the shared folder when present, else these. */
export const VENDORED_SARIF = path.join(REPO_ROOT, 'test', 'fixtures', 'sarif');

if (!HAS_REAL_WORLD) {
  process.stderr.write(`warning: ${REAL_WORLD} is missing: the real-world suites are skipped\n`);
}

export const describeRealWorld = HAS_REAL_WORLD ? describe : describe.skip;
export const itRealWorld = HAS_REAL_WORLD ? it : it.skip;
