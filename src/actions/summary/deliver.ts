/**
 * The summary's delivery: the sticky comment when the token may write, else (or when posting
 * failed) the report artifact for the pr-comment workflow. The job summary and report.json are
 * already written by then, so no outcome here loses the report.
 */
import path from 'node:path';
import * as core from '@actions/core';
import { uploadReportArtifact } from '../../github/artifact-upload.js';
import { escapeInline } from '../../report/escape.js';
import { createGitHubClient } from '../../github/client.js';
import { commentFacts, type Delivery, deliverComment } from '../../github/deliver.js';
import { COMMENT_MARKER } from '../../report/comment-markdown.js';
import type { Report } from '../../report/model.js';
import { FORK_DOCS_URL, SummaryInputs, SummaryOutputs } from '../shared/constants.js';
import type { RunContext } from '../shared/context.js';
import type { Settings } from './settings.js';

const READ_ONLY_REASON = {
  fork: 'This pull request comes from a fork, so its token is read-only',
  dependabot: 'Dependabot pull requests run with a read-only token',
} as const;

/** Returns a message when the step must fail for delivery's sake (fail-on-comment-error). */
export async function deliver(
  report: Report,
  body: string,
  context: RunContext,
  settings: Settings,
  reportFiles: string[],
): Promise<string | undefined> {
  let delivery: Delivery | undefined;
  const pr = context.pullRequest;
  const [owner, repo] = (context.repository ?? '').split('/');
  if (settings.comment === 'never') {
    core.info("No comment: 'comment' is 'never'.");
  } else if (!pr) {
    core.info(`No comment: a ${context.eventName} event has no pull request.`);
  } else if (context.readOnly) {
    delivery = {
      result: 'not-permitted',
      message: READ_ONLY_REASON[context.readOnly], // completed below, once the artifact is known
      removed: [],
    };
  } else if (!owner || !repo) {
    delivery = { result: 'failed', message: 'GITHUB_REPOSITORY is not set: cannot comment.', removed: [] };
  } else {
    const token = core.getInput(SummaryInputs.token);
    if (!token) {
      delivery = {
        result: 'not-permitted',
        message: `No comment: the '${SummaryInputs.token}' input is empty. Leave it at its default (github.token) or give a token with 'pull-requests: write'.`,
        removed: [],
      };
    } else {
      const octokit = createGitHubClient({
        token,
        baseUrl: context.apiUrl,
        log: (m) => {
          core.info(m);
        },
      });
      delivery = await deliverComment(
        octokit,
        { owner, repo, number: pr.number },
        { mode: settings.comment, marker: COMMENT_MARKER, body, facts: commentFacts(report) },
      );
    }
  }

  const problem = delivery !== undefined && ['not-permitted', 'gone', 'failed'].includes(delivery.result);
  // The artifact first, so the log can say truthfully where the report is.
  let artifact = false;
  const upload = settings.uploadArtifact === 'always' || (settings.uploadArtifact === 'auto' && problem);
  if (upload) {
    const root = path.dirname(reportFiles[0] ?? '.');
    const outcome = await uploadReportArtifact(settings.artifactName, reportFiles, root, process.env);
    if (outcome.uploaded) {
      artifact = true;
      core.setOutput(SummaryOutputs.artifactId, String(outcome.id));
      core.info(`Report uploaded as the artifact '${settings.artifactName}' (id ${outcome.id}).`);
      const runId = process.env.GITHUB_RUN_ID;
      if (context.repository && runId) {
        const url = `${context.serverUrl}/${context.repository}/actions/runs/${runId}/artifacts/${String(outcome.id)}`;
        await core.summary
          .addRaw(
            `\n**The whole report** (report.html, one page that opens offline, with filters; and report.json): [the '${escapeInline(settings.artifactName, 100)}' artifact](${url})\n`,
          )
          .write();
      }
    } else {
      core.warning(
        `The report could not be uploaded as an artifact: ${outcome.reason}. It is still in the job summary and ${reportFiles.join(', ')}.`,
        { title: 'Report artifact not uploaded' },
      );
    }
  }
  const kept = `the job summary${artifact ? ` and the '${settings.artifactName}' artifact` : ' and report.json'}`;

  if (delivery) {
    core.setOutput(SummaryOutputs.commentResult, delivery.result);
    if (delivery.id !== undefined) core.setOutput(SummaryOutputs.commentId, String(delivery.id));
    if (delivery.url !== undefined) core.setOutput(SummaryOutputs.commentUrl, delivery.url);
    if (context.readOnly && delivery.result === 'not-permitted') {
      core.notice(
        `${delivery.message}: the report is in ${kept}; to comment, add the pr-comment workflow (${FORK_DOCS_URL}).`,
        { title: 'PR comment not posted' },
      );
    } else if (delivery.result === 'failed' || delivery.result === 'gone') {
      core.warning(`${delivery.message} The report is kept in ${kept}.`, { title: 'PR comment not posted' });
    } else if (problem) {
      core.notice(`${delivery.message} The report is in ${kept}.`, { title: 'PR comment not posted' });
    } else {
      core.info(delivery.message);
    }
  } else {
    core.setOutput(SummaryOutputs.commentResult, 'skipped');
  }

  const failed = delivery?.result === 'failed' || (delivery?.result === 'not-permitted' && !context.readOnly);
  if (settings.failOnCommentError && failed) {
    return `The PR comment was not posted (${delivery?.result ?? 'failed'}) and '${SummaryInputs.failOnCommentError}' is true.`;
  }
  return undefined;
}
