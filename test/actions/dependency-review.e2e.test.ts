/**
 * End to end: dist/dependency-review/index.js run as the Actions runner runs it, on a git
 * repository built here from the example services (examples/node-service, python-service,
 * go-service): a base commit with their lockfiles as they are, and a head commit that changes
 * them the way a pull request does:
 *
 *   node-service/package-lock.json  lodash 4.17.15 → 4.17.21 (the fix of both lodash advisories),
 *                                   + node-fetch 2.6.1 (GHSA-r683-j2x4-v87g, high), + typescript
 *                                   5.4.5 (a dev dependency, Apache-2.0), − minimist 1.2.5
 *   python-service/requirements.txt Flask 2.2.2 → 2.2.5 (the fix), urllib3 1.26.15 → 1.26.16
 *                                   (still PYSEC-2023-192, high), + six 1.16.0
 *   go-service/go.mod               unchanged
 *
 * OSV is the loopback stand-in of the API (test/support/fake-osv.ts) seeded with the real
 * records of ../shared/fixtures/real-world/osv (JSON and PyPA YAML, read the way the action reads
 * an offline database), or those records as an offline database (a folder, a zip), with no OSV
 * server at all and, where the kernel lets us, no network at all (`unshare -n`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readOsvDirectory } from '../../src/io/osv-files.js';
import type { OsvRecord } from '../../src/vulns/osv-record.js';
import { type FakeOsv, startFakeOsv } from '../support/fake-osv.js';
import { HAS_REAL_WORLD, REAL_WORLD } from '../support/real-world.js';
import { type ActionRun, actionDefaults, REPO_ROOT, runAction } from '../support/runner.js';
import { HAS_SARIF_VALIDATOR, validateSarif } from '../support/sarif-validator.js';
import { pullRequestPayload } from './helpers.js';

const DIST = path.join(REPO_ROOT, 'dist', 'dependency-review', 'index.js');
const OSV_DIR = path.join(REAL_WORLD, 'osv');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const SERVICES = ['node-service', 'python-service', 'go-service'];
const NODE_LOCK = 'node-service/package-lock.json';
const REQUIREMENTS = 'python-service/requirements.txt';

/** The real-world OSV folder is needed (and git); without it the suite is skipped, as the others. */
const describeE2e = HAS_REAL_WORLD ? describe : describe.skip;

// --- The repository ------------------------------------------------------------------------------

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function commit(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(
    dir,
    '-c',
    'user.name=Paved Path Test',
    '-c',
    'user.email=test@pavedpath.invalid',
    'commit',
    '-q',
    '-m',
    message,
  );
  return git(dir, 'rev-parse', 'HEAD').trim();
}

interface Repo {
  dir: string;
  base: string;
  head: string;
}

/** A repository: the example services as they are (base), then `change` applied (head). */
/** Temporary folders made here, removed after the suite. */
const made: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function buildRepo(change: (dir: string) => void): Repo {
  const dir = tempDir('pavedpath-depreview-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  for (const s of SERVICES) cpSync(path.join(EXAMPLES, s), path.join(dir, s), { recursive: true });
  const base = commit(dir, 'The example services');
  change(dir);
  const head = commit(dir, 'Update dependencies');
  return { dir, base, head };
}

interface LockEntry {
  version?: string;
  resolved?: string;
  license?: string;
  dev?: boolean;
  [key: string]: unknown;
}

/** The pull request's changes (see the header). */
function pullRequestChanges(dir: string): void {
  const lockFile = path.join(dir, NODE_LOCK);
  const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as {
    packages: Record<string, LockEntry & { dependencies?: Record<string, string> }>;
  };
  const root = lock.packages[''] as LockEntry & {
    dependencies: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  root.dependencies.lodash = '4.17.21';
  delete root.dependencies.minimist;
  root.dependencies['node-fetch'] = '2.6.1';
  root.devDependencies = { typescript: '5.4.5' };
  lock.packages['node_modules/lodash'] = {
    ...lock.packages['node_modules/lodash'],
    version: '4.17.21',
    resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz',
  };
  delete lock.packages['node_modules/minimist'];
  lock.packages['node_modules/node-fetch'] = {
    version: '2.6.1',
    resolved: 'https://registry.npmjs.org/node-fetch/-/node-fetch-2.6.1.tgz',
    license: 'MIT',
    engines: { node: '4.x || >=6.0.0' },
  };
  lock.packages['node_modules/typescript'] = {
    version: '5.4.5',
    resolved: 'https://registry.npmjs.org/typescript/-/typescript-5.4.5.tgz',
    dev: true,
    license: 'Apache-2.0',
    bin: { tsc: 'bin/tsc', tsserver: 'bin/tsserver' },
  };
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);

  const pkgFile = path.join(dir, 'node-service', 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, Record<string, string>>;
  const deps = pkg.dependencies as Record<string, string>;
  deps.lodash = '4.17.21';
  delete deps.minimist;
  deps['node-fetch'] = '2.6.1';
  pkg.devDependencies = { typescript: '5.4.5' };
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);

  const reqFile = path.join(dir, REQUIREMENTS);
  const req = readFileSync(reqFile, 'utf8');
  expect(req).toContain('Flask==2.2.2\n');
  expect(req).toContain('urllib3==1.26.15\n');
  writeFileSync(
    reqFile,
    `${req.replace('Flask==2.2.2\n', 'Flask==2.2.5\n').replace('urllib3==1.26.15\n', 'urllib3==1.26.16\n')}six==1.16.0\n`,
  );
}

/** 1-based line of the first line of `file` (in the repository) containing `text`. */
function lineOf(dir: string, file: string, text: string): number {
  const index = readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`${file} has no line with ${text}`);
  return index + 1;
}

