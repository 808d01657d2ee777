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
import AjvModule from 'ajv';
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
        inputs: { sarif: dir, 'fail-on': 'none' },
        event: { name: 'push', fixture: 'push' },
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);

      const files = readdirSync(dir).filter((f) => f.endsWith('.sarif'));
      const expected = loadSarifSet(
        files.map((f) => ({ file: f, open: () => bufferSource(readFileSync(path.join(dir, f))) })),
      );
      expect(expected.findings.length).toBeLessThan(expected.resultCount);
      // Pinned figures, so a change in loading, severity, deduplication or suppression shows here:
      // 3,715 distinct findings, of which 432 the tools themselves suppressed (Anchore's 429 among them).
      expect(expected.findings).toHaveLength(3715);
      expect(run.outputs).toMatchObject({
        verdict: 'pass',
        'new-count': '0',
        'fixed-count': '0',
        'existing-count': '3283',
        'total-count': '3283',
      });
      const counts = JSON.parse(run.outputs.counts as string);
      expect(counts.bySeverity).toEqual({ critical: 29, high: 2652, medium: 424, low: 178, note: 0 });
      expect(counts.byTool.gosec).toBe(1358);

      const report = JSON.parse(readFileSync(run.outputs['report-json'] as string, 'utf8'));
      expect(report.findings).toHaveLength(3715);
      expect(report.counts).toMatchObject({ new: 0, existing: 3283, fixed: 0, ignored: 432 });
      expect(report.context.classification).toBe('push');
      // The file the action wrote is what the schema promises.
      const validate = new AjvModule.default({ strict: true, allErrors: true }).compile(
        JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')),
      );
      expect(validate(report) ? [] : validate.errors?.slice(0, 3)).toEqual([]);
      expect(report.files).toHaveLength(files.length);
      expect(run.outputs['report-json']).toBe(
        path.join(run.runnerTemp, 'pavedpath', 'report', 'report.json'),
      );
      const comment = readFileSync(run.outputs['report-markdown'] as string, 'utf8');
      expect(comment.startsWith('<!-- pavedpath:pr-summary -->\n### ✅ Paved Path: no new issues')).toBe(
        true,
      );
      expect(comment.length).toBeLessThan(65_536);
      expect(run.summary).toContain('### ✅ Paved Path: no new issues');
      expect(run.summary).toContain(`Scanned ${files.length} SARIF files from`);
      expect(run.summary).toContain("432 ignored (the config file or the tool's own suppression)");
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
    expect(run.summary).toContain('#### Problems reading the SARIF files');
    expect(run.summary).toContain('2 SARIF file problems: the report may be incomplete');
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

  it('tells new, existing and fixed from a baseline, and gates on the new ones', async () => {
    const recorded = path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif');
    const base = JSON.parse(readFileSync(recorded, 'utf8'));
    const head = JSON.parse(readFileSync(recorded, 'utf8'));
    const results = head.runs[0].results as {
      locations: { physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } } }[];
    }[];
    results[0]!.locations[0]!.physicalLocation.region.startLine += 30; // moved
    results.pop(); // fixed
    const added = JSON.parse(JSON.stringify(results[1]));
    added.locations[0].physicalLocation.artifactLocation.uri =
      'file:///home/runner/work/node-service/node-service/src/upload.js';
    results.push(added); // new
    const run0 = await runAction({ action: 'summary', inputs: { sarif: 'none.sarif' } });
    writeFileSync(path.join(run0.workspace, 'head.sarif'), JSON.stringify(head));
    writeFileSync(path.join(run0.workspace, 'base.sarif'), JSON.stringify(base));
    const common = {
      action: 'summary',
      workspace: run0.workspace,
      event: { name: 'pull_request', fixture: 'pull_request.opened' },
    };
    // Posting is tested in delivery.e2e.test.ts; here nothing is posted.
    const pass = await runAction({
      ...common,
      inputs: { sarif: 'head.sarif', baseline: 'base.sarif', comment: 'never' },
    });
    expect(pass.exitCode).toBe(0);
    expect(pass.outputs).toMatchObject({
      verdict: 'pass',
      'new-count': '1',
      'fixed-count': '1',
      'existing-count': '3',
    });
    expect(pass.annotations).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 'warning', file: 'src/upload.js' })]),
    );
    const fail = await runAction({
      ...common,
      inputs: { sarif: 'head.sarif', baseline: 'base.sarif', 'fail-on': 'medium', comment: 'never' },
    });
    expect(fail.exitCode).toBe(1);
    expect(fail.outputs.verdict).toBe('fail');
    expect(fail.annotations.at(-1)?.message).toBe(
      'Paved Path gate: 1 new finding(s) of medium or higher severity (1 medium).',
    );
    const comment = readFileSync(fail.outputs['report-markdown'] as string, 'utf8');
    expect(comment).toContain('### ❌ Paved Path: 1 new medium-severity finding');
    expect(comment).toContain('#### New in this pull request (1)');
    expect(comment).toContain('#### Fixed in this pull request (1)');
  });

  it('refuses a bad config file with its file, line and key, and a bad input with the allowed values', async () => {
    const run0 = await runAction({ action: 'summary', inputs: { sarif: 'none.sarif' } });
    mkdirSync(path.join(run0.workspace, '.github'));
    writeFileSync(
      path.join(run0.workspace, '.github', 'pavedpath.yml'),
      'fail-on: high\nignore:\n  - rule: G101\n',
    );
    copyFileSync(path.join(VENDORED_SARIF, 'gitleaks-simple.sarif'), path.join(run0.workspace, 'x.sarif'));
    const run = await runAction({
      action: 'summary',
      workspace: run0.workspace,
      inputs: { sarif: 'x.sarif' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]).toMatchObject({
      level: 'error',
      title: 'Config file error',
      file: '.github/pavedpath.yml',
      line: 3,
    });
    expect(run.annotations[0]?.message).toMatch(/ignore\[0\]/);
    const bad = await runAction({
      action: 'summary',
      workspace: run0.workspace,
      inputs: { sarif: 'x.sarif', 'fail-on': 'severe' },
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.annotations).toEqual([
      {
        level: 'error',
        message:
          "Input 'fail-on' is 'severe', which is not one of critical, high, medium, low, none. Set it to one of those values.",
      },
    ]);
  });

  itRealWorld('shows the inventory of the SBOMs it is given, and counts them as SBOM evidence', async () => {
    const run0 = await runAction({ action: 'summary', inputs: { sarif: 'none.sarif' } });
    copyFileSync(path.join(VENDORED_SARIF, 'gitleaks-simple.sarif'), path.join(run0.workspace, 'x.sarif'));
    mkdirSync(path.join(run0.workspace, 'sbom'));
    copyFileSync(
      path.join(REAL, 'sboms', 'cyclonedx-1.6-node-npm-deps-from-git.json'),
      path.join(run0.workspace, 'sbom', 'bom.json'),
    );
    const run = await runAction({
      action: 'summary',
      workspace: run0.workspace,
      inputs: { sarif: 'x.sarif', sbom: 'sbom/' },
    });
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(run.outputs['report-json'] as string, 'utf8'));
    expect(report.inventory).toEqual([
      {
        file: 'sbom/bom.json',
        format: 'CycloneDX',
        specVersion: '1.6',
        components: 99,
        generator: expect.stringMatching(/cyclonedx-npm/),
      },
    ]);
    expect(report.compliance.map((c: { control: string }) => c.control)).toContain('6.3.2');
    const comment = readFileSync(run.outputs['report-markdown'] as string, 'utf8');
    expect(comment).toContain(
      '<sub>Inventory: 99 components \\(CycloneDX 1.6, @\u200bcyclonedx/cyclonedx-npm 3.1.0\\)</sub>',
    );
  });
});
