// `npm run demo`: the whole pipeline on an example, offline, in one command. It copies
// examples/node-service into a temporary git repository with two commits (the base: the service
// without src/notes.js and without its dependencies; the head: a pull request that adds both),
// then runs `pavedpath scan` (dist/cli/index.js, the same code as the actions) on it: SAST with
// ESLint and eslint-plugin-security (from this clone's node_modules), the dependency review against
// the bundled advisories in scripts/demo/advisories (no network), the SBOM and the summary. It
// prints the report and where report.html is. The example is vulnerable on purpose, so the gate
// fails: that is the expected result, and the demo exits 0; any other failure exits non-zero.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli', 'index.js');
const service = path.join(root, 'examples', 'node-service');
if (!existsSync(cli)) {
  console.error(`error: ${path.relative(root, cli)} is missing: run 'npm run build' first`);
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'pavedpath-demo-'));
const repo = path.join(work, 'node-service');
mkdirSync(path.join(repo, 'src'), { recursive: true });
const git = (...args) =>
  execFileSync(
    'git',
    ['-c', 'user.name=Paved Path demo', '-c', 'user.email=demo@pavedpath.invalid', ...args],
    {
      cwd: repo,
      stdio: 'ignore',
    },
  );
for (const f of readdirSync(path.join(service, 'src'))) {
  if (f !== 'notes.js') cpSync(path.join(service, 'src', f), path.join(repo, 'src', f));
}
cpSync(path.join(service, 'README.md'), path.join(repo, 'README.md'));
git('init', '-q', '-b', 'main');
git('add', '.');
git('commit', '-q', '-m', 'The service, before the pull request');
git('checkout', '-q', '-b', 'add-notes');
for (const f of ['package.json', 'package-lock.json']) cpSync(path.join(service, f), path.join(repo, f));
cpSync(path.join(service, 'src', 'notes.js'), path.join(repo, 'src', 'notes.js'));
git('add', '.');
git('commit', '-q', '-m', 'Add notes and the dependencies');

const out = path.join(work, 'report');
console.log('Paved Path demo: a pull request to examples/node-service that adds src/notes.js and its');
console.log(`dependencies, scanned offline with \`pavedpath scan --base main\` (in ${repo})\n`);
const run = spawnSync(
  process.execPath,
  [
    cli,
    'scan',
    repo,
    '--base',
    'main',
    '--offline-db',
    path.join(root, 'scripts', 'demo', 'advisories'),
    '--out',
    out,
  ],
  { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '' } },
);
if (run.status === 1) {
  console.log('\nThe gate failed (exit code 1), as it should: the example is vulnerable on purpose.');
  process.exit(0);
}
if (run.status !== 0) {
  console.error(`error: pavedpath scan exited with ${run.status ?? run.signal}`);
  process.exit(run.status ?? 1);
}
