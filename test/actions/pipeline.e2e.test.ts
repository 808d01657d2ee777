/**
 * End to end: the all-in-one action (action.yml at the root, dist/pipeline/index.js) run as the
 * Actions runner runs it, on a git repository built from examples/node-service, against the fake
 * GitHub server and an offline OSV database: one comment with SAST, dependency and SBOM sections;
 * the gate; and on a push, no comment and a baseline that the next pull-request run uses.
 * ESLint and eslint-plugin-security are installed by the SAST stage from the npm registry into a
 * tool cache shared by the file's runs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.js';
import { HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';
import { REPO_ROOT, runAction } from '../support/runner.js';
import { pullRequestPayload } from './helpers.js';

const OWNER = 'octo-org';
const REPO = 'hello-service';
const MARKER = '<!-- pavedpath:pr-summary -->';
const SERVICE = path.join(REPO_ROOT, 'examples', 'node-service');

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

/**
 * Base: the service's code without src/notes.js and without its manifests. Head: the pull request
 * adds src/notes.js (eval and a RegExp from user input) and package.json with its lockfile (seven
 * packages with npm advisories).
 */
function buildRepository(): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-pipeline-'));
  mkdirSync(path.join(dir, 'src'));
  for (const f of readdirSync(path.join(SERVICE, 'src'))) {
    if (f !== 'notes.js') cpSync(path.join(SERVICE, 'src', f), path.join(dir, 'src', f));
  }
  cpSync(path.join(SERVICE, 'README.md'), path.join(dir, 'README.md'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  const base = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(SERVICE, f), path.join(dir, f));
  cpSync(path.join(SERVICE, 'src', 'notes.js'), path.join(dir, 'src', 'notes.js'));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'notes and dependencies');
  return { dir, base, head: git(dir, 'rev-parse', 'HEAD') };
}

/** The npm records of the shared OSV fixtures, as an offline database folder. */
function offlineDb(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-osv-'));
  const npm = path.join(REAL_WORLD, 'osv', 'npm');
  mkdirSync(path.join(dir, 'npm'));
  for (const f of readdirSync(npm).filter((n) => n.endsWith('.json')))
    cpSync(path.join(npm, f), path.join(dir, 'npm', f));
  return dir;
}

const describeRealWorld = HAS_REAL_WORLD ? describe : describe.skip;

