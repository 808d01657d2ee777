/**
 * The one way Paved Path talks to the GitHub REST API: Octokit from @actions/github (proxy
 * settings of the runner honoured) with retries and throttling.
 *
 * - 5xx answers and network failures are retried with backoff (1 s, 4 s, 9 s).
 * - Primary rate limits (403/429 with x-ratelimit-remaining: 0) are waited out when they reset
 *   within `maxRateLimitWaitSeconds`; longer waits give up so a job does not hang for an hour.
 * - Secondary rate limits are waited out per retry-after, within the same bound, twice at most.
 * - GITHUB_API_URL is the base URL, so GitHub Enterprise Server works as github.com does.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { VERSION } from '../version.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** The REST API root: GITHUB_API_URL (https://api.github.com, or https://HOST/api/v3 on GHES). */
  baseUrl: string;
  /** Rate limits that reset later than this are not waited for. Default 60 s. */
  maxRateLimitWaitSeconds?: number;
  /** Where to say that the client is waiting. */
  log: (message: string) => void;
}

export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 60;
const MAX_RATE_LIMIT_RETRIES = 2;

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const bound = options.maxRateLimitWaitSeconds ?? DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const what = `${request.method} ${request.url}`;
      if (retryCount >= MAX_RATE_LIMIT_RETRIES || retryAfter > bound) {
        options.log(
          `GitHub ${kind} on ${what}: it resets in ${retryAfter} s, longer than the ${bound} s this step waits; giving up.`,
        );
        return false;
      }
      options.log(`GitHub ${kind} on ${what}: waiting ${retryAfter} s, then retrying.`);
      return true;
    };
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      userAgent: `pavedpath/${VERSION}`,
      retry: { retries: 3 },
      throttle: {
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
      },
    },
    retry,
    throttling,
  );
}
