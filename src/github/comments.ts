/** The issue-comment endpoints of one pull request, as the sticky comment needs them. */
import type { GitHubClient } from './client.js';
import type { CommentApi, IssueComment } from './sticky-comment.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

function plain(c: { id: number; body?: string | null; html_url: string }): IssueComment {
  return { id: c.id, body: c.body ?? '', url: c.html_url };
}

export function commentApi(octokit: GitHubClient, pr: PullRequestRef): CommentApi {
  const where = { owner: pr.owner, repo: pr.repo };
  return {
    async list() {
      const all: IssueComment[] = [];
      for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
        ...where,
        issue_number: pr.number,
        per_page: 100,
      })) {
        all.push(...page.data.map(plain));
      }
      return all;
    },
    async create(body) {
      const { data } = await octokit.rest.issues.createComment({ ...where, issue_number: pr.number, body });
      return plain(data);
    },
    async update(id, body) {
      const { data } = await octokit.rest.issues.updateComment({ ...where, comment_id: id, body });
      return plain(data);
    },
    async remove(id) {
      try {
        await octokit.rest.issues.deleteComment({ ...where, comment_id: id });
      } catch (error) {
        // Another run may have deleted it first.
        if ((error as { status?: unknown }).status !== 404) throw error;
      }
    },
  };
}
