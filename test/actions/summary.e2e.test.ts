// End to end: dist/summary/index.js run as the Actions runner runs it, on real SARIF.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { bufferSource } from '../../src/sarif/byte-source.js';
import { loadSarifSet } from '../../src/sarif/load-many.js';
import { itRealWorld, REAL_WORLD, VENDORED_SARIF } from '../support/real-world.js';
import { REPO_ROOT, runAction } from '../support/runner.js';

const REAL = REAL_WORLD;

beforeAll(() => {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'summary', 'index.js'))) {
    throw new Error('dist/summary/index.js is missing: run npm run build');
  }
});

describe('summary action, end to end', () => {
  itRealWorld(
    'reports every real-world SARIF file, deduplicated, with outputs, job summary and report',
    async () => {
      const dir = path.join(REAL, 'sarif');
      const run = await runAction({
        action: 'summary',
        inputs: { sarif: dir },
        event: { name: 'pull_request', fixture: 'pull_request.opened' },
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);

      const files = readdirSync(dir).filter((f) => f.endsWith('.sarif'));
      const expected = loadSarifSet(
        files.map((f) => ({ file: f, open: () => bufferSource(readFileSync(path.join(dir, f))) })),
      );
      expect(Number(run.outputs['total-count'])).toBe(expected.findings.length);
      // Pinned figures, so a change in loading, severity or deduplication shows up here.
      expect(run.outputs['total-count']).toBe('3715');
      expect(JSON.parse(run.outputs.counts as string).bySeverity).toEqual({
        critical: 29,
        high: 2737,
        medium: 771,
        low: 178,
        note: 0,
      });
      expect(expected.findings.length).toBeLessThan(expected.resultCount);

      const counts = JSON.parse(run.outputs.counts as string);
      const bySeverity = counts.bySeverity as Record<string, number>;
      expect(Object.values(bySeverity).reduce((a, b) => a + b, 0)).toBe(expected.findings.length);
      expect(counts.byTool.gosec).toBe(1358);

      const report = JSON.parse(readFileSync(run.outputs['report-json'] as string, 'utf8'));
      expect(report.findings).toHaveLength(expected.findings.length);
      expect(report.files).toHaveLength(files.length);
      expect(run.outputs['report-json']).toBe(
        path.join(run.runnerTemp, 'pavedpath', 'report', 'report.json'),
      );
      expect(readFileSync(run.outputs['report-markdown'] as string, 'utf8')).toBe(run.summary);

      expect(run.summary).toContain('## Paved Path: security findings');
      expect(run.summary).toContain(
        `**${expected.findings.length}** finding(s) in ${files.length} SARIF file(s)`,
      );
      expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1024 * 1024);
      // Lenient loads are warnings, shown at most 10 times, each naming its file.
      const warnings = run.annotations.filter((a) => a.level === 'warning');
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings.length).toBeLessThanOrEqual(10);
      for (const w of warnings) expect(w.file).toMatch(/\.sarif$/);
      expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    },
  );

  it('fails when a file cannot be loaded, names it and where, and still reports the others', async () => {
    const run = await runAction({
      action: 'summary',
      inputs: {
        sarif: [
          path.join(VENDORED_SARIF, 'codeql-action-invalid-sarif.sarif'),
          path.join(VENDORED_SARIF, 'gitleaks-simple.sarif'),
          path.join(VENDORED_SARIF, 'sarif-spec-minimal.sarif'),
        ].join('\n'),
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['total-count']).toBe('1');
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'SARIF file not loaded',
          file: expect.stringContaining('codeql-action-invalid-sarif.sarif'),
          line: 14,
          message: expect.stringContaining('at runs[0].results: "results" must be an array'),
        }),
        expect.objectContaining({ message: expect.stringMatching(/unsupported SARIF version "2\.0\.0"/) }),
        expect.objectContaining({
          message:
            '2 of 3 SARIF file(s) could not be loaded (see the errors above); the other files were reported.',
        }),
      ]),
    );
    expect(run.summary).toContain('Problems reading the SARIF files');
  });

  it('reads the files the other actions hand off in RUNNER_TEMP/pavedpath by default', async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'pavedpath-temp-'));
    mkdirSync(path.join(temp, 'pavedpath', 'sast'), { recursive: true });
    copyFileSync(
      path.join(VENDORED_SARIF, 'snyk-container.sarif'),
      path.join(temp, 'pavedpath', 'sast', 'a.sarif'),
    );
    copyFileSync(path.join(VENDORED_SARIF, 'grype-image.sarif'), path.join(temp, 'pavedpath', 'b.sarif'));
    const run = await runAction({ action: 'summary', env: { RUNNER_TEMP: temp } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['total-count']).toBe('3');
    expect(JSON.parse(run.outputs.counts as string).byTool).toEqual({ 'Snyk Container': 1, grype: 2 });
  });

  it('says which input matched nothing, and how to fix it', async () => {
    const run = await runAction({ action: 'summary', inputs: { sarif: 'results/*.sarif' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      {
        level: 'error',
        message:
          "No SARIF files matched the 'sarif' input (results/*.sarif). Check the path, and that the scanning step ran before this one and wrote its SARIF there.",
      },
    ]);
  });

  it('keeps untrusted text inert in the job summary', async () => {
    const run0 = await runAction({ action: 'summary', inputs: { sarif: 'x.sarif' } });
    const file = path.join(run0.workspace, 'evil.sarif');
    writeFileSync(
      file,
      JSON.stringify({
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: { name: 'evil <b>tool</b>', rules: [{ id: 'r|1', helpUri: 'javascript:alert(1)' }] },
            },
            results: [
              {
                ruleId: 'r|1',
                message: {
                  text: '@octocat see #1 <img src=x onerror=alert(1)> ```\n| a | b |\nhttps://evil.example',
                },
                locations: [
                  { physicalLocation: { artifactLocation: { uri: 'a`b|c.js' }, region: { startLine: 3 } } },
                ],
              },
            ],
          },
        ],
      }),
    );
    const run = await runAction({
      action: 'summary',
      workspace: run0.workspace,
      inputs: { sarif: 'evil.sarif' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.summary).not.toMatch(/<img|<b>|@octocat|javascript:|```|https:\/\/evil/);
    expect(run.summary).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
  });

  it('reports a dangling link among the matches as one unreadable file, and the others', async () => {
    const run0 = await runAction({ action: 'summary', inputs: { sarif: 'none.sarif' } });
    const results = path.join(run0.workspace, 'results');
    mkdirSync(results);
    copyFileSync(path.join(VENDORED_SARIF, 'grype-image.sarif'), path.join(results, 'good.sarif'));
    symlinkSync(path.join(results, 'gone.sarif'), path.join(results, 'stale.sarif'));
    const run = await runAction({
      action: 'summary',
      workspace: run0.workspace,
      inputs: { sarif: 'results/*.sarif' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['total-count']).toBe('2');
    expect(run.annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 'error',
          file: 'results/stale.sarif',
          message: expect.stringContaining('could not read the file'),
        }),
      ]),
    );
  });
});
