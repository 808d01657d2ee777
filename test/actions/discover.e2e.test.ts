// End to end: dist/discover/index.js as the runner runs it, on a repository holding the three
// example services: the matrix a monorepo workflow fans out over.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  it('the aggregate report names each project the discover action found (its projects output, as given to the summary)', async () => {
    const workspace = monorepo();
    const discovered = await runAction({ action: 'discover', workspace, inputs: { path: 'services' } });
    const projects = JSON.parse(discovered.outputs.projects ?? '[]') as { name: string; path: string }[];
    // One finding in each project, as the matrix jobs' SARIF would hold them.
    const sarif = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'demo-scanner',
              rules: [{ id: 'R1', properties: { 'security-severity': '7.5' } }],
            },
          },
          results: projects.map((p) => ({
            ruleId: 'R1',
            level: 'error',
            message: { text: `a finding in ${p.name}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: `${p.path}/main.txt` },
                  region: { startLine: 1 },
                },
              },
            ],
          })),
        },
      ],
    };
    writeFileSync(path.join(workspace, 'scans.sarif'), JSON.stringify(sarif));
    const summary = await runAction({
      action: 'summary',
      workspace,
      inputs: {
        sarif: 'scans.sarif',
        projects: discovered.outputs.projects ?? '',
        comment: 'never',
        'fail-on': 'none',
      },
    });
    expect(summary.stderr).toBe('');
    expect(summary.exitCode).toBe(0);
    const markdown = readFileSync(summary.outputs['report-markdown'] ?? '', 'utf8');
    expect(markdown).toContain('| Project |');
    for (const p of projects) expect(markdown).toContain(p.name);
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
