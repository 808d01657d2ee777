// End to end: the summary writes facts.json and badge.json next to report.json, names them in its
// outputs and puts them in the report artifact; both validate against their schemas and hold
// report.json's figures. The SBOM and dependency-review actions run first on the node example, as
// in a workflow (offline: the demo's advisories), all run as the Actions runner runs them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Badge, Facts } from '../../src/report/facts.js';
import type { SerializedReport } from '../../src/report/serialize.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { REPO_ROOT, runAction } from '../support/runner.js';

const addFormats = addFormatsModule.default;
const RECORDED = path.join(REPO_ROOT, 'examples', 'node-service', 'recorded', 'eslint-security.sarif');
const ADVISORIES = path.join(REPO_ROOT, 'scripts', 'demo', 'advisories');

function schemaErrors(name: string): (value: unknown) => string[] {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema', name), 'utf8')));
  return (value) =>
    validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
const factsErrors = schemaErrors('facts.schema.json');
const badgeErrors = schemaErrors('shields-endpoint.schema.json');

/**
 * The node example with head and base SARIF: against the base, one finding moved (existing), one
 * is gone (fixed) and one is new, in src/upload.js.
 */
function readJson(file: string | undefined): unknown {
  return JSON.parse(readFileSync(file ?? '', 'utf8'));
}

interface Sarif {
  runs: {
    results: {
      locations: { physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } } }[];
    }[];
  }[];
}

function workspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-facts-'));
  cpSync(path.join(REPO_ROOT, 'examples', 'node-service'), dir, { recursive: true });
  const base = readJson(RECORDED) as Sarif;
  const head = structuredClone(base);
  const results = head.runs[0]!.results;
  results[0]!.locations[0]!.physicalLocation.region.startLine += 30;
  results.pop();
  const added = structuredClone(results[1]!);
  added.locations[0]!.physicalLocation.artifactLocation.uri =
    'file:///home/runner/work/node-service/node-service/src/upload.js';
  results.push(added);
  writeFileSync(path.join(dir, 'head.sarif'), JSON.stringify(head));
  writeFileSync(path.join(dir, 'base.sarif'), JSON.stringify(base));
  return dir;
}

