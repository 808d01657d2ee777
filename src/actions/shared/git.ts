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
    const stderr = (error as { stderr?: unknown }).stderr;
    const detail =
      typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim().split('\n')[0] : String(error);
    return {
      ok: false,
      reason: `git diff ${baseSha.slice(0, 7)}...${headSha.slice(0, 7)} failed: ${detail}`,
    };
  }
}
