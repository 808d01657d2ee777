/**
 * Which files of a repository are lockfiles and manifests to review: anywhere in the tree
 * (monorepos), but not in installed dependencies (node_modules, vendor), version control, or
 * test data (testdata, __fixtures__, and fixtures folders under a test folder), whose lockfiles
 * are examples, not the project's dependencies. Pure: paths in, paths out.
 */

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'vendor',
  'bower_components',
  '.git',
  '.hg',
  '.svn',
  'testdata',
  'test-data',
  '__fixtures__',
  '.yarn',
  '.pnpm-store',
  'target',
]);
const TEST_DIRECTORIES = new Set(['test', 'tests', '__tests__', 'spec', 'specs']);
const FIXTURE_DIRECTORIES = new Set(['fixtures', 'fixture']);

/** Whether a repository-relative path (with `/`) lies in a folder that is never reviewed. */
export function isSkippedPath(file: string): boolean {
  return isSkippedDirectory(file.split('/').slice(0, -1).join('/'));
}

/** Whether a folder (repository-relative, with `/`; '' is the root) is never reviewed. */
export function isSkippedDirectory(folder: string): boolean {
  if (folder === '') return false;
  const parts = folder.split('/');
  let inTests = false;
  for (const part of parts) {
    if (SKIPPED_DIRECTORIES.has(part)) return true;
    if (TEST_DIRECTORIES.has(part)) inTests = true;
    else if (inTests && FIXTURE_DIRECTORIES.has(part)) return true;
  }
  return false;
}

/** The manifests among `files`, in path order, that `isManifest` recognises and no rule skips. */
export function discoverManifests(files: readonly string[], isManifest: (file: string) => boolean): string[] {
  return files
    .map((f) => f.replace(/\\/g, '/').replace(/^\.\//, ''))
    .filter((f) => !isSkippedPath(f) && isManifest(f))
    .sort();
}