describe('summary: facts.json and badge.json', () => {
  it("hold report.json's figures after the SBOM and the dependency review, validate, and go in the artifact", async () => {
    const dir = workspace();
    const temp = mkdtempSync(path.join(tmpdir(), 'pavedpath-temp-'));
    const env = { RUNNER_TEMP: temp };
    const push = { name: 'push', fixture: 'push' };
    const sbom = await runAction({
      action: 'sbom',
      workspace: dir,
      env,
      event: push,
      inputs: { format: 'both' },
    });
    expect(sbom.exitCode).toBe(0);
    const review = await runAction({
      action: 'dependency-review',
      workspace: dir,
      env,
      event: push,
      inputs: { 'offline-db': ADVISORIES, 'fail-on-severity': 'none' },
    });
    expect(review.exitCode).toBe(0);

    const fake = await startFakeGitHub();
    try {
      const started = Date.now() - 65_000;
      const run = await runAction({
        action: 'summary',
        workspace: dir,
        apiUrl: fake.url,
        event: { name: 'pull_request', fixture: 'pull_request.opened' },
        env: {
          ...env,
          PAVED_PATH_SCAN_STARTED_AT: String(started),
          ACTIONS_RUNTIME_TOKEN: fake.runtimeToken({ owner: 'octo-org', repo: 'hello-service', runId: 4242 }),
          ACTIONS_RESULTS_URL: `${fake.url}/`,
        },
        inputs: {
          sarif: 'head.sarif',
          baseline: 'base.sarif',
          sbom: path.join(temp, 'pavedpath', 'sbom'),
          comment: 'never',
          'upload-artifact': 'always',
        },
      });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);

      // Outputs, next to report.json.
      const reportDir = path.join(temp, 'pavedpath', 'report');
      expect(run.outputs['report-json']).toBe(path.join(reportDir, 'report.json'));
      expect(run.outputs['facts-json']).toBe(path.join(reportDir, 'facts.json'));
      expect(run.outputs['badge-json']).toBe(path.join(reportDir, 'badge.json'));
      const report = readJson(run.outputs['report-json']) as SerializedReport;
      const facts = readJson(run.outputs['facts-json']) as Facts;
      const badge = readJson(run.outputs['badge-json']) as Badge;
      expect(factsErrors(facts)).toEqual([]);
      expect(badgeErrors(badge)).toEqual([]);

      // The figures of report.json, and of the SBOM and dependency-review steps.
      const cdx = readJson(path.join(temp, 'pavedpath', 'sbom', 'sbom.cdx.json')) as {
        components: unknown[];
      };
      const spdx = readJson(path.join(temp, 'pavedpath', 'sbom', 'sbom.spdx.json')) as {
        packages: unknown[];
      };
      const changes = readJson(path.join(temp, 'pavedpath', 'dependency-changes.json')) as {
        licenses: unknown[];
      };
      expect(facts).toEqual({
        schemaVersion: 1,
        generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        tool: report.tool,
        repository: 'octo-org/hello-service',
        commit: report.context.sha,
        pullRequest: report.context.pullRequest,
        verdict: 'pass',
        failOn: 'high',
        failOnScope: 'new',
        scanners: ['ESLint'],
        findings: { total: 4, new: 1, fixed: 1, existing: 3, ignored: 0 },
        bySeverity: report.counts.all.bySeverity,
        newBySeverity: report.counts.newBySeverity,
        sbomComponents: cdx.components.length + spdx.packages.length,
        licenseViolations: changes.licenses.length,
        vulnerableDependencies: Number(review.outputs['vulnerable-count']),
        evidence: {
          controls: report.compliance.length,
          frameworks: [...new Set(report.compliance.map((c) => c.framework))].sort(),
        },
        scanSeconds: expect.any(Number),
      });
      expect(facts.pullRequest).toBe(7);
      expect(facts.findings.total).toBe(report.counts.all.total);
      expect(facts.findings).toMatchObject({
        new: report.counts.new,
        fixed: report.counts.fixed,
        existing: report.counts.existing,
        ignored: report.counts.ignored,
      });
      expect(facts.sbomComponents).toBeGreaterThan(0);
      expect(facts.vulnerableDependencies).toBeGreaterThan(0);
      expect(facts.evidence.controls).toBeGreaterThan(0);
      expect(facts.scanSeconds).toBeGreaterThanOrEqual(65);
      expect(facts.scanSeconds).toBeLessThan(65 + 120);
      // Passed, with the recorded example's medium findings open.
      expect(report.counts.all.bySeverity).toEqual({ critical: 0, high: 0, medium: 4, low: 0, note: 0 });
      expect(badge).toEqual({ schemaVersion: 1, label: 'paved path', message: '4 medium', color: 'yellow' });

      // The artifact holds both, as written.
      const artifacts = fake.state.runArtifacts('octo-org', 'hello-service', 4242);
      // With upload-artifact: always, the comment body links the run's artifacts, report.html named.
      expect(readFileSync(run.outputs['report-markdown'] ?? '', 'utf8')).toContain(
        '<sub>The whole report, as one page with filters (report.html) and as report.json: [the pavedpath-report artifact](https://github.com/octo-org/hello-service/actions/runs/4242#artifacts)</sub>',
      );
      expect(artifacts.map((a) => a.name)).toEqual(['pavedpath-report']);
      const zip = path.join(mkdtempSync(path.join(tmpdir(), 'pavedpath-zip-')), 'a.zip');
      writeFileSync(zip, artifacts[0]!.data);
      const entries = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
      expect(entries).toEqual(['badge.json', 'facts.json', 'report.html', 'report.json', 'report.md']);
      for (const name of ['facts.json', 'badge.json']) {
        expect(execFileSync('unzip', ['-p', zip, name], { encoding: 'utf8' })).toBe(
          readFileSync(path.join(reportDir, name), 'utf8'),
        );
      }
    } finally {
      await fake.close();
    }
  });

  it('a failed gate: the badge is red and names the new findings; unknown figures are null', async () => {
    const dir = workspace();
    const temp = mkdtempSync(path.join(tmpdir(), 'pavedpath-temp-'));
    mkdirSync(path.join(temp, 'pavedpath'));
    const run = await runAction({
      action: 'summary',
      workspace: dir,
      event: { name: 'pull_request', fixture: 'pull_request.opened' },
      // Not a time: ignored, so the run's time is unknown.
      env: { RUNNER_TEMP: temp, PAVED_PATH_SCAN_STARTED_AT: 'soon' },
      inputs: { sarif: 'head.sarif', baseline: 'base.sarif', 'fail-on': 'medium', comment: 'never' },
    });
    expect(run.exitCode).toBe(1);
    const report = readJson(run.outputs['report-json']) as SerializedReport;
    const facts = readJson(run.outputs['facts-json']) as Facts;
    const badge = readJson(run.outputs['badge-json']) as Badge;
    expect(factsErrors(facts)).toEqual([]);
    expect(badgeErrors(badge)).toEqual([]);
    expect(report.gate.verdict).toBe('fail');
    expect(facts).toMatchObject({
      verdict: 'fail',
      failOn: 'medium',
      findings: { total: 4, new: 1, fixed: 1, existing: 3, ignored: 0 },
      newBySeverity: { critical: 0, high: 0, medium: 1, low: 0, note: 0 },
      sbomComponents: null,
      licenseViolations: null,
      vulnerableDependencies: null,
      scanSeconds: null,
    });
    expect(badge).toEqual({ schemaVersion: 1, label: 'paved path', message: '1 new medium', color: 'red' });
  });
});
