// End to end: the dependency review hands its changes to the summary, whose comment then shows
// the dependency section with the upgrade command for each vulnerable package. Both actions run as
// the Actions runner runs them, offline (an offline OSV database of the real advisories).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { describeRealWorld, REAL_WORLD } from '../support/real-world.js';
import { REPO_ROOT, runAction } from '../support/runner.js';

/** The real OSV records only (the folder also holds cases.json and the schema). */
function offlineDb(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-osv-'));
  const source = path.join(REAL_WORLD, 'osv');
  for (const eco of readdirSync(source, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    cpSync(path.join(source, eco.name), path.join(dir, eco.name), { recursive: true });
  }
  return dir;
}

describeRealWorld('dependency review → summary', () => {
  it('puts the vulnerable dependencies, their advisories and upgrade commands in the comment', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'pavedpath-deps-'));
    cpSync(path.join(REPO_ROOT, 'examples', 'node-service'), path.join(workspace, 'node-service'), {
      recursive: true,
    });
    const temp = mkdtempSync(path.join(tmpdir(), 'pavedpath-temp-'));
    mkdirSync(path.join(temp, 'pavedpath'), { recursive: true });
    const env = { RUNNER_TEMP: temp };

    const review = await runAction({
      action: 'dependency-review',
      workspace,
      env,
      event: { name: 'push', fixture: 'push' },
      inputs: { 'offline-db': offlineDb(), 'fail-on-severity': 'none' },
    });
    expect(review.stderr).toBe('');
    expect(review.exitCode).toBe(0);
    expect(review.outputs['vulnerable-count']).toBe('7');

    const summary = await runAction({
      action: 'summary',
      workspace,
      env,
      event: { name: 'push', fixture: 'push' },
      inputs: { 'fail-on': 'none', comment: 'never' },
    });
    expect(summary.stderr).toBe('');
    expect(summary.exitCode).toBe(0);
    const comment = readFileSync(summary.outputs['report-markdown']!, 'utf8');
    expect(comment).toContain('#### Vulnerable dependencies (7)');
    expect(comment).toContain(
      '| `minimist` <sub>npm · `node-service/package-lock.json`</sub> | `1.2.5` | 🟥 [GHSA-xvch-5gv4-984h](https://osv.dev/vulnerability/GHSA-xvch-5gv4-984h) | `npm install minimist@1.2.6` |',
    );
    // lodash has two advisories: the command goes past both.
    expect(comment).toMatch(
      /\| `lodash` .*GHSA-35jh-r3h4-6jhm.*GHSA-p6mc-m468-83gw.* \| `npm install lodash@4\.17\.21` \|/,
    );
    // The findings table's fix column has the upgrade, from the review, not generic advice.
    expect(comment).toMatch(/Upgrade minimist to 1\.2\.6 or later\. `npm install minimist@1\.2\.6`/);
    const report = JSON.parse(readFileSync(summary.outputs['report-json']!, 'utf8'));
    expect(report.dependencies.counts.vulnerable).toBe(7);
    expect(report.compliance.map((c: { evidence: string }) => c.evidence).join(' ')).toContain(
      'Dependency review: 7 vulnerable dependencies',
    );
    // The config file's package selector ignores a dependency's findings, by purl.
    mkdirSync(path.join(workspace, '.github'), { recursive: true });
    writeFileSync(
      path.join(workspace, '.github', 'pavedpath.yml'),
      'ignore:\n  - package: pkg:npm/lodash\n    reason: only used at build time\n',
    );
    const ignoring = await runAction({
      action: 'summary',
      workspace,
      env,
      event: { name: 'push', fixture: 'push' },
      inputs: { 'fail-on': 'none', comment: 'never' },
    });
    const ignoredReport = JSON.parse(readFileSync(ignoring.outputs['report-json']!, 'utf8'));
    expect(ignoredReport.counts.ignored).toBe(2);
    expect(
      ignoredReport.findings
        .filter((f: { ignored?: unknown }) => f.ignored)
        .map((f: { rule: string }) => f.rule)
        .sort(),
    ).toEqual([
      'Paved Path dependency review/GHSA-35jh-r3h4-6jhm',
      'Paved Path dependency review/GHSA-p6mc-m468-83gw',
    ]);
    // The dependency findings are not counted as SAST.
    expect(report.compliance.map((c: { evidence: string }) => c.evidence).join(' ')).not.toContain(
      'SAST by Paved Path dependency review',
    );
  });

  it('a dependency-changes file that is not one is an error naming the file and the path', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'pavedpath-deps-'));
    writeFileSync(
      path.join(workspace, 'changes.json'),
      JSON.stringify({ schemaVersion: '1.0', changes: 'x' }),
    );
    cpSync(
      path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif'),
      path.join(workspace, 'a.sarif'),
    );
    const run = await runAction({
      action: 'summary',
      workspace,
      event: { name: 'push', fixture: 'push' },
      inputs: { sarif: 'a.sarif', 'dependency-changes': 'changes.json', comment: 'never' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 'error',
          title: 'Input file not read',
          file: 'changes.json',
          message: expect.stringMatching(/is not a dependency-changes file .*\/changes: must be array/),
        }),
        expect.objectContaining({
          message: 'changes.json could not be read (see the errors above); the SARIF findings were reported.',
        }),
      ]),
    );
    expect(run.outputs['total-count']).toBe('4');
  });
});

describe('summary without dependency changes', () => {
  it('has no dependency section', async () => {
    const run = await runAction({
      action: 'summary',
      event: { name: 'push', fixture: 'push' },
      inputs: {
        sarif: path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif'),
        comment: 'never',
      },
    });
    expect(readFileSync(run.outputs['report-markdown']!, 'utf8')).not.toContain('Dependenc');
  });
});
