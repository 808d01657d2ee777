// End to end: a monorepo's aggregate job. A matrix job scanned each project and uploaded its SARIF
// and dependency-changes.json; the aggregate job downloaded them all and runs the summary once,
// with the discover action's projects. The comment counts each project's findings, the reviews'
// changes are merged, report.json validates, and the pr-comment action (a fork's pull request)
// re-renders the same comment, table included. dist/summary and dist/pr-comment, as the runner runs them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { validateSerializedReport } from '../../src/report/validate.js';
import type { ChangesEntry, DependencyChanges } from '../../src/vulns/changes-json.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { type ActionRun, runAction } from '../support/runner.js';
import { addForkPullRequest, OWNER, readEvent, REPO, zipOf } from './helpers.js';

const FORK = readEvent('pull_request.synchronize.fork');
const WORKFLOW_RUN = readEvent('workflow_run.completed');

/** The discover action's `projects` output, languages and all. */
const PROJECTS = JSON.stringify([
  { name: 'go-service', path: 'go-service', languages: ['go'] },
  { name: 'node-service', path: 'node-service', languages: ['javascript'] },
  { name: 'python-service', path: 'python-service', languages: ['python'] },
]);

type Result = [rule: string, uri: string, line: number];

/** A small SARIF log: one run of `tool`, its rules high severity, one result per entry. */
function sarif(tool: string, results: Result[]): string {
  const rules = [...new Set(results.map(([rule]) => rule))].map((id) => ({
    id,
    shortDescription: { text: `${id} issue` },
    properties: { 'security-severity': '7.5', tags: ['security'] },
  }));
  return JSON.stringify({
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: tool, rules } },
        results: results.map(([ruleId, uri, startLine]) => ({
          ruleId,
          level: 'error',
          message: { text: `${ruleId} in ${uri}` },
          locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine } } }],
        })),
      },
    ],
  });
}

/** One project's dependency review: packages added to its manifest. */
function changes(manifest: string, ecosystem: string, packages: [string, string][]): DependencyChanges {
  const entries = packages.map(([name, to], i): ChangesEntry => ({
    change: 'added',
    ecosystem,
    name,
    manifest,
    to,
    package: {
      ecosystem,
      name,
      version: to,
      purl: `pkg:${ecosystem.toLowerCase()}/${name}@${to}`,
      manifest,
      line: i + 2,
      direct: true,
      scope: 'prod',
    },
    vulnerabilities: [],
  }));
  return {
    schemaVersion: '1.0',
    tool: { name: 'Paved Path dependency review', version: '0.1.0' },
    mode: 'pull-request',
    base: FORK.pull_request.base.sha,
    head: FORK.pull_request.head.sha,
    manifests: [{ file: manifest, format: 'lockfile', ecosystem, components: entries.length }],
    changes: entries,
    vulnerable: [],
    unpinned: [],
    newLicenses: [],
    licenses: [],
    problems: [],
    counts: { added: entries.length, removed: 0, changed: 0, vulnerable: 0, advisories: 0 },
  };
}

