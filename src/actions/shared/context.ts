/**
 * What the run is about, read from the runner's environment and event payload: the repository,
 * the commit to link to, and, on pull requests, the base and head commits. Read once, in the
 * entry point, and passed on as plain data.
 */
import { readFileSync } from 'node:fs';

export interface RunContext {
  eventName: string;
  repository?: string;
  serverUrl: string;
  /** The commit findings link to: the pull request's head, else GITHUB_SHA. */
  sha?: string;
  pullRequest?: { number: number; baseSha: string; headSha: string; baseRef: string };
  workspace: string;
}

interface PullRequestPayload {
  pull_request?: { number?: unknown; base?: { sha?: unknown; ref?: unknown }; head?: { sha?: unknown } };
}

function readPayload(path: string | undefined): PullRequestPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PullRequestPayload;
  } catch {
    return {};
  }
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const eventName = env.GITHUB_EVENT_NAME ?? 'unknown';
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const pr = payload.pull_request;
  const context: RunContext = {
    eventName,
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
  };
  if (env.GITHUB_REPOSITORY) context.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_SHA) context.sha = env.GITHUB_SHA;
  if (
    pr &&
    typeof pr.number === 'number' &&
    typeof pr.base?.sha === 'string' &&
    typeof pr.head?.sha === 'string'
  ) {
    context.pullRequest = {
      number: pr.number,
      baseSha: pr.base.sha,
      headSha: pr.head.sha,
      baseRef: typeof pr.base.ref === 'string' ? pr.base.ref : '',
    };
    context.sha = pr.head.sha;
  }
  return context;
}
