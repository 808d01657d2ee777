// Issue comments and pull requests.
import { errorReply, json, listReply, notFound, type Reply } from './http.js';
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
  validationFailed,
} from './route-kit.js';
import { renderComment, renderPull, renderPullFile } from './shapes.js';
import { isoSeconds } from './state.js';
import type { PullRequestRecord } from './types.js';

const COMMENT_MAX = 65536;
const COMMENTS = `${DOCS}/issues/comments`;
const WRITE = 'issues=write; pull_requests=write';

function commentBody(ctx: RouteContext, docs: string): string | Reply {
  const { body } = bodyObject(ctx);
  if (typeof body !== 'string') return missing('body', docs);
  if (characters(body) > COMMENT_MAX) {
    return validationFailed(
      'IssueComment',
      'body',
      `body is too long (maximum is ${COMMENT_MAX} characters)`,
      docs,
    );
  }
  return body;
}

const findComment = (ctx: RouteContext) =>
  ctx.render.state.comment(param(ctx, 'owner'), param(ctx, 'repo'), num(ctx, 'id'));
const findPull = (ctx: RouteContext) =>
  ctx.render.state.pullRequest(param(ctx, 'owner'), param(ctx, 'repo'), num(ctx, 'number'));

const PULL_STATES = ['open', 'closed', 'all'];
const PULL_SORTS = ['created', 'updated', 'popularity', 'long-running'];

function invalidQuery(field: string, docs: string): Reply {
  return errorReply(422, 'Validation Failed', docs, {
    errors: [{ resource: 'PullRequest', field, code: 'invalid' }],
  });
}

/**
 * GET /repos/{owner}/{repo}/pulls: state (open by default, closed, all); head as `user:ref-name`,
 * user being the owner of the head repository (a value without `user:` is ignored, as GitHub
 * silently does); base, the base branch; sort (created by default, updated, popularity = number
 * of comments, long-running ~ created) and direction (desc by default for created, else asc).
 */
function listPulls(ctx: RouteContext, docs: string): Reply {
  const q = ctx.url.searchParams;
  const state = q.get('state') ?? 'open';
  const sort = q.get('sort') ?? 'created';
  const direction = q.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  if (!PULL_STATES.includes(state)) return invalidQuery('state', docs);
  if (!PULL_SORTS.includes(sort)) return invalidQuery('sort', docs);
  if (direction !== 'asc' && direction !== 'desc') return invalidQuery('direction', docs);
  const head = q.get('head');
  const colon = head?.indexOf(':') ?? -1;
  const headUser = head && colon >= 0 ? head.slice(0, colon).toLowerCase() : undefined;
  const headRef = head && colon >= 0 ? head.slice(colon + 1) : undefined;
  const base = q.get('base');
  const owner = param(ctx, 'owner').toLowerCase();
  const repo = param(ctx, 'repo').toLowerCase();
  const st = ctx.render.state;
  const key = (pr: PullRequestRecord): string | number => {
    if (sort === 'updated') return pr.updatedAt;
    if (sort === 'popularity') return st.issueComments(pr.owner, pr.repo, pr.number).length;
    return pr.createdAt;
  };
  const list = st.pullRequests
    .filter((pr) => pr.owner.toLowerCase() === owner && pr.repo.toLowerCase() === repo)
    .filter((pr) => state === 'all' || pr.state === state)
    .filter((pr) => headUser === undefined || (pr.headRepo.split('/')[0] ?? '').toLowerCase() === headUser)
    .filter((pr) => headRef === undefined || pr.headRef === headRef)
    .filter((pr) => base === null || pr.baseRef === base)
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      const order = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return direction === 'asc' ? order : -order;
    });
  return listReply(list, ctx.url, (pr) => renderPull(ctx.render, pr));
}

export const issueRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/issues/(?<issue>\\d+)/comments$`),
    docs: `${COMMENTS}#list-issue-comments`,
    handle(ctx) {
      const since = ctx.url.searchParams.get('since');
      const all = ctx.render.state.issueComments(param(ctx, 'owner'), param(ctx, 'repo'), num(ctx, 'issue'));
      const list = since ? all.filter((c) => c.updatedAt >= since) : all;
      return listReply(list, ctx.url, (c) => renderComment(ctx.render, c));
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${REPO}/issues/(?<issue>\\d+)/comments$`),
    docs: `${COMMENTS}#create-an-issue-comment`,
    permission: WRITE,
    handle(ctx) {
      const body = commentBody(ctx, this.docs);
      if (typeof body !== 'string') return body;
      const { state } = ctx.render;
      const comment = state.addComment(param(ctx, 'owner'), param(ctx, 'repo'), num(ctx, 'issue'), { body });
      comment.user = state.actor(ctx.token);
      const rendered = renderComment(ctx.render, comment);
      return json(201, rendered, { location: String(rendered.url) });
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/issues/comments/(?<id>\\d+)$`),
    docs: `${COMMENTS}#get-an-issue-comment`,
    handle(ctx) {
      const comment = findComment(ctx);
      return comment ? json(200, renderComment(ctx.render, comment)) : notFound();
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`${REPO}/issues/comments/(?<id>\\d+)$`),
    docs: `${COMMENTS}#update-an-issue-comment`,
    permission: WRITE,
    handle(ctx) {
      const comment = findComment(ctx);
      if (!comment) return notFound();
      const body = commentBody(ctx, this.docs);
      if (typeof body !== 'string') return body;
      comment.body = body;
      comment.updatedAt = isoSeconds(ctx.render.state.now());
      return json(200, renderComment(ctx.render, comment));
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${REPO}/issues/comments/(?<id>\\d+)$`),
    docs: `${COMMENTS}#delete-an-issue-comment`,
    permission: WRITE,
    handle(ctx) {
      const comment = findComment(ctx);
      if (!comment) return notFound();
      ctx.render.state.deleteComment(comment);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls$`),
    docs: `${DOCS}/pulls/pulls#list-pull-requests`,
    handle(ctx) {
      return listPulls(ctx, this.docs);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(?<number>\\d+)$`),
    docs: `${DOCS}/pulls/pulls#get-a-pull-request`,
    handle(ctx) {
      const pr = findPull(ctx);
      return pr ? json(200, renderPull(ctx.render, pr)) : notFound();
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/pulls/(?<number>\\d+)/files$`),
    docs: `${DOCS}/pulls/pulls#list-pull-requests-files`,
    handle(ctx) {
      const pr = findPull(ctx);
      if (!pr) return notFound();
      return listReply(pr.files, ctx.url, (f) => renderPullFile(ctx.render, pr, f));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/commits/(?<sha>[^/]+)/pulls$`),
    docs: `${DOCS}/commits/commits#list-pull-requests-associated-with-a-commit`,
    handle(ctx) {
      const prs = ctx.render.state.pullRequestsForSha(
        param(ctx, 'owner'),
        param(ctx, 'repo'),
        param(ctx, 'sha'),
      );
      return listReply(prs, ctx.url, (pr) => renderPull(ctx.render, pr));
    },
  },
];