// --- Events, ports, OSV databases ---------------------------------------------------------------

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/** The record files of the OSV folder only (not cases.json, schema.json, MANIFEST.md), as <ecosystem>/<file>. */
function recordFiles(): string[] {
  return readdirSync(OSV_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(OSV_DIR, d.name))
        .filter((f) => /\.(json|ya?ml)$/.test(f))
        .map((f) => `${d.name}/${f}`),
    )
    .sort();
}

// --- Reading what the action wrote -------------------------------------------------------------

interface ChangesVuln {
  id: string;
  aliases: string[];
  severity: string;
  fixedIn?: string;
  upgrade?: string;
}
interface ChangesJson {
  mode: 'pull-request' | 'full';
  base?: string;
  head?: string;
  manifests: { file: string; components: number; inBase?: boolean }[];
  changes: {
    change: string;
    name: string;
    manifest: string;
    ecosystem: string;
    from?: string;
    to?: string;
    direction?: string;
    package: { version: string; scope: string; direct: boolean; license?: string; line?: number };
    vulnerabilities: ChangesVuln[];
  }[];
  vulnerable: {
    ecosystem: string;
    name: string;
    version: string;
    manifest: string;
    change?: string;
    vulnerabilities: ChangesVuln[];
  }[];
  unpinned: { name: string; spec: string; manifest: string; line: number }[];
  licenses: { name: string; version: string; license?: string; reason: string }[];
  problems: { level: string; file: string; line?: number; message: string }[];
  counts: Record<string, number>;
}
interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      properties: { pavedpath: Record<string, unknown> & { package?: { name: string; version?: string } } };
    }[];
  }[];
}

const changesOf = (run: ActionRun): ChangesJson =>
  JSON.parse(readFileSync(run.outputs.changes as string, 'utf8')) as ChangesJson;
const sarifOf = (run: ActionRun): SarifLog =>
  JSON.parse(readFileSync(run.outputs.sarif as string, 'utf8')) as SarifLog;

const changeLines = (c: ChangesJson): string[] =>
  c.changes.map(
    (x) =>
      `${x.change} ${x.manifest} ${x.name} ${x.from ?? ''}>${x.to ?? ''}${x.direction ? ` ${x.direction}` : ''}`,
  );
const vulnerableLines = (c: ChangesJson): string[] =>
  c.vulnerable.flatMap((v) =>
    v.vulnerabilities.map(
      (x) =>
        `${v.ecosystem} ${v.name}@${v.version}${v.change ? ` (${v.change})` : ''}: ${x.id} ${x.severity}`,
    ),
  );
const failures = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error' && !a.file);

/** The SARIF passes Microsoft's validator with GitHub's rules (when it can run here). */
function expectValidSarif(file: string): void {
  if (!HAS_SARIF_VALIDATOR) return;
  expect(validateSarif(file)).toEqual([]);
}

// --- The expected review of the pull request ---------------------------------------------------

