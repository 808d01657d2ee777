/**
 * Where the tests find the scanners they run for real (bandit, …): PATH first, then .tools/bin,
 * where scripts/install-test-tools.sh (run by .ci/run) puts what Debian's stable release lacks.
 *
 * A test that needs a missing tool is skipped locally with the reason, but in CI (CI=true) it
 * fails: CI installs every tool, so a missing one there is a broken CI, not a reason to skip.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const TEST_TOOLS_BIN = path.join(REPO_ROOT, '.tools', 'bin');

/** The absolute path of an executable on PATH or in .tools/bin, or undefined. */
export function findExecutable(name: string): string | undefined {
  const dirs = [TEST_TOOLS_BIN, ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** PATH with .tools/bin in front, for child processes that look tools up themselves. */
export function pathWithTestTools(base = process.env.PATH ?? ''): string {
  return [TEST_TOOLS_BIN, base].filter(Boolean).join(path.delimiter);
}

/**
 * Why tests that need `name` cannot run here, or undefined when they can. In CI a missing tool
 * throws at once, naming the script that installs it.
 */
export function missingTool(name: string): string | undefined {
  if (findExecutable(name)) return undefined;
  const why = `${name} is not installed (run: sudo bash scripts/install-test-tools.sh)`;
  if (process.env.CI === 'true') throw new Error(`CI must run the ${name} tests, but ${why}.`);
  return why;
}
