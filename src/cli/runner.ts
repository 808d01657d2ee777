/**
 * The CLI runs the same code as the actions: this module gives that code the environment the
 * Actions runner would (GITHUB_WORKSPACE, RUNNER_TEMP, an event payload, GITHUB_OUTPUT, …) for a
 * local folder, and turns what the actions print for the runner (workflow commands such as
 * `::warning file=…::message`) into plain progress lines on standard error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

export interface LocalRun {
  workspace: string;
  runnerTemp: string;
  /** The commits compared: a pull request from `base` to `head`, or a push of `head`. */
  base?: string;
  head?: string;
  repository: string;
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The merge base of HEAD with the default branch (origin's HEAD, else main or master), if any. */
export function defaultBase(dir: string): string | undefined {
  const candidates = [
    git(dir, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']),
    'origin/main',
    'origin/master',
    'main',
    'master',
  ].filter((c): c is string => c !== undefined && c !== '');
  for (const ref of candidates) {
    if (!git(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) continue;
    const base = git(dir, ['merge-base', 'HEAD', ref]);
    if (base) return base;
  }
  return undefined;
}

/** `owner/name` from the origin remote, else `local/<folder name>`. */
function repositoryName(dir: string): string {
  const url = git(dir, ['remote', 'get-url', 'origin']) ?? '';
  const match = /[/:]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(url);
  return match?.[1] ?? `local/${path.basename(dir)}`;
}

/** Resolves the commits of a local run; `base` is a ref the user gave, or the default base. */
export function localRun(workspace: string, base: string | undefined): LocalRun {
  const runnerTemp = mkdtempSync(path.join(tmpdir(), 'pavedpath-cli-'));
  const head = git(workspace, ['rev-parse', 'HEAD']);
  let baseSha: string | undefined;
  if (base !== undefined) {
    baseSha = git(workspace, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
    if (!baseSha)
      throw new UsageError(`--base ${base} is not a commit of the git repository in ${workspace}.`);
  } else if (head) {
    baseSha = defaultBase(workspace);
  }
  return {
    workspace,
    runnerTemp,
    repository: repositoryName(workspace),
    ...(head ? { head } : {}),
    ...(baseSha && baseSha !== head ? { base: baseSha } : {}),
  };
}

/** A mistake in how the CLI was called (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Sets the runner's variables for `run` in process.env (the actions read them there) and returns
 * a function that restores the previous values.
 */
export function enterRunner(run: LocalRun): () => void {
  const files = path.join(run.runnerTemp, '_runner');
  mkdirSync(files, { recursive: true });
  const event = path.join(files, 'event.json');
  const pullRequest = run.base !== undefined && run.head !== undefined;
  writeFileSync(
    event,
    JSON.stringify(
      pullRequest
        ? {
            action: 'synchronize',
            // A local comparison has no pull request: 1 stands in (reports do not show the number).
            number: 1,
            pull_request: {
              number: 1,
              base: { sha: run.base, ref: 'base', repo: { full_name: run.repository } },
              head: { sha: run.head, ref: 'head', repo: { full_name: run.repository } },
            },
            repository: { full_name: run.repository },
          }
        : { after: run.head, repository: { full_name: run.repository } },
    ),
  );
  const output = path.join(files, 'output');
  const summary = path.join(files, 'step_summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const vars: Record<string, string> = {
    GITHUB_ACTIONS: 'false',
    GITHUB_WORKSPACE: run.workspace,
    GITHUB_EVENT_NAME: pullRequest ? 'pull_request' : 'push',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: run.repository,
    GITHUB_SHA: run.head ?? '0'.repeat(40),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: run.runnerTemp,
    // Engines found in an earlier run's cache are used; nothing is installed (PAVED_PATH_NO_INSTALL).
    RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE ?? path.join(homedir(), '.cache', 'pavedpath', 'tools'),
    PAVED_PATH_NO_INSTALL: '1',
  };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  };
}

export interface Progress {
  /** Stage lines, warnings and errors (always); other lines with `verbose`. */
  line(text: string): void;
}

function unescapeCommand(text: string): string {
  return text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

/**
 * One line the actions printed, as the CLI shows it: workflow commands become `warning: … (file:line)`,
 * groups become stage headers, debug lines are dropped; undefined for lines not worth showing.
 */
export function translateLine(line: string, verbose: boolean): string | undefined {
  const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!command) {
    if (/^[a-z-]+: (done|failed) in /.test(line)) return line;
    return verbose ? line : undefined;
  }
  const [, name = '', props = '', message = ''] = command;
  const properties = Object.fromEntries(
    props
      .split(',')
      .map((p) => p.split('='))
      .filter((kv) => kv.length === 2)
      .map(([k = '', v = '']) => [k, unescapeCommand(v)]),
  );
  const where = properties.file ? ` (${properties.file}${properties.line ? `:${properties.line}` : ''})` : '';
  const text = unescapeCommand(message).split('\n')[0] ?? '';
  switch (name) {
    case 'error':
    case 'warning':
    case 'notice':
      // An annotation on a file is a finding, which the report lists: shown with --verbose only.
      if (properties.file && !verbose) return undefined;
      // The gate's verdict opens the report itself.
      if (message.startsWith('Paved Path gate:') && !verbose) return undefined;
      return `${name}: ${properties.title ? `${properties.title}: ` : ''}${text}${where}`;
    case 'group':
      return verbose ? `── ${text}` : undefined;
    default:
      return undefined;
  }
}

/**
 * Runs `fn` with what it writes to standard output turned into progress lines (the actions write
 * their log there); the CLI's own report goes to standard output afterwards.
 */
export async function withProgress<T>(
  progress: Progress,
  verbose: boolean,
  fn: () => Promise<T>,
): Promise<T> {
  const original = process.stdout.write.bind(process.stdout);
  let pending = '';
  const flush = (all: boolean) => {
    const lines = pending.split('\n');
    pending = all ? '' : (lines.pop() ?? '');
    for (const line of all ? lines.filter((l) => l !== '') : lines) {
      const shown = translateLine(line.replace(/\r$/, ''), verbose);
      if (shown !== undefined) progress.line(shown);
    }
  };
  process.stdout.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    flush(false);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  try {
    return await fn();
  } finally {
    flush(true);
    process.stdout.write = original;
  }
}
