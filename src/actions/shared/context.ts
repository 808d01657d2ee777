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
  pullRequest?: {
    number: number;
    baseSha: string;
    headSha: string;
    baseRef: string;
    /** owner/name of the head repository; differs from `repository` on a fork pull request. */
    headRepository?: string;
  };
  workspace: string;
  /** The REST API root (GITHUB_API_URL; GitHub Enterprise Server has its own). */
  apiUrl: string;
  /**
   * Why this run's token cannot write to the pull request, when the event says so up front: a
   * pull_request event from a fork, or one that Dependabot triggered (both get a read-only token).
   */
  readOnly?: 'fork' | 'dependabot';
}

interface PullRequestPayload {
  pull_request?: {
    number?: unknown;
    base?: { sha?: unknown; ref?: unknown; repo?: { full_name?: unknown } | null };
    head?: { sha?: unknown; repo?: { full_name?: unknown } | null };
  };
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
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
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
    const headRepo = pr.head.repo?.full_name;
    const baseRepo = pr.base.repo?.full_name ?? env.GITHUB_REPOSITORY;
    if (typeof headRepo === 'string') context.pullRequest.headRepository = headRepo;
    context.sha = pr.head.sha;
    // pull_request_target and workflow_run runs get a token that can write; pull_request runs
    // from a fork (or a deleted fork: head.repo is null) or from Dependabot do not.
    if (eventName === 'pull_request') {
      const fromFork =
        pr.head.repo === null ||
        (typeof headRepo === 'string' &&
          typeof baseRepo === 'string' &&
          headRepo.toLowerCase() !== baseRepo.toLowerCase());
      if (fromFork) context.readOnly = 'fork';
      else if (env.GITHUB_ACTOR === 'dependabot[bot]') context.readOnly = 'dependabot';
    }
  }
  return context;
}