function write(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

/**
 * The aggregate job's workspace: each project's artifact (SARIF, and for two of them the review's
 * changes) under artifacts/, a secrets scan of the whole repository, and the base branch's SARIF.
 */
function monorepoWorkspace(): string {
  const ws = mkdtempSync(path.join(tmpdir(), 'pavedpath-monorepo-'));
  const usersGo: Result = ['G201', 'go-service/internal/store/users.go', 12];
  const mainGo: Result = ['G104', 'go-service/cmd/server/main.go', 30];
  const hashGo: Result = ['G401', 'go-service/internal/crypto/hash.go', 8];
  const configPy: Result = ['B105', 'python-service/app/config.py', 3];
  write(ws, 'artifacts/go-service/gosec.sarif', sarif('gosec', [usersGo, mainGo]));
  write(
    ws,
    'artifacts/node-service/eslint.sarif',
    sarif('ESLint', [
      ['security/detect-eval-with-expression', 'node-service/src/notes.js', 20],
      ['security/detect-child-process', 'node-service/src/files.js', 5],
    ]),
  );
  write(ws, 'artifacts/python-service/bandit.sarif', sarif('Bandit', [configPy]));
  // A scan of the whole repository: its finding lies in no project's folder.
  write(
    ws,
    'artifacts/secrets/gitleaks.sarif',
    sarif('gitleaks', [['generic-api-key', 'deploy/prod.env', 1]]),
  );
  write(
    ws,
    'artifacts/node-service/dependency-changes.json',
    JSON.stringify(changes('node-service/package-lock.json', 'npm', [['left-pad', '1.3.0']])),
  );
  write(
    ws,
    'artifacts/go-service/dependency-changes.json',
    JSON.stringify(
      changes('go-service/go.mod', 'Go', [
        ['golang.org/x/text', '0.14.0'],
        ['github.com/google/uuid', '1.6.0'],
      ]),
    ),
  );
  write(ws, 'baseline/gosec.sarif', sarif('gosec', [mainGo, hashGo]));
  write(ws, 'baseline/bandit.sarif', sarif('Bandit', [configPy]));
  return ws;
}

describe('summary of a monorepo (inputs projects and several dependency-changes)', () => {
  let run: ActionRun;
  let comment: string;
  let reportJson: string;

  beforeAll(async () => {
    run = await runAction({
      action: 'summary',
      workspace: monorepoWorkspace(),
      event: { name: 'pull_request', fixture: 'pull_request.synchronize.fork' },
      inputs: {
        sarif: 'artifacts/',
        baseline: 'baseline/',
        'dependency-changes': 'artifacts/',
        projects: PROJECTS,
        'fail-on': 'none',
        comment: 'never',
        'upload-artifact': 'never',
      },
    });
    comment = readFileSync(run.outputs['report-markdown']!, 'utf8');
    reportJson = readFileSync(run.outputs['report-json']!, 'utf8');
  });

  it('counts the new, fixed and existing findings of each project, and those outside them', () => {
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ 'new-count': '4', 'fixed-count': '1', 'existing-count': '2' });
    const lines = comment.split('\n');
    const head = lines.indexOf('| Project | New | Fixed | Existing |');
    expect(head).toBeGreaterThan(0);
    expect(lines.slice(head, head + 6)).toEqual([
      '| Project | New | Fixed | Existing |',
      '| --- | ---: | ---: | ---: |',
      '| go-service | **1** | 1 | 1 |',
      '| node-service | **2** | 0 | 0 |',
      '| python-service | 0 | 0 | 1 |',
      '| _outside the projects_ | **1** | 0 | 0 |',
    ]);
    // Near the top: before the findings.
    expect(head).toBeLessThan(lines.indexOf('#### New in this pull request (4)'));
    expect(run.summary).toContain('| go-service | **1** | 1 | 1 |');
  });

  it('merges the dependency changes of both reviews into one section', () => {
    expect(comment).toContain('#### Dependency changes (3 added)');
    for (const name of ['left-pad', 'golang.org/x/text', 'github.com/google/uuid'])
      expect(comment).toContain(`\`${name}\``);
    const report = JSON.parse(reportJson);
    expect(report.dependencies.counts).toMatchObject({ added: 3, removed: 0, changed: 0 });
    expect(run.stdout).toContain('Dependency changes of 2 files merged: 3 change(s)');
  });

  it('writes the breakdown to report.json, which validates', () => {
    const checked = validateSerializedReport(JSON.parse(reportJson));
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    expect(checked.report.projects).toEqual({
      items: [
        { name: 'go-service', path: 'go-service', new: 1, fixed: 1, existing: 1 },
        { name: 'node-service', path: 'node-service', new: 2, fixed: 0, existing: 0 },
        { name: 'python-service', path: 'python-service', new: 0, fixed: 0, existing: 1 },
      ],
      outside: { new: 1, fixed: 0, existing: 0 },
    });
  });

  it('is re-rendered by the pr-comment action from report.json, table included', async () => {
    const fake = await startFakeGitHub();
    try {
      addForkPullRequest(fake);
      fake.addArtifact({
        owner: OWNER,
        repo: REPO,
        runId: WORKFLOW_RUN.workflow_run.id,
        name: 'pavedpath-report',
        data: zipOf({ 'report.json': reportJson, 'report.md': '# ignored' }),
        headSha: WORKFLOW_RUN.workflow_run.head_sha,
      });
      const posted = await runAction({
        action: 'pr-comment',
        apiUrl: fake.url,
        token: 'ghs_write_token',
        repository: `${OWNER}/${REPO}`,
        event: { name: 'workflow_run', payload: WORKFLOW_RUN },
      });
      expect(posted.stderr).toBe('');
      expect(posted.exitCode).toBe(0);
      expect(posted.outputs['comment-result']).toBe('created');
      const body = fake.comments(OWNER, REPO, 12)[0]?.body;
      expect(body).toBe(comment);
      expect(body).toContain('| node-service | **2** | 0 | 0 |');
    } finally {
      await fake.close();
    }
  });
});

describe('summary inputs projects and dependency-changes, refused', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = monorepoWorkspace();
  });
  const summary = (inputs: Record<string, string>) =>
    runAction({
      action: 'summary',
      workspace,
      event: { name: 'push', fixture: 'push' },
      inputs: { sarif: 'artifacts/', comment: 'never', ...inputs },
    });

  it('a projects input that is not a list of projects: the input, the place and what is wrong', async () => {
    const bad = await summary({ projects: '[{"name":"go-service","path":"../go-service"},{"path":"x"}]' });
    expect(bad.exitCode).toBe(1);
    expect(bad.annotations).toEqual([
      {
        level: 'error',
        message:
          'Input \'projects\' is not a list of projects: [0].path "../go-service" must be relative to the repository root, and inside it; [1].name is missing (it must be a non-empty string). Give a JSON array of {"name": …, "path": …} objects, paths relative to the repository root, such as the discover action\'s \'projects\' output.',
      },
    ]);
    const notJson = await summary({ projects: 'go-service, node-service' });
    expect(notJson.exitCode).toBe(1);
    expect(notJson.annotations[0]?.message).toMatch(
      /^Input 'projects' is not a list of projects: it is not JSON \(/,
    );
  });

  it('an empty projects list is no breakdown; a root project leaves no finding outside', async () => {
    const none = await summary({ projects: '[]' });
    expect(none.exitCode).toBe(0);
    expect(readFileSync(none.outputs['report-markdown']!, 'utf8')).not.toContain('| Project |');
    const rooted = await summary({
      projects: JSON.stringify([
        { name: 'root', path: '.' },
        { name: 'go', path: 'go-service' },
      ]),
    });
    const report = JSON.parse(readFileSync(rooted.outputs['report-json']!, 'utf8'));
    expect(report.projects).toEqual({
      items: [
        { name: 'root', path: '.', new: 0, fixed: 0, existing: 4 },
        { name: 'go', path: 'go-service', new: 0, fixed: 0, existing: 2 },
      ],
    });
  });

  it('dependency-changes patterns that match nothing: named, with what to check', async () => {
    const run = await summary({ 'dependency-changes': 'downloads/*/changes.json\nmore/' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      {
        level: 'error',
        message:
          "No dependency changes files matched the 'dependency-changes' input (downloads/*/changes.json, more/). Check the paths, and that the dependency-review steps ran before this one.",
      },
    ]);
  });
});
