// `npm run demo`: what Paved Path does today, offline, in one command. It runs the bundled summary
// action (dist/summary/index.js) exactly as the GitHub Actions runner would, on the recorded
// scanner output of the example Node service, and prints the job summary it writes.
// The full pipeline (SAST, dependency review and SBOM on the example, then the summary) replaces
// the recorded SARIF when those actions land; see the status table in README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const action = path.join(root, 'dist', 'summary', 'index.js');
const workspace = path.join(root, 'examples', 'node-service');
if (!existsSync(action)) {
  console.error(`error: ${path.relative(root, action)} is missing: run 'npm run build' first`);
  process.exit(2);
}

const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-demo-'));
const files = Object.fromEntries(
  ['output', 'step_summary', 'env', 'path', 'state'].map((name) => {
    const file = path.join(dir, name);
    writeFileSync(file, '');
    return [name, file];
  }),
);
const runnerTemp = path.join(dir, 'temp');
mkdirSync(runnerTemp);
// The base branch's scan, as if the service were new in this pull request: the same tool, no results.
const baseline = path.join(dir, 'baseline.sarif');
const recorded = JSON.parse(readFileSync(path.join(workspace, 'recorded', 'eslint-security.sarif'), 'utf8'));
writeFileSync(
  baseline,
  JSON.stringify({ ...recorded, runs: recorded.runs.map((r) => ({ ...r, results: [] })) }),
);
const event = path.join(dir, 'event.json');
writeFileSync(event, JSON.stringify({ repository: { full_name: 'pavedpath/demo' } }));

console.log(
  'Paved Path demo: the summary action on the example Node service, as on a pull request that adds it (offline)\n',
);
const run = spawnSync(process.execPath, [action], {
  cwd: workspace,
  encoding: 'utf8',
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'pavedpath/demo',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.step_summary,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STATE: files.state,
    RUNNER_TEMP: runnerTemp,
    INPUT_SARIF: 'recorded/',
    INPUT_BASELINE: baseline,
    INPUT_COMMENT: 'never',
  },
});
const log = `${run.stdout}${run.stderr}`.trim();
if (log) console.log(log.replace(/^/gm, '  | '), '\n');
const reportDir = path.join(runnerTemp, 'pavedpath', 'report');
console.log('The pull-request comment (report.md):\n');
console.log(readFileSync(path.join(reportDir, 'report.md'), 'utf8'));
// GITHUB_OUTPUT holds `name<<DELIMITER` blocks: show them as `name: value`.
const outputs = readFileSync(files.output, 'utf8').matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm);
console.log('Outputs:');
for (const [, name, , value] of outputs) console.log(`  ${name}: ${value}`);
console.log(
  `The action exited with ${run.status}. Full report: ${path.join(runnerTemp, 'pavedpath', 'report')}`,
);
process.exit(run.status ?? 1);
