// Check runs and commit statuses.
import { json, notFound, type Reply } from './http.js';
import {
  bodyObject,
  characters,
  DOCS,
  missing,
  num,
  param,
  REPO,
  type Route,
  type RouteContext,
  str,
  validationFailed,
} from './route-kit.js';
import { renderCheckRun, renderStatus } from './shapes.js';
import { isoSeconds } from './state.js';
import type { CheckRunRecord, StatusRecord } from './types.js';

const OUTPUT_MAX = 65535;
const ANNOTATIONS_PER_REQUEST = 50;
const STATES = new Set(['error', 'failure', 'pending', 'success']);

/** Validate a create/update body and apply it to the run; a Reply when the body is invalid. */
function applyCheckRun(ctx: RouteContext, run: CheckRunRecord, docs: string): Reply | undefined {
  const b = bodyObject(ctx);
  const output =
    typeof b.output === 'object' && b.output !== null ? (b.output as Record<string, unknown>) : undefined;
  const annotations = Array.isArray(output?.annotations) ? output.annotations : [];
  if (annotations.length > ANNOTATIONS_PER_REQUEST) {
    return validationFailed('CheckRun', 'annotations', 'maximum 50 annotations per request', docs);
  }
  for (const field of ['summary', 'text']) {
    const value = output?.[field];
    if (typeof value === 'string' && characters(value) > OUTPUT_MAX) {
      const message = `output.${field} is too long (maximum is ${OUTPUT_MAX} characters)`;
      return validationFailed('CheckRun', `output.${field}`, message, docs);
    }
  }
  // Sending a conclusion marks the run completed, as on GitHub.
  const status = str(b.status) ?? (typeof b.conclusion === 'string' ? 'completed' : run.status);
  const conclusion = str(b.conclusion) ?? run.conclusion;
  if (status === 'completed' && conclusion === null) return missing('conclusion', docs);
  const now = isoSeconds(ctx.render.state.now());
  run.name = str(b.name) ?? run.name;
  run.status = status;
  run.conclusion = conclusion;
  run.detailsUrl = str(b.details_url) ?? run.detailsUrl;
  run.externalId = str(b.external_id) ?? run.externalId;
  run.startedAt = str(b.started_at) ?? run.startedAt;
  run.completedAt =
    str(b.completed_at) ?? (status === 'completed' ? (run.completedAt ?? now) : run.completedAt);
  if (output) run.output = { ...run.output, ...output };
  run.annotations.push(...annotations);
  return undefined;
}

export const checkRoutes: Route[] = [
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/check-runs$`),
    docs: `${DOCS}/checks/runs#create-a-check-run`,
    permission: 'checks=write',
    handle(ctx) {
      const b = bodyObject(ctx);
      const name = str(b.name);
      const headSha = str(b.head_sha);
      if (name === null) return missing('name', this.docs);
      if (headSha === null) return missing('head_sha', this.docs);
      const { state } = ctx.render;
      const run: CheckRunRecord = {
        id: state.nextId(),
        owner: param(ctx, 'owner'),
        repo: param(ctx, 'repo'),
        name,
        headSha,
        status: 'queued',
        conclusion: null,
        detailsUrl: null,
        externalId: null,
        startedAt: isoSeconds(state.now()),
        completedAt: null,
        output: {},
        annotations: [],
      };
      const invalid = applyCheckRun(ctx, run, this.docs);
      if (invalid) return invalid;
      state.checkRuns.push(run);
      return json(201, renderCheckRun(ctx.render, run));
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${REPO}/check-runs/(?<id>\\d+)$`),
    docs: `${DOCS}/checks/runs#update-a-check-run`,
    permission: 'checks=write',
    handle(ctx) {
      const run = ctx.render.state.checkRun(param(ctx, 'owner'), param(ctx, 'repo'), num(ctx, 'id'));
      if (!run) return notFound();
      return applyCheckRun(ctx, run, this.docs) ?? json(200, renderCheckRun(ctx.render, run));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/statuses/(?<sha>[^/]+)$`),
    docs: `${DOCS}/commits/statuses#create-a-commit-status`,
    permission: 'statuses=write',
    handle(ctx) {
      const b = bodyObject(ctx);
      const value = str(b.state);
      if (value === null) return missing('state', this.docs);
      if (!STATES.has(value))
        return validationFailed('Status', 'state', 'state is not included in the list', this.docs);
      const { state } = ctx.render;
      const status: StatusRecord = {
        id: state.nextId(),
        owner: param(ctx, 'owner'),
        repo: param(ctx, 'repo'),
        sha: param(ctx, 'sha'),
        state: value as StatusRecord['state'],
        targetUrl: str(b.target_url),
        description: str(b.description),
        context: str(b.context) ?? 'default',
        creator: state.actor(ctx.token),
        createdAt: isoSeconds(state.now()),
      };
      state.statuses.push(status);
      return json(201, renderStatus(ctx.render, status));
    },
  },
];
