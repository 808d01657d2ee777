/** The pull request's diff, from git in the workspace (`git diff --unified=0 base...head`). */
import { execFileSync } from 'node:child_process';

export type DiffResult = { ok: true; diff: string } | { ok: false; reason: string };

const SHA = /^[0-9a-f]{40}$/;

export function pullRequestDiff(workspace: string, baseSha: string, headSha: string): DiffResult {
  if (!SHA.test(baseSha) || !SHA.test(headSha))
    return { ok: false, reason: 'the event has no base and head commit' };
  try {
    const diff = execFileSync(
      'git',
      [
        '-c',
        'core.quotePath=true',
        'diff',
        '--unified=0',
        '--no-color',
        '--no-ext-diff',
        `${baseSha}...${headSha}`,
      ],
      { cwd: workspace, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { ok: true, diff };
  } catch (error) {
    return { ok: false, reason: diffFailure(error, baseSha, headSha) };
  }
}

function git(workspace: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: workspace,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A ref as the user gave it: a SHA, a branch, a tag; never an option. */
function checkRef(ref: string): void {
  if (ref.startsWith('-') || /[\s~^:?*[\\]/.test(ref)) throw new Error(`'${ref}' is not a git ref`);
}

/** The commit a ref names in the workspace's repository, or why not (e.g. missing from a shallow clone). */
export function resolveCommit(
  workspace: string,
  ref: string,
): { ok: true; sha: string } | { ok: false; reason: string } {
  try {
    checkRef(ref);
    return { ok: true, sha: git(workspace, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim() };
  } catch (error) {
    // `--quiet` prints nothing for a missing commit; anything on stderr is another failure.
    const stderr = (error as { stderr?: unknown }).stderr;
    const detail = typeof stderr === 'string' ? stderr.trim().split('\n')[0] : '';
    return {
      ok: false,
      reason: detail
        ? detail
        : error instanceof Error && /not a git ref/.test(error.message)
          ? error.message
          : `${ref} is not a commit in this clone`,
    };
  }
}

/** Every file path (with `/`) in a commit, below `prefix` when given. */
export function listCommitFiles(workspace: string, sha: string, prefix = ''): string[] {
  const args = ['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', '--full-tree', sha];
  if (prefix !== '') args.push('--', prefix);
  return git(workspace, args)
    .split('\0')
    .filter((f) => f !== '');
}

/** A file's text at a commit (`git show sha:path`), or undefined when the commit has no such file. */
export function showFile(workspace: string, sha: string, file: string): string | undefined {
  try {
    return git(workspace, ['show', `${sha}:${file}`]);
  } catch {
    return undefined;
  }
}

/** The repository's top folder, or undefined when the workspace is not in a git repository. */
export function repositoryRoot(workspace: string): string | undefined {
  try {
    return git(workspace, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}

/**
 * The files a pull request added or changed (`git diff --name-only --diff-filter=d base...head`),
 * repository-relative with `/`; deleted files are left out (there is nothing to scan).
 */
export function changedFiles(
  workspace: string,
  baseSha: string,
  headSha: string,
): { ok: true; files: string[] } | { ok: false; reason: string } {
  if (!SHA.test(baseSha) || !SHA.test(headSha))
    return { ok: false, reason: 'the event has no base and head commit' };
  try {
    const out = git(workspace, [
      '-c',
      'core.quotePath=false',
      'diff',
      '--name-only',
      '-z',
      '--no-renames',
      '--diff-filter=d',
      `${baseSha}...${headSha}`,
    ]);
    return { ok: true, files: out.split('\0').filter((f) => f !== '') };
  } catch (error) {
    return { ok: false, reason: diffFailure(error, baseSha, headSha) };
  }
}

/** Why `git diff base...head` failed: the first line git wrote to stderr, else the error. */
function diffFailure(error: unknown, baseSha: string, headSha: string): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const detail =
    typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim().split('\n')[0] : String(error);
  return `git diff ${baseSha.slice(0, 7)}...${headSha.slice(0, 7)} failed: ${detail}`;
}
