/**
 * Posting the sticky comment without ever failing on GitHub's account: every API error becomes
 * an outcome with a sentence that says what happened and what to do, and the caller decides
 * whether that fails the step (`fail-on-comment-error`).
 */
import type { Report } from '../report/model.js';
import { describeApiError } from './api-error.js';
import type { GitHubClient } from './client.js';
import { commentApi, type PullRequestRef } from './comments.js';
import {
  type CommentFacts,
  type CommentMode,
  type CommentOutcome,
  upsertStickyComment,
} from './sticky-comment.js';

export type DeliveryResult = CommentOutcome['result'] | 'not-permitted' | 'gone' | 'failed';

export interface Delivery {
  result: DeliveryResult;
  id?: number;
  url?: string;
  /** What happened, in one sentence (for the log). */
  message: string;
  removed: number[];
}

export async function deliverComment(
  octokit: GitHubClient,
  pr: PullRequestRef,
  options: { mode: CommentMode; marker: string; body: string; facts: CommentFacts },
): Promise<Delivery> {
  const where = `pull request #${pr.number}`;
  try {
    const outcome = await upsertStickyComment(commentApi(octokit, pr), options);
    const at = outcome.url ? `: ${outcome.url}` : '';
    const removed =
      outcome.removed.length > 0 ? ` (${outcome.removed.length} duplicate comment(s) removed)` : '';
    const message =
      outcome.result === 'created'
        ? `Commented on ${where}${at}${removed}`
        : outcome.result === 'updated'
          ? `Updated the comment on ${where}${at}${removed}`
          : outcome.result === 'unchanged'
            ? `The comment on ${where} is already up to date${at}${removed}`
            : `No comment on ${where}: ${outcome.reason ?? 'nothing to say'}`;
    return {
      result: outcome.result,
      ...(outcome.id === undefined ? {} : { id: outcome.id }),
      ...(outcome.url === undefined ? {} : { url: outcome.url }),
      message,
      removed: outcome.removed,
    };
  } catch (error) {
    const info = describeApiError(error);
    if (info.kind === 'forbidden') {
      return {
        result: 'not-permitted',
        message: `The token cannot comment on ${where} (${info.message}). Give the job 'pull-requests: write', or, for fork pull requests, post from a workflow_run workflow with the pr-comment action.`,
        removed: [],
      };
    }
    if (info.kind === 'not-found') {
      return {
        result: 'gone',
        message: `${where} was not found; it may have been deleted, or the token cannot see it (${info.message}).`,
        removed: [],
      };
    }
    return { result: 'failed', message: `Could not comment on ${where}: ${info.message}.`, removed: [] };
  }
}

/** Whether a report is worth a comment: see `planComment`. */
export function commentFacts(report: Report): CommentFacts {
  const failed = report.gate.verdict === 'fail';
  const unreadable = report.diagnostics.some((d) => d.level === 'error');
  return {
    hasFindings: report.counts.all.total > 0 || report.counts.fixed > 0 || failed || unreadable,
    hasChanges: report.counts.new > 0 || report.counts.fixed > 0 || failed,
  };
}
