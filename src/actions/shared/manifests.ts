/**
 * The lockfiles and manifests of a folder of the repository, read from the checked-out files or
 * from a commit (`git show`), parsed with the files beside them. Paths are repository-relative.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ParsedManifest } from '../../inventory/component.js';
import { discoverManifests, isSkippedDirectory } from '../../inventory/discover.js';
import { isManifest } from '../../inventory/parsers.js';
import { parseManifests } from '../../inventory/read-manifests.js';
import { listFiles } from '../../io/walk.js';
import { ConfigurationError } from './errors.js';
import { listCommitFiles, repositoryRoot, showFile } from './git.js';

export interface ManifestScope {
  /** The repository's top folder (the workspace when the folder is not in a git repository). */
  repoRoot: string;
  /** The folder to read, relative to repoRoot with `/` ('' for all of it). */
  prefix: string;
}

/** The folder an action's `path` input names, checked, as a scope within its repository. */
export function manifestScope(workspace: string, input: string, inputName: string): ManifestScope {
  const root = path.resolve(workspace, input || '.');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new ConfigurationError(
      `The folder '${input}' ('${inputName}') does not exist in the workspace. Give a folder relative to the workspace.`,
    );
  }
  // Outside a git repository, paths are relative to the workspace (as SARIF locations are).
  const repoRoot = repositoryRoot(root) ?? workspace;
  return { repoRoot, prefix: path.relative(repoRoot, root).split(path.sep).join('/') };
}

/** The manifests of the checked-out files. */
export function workingTreeManifests(scope: ManifestScope): ParsedManifest[] {
  const { repoRoot, prefix } = scope;
  const relative = listFiles(path.join(repoRoot, prefix), (dir) =>
    isSkippedDirectory(prefix === '' ? dir : `${prefix}/${dir}`),
  ).map((f) => (prefix === '' ? f : `${prefix}/${f}`));
  return parseManifests(discoverManifests(relative, isManifest), (f) => {
    try {
      return readFileSync(path.join(repoRoot, f), 'utf8');
    } catch {
      return undefined;
    }
  });
}

/** The manifests of a commit, read with git. */
export function commitManifests(scope: ManifestScope, sha: string): ParsedManifest[] {
  const { repoRoot, prefix } = scope;
  const under = (f: string) => prefix === '' || f.startsWith(`${prefix}/`);
  const files = discoverManifests(listCommitFiles(repoRoot, sha, prefix).filter(under), isManifest);
  return parseManifests(files, (f) => showFile(repoRoot, sha, f));
}
