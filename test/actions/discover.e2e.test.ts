// End to end: dist/discover/index.js as the runner runs it, on a repository holding the three
// example services: the matrix a monorepo workflow fans out over.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { REPO_ROOT, runAction } from '../support/runner.js';

function monorepo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-discover-'));
  for (const s of ['go-service', 'node-service', 'python-service']) {
    cpSync(path.join(REPO_ROOT, 'examples', s), path.join(dir, 'services', s), { recursive: true });
  }
  return dir;
}

describe('discover action, end to end', () => {
  it('three example services → three matrix entries, named for artifacts, with their languages', async () => {
    const run = await runAction({ action: 'discover', workspace: monorepo(), inputs: { path: 'services' } });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.matrix ?? '')).toEqual({
      include: [
        { path: 'services/go-service', name: 'go-service', languages: ['go'] },
        { path: 'services/node-service', name: 'node-service', languages: ['javascript'] },
        { path: 'services/python-service', name: 'python-service', languages: ['python'] },
      ],
    });
    expect(JSON.parse(run.outputs.projects ?? '')).toHaveLength(3);
    expect(run.outputs.count).toBe('3');
    expect(run.summary).toContain('<td>services/node-service</td>');
  });

  it('a path outside the checkout is refused with the fix', async () => {
    const run = await runAction({
      action: 'discover',
      workspace: monorepo(),
      inputs: { path: '../elsewhere' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toBe(
      "Input 'path' is '../elsewhere', which is not a folder of the checkout. Give a folder relative to the workspace, and run actions/checkout first.",
    );
  });
});