describeRealWorld('the all-in-one action, end to end', () => {
  let fake: FakeGitHub;
  let repo: { dir: string; base: string; head: string };
  let db: string;
  let toolCache: string;

  beforeAll(async () => {
    fake = await startFakeGitHub();
    repo = buildRepository();
    db = offlineDb();
    toolCache = mkdtempSync(path.join(tmpdir(), 'pavedpath-pipeline-cache-'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(repo.dir, { recursive: true, force: true });
  });

  const ours = () => fake.comments(OWNER, REPO, 7).filter((c) => c.body.startsWith(MARKER));

  function pipeline(
    event: { name: string; payload?: unknown; fixture?: string },
    sha: string,
    inputs: Record<string, string>,
  ) {
    return runAction({
      action: '.',
      workspace: repo.dir,
      apiUrl: fake.url,
      event,
      sha,
      inputs: { 'offline-db': db, ...inputs },
      env: { RUNNER_TOOL_CACHE: toolCache },
      timeoutMs: 300_000,
    });
  }

  it('a pull request: one comment with the SAST findings, the vulnerable dependencies and the SBOM; the gate fails the step', async () => {
    git(repo.dir, 'checkout', '-q', repo.head);
    const run = await pipeline(
      { name: 'pull_request', payload: pullRequestPayload(repo.base, repo.head) },
      repo.head,
      {},
    );
    expect(run.stderr).toBe('');
    const stages = JSON.parse(run.outputs.stages ?? '[]') as { name: string; ok: boolean }[];
    expect(stages.map((s) => [s.name, s.ok])).toEqual([
      ['sast', true],
      ['dependency-review', true],
      ['sbom', true],
      ['summary', false], // the gate
    ]);
    expect(run.outputs.verdict).toBe('fail');
    expect(run.exitCode).toBe(1);
    expect(run.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toContain(
      'Paved Path: the gate failed (see the summary).',
    );
    expect(ours()).toHaveLength(1);
    const body = ours()[0]?.body ?? '';
    expect(body).toBe(readFileSync(run.outputs['report-markdown'] ?? '', 'utf8'));
    // SAST: the pull request's new file, scanned alone (changed files only).
    expect(body).toContain('security/detect-eval-with-expression');
    expect(body).toContain('src/notes.js');
    expect(body).not.toContain('src/files.js');
    // Dependencies: the lockfile the pull request adds, with the upgrade command.
    expect(body).toMatch(/#### (Vulnerable dependencies|Dependency changes)/);
    expect(body).toContain('lodash');
    expect(body).toContain('npm install lodash@');
    // SBOM: the inventory line.
    expect(body).toMatch(/<sub>Inventory: .*CycloneDX/);
    expect(run.outputs.sbom).toBe(path.join(run.runnerTemp, 'pavedpath', 'sbom', 'sbom.cdx.json'));
    expect(run.outputs.sarif?.split('\n')).toEqual([
      path.join(run.runnerTemp, 'pavedpath', 'sast.sarif'),
      path.join(run.runnerTemp, 'pavedpath', 'dependencies.sarif'),
    ]);
    expect(Number(run.outputs['new-count'])).toBeGreaterThan(0);
    expect(run.outputs['comment-result']).toBe('created');

    // The gate follows fail-on: with none, the same pull request passes and the comment is updated.
    const relaxed = await pipeline(
      { name: 'pull_request', payload: pullRequestPayload(repo.base, repo.head) },
      repo.head,
      { 'fail-on': 'none', 'sbom-format': 'none' },
    );
    expect(relaxed.exitCode).toBe(0);
    expect(relaxed.outputs.verdict).toBe('pass');
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).not.toContain('<sub>Inventory:');
  }, 600_000);

  it('a push writes no comment and saves a baseline; the next pull request reports what the base had as existing', async () => {
    const baselineDir = mkdtempSync(path.join(tmpdir(), 'pavedpath-baseline-'));
    git(repo.dir, 'checkout', '-q', repo.base);
    const before = fake.requests.filter((r) => r.method !== 'GET').length;
    const push = await pipeline({ name: 'push', fixture: 'push' }, repo.base, {
      'baseline-dir': baselineDir,
      'fail-on': 'none',
    });
    expect(push.stderr).toBe('');
    expect(push.exitCode).toBe(0);
    expect(push.outputs.baseline).toBe('saved');
    expect(push.outputs['comment-result']).toBe('skipped');
    expect(fake.requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/repos/')).length).toBe(
      before,
    );
    expect(readdirSync(baselineDir)).toEqual(['sast.sarif']);
    const saved = JSON.parse(readFileSync(path.join(baselineDir, 'sast.sarif'), 'utf8')) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const baseFiles = saved.runs.flatMap((r) =>
      r.results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri),
    );
    expect(baseFiles).toContain('src/files.js');

    git(repo.dir, 'checkout', '-q', repo.head);
    const pr = await pipeline(
      { name: 'pull_request', payload: pullRequestPayload(repo.base, repo.head) },
      repo.head,
      {
        'baseline-dir': baselineDir,
        'fail-on': 'none',
      },
    );
    expect(pr.stderr).toBe('');
    expect(pr.exitCode).toBe(0);
    expect(pr.outputs.baseline).toBe('used');
    const report = JSON.parse(readFileSync(pr.outputs['report-json'] ?? '', 'utf8')) as {
      findings: { state: string; location?: { path?: string } }[];
    };
    const statusOf = (file: string) => [
      ...new Set(report.findings.filter((f) => f.location?.path === file).map((f) => f.state)),
    ];
    expect(statusOf('src/files.js')).toEqual(['existing']);
    expect(statusOf('src/notes.js')).toEqual(['new']);
    expect(Number(pr.outputs['fixed-count'])).toBe(0);
  }, 600_000);
});
