/**
 * Runs an action the way the GitHub Actions runner does: `node dist/<name>/index.js` in a child
 * process, with INPUT_* variables (name upper-cased, spaces to `_`), the GITHUB_* and RUNNER_*
 * environment, an event payload at GITHUB_EVENT_PATH, and the GITHUB_OUTPUT, GITHUB_ENV,
 * GITHUB_PATH, GITHUB_STATE and GITHUB_STEP_SUMMARY files. Like the runner, it sets the defaults
 * of the inputs the action.yml declares (`${{ github.token }}` becomes the run's token).
 * Returns what the runner would see.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  type Annotation,
  annotationsOf,
  parseKeyValueFile,
  parseWorkflowCommands,
  type WorkflowCommand,
} from './runner/workflow-commands.js';

export type { Annotation, WorkflowCommand };

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const EVENTS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'events');

export interface RunActionOptions {
  /**
   * An action in dist/ (`summary` runs dist/summary/index.js), '.' for the all-in-one action at the
   * repository root (its action.yml's `runs.main`), or a path to a script.
   */
  action: string;
  inputs?: Record<string, string>;
  /** The event: a fixture name in test/fixtures/events (`pull_request.opened`) or a payload. */
  event?: { name: string; fixture?: string; payload?: unknown };
  workspace?: string;
  repository?: string;
  sha?: string;
  ref?: string;
  apiUrl?: string;
  /** The job's GITHUB_TOKEN, which `${{ github.token }}` input defaults become. Default ghs_test_token. */
  token?: string;
  /** More environment variables (they win over the defaults). */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export interface ActionRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** What was appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** Variables the action exported through GITHUB_ENV, and paths it added through GITHUB_PATH. */
  exportedEnv: Record<string, string>;
  addedPath: string[];
  state: Record<string, string>;
  commands: WorkflowCommand[];
  annotations: Annotation[];
  /** The runner's temporary directory of this run (RUNNER_TEMP's parent). */
  dir: string;
  runnerTemp: string;
  workspace: string;
}

/** The environment variable the runner sets for an input: INPUT_ + name upper-cased, spaces to `_`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * What the runner's machine gives every step besides the GITHUB_* and RUNNER_* variables: PATH and
 * the like, and the proxy and certificate settings a corporate network needs (npm and pip reach
 * their registries through them on this machine, as they would on a self-hosted runner).
 */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'LANG',
  'TZ',
  'SYSTEMROOT',
  'TMPDIR',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'PIP_CERT',
  'REQUESTS_CA_BUNDLE',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

function eventPayload(event: RunActionOptions['event']): unknown {
  if (!event) return {};
  if (event.payload !== undefined) return event.payload;
  const fixture = event.fixture ?? event.name;
  return JSON.parse(readFileSync(path.join(EVENTS_DIR, `${fixture}.json`), 'utf8'));
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** The action.yml of an action name: '.' is the all-in-one action at the repository root. */
function metadataFile(action: string): string {
  return action === '.'
    ? path.join(REPO_ROOT, 'action.yml')
    : path.join(REPO_ROOT, 'actions', action, 'action.yml');
}

/** The input defaults of actions/<name>/action.yml (or ./action.yml), as the runner sets them; {} for a script. */
export function actionDefaults(action: string, token: string): Record<string, string> {
  const file = metadataFile(action);
  if ((action !== '.' && action.includes('/')) || !existsSync(file)) return {};
  const metadata = parseYaml(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { default?: string | number | boolean }>;
  };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(metadata.inputs ?? {})) {
    if (input.default === undefined) continue;
    const value = String(input.default);
    if (value.includes('${{')) {
      if (value.replace(/\s+/g, '') !== '${{github.token}}') {
        throw new Error(`${file}: the harness cannot evaluate the default of '${name}' (${value})`);
      }
      defaults[name] = token;
    } else defaults[name] = value;
  }
  return defaults;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pavedpath-runner-'));
  const runnerTemp = path.join(dir, 'temp');
  const toolCache = path.join(dir, 'tool-cache');
  const workspace = options.workspace ?? path.join(dir, 'workspace');
  const files = path.join(dir, 'files');
  for (const d of [runnerTemp, toolCache, workspace, files]) mkdirSync(d, { recursive: true });
  const file = (name: string) => {
    const f = path.join(files, name);
    writeFileSync(f, '');
    return f;
  };
  const outputFile = file('output');
  const envFile = file('env');
  const pathFile = file('path');
  const stateFile = file('state');
  const summaryFile = file('step_summary');
  const eventFile = path.join(files, 'event.json');
  writeFileSync(eventFile, JSON.stringify(eventPayload(options.event), null, 2));

  const env: Record<string, string> = {};
  for (const key of PASS_THROUGH) if (process.env[key] !== undefined) env[key] = process.env[key];
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: 'pavedpath-test',
    GITHUB_ACTOR: 'octocat',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: `${options.apiUrl ?? 'http://127.0.0.1:9'}/graphql`,
    GITHUB_ENV: envFile,
    GITHUB_EVENT_NAME: options.event?.name.split('.')[0] ?? 'push',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_JOB: 'security',
    GITHUB_OUTPUT: outputFile,
    GITHUB_PATH: pathFile,
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    GITHUB_REPOSITORY: options.repository ?? 'octo-org/hello-service',
    GITHUB_REPOSITORY_OWNER: (options.repository ?? 'octo-org/hello-service').split('/')[0] as string,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_SHA: options.sha ?? 'a'.repeat(40),
    GITHUB_STATE: stateFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKFLOW: 'Security',
    GITHUB_WORKSPACE: workspace,
    RUNNER_ARCH: 'X64',
    RUNNER_DEBUG: '',
    RUNNER_NAME: 'pavedpath-test-runner',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: toolCache,
  });
  const inputs = { ...actionDefaults(options.action, options.token ?? 'ghs_test_token'), ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  Object.assign(env, options.env ?? {});

  const script =
    options.action === '.'
      ? path.join(
          REPO_ROOT,
          (parseYaml(readFileSync(metadataFile('.'), 'utf8')) as { runs: { main: string } }).runs.main,
        )
      : options.action.includes('/')
        ? path.resolve(REPO_ROOT, options.action)
        : path.join(REPO_ROOT, 'dist', options.action, 'index.js');
  if (!existsSync(script)) throw new Error(`${script} does not exist: run 'npm run build' first`);

  const child = spawn(process.execPath, [script], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (c, s) => {
        clearTimeout(timer);
        resolve({ code: c, signal: s });
      });
    },
  );
  const commands = parseWorkflowCommands(stdout);
  return {
    exitCode: code,
    signal,
    stdout,
    stderr,
    outputs: parseKeyValueFile(readIfExists(outputFile)),
    summary: readIfExists(summaryFile),
    exportedEnv: parseKeyValueFile(readIfExists(envFile)),
    addedPath: readIfExists(pathFile)
      .split('\n')
      .filter((l) => l !== ''),
    state: parseKeyValueFile(readIfExists(stateFile)),
    commands,
    annotations: annotationsOf(commands),
    dir,
    runnerTemp,
    workspace,
  };
}