const PR_CHANGES = [
  `added ${NODE_LOCK} node-fetch >2.6.1`,
  `added ${NODE_LOCK} typescript >5.4.5`,
  `changed ${NODE_LOCK} lodash 4.17.15>4.17.21 up`,
  `removed ${NODE_LOCK} minimist 1.2.5>`,
  `added ${REQUIREMENTS} six >1.16.0`,
  `changed ${REQUIREMENTS} Flask 2.2.2>2.2.5 up`,
  `changed ${REQUIREMENTS} urllib3 1.26.15>1.26.16 up`,
];
/** What was looked up: the added and changed packages only (not minimist, not go.mod). */
const PR_QUERIES = [
  'PyPI Flask@2.2.5',
  'PyPI six@1.16.0',
  'PyPI urllib3@1.26.16',
  'npm lodash@4.17.21',
  'npm node-fetch@2.6.1',
  'npm typescript@5.4.5',
];
const PR_VULNERABLE = [
  `npm node-fetch@2.6.1 (added): GHSA-r683-j2x4-v87g high`,
  `PyPI urllib3@1.26.16 (changed): PYSEC-2023-192 high`,
];
const PR_OUTPUTS = {
  'added-count': '3',
  'removed-count': '1',
  'changed-count': '3',
  'vulnerable-count': '2',
};

