/**
 * The pull request a workflow run was for, found through the API from the run's head commit and
 * head repository. A number that came from the run's artifact is never trusted: the caller only
 * checks it against what this finds.
 */
import type { GitHubClient } from './client.js';

export interface RunHead {
  /** The repository the workflow ran in (where the pull request is). */
  owner: string;
  repo: string;
  headSha: string;
  /** owner/name of the repository the head commit came from (a fork, or the repository itself). */
  headRepository: string;
  headBranch?: string;
}

export interface PullSummary {
  number: number;
  state: string;
  headSha: string;
  /** full_name of the head repository; undefined when the fork was deleted. */
  headRepository: string | undefined;
  baseRepository: string;
}

interface ApiPull {
  number: number;
  state: string;
  head: { sha: string; repo: { full_name: string } | null };
  base: { repo: { full_name: string } };
}

function summary(p: ApiPull): PullSummary {
  return {
    number: p.number,
    state: p.state,
    headSha: p.head.sha,
    headRepository: p.head.repo?.full_name,
    baseRepository: p.base.repo.full_name,
  };
}

/** The open pull requests of `owner/repo` whose head is exactly this commit of this repository. */
export function matchingPulls(pulls: readonly PullSummary[], head: RunHead): PullSummary[] {
  const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();
  const numbers = new Set<number>();
  return pulls.filter((p) => {
    const ok =
      p.state === 'open' &&
      p.headSha === head.headSha &&
      same(p.headRepository, head.headRepository) &&
      same(p.baseRepository, `${head.owner}/${head.repo}`) &&
      !numbers.has(p.number);
    if (ok) numbers.add(p.number);
    return ok;
  });
}

/**
 * Pull requests for the run's head: first the commit's associated pull requests, then (for forks,
 * whose commits that endpoint may not know) the open pull requests from `headOwner:headBranch`.
 */
export async function findPullRequests(octokit: GitHubClient, head: RunHead): Promise<PullSummary[]> {
  const { owner, repo } = head;
  const byCommit = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
    owner,
    repo,
    commit_sha: head.headSha,
    per_page: 100,
  });
  const found = matchingPulls((byCommit as ApiPull[]).map(summary), head);
  if (found.length > 0 || !head.headBranch) return found;
  const headOwner = head.headRepository.split('/')[0] ?? '';
  const byBranch = await octokit.paginate(octokit.rest.pulls.list, {
    owner,
    repo,
    state: 'open',
    head: `${headOwner}:${head.headBranch}`,
    per_page: 100,
  });
  return matchingPulls((byBranch as ApiPull[]).map(summary), head);
}
