/**
 * The pr-comment action, for a `workflow_run` workflow: it posts the comment that a pull
 * request's run could not post itself (fork pull requests get a read-only token).
 *
 * The triggering run is untrusted (a fork controls what it wrote), so this action
 * - reads only report.json out of the run's artifact, within size limits, and validates it
 *   against the report schema (no extra fields: no markdown rides along);
 * - re-renders the comment from the data, with remediation from Paved Path's own catalogue and
 *   links to this repository at the run's head commit;
 * - finds the pull request through the API from the run's head commit and head repository, and
 *   refuses a report that names another pull request or commit.
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { DEFAULT_ARTIFACT_NAME, downloadReport } from '../../github/artifact-download.js';
import { describeApiError } from '../../github/api-error.js';
import { createGitHubClient, type GitHubClient } from '../../github/client.js';
import { commentFacts, deliverComment } from '../../github/deliver.js';
import { findPullRequests } from '../../github/pull-request.js';
import { COMMENT_MODES } from '../../github/sticky-comment.js';
import { cachedRemediationFor } from '../../knowledge/remediation.js';
import { COMMENT_MARKER, MAX_COMMENT_CHARS, renderCommentMarkdown } from '../../report/comment-markdown.js';
import type { Report } from '../../report/model.js';
import { deserializeReport } from '../../report/serialize.js';
import { validateSerializedReport } from '../../report/validate.js';
import { PrCommentInputs, PrCommentOutputs } from '../shared/constants.js';
import { ConfigurationError } from '../shared/errors.js';
import { booleanInput, choice } from '../shared/inputs.js';

interface WorkflowRunPayload {
  workflow_run?: {
    id?: unknown;
    event?: unknown;
    head_sha?: unknown;
    head_branch?: unknown;
    html_url?: unknown;
    head_repository?: { full_name?: unknown } | null;
  };
}

interface TriggeringRun {
  id: number;
  event: string;
  headSha: string;
  headBranch?: string;
  headRepository: string;
  url?: string;
}

function triggeringRun(env: NodeJS.ProcessEnv): TriggeringRun {
  if (env.GITHUB_EVENT_NAME !== 'workflow_run') {
    throw new ConfigurationError(
      `pr-comment runs in a workflow triggered by 'workflow_run' (this one is '${env.GITHUB_EVENT_NAME ?? 'unknown'}'). See docs/fork-pull-requests.md for the two workflows.`,
    );
  }
  let payload: WorkflowRunPayload = {};
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as WorkflowRunPayload;
  } catch (error) {
    throw new ConfigurationError(
      `The event payload (GITHUB_EVENT_PATH) could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const run = payload.workflow_run;
  const headRepository = run?.head_repository?.full_name;
  if (
    !run ||
    typeof run.id !== 'number' ||
    typeof run.head_sha !== 'string' ||
    typeof headRepository !== 'string'
  ) {
    throw new ConfigurationError(
      'The workflow_run payload has no run id, head commit or head repository: is this a workflow_run event?',
    );
  }
  return {
    id: run.id,
    event: typeof run.event === 'string' ? run.event : 'unknown',
    headSha: run.head_sha,
    headRepository,
    ...(typeof run.head_branch === 'string' ? { headBranch: run.head_branch } : {}),
    ...(typeof run.html_url === 'string' ? { url: run.html_url } : {}),
  };
}

class Refused extends Error {}

/** The checked report, with what the artifact may not decide replaced by what this run knows. */
async function trustedReport(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  run: TriggeringRun,
  artifactName: string,
  serverUrl: string,
): Promise<{ report: Report; pullRequest: number } | undefined> {
  const download = await downloadReport(octokit, { owner, repo, runId: run.id, name: artifactName });
  if (!download.ok) {
    if (download.missing) {
      core.info(
        `Nothing to post: ${download.reason} (the run may have posted its own comment, or stopped before its summary step).`,
      );
      return undefined;
    }
    throw new Refused(`The report artifact is refused: ${download.reason}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(download.report.toString('utf8'));
  } catch (error) {
    throw new Refused(
      `The report artifact's report.json is not JSON: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  const checked = validateSerializedReport(parsed);
  if (!checked.ok) {
    throw new Refused(
      `The report artifact's report.json is refused:\n${checked.errors.map((e) => `  ${e}`).join('\n')}`,
    );
  }
  let report: Report;
  try {
    report = deserializeReport(checked.report);
  } catch (error) {
    throw new Refused(
      `The report artifact's report.json is inconsistent: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }

  const claimed = report.context.pullRequest;
  if (claimed === undefined) {
    throw new Refused(
      `The report of run ${run.id} is not for a pull request (event '${report.context.event ?? 'unknown'}'); there is nothing to comment on.`,
    );
  }
  if (report.context.sha !== undefined && report.context.sha !== run.headSha) {
    throw new Refused(
      `The report names commit ${report.context.sha}, but run ${run.id} ran on ${run.headSha}; it is not this run's report.`,
    );
  }
  const pulls = await findPullRequests(octokit, {
    owner,
    repo,
    headSha: run.headSha,
    headRepository: run.headRepository,
    ...(run.headBranch ? { headBranch: run.headBranch } : {}),
  });
  if (pulls.length === 0) {
    core.warning(
      `No open pull request has commit ${run.headSha} of ${run.headRepository} as its head (closed, or pushed to since run ${run.id}); nothing to post.`,
    );
    return undefined;
  }
  if (!pulls.some((p) => p.number === claimed)) {
    throw new Refused(
      `The report names pull request #${claimed}, but run ${run.id}'s head commit ${run.headSha} of ${run.headRepository} is the head of ${pulls.map((p) => `#${p.number}`).join(', ')}; not posting it anywhere.`,
    );
  }

  // Links and fixes come from here, not from the artifact.
  const remediation = cachedRemediationFor();
  report.context = {
    ...report.context,
    repository: `${owner}/${repo}`,
    sha: run.headSha,
    serverUrl,
    pullRequest: claimed,
  };
  report.findings = report.findings.map((f) => {
    const { remediation: _untrusted, ...rest } = f; // eslint-disable-line @typescript-eslint/no-unused-vars
    const fix = remediation(rest);
    return fix ? { ...rest, remediation: fix } : rest;
  });
  return { report, pullRequest: claimed };
}

export async function run(): Promise<void> {
  try {
    const env = process.env;
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
      throw new ConfigurationError('GITHUB_REPOSITORY is not set: run this in a GitHub Actions job.');
    const token = core.getInput(PrCommentInputs.token);
    if (!token) {
      throw new ConfigurationError(
        `The '${PrCommentInputs.token}' input is empty: leave it at its default (github.token), with 'actions: read' and 'pull-requests: write' permissions.`,
      );
    }
    const mode = choice(PrCommentInputs.comment, COMMENT_MODES) ?? 'auto';
    const setStatus = booleanInput(PrCommentInputs.commitStatus, false);
    const failOnCommentError = booleanInput(PrCommentInputs.failOnCommentError, false);
    const artifactName = core.getInput(PrCommentInputs.artifactName).trim() || DEFAULT_ARTIFACT_NAME;
    const statusContext = core.getInput(PrCommentInputs.statusContext).trim() || 'Paved Path';
    const run = triggeringRun(env);
    if (run.event !== 'pull_request' && run.event !== 'pull_request_target') {
      core.info(`Run ${run.id} was triggered by '${run.event}', not a pull request: nothing to post.`);
      core.setOutput(PrCommentOutputs.commentResult, 'skipped');
      return;
    }
    const octokit = createGitHubClient({
      token,
      baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
      log: (m) => {
        core.info(m);
      },
    });

    let trusted: Awaited<ReturnType<typeof trustedReport>>;
    try {
      trusted = await trustedReport(
        octokit,
        owner,
        repo,
        run,
        artifactName,
        env.GITHUB_SERVER_URL ?? 'https://github.com',
      );
    } catch (error) {
      if (error instanceof Refused) throw error;
      const info = describeApiError(error);
      const hint =
        info.kind === 'forbidden'
          ? " Does the job have 'actions: read' (to read the artifact) and 'pull-requests: read'?"
          : '';
      const message = `Could not read run ${run.id}'s report or its pull request: ${info.message}.${hint}`;
      if (failOnCommentError) throw new ConfigurationError(message);
      core.warning(`${message} Nothing was posted; the report stays in run ${run.id}'s artifact.`);
      core.setOutput(PrCommentOutputs.commentResult, info.kind === 'forbidden' ? 'not-permitted' : 'failed');
      return;
    }
    if (!trusted) {
      core.setOutput(PrCommentOutputs.commentResult, 'skipped');
      return;
    }
    const { report, pullRequest } = trusted;
    core.setOutput(PrCommentOutputs.pullRequest, String(pullRequest));
    core.setOutput(PrCommentOutputs.verdict, report.gate.verdict);

    const body = renderCommentMarkdown(report, {
      budget: MAX_COMMENT_CHARS,
      unit: 'chars',
      fullReport: `the '${artifactName}' artifact of ${run.url ?? `run ${run.id}`}`,
    });
    const delivery = await deliverComment(
      octokit,
      { owner, repo, number: pullRequest },
      { mode, marker: COMMENT_MARKER, body, facts: commentFacts(report) },
    );
    core.setOutput(PrCommentOutputs.commentResult, delivery.result);
    if (delivery.id !== undefined) core.setOutput(PrCommentOutputs.commentId, String(delivery.id));
    if (delivery.url !== undefined) core.setOutput(PrCommentOutputs.commentUrl, delivery.url);
    const problem = delivery.result === 'failed' || delivery.result === 'not-permitted';
    if (problem || delivery.result === 'gone')
      core.warning(delivery.message, { title: 'PR comment not posted' });
    else core.info(delivery.message);

    if (setStatus) {
      const description = `${report.counts.new} new, ${report.counts.fixed} fixed finding(s): ${report.gate.reason}`;
      try {
        await octokit.rest.repos.createCommitStatus({
          owner,
          repo,
          sha: run.headSha,
          state: report.gate.verdict === 'pass' ? 'success' : 'failure',
          context: statusContext,
          description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
          ...(run.url ? { target_url: run.url } : {}),
        });
        core.info(`Commit status '${statusContext}' set to ${report.gate.verdict} on ${run.headSha}.`);
      } catch (error) {
        core.warning(
          `The commit status could not be set: ${describeApiError(error).message}. Does the job have 'statuses: write'?`,
        );
      }
    }
    if (problem && failOnCommentError) {
      core.setFailed(`${delivery.message} ('${PrCommentInputs.failOnCommentError}' is true.)`);
    }
  } catch (error) {
    if (error instanceof ConfigurationError || error instanceof Refused) {
      core.setFailed(error.message);
    } else {
      core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
      core.setFailed(
        `Paved Path pr-comment failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