describeE2e('dependency-review action, end to end on a git repository', () => {
  let records: OsvRecord[] = [];
  let fake: FakeOsv;
  let repo: Repo;
  let payload: unknown;
  let dbDir: string;
  let dbZip: string;
  /** The online review of the pull request (the reference the others are compared with). */
  let online: ActionRun;

  const queried = (): string[] =>
    fake.requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/querybatch')
      .flatMap(
        (r) =>
          (r.body as { queries: { package: { ecosystem: string; name: string }; version: string }[] })
            .queries,
      )
      .map((q) => `${q.package.ecosystem} ${q.package.name}@${q.version}`)
      .sort();

  /** The action on `repo` for a pull request from its base to its head, against the fake OSV. */
  const review = (
    inputs: Record<string, string> = {},
    options: {
      repo?: Repo;
      payload?: unknown;
      event?: { name: string; fixture?: string; payload?: unknown };
    } = {},
  ): Promise<ActionRun> => {
    const r = options.repo ?? repo;
    return runAction({
      action: 'dependency-review',
      workspace: r.dir,
      event: options.event ?? {
        name: 'pull_request',
        payload: options.payload ?? (options.repo ? pullRequestPayload(r.base, r.head) : payload),
      },
      sha: r.head,
      inputs: { 'osv-api-url': fake.url, 'deps-dev-api-url': '', ...inputs },
    });
  };

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run npm run build`);
    const db = readOsvDirectory(OSV_DIR);
    records = db.records;
    expect(records).toHaveLength(40);
    fake = await startFakeOsv({ records });
    repo = buildRepo(pullRequestChanges);
    payload = pullRequestPayload(repo.base, repo.head);

    // The offline databases: the record files alone, as a folder and as a zip (python3 zipfile).
    const work = tempDir('pavedpath-depreview-osv-');
    dbDir = path.join(work, 'osv');
    for (const f of recordFiles()) {
      mkdirSync(path.dirname(path.join(dbDir, f)), { recursive: true });
      cpSync(path.join(OSV_DIR, f), path.join(dbDir, f));
    }
    dbZip = path.join(work, 'osv.zip');
    execFileSync('python3', [
      '-c',
      [
        'import os, sys, zipfile',
        'src, out = sys.argv[1], sys.argv[2]',
        'with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:',
        '    for eco in sorted(os.listdir(src)):',
        '        for f in sorted(os.listdir(os.path.join(src, eco))):',
        '            z.write(os.path.join(src, eco, f), eco + "/" + f)',
      ].join('\n'),
      dbDir,
      dbZip,
    ]);

    fake.resetCounters();
    online = await review();
  });

  afterAll(async () => {
    await fake.close();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  describe('a pull request, OSV online', () => {
    it('exits 1 (high advisories came in) with the counts as outputs', () => {
      expect(online.stderr).toBe('');
      expect(online.exitCode).toBe(1);
      expect(online.outputs).toMatchObject(PR_OUTPUTS);
      expect(online.outputs.sarif).toBe(path.join(online.runnerTemp, 'pavedpath', 'dependencies.sarif'));
      expect(online.outputs.changes).toBe(
        path.join(online.runnerTemp, 'pavedpath', 'dependency-changes.json'),
      );
      expect(failures(online).map((a) => a.message)).toEqual([
        '2 vulnerable package(s) with advisories of high or higher severity: node-fetch@2.6.1, urllib3@1.26.16. The upgrade for each is in the log above and in the SARIF.',
      ]);
    });

    it('dependency-changes.json has exactly the added, changed and removed packages', () => {
      const c = changesOf(online);
      expect(c.mode).toBe('pull-request');
      expect(c.base).toBe(repo.base);
      expect(c.head).toBe(repo.head);
      expect(changeLines(c)).toEqual(PR_CHANGES);
      expect(c.counts).toEqual({ added: 3, removed: 1, changed: 3, vulnerable: 2, advisories: 2 });
      expect(c.manifests.map((m) => [m.file, m.components, m.inBase])).toEqual([
        ['go-service/go.mod', 3, true],
        [NODE_LOCK, 104, true],
        [REQUIREMENTS, 12, true],
      ]);
      // The fixes: lodash 4.17.21 and Flask 2.2.5 have no advisory left.
      const byName = new Map(c.changes.map((x) => [x.name, x]));
      expect(byName.get('lodash')?.vulnerabilities).toEqual([]);
      expect(byName.get('Flask')?.vulnerabilities).toEqual([]);
      expect(byName.get('minimist')?.vulnerabilities).toEqual([]);
      expect(byName.get('typescript')?.package).toMatchObject({
        scope: 'dev',
        direct: true,
        license: 'Apache-2.0',
      });
      expect(byName.get('node-fetch')?.package).toMatchObject({
        scope: 'prod',
        direct: true,
        license: 'MIT',
        line: lineOf(repo.dir, NODE_LOCK, '"node_modules/node-fetch"'),
      });
      expect(c.unpinned).toEqual([
        { ecosystem: 'PyPI', name: 'requests', spec: '>=2.0', manifest: REQUIREMENTS, line: 10 },
      ]);
      expect(c.problems).toEqual([]);
      expect(c.licenses).toEqual([]);
    });

    it('only the added and changed packages were looked up; the records fetched are the two found', () => {
      // The look-ups of the run in beforeAll (the counters were reset just before it).
      expect(queried()).toEqual(PR_QUERIES);
      const gets = fake.requests
        .filter((r) => r.method === 'GET')
        .map((r) => r.path)
        .sort();
      expect(gets).toEqual(['/v1/vulns/GHSA-r683-j2x4-v87g', '/v1/vulns/PYSEC-2023-192']);
      expect(fake.requests.every((r) => r.status === 200)).toBe(true);
    });

    it('names the vulnerable added package, its fix and the upgrade command', () => {
      const c = changesOf(online);
      expect(vulnerableLines(c)).toEqual(PR_VULNERABLE);
      const fetch = c.changes.find((x) => x.name === 'node-fetch');
      // The stored record has two entries: introduced "1.0" < fixed 3.1.1, and 0 < fixed 2.6.7.
      // 2.6.7 is still inside the first, so the lowest version no entry affects is 3.1.1.
      expect(fetch?.vulnerabilities).toEqual([
        expect.objectContaining({
          id: 'GHSA-r683-j2x4-v87g',
          aliases: ['CVE-2022-0235'],
          severity: 'high',
          fixedIn: '3.1.1',
          upgrade: 'npm install node-fetch@3.1.1',
        }),
      ]);
      const urllib3 = c.changes.find((x) => x.name === 'urllib3');
      expect(urllib3?.vulnerabilities).toEqual([
        expect.objectContaining({
          id: 'PYSEC-2023-192',
          fixedIn: '1.26.17',
          upgrade: "pip install --upgrade 'urllib3==1.26.17'",
        }),
      ]);
      expect(online.stdout).toContain(
        'HIGH node-fetch@2.6.1 (node-service/package-lock.json): GHSA-r683-j2x4-v87g, fixed in 3.1.1: npm install node-fetch@3.1.1',
      );
    });

    it('writes SARIF that passes the validator, one result per advisory plus the unpinned requirement', () => {
      const file = online.outputs.sarif as string;
      expectValidSarif(file);
      const run = sarifOf(online).runs[0];
      const results = run?.results ?? [];
      expect(
        results.map((r) => `${r.ruleId} ${r.level} ${r.locations[0]?.physicalLocation.artifactLocation.uri}`),
      ).toEqual([
        `GHSA-r683-j2x4-v87g error ${NODE_LOCK}`,
        `PYSEC-2023-192 error ${REQUIREMENTS}`,
        `pavedpath/unpinned-requirement warning ${REQUIREMENTS}`,
      ]);
      const fetch = results[0];
      expect(fetch?.locations[0]?.physicalLocation.region.startLine).toBe(
        lineOf(repo.dir, NODE_LOCK, '"node_modules/node-fetch"'),
      );
      expect(fetch?.properties.pavedpath).toMatchObject({
        change: 'added',
        fixedIn: '3.1.1',
        upgrade: 'npm install node-fetch@3.1.1',
        package: { name: 'node-fetch', version: '2.6.1' },
      });
      expect(results[1]?.locations[0]?.physicalLocation.region.startLine).toBe(
        lineOf(repo.dir, REQUIREMENTS, 'urllib3=='),
      );
    });
  });

  describe('the gate', () => {
    it('fail-on-severity none: the same review, exit 0', async () => {
      const run = await review({ 'fail-on-severity': 'none' });
      expect(run.exitCode).toBe(0);
      expect(failures(run)).toEqual([]);
      expect(run.outputs).toMatchObject(PR_OUTPUTS);
      expect(changesOf(run)).toEqual(changesOf(online));
    });

    it('fail-on-severity critical: nothing critical came in, exit 0', async () => {
      const run = await review({ 'fail-on-severity': 'critical' });
      expect(run.exitCode).toBe(0);
      expect(run.outputs['vulnerable-count']).toBe('2');
    });

    it('include-dev false: the dev dependency typescript is left out', async () => {
      const run = await review({ 'include-dev': 'false', 'fail-on-severity': 'none' });
      expect(run.exitCode).toBe(0);
      expect(run.outputs['added-count']).toBe('2');
      expect(changeLines(changesOf(run))).toEqual(PR_CHANGES.filter((l) => !l.includes('typescript')));
    });
  });

  describe('an offline database, with no OSV server', () => {
    let deadUrl: string;
    beforeAll(async () => {
      deadUrl = `http://127.0.0.1:${await closedPort()}`;
    });

    it.each([
      ['a folder of the records', () => dbDir, 'directory'],
      ['a zip of them (python3 zipfile)', () => dbZip, 'zip'],
    ])('%s: the same results as online', async (_what, db) => {
      fake.resetCounters();
      const run = await review({ 'offline-db': db(), 'osv-api-url': deadUrl });
      expect(fake.requests).toEqual([]);
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain(`Offline OSV database: 40 record(s) from ${db()}`);
      expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
      expect(run.outputs).toMatchObject(PR_OUTPUTS);
      expect(changesOf(run)).toEqual(changesOf(online));
      expect(sarifOf(run)).toEqual(sarifOf(online));
      expect(failures(run)).toEqual(failures(online));
    });
  });

  describe('no network at all (unshare -n)', () => {
    const probe = spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    const canUnshare = probe.status === 0;
    if (!canUnshare) {
      process.stderr.write(
        `warning: 'unshare -n true' is not permitted here (${probe.error?.message ?? `exit ${probe.status}`}): the no-network tests are skipped\n`,
      );
    }
    const itNetns = canUnshare ? it : it.skip;

    /**
     * The action as runAction runs it (same environment, inputs, event and files), but in a
     * network namespace of its own: a wrapper script re-executes `node dist/…` under `unshare -n`.
     * runAction does not apply action.yml defaults to a script, so they are passed here.
     */
    const reviewWithoutNetwork = (inputs: Record<string, string>): Promise<ActionRun> => {
      const dir = tempDir('pavedpath-depreview-netns-');
      const wrapper = path.join(dir, 'unshare-n.mjs');
      writeFileSync(
        wrapper,
        [
          "import { spawnSync } from 'node:child_process';",
          `const r = spawnSync('unshare', ['-n', process.execPath, ${JSON.stringify(DIST)}], { stdio: 'inherit' });`,
          'if (r.error) { console.error(r.error.message); process.exit(2); }',
          'process.exit(r.status ?? 2);',
        ].join('\n'),
      );
      return runAction({
        action: wrapper,
        workspace: repo.dir,
        event: { name: 'pull_request', payload },
        sha: repo.head,
        inputs: {
          ...actionDefaults('dependency-review', 'ghs_test_token'),
          'osv-api-url': fake.url,
          'deps-dev-api-url': '',
          ...inputs,
        },
      });
    };

    itNetns('the online review cannot reach even the loopback OSV server there (the control)', async () => {
      fake.resetCounters();
      const run = await reviewWithoutNetwork({});
      expect(fake.requests).toEqual([]);
      expect(run.exitCode).toBe(1);
      expect(run.outputs['vulnerable-count']).toBe('0');
      expect(
        failures(run)
          .map((a) => a.message)
          .join('\n'),
      ).toContain(
        `No vulnerability data: The OSV API could not be used: ${fake.url}/v1/querybatch could not be reached`,
      );
      // Not refused by a closed port: there is no network (loopback is down in the namespace).
      expect(failures(run)[0]?.message).toContain('ENETUNREACH');
    });

    itNetns('the offline review gives the same results as online', async () => {
      const run = await reviewWithoutNetwork({ 'offline-db': dbZip });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject(PR_OUTPUTS);
      expect(changesOf(run)).toEqual(changesOf(online));
      expect(sarifOf(run)).toEqual(sarifOf(online));
    });
  });

  describe('a push (no base): everything is reviewed', () => {
    let push: ActionRun;
    beforeAll(async () => {
      fake.resetCounters();
      push = await review({}, { event: { name: 'push', fixture: 'push' } });
    });

    it('looks every package of the head up, and reports no changes', () => {
      expect(push.exitCode).toBe(1);
      const c = changesOf(push);
      expect(c.mode).toBe('full');
      expect(c.base).toBeUndefined();
      expect(c.head).toBe(repo.head);
      expect(c.changes).toEqual([]);
      expect(push.outputs).toMatchObject({
        'added-count': '0',
        'removed-count': '0',
        'changed-count': '0',
        'vulnerable-count': '10',
      });
      // 3 Go modules + 104 npm packages + 12 pinned Python packages, each once.
      const q = queried();
      expect(q).toHaveLength(3 + 104 + 12);
      expect(new Set(q).size).toBe(q.length);
      expect(q).toEqual(
        expect.arrayContaining([
          'Go github.com/gorilla/websocket@1.4.0',
          'npm axios@0.21.1',
          'npm lodash@4.17.21',
          'PyPI PyYAML@5.3.1',
        ]),
      );
      expect(q).not.toContain('npm minimist@1.2.5');
      expect(push.stdout).toContain(
        'Dependency review: 119 package(s) reviewed; 10 vulnerable (10 advisories)',
      );
    });

    it('every vulnerable package of the head, unchanged ones included', () => {
      expect(vulnerableLines(changesOf(push))).toEqual([
        'Go github.com/golang-jwt/jwt/v4@4.4.2: GO-2025-3553 medium',
        'Go github.com/gorilla/websocket@1.4.0: GO-2020-0019 medium',
        'npm axios@0.21.1: GHSA-cph5-m8f7-6c5x high',
        'npm body-parser@1.20.1: GHSA-qwcr-r2fm-qrc7 high',
        'npm express@4.18.2: GHSA-rv95-896h-c2vc medium',
        'npm jsonwebtoken@8.5.1: GHSA-8cf7-32gw-wr33 medium',
        'npm node-fetch@2.6.1: GHSA-r683-j2x4-v87g high',
        'npm path-to-regexp@0.1.7: GHSA-9wv6-86v2-598j high',
        'PyPI PyYAML@5.3.1: PYSEC-2021-142 medium',
        'PyPI urllib3@1.26.16: PYSEC-2023-192 high',
      ]);
      expectValidSarif(push.outputs.sarif as string);
    });
  });

  describe('when OSV cannot be reached', () => {
    let deadUrl: string;
    beforeAll(async () => {
      deadUrl = `http://127.0.0.1:${await closedPort()}`;
    });

    it('on-network-error fail: exit 1, naming the URL', async () => {
      const run = await review({ 'osv-api-url': deadUrl, 'on-network-error': 'fail' });
      expect(run.exitCode).toBe(1);
      const message = failures(run)
        .map((a) => a.message)
        .join('\n');
      expect(message).toContain(
        `No vulnerability data: The OSV API could not be used: ${deadUrl}/v1/querybatch could not be reached`,
      );
      expect(message).toContain('ECONNREFUSED');
      expect(message).toContain("Set 'on-network-error: warn' to go on without it.");
      expect(run.outputs['vulnerable-count']).toBe('0');
    });

    it('on-network-error warn: exit 0, a warning, the SARIF and the changes still written', async () => {
      const run = await review({ 'osv-api-url': deadUrl, 'on-network-error': 'warn' });
      expect(run.exitCode).toBe(0);
      expect(failures(run)).toEqual([]);
      const warnings = run.annotations.filter((a) => a.title === 'Vulnerabilities not checked');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe('warning');
      expect(warnings[0]?.message).toContain(`${deadUrl}/v1/querybatch could not be reached`);
      expect(run.outputs).toMatchObject({ ...PR_OUTPUTS, 'vulnerable-count': '0' });
      expect(existsSync(run.outputs.sarif as string)).toBe(true);
      expectValidSarif(run.outputs.sarif as string);
      expect(sarifOf(run).runs[0]?.results.map((r) => r.ruleId)).toEqual(['pavedpath/unpinned-requirement']);
      expect(changeLines(changesOf(run))).toEqual(PR_CHANGES);
    });

    // Regression: an OSV outage was once filed as a lockfile problem, on a file that does not exist.
    it('the OSV outage is not reported as a lockfile problem on a file that does not exist', async () => {
      const run = await review({ 'osv-api-url': deadUrl, 'on-network-error': 'warn' });
      const notFiles = run.annotations
        .filter((a) => a.file !== undefined && !existsSync(path.join(repo.dir, a.file)))
        .map((a) => `${a.level} '${a.title}' on '${a.file}'`);
      // Today: ["warning 'Lockfile read leniently' on 'the OSV API at http://127.0.0.1:…'"].
      expect(notFiles).toEqual([]);
      expect(changesOf(run).problems).toEqual([]);
    });
  });

  describe('the base commit is not in the clone', () => {
    it('a base.sha that does not exist: exit 1 with the fetch-depth advice', async () => {
      const missing = '0123456789abcdef0123456789abcdef01234567';
      const run = await review({}, { payload: pullRequestPayload(missing, repo.head) });
      expect(run.exitCode).toBe(1);
      const message = failures(run)
        .map((a) => a.message)
        .join('\n');
      expect(message).toContain(`The commit ${missing} ('the pull request base') is not in this clone`);
      expect(message).toContain("Check out with 'fetch-depth: 0' on actions/checkout");
      expect(message).toContain(`git fetch origin ${missing}`);
      expect(run.outputs.sarif).toBeUndefined();
    });

    it('a shallow clone (depth 1) of the real repository: the real base is missing, same advice', async () => {
      const shallow = path.join(tempDir('pavedpath-depreview-shallow-'), 'clone');
      git(tmpdir(), 'clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow);
      expect(git(shallow, 'rev-parse', 'HEAD').trim()).toBe(repo.head);
      const run = await review({}, { repo: { dir: shallow, base: repo.base, head: repo.head } });
      expect(run.exitCode).toBe(1);
      expect(
        failures(run)
          .map((a) => a.message)
          .join('\n'),
      ).toContain(`The commit ${repo.base} ('the pull request base') is not in this clone`);
      expect(failures(run)[0]?.message).toContain('fetch-depth: 0');
    });
  });

  describe('a lockfile that does not parse in the head', () => {
    let broken: Repo;
    let brokenLine: number;
    beforeAll(() => {
      broken = buildRepo((dir) => {
        pullRequestChanges(dir);
        // Drop the comma after lodash's version: the next line is where JSON breaks.
        const file = path.join(dir, NODE_LOCK);
        const lines = readFileSync(file, 'utf8').split('\n');
        const key = lines.findIndex((l) => l.includes('"node_modules/lodash": {'));
        expect(lines[key + 1]).toBe('      "version": "4.17.21",');
        lines[key + 1] = '      "version": "4.17.21"';
        brokenLine = key + 3;
        writeFileSync(file, lines.join('\n'));
      });
    });

    it('an error annotation naming the file and line; the other manifests still reviewed', async () => {
      fake.resetCounters();
      const run = await review({ 'fail-on-severity': 'none' }, { repo: broken });
      expect(run.exitCode).toBe(1);
      expect(run.annotations.filter((a) => a.file !== undefined)).toEqual([
        expect.objectContaining({
          level: 'error',
          title: 'Lockfile not reviewed',
          file: NODE_LOCK,
          line: brokenLine,
          message: expect.stringContaining('not valid JSON'),
        }),
      ]);
      expect(failures(run).map((a) => a.message)).toEqual([
        '1 lockfile(s) could not be read (node-service/package-lock.json; see the errors above); the others were reviewed.',
      ]);
      const c = changesOf(run);
      // Not "everything in the npm lockfile removed": the broken manifest is left out of the diff.
      expect(changeLines(c)).toEqual(PR_CHANGES.filter((l) => l.includes(REQUIREMENTS)));
      expect(c.problems).toEqual([
        expect.objectContaining({ level: 'error', file: NODE_LOCK, line: brokenLine }),
      ]);
      expect(vulnerableLines(c)).toEqual([`PyPI urllib3@1.26.16 (changed): PYSEC-2023-192 high`]);
      expect(queried()).toEqual(PR_QUERIES.filter((q) => q.startsWith('PyPI ')));
      expect(run.outputs).toMatchObject({ 'added-count': '1', 'changed-count': '2', 'removed-count': '0' });
    });

    // Regression: with on-network-error warn, an unreadable lockfile once stopped failing the step.
    it('still fails on the unreadable lockfile when OSV is down and on-network-error is warn', async () => {
      const run = await review(
        {
          'fail-on-severity': 'none',
          'on-network-error': 'warn',
          'osv-api-url': `http://127.0.0.1:${await closedPort()}`,
        },
        { repo: broken },
      );
      expect(run.annotations).toContainEqual(expect.objectContaining({ file: NODE_LOCK, level: 'error' }));
      expect(run.exitCode).toBe(1);
    });
  });

  describe('licences', () => {
    it('allow-licenses MIT: the added Apache-2.0 package fails the step, unknown ones are warnings', async () => {
      const run = await review({ 'allow-licenses': 'MIT', 'fail-on-severity': 'none', 'offline-db': dbDir });
      expect(run.exitCode).toBe(1);
      expect(failures(run).map((a) => a.message)).toEqual([
        '1 package(s) outside the licence policy: typescript@5.4.5.',
      ]);
      const c = changesOf(run);
      // The lockfile records node-fetch's and lodash's MIT; requirements.txt records none.
      expect(c.licenses.map((l) => `${l.name}@${l.version} ${l.license ?? '-'} ${l.reason}`)).toEqual([
        'typescript@5.4.5 Apache-2.0 not-allowed',
        'six@1.16.0 - unknown',
        'Flask@2.2.5 - unknown',
        'urllib3@1.26.16 - unknown',
      ]);
      const file = run.outputs.sarif as string;
      expectValidSarif(file);
      const licence =
        sarifOf(run).runs[0]?.results.filter((r) => r.ruleId === 'pavedpath/license-policy') ?? [];
      expect(licence.map((r) => `${r.level} ${r.properties.pavedpath.package?.name}`)).toEqual([
        'error typescript',
        'warning six',
        'warning Flask',
        'warning urllib3',
      ]);
      expect(licence[0]?.locations[0]?.physicalLocation.region.startLine).toBe(
        lineOf(repo.dir, NODE_LOCK, '"node_modules/typescript"'),
      );
    });

    it('deny-licenses Apache-2.0: the same package, denied', async () => {
      const run = await review({
        'deny-licenses': 'Apache-2.0',
        'fail-on-severity': 'none',
        'offline-db': dbDir,
      });
      expect(run.exitCode).toBe(1);
      const c = changesOf(run);
      expect(c.licenses.filter((l) => l.reason !== 'unknown').map((l) => `${l.name} ${l.reason}`)).toEqual([
        'typescript denied',
      ]);
    });

    it('a policy the added packages meet: exit 0', async () => {
      const run = await review({
        'allow-licenses': 'MIT, Apache-2.0',
        'fail-on-severity': 'none',
        'offline-db': dbDir,
      });
      expect(run.exitCode).toBe(0);
      expect(changesOf(run).licenses.every((l) => l.reason === 'unknown')).toBe(true);
    });
  });
});
