// Render state records as GitHub REST API v3 JSON (api.github.com, version 2022-11-28).
import type { FakeGitHubState } from './state.js';
import type {
  ArtifactRecord,
  CheckRunRecord,
  CommentRecord,
  FakeUser,
  PullFileRecord,
  PullRequestRecord,
  StatusRecord,
} from './types.js';

export interface RenderContext {
  /** The fake's API base URL (what GITHUB_API_URL is set to). */
  apiUrl: string;
  /** The web URL html_url fields point at (GITHUB_SERVER_URL). */
  serverUrl: string;
  state: FakeGitHubState;
}

export function renderUser(ctx: RenderContext, user: FakeUser): Record<string, unknown> {
  const api = `${ctx.apiUrl}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: `${user.type === 'Organization' ? 'O' : user.type === 'Bot' ? 'BOT' : 'U'}_kgDOFake${user.id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url:
      user.type === 'Bot'
        ? `${ctx.serverUrl}/apps/${user.login.replace(/\[bot\]$/, '')}`
        : `${ctx.serverUrl}/${user.login}`,
    followers_url: `${api}/followers`,
    repos_url: `${api}/repos`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function renderRepo(ctx: RenderContext, fullName: string, forkOf?: string): Record<string, unknown> {
  const [ownerLogin = '', name = ''] = fullName.split('/');
  const api = `${ctx.apiUrl}/repos/${fullName}`;
  const id = ctx.state.repoId(fullName);
  return {
    id,
    node_id: `R_kgDOFake${id}`,
    name,
    full_name: fullName,
    private: false,
    owner: renderUser(ctx, ctx.state.user(ownerLogin)),
    html_url: `${ctx.serverUrl}/${fullName}`,
    description: null,
    fork: forkOf !== undefined && forkOf.toLowerCase() !== fullName.toLowerCase(),
    url: api,
    pulls_url: `${api}/pulls{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    statuses_url: `${api}/statuses/{sha}`,
    clone_url: `${ctx.serverUrl}/${fullName}.git`,
    default_branch: 'main',
    visibility: 'public',
    archived: false,
    disabled: false,
  };
}

export function renderComment(ctx: RenderContext, c: CommentRecord): Record<string, unknown> {
  const api = `${ctx.apiUrl}/repos/${c.owner}/${c.repo}`;
  return {
    url: `${api}/issues/comments/${c.id}`,
    html_url: `${ctx.serverUrl}/${c.owner}/${c.repo}/${ctx.state.pullRequest(c.owner, c.repo, c.issueNumber) ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${api}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: c.nodeId,
    user: renderUser(ctx, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR',
    body: c.body,
    reactions: {
      url: `${api}/issues/comments/${c.id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
    performed_via_github_app: null,
  };
}

function renderBranch(
  ctx: RenderContext,
  pr: PullRequestRecord,
  side: 'head' | 'base',
): Record<string, unknown> {
  const base = `${pr.owner}/${pr.repo}`;
  const fullName = side === 'head' ? pr.headRepo : base;
  const ref = side === 'head' ? pr.headRef : pr.baseRef;
  const owner = fullName.split('/')[0] ?? pr.owner;
  return {
    label: `${owner}:${ref}`,
    ref,
    sha: side === 'head' ? pr.headSha : pr.baseSha,
    user: renderUser(ctx, ctx.state.user(owner)),
    repo: renderRepo(ctx, fullName, side === 'head' ? base : undefined),
  };
}

export function renderPull(ctx: RenderContext, pr: PullRequestRecord): Record<string, unknown> {
  const api = `${ctx.apiUrl}/repos/${pr.owner}/${pr.repo}`;
  const html = `${ctx.serverUrl}/${pr.owner}/${pr.repo}/pull/${pr.number}`;
  const additions = pr.files.reduce((n, f) => n + f.additions, 0);
  const deletions = pr.files.reduce((n, f) => n + f.deletions, 0);
  return {
    url: `${api}/pulls/${pr.number}`,
    id: pr.id,
    node_id: `PR_kwDOFake${pr.id}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    commits_url: `${api}/pulls/${pr.number}/commits`,
    comments_url: `${api}/issues/${pr.number}/comments`,
    statuses_url: `${api}/statuses/${pr.headSha}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: renderUser(ctx, pr.user),
    body: pr.body,
    labels: [],
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.state === 'closed' ? pr.updatedAt : null,
    merged_at: pr.merged ? pr.updatedAt : null,
    merge_commit_sha: null,
    draft: pr.draft,
    head: renderBranch(ctx, pr, 'head'),
    base: renderBranch(ctx, pr, 'base'),
    author_association:
      pr.headRepo.toLowerCase() === `${pr.owner}/${pr.repo}`.toLowerCase() ? 'MEMBER' : 'CONTRIBUTOR',
    auto_merge: null,
    merged: pr.merged,
    mergeable: null,
    mergeable_state: 'unknown',
    maintainer_can_modify: false,
    commits: 1,
    additions,
    deletions,
    changed_files: pr.files.length,
  };
}

export function renderPullFile(
  ctx: RenderContext,
  pr: PullRequestRecord,
  f: PullFileRecord,
): Record<string, unknown> {
  const path = encodeURIComponent(f.filename).replace(/%2F/g, '/');
  const file: Record<string, unknown> = {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.changes,
    blob_url: `${ctx.serverUrl}/${pr.headRepo}/blob/${pr.headSha}/${path}`,
    raw_url: `${ctx.serverUrl}/${pr.headRepo}/raw/${pr.headSha}/${path}`,
    contents_url: `${ctx.apiUrl}/repos/${pr.headRepo}/contents/${path}?ref=${pr.headSha}`,
  };
  // GitHub omits patch for binary or very large diffs.
  if (f.patch !== undefined) file.patch = f.patch;
  if (f.previousFilename !== undefined) file.previous_filename = f.previousFilename;
  return file;
}

export function renderArtifact(ctx: RenderContext, a: ArtifactRecord): Record<string, unknown> {
  const api = `${ctx.apiUrl}/repos/${a.owner}/${a.repo}`;
  const repoId = ctx.state.repoId(`${a.owner}/${a.repo}`);
  return {
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.data.length,
    url: `${api}/actions/artifacts/${a.id}`,
    archive_download_url: `${api}/actions/artifacts/${a.id}/zip`,
    expired: a.expired,
    digest: a.digest,
    created_at: a.createdAt,
    updated_at: a.createdAt,
    expires_at: a.expiresAt,
    workflow_run: {
      id: a.runId,
      repository_id: repoId,
      head_repository_id: repoId,
      head_branch: a.headBranch,
      head_sha: a.headSha,
    },
  };
}

export function renderCheckRun(ctx: RenderContext, c: CheckRunRecord): Record<string, unknown> {
  const api = `${ctx.apiUrl}/repos/${c.owner}/${c.repo}`;
  return {
    id: c.id,
    name: c.name,
    node_id: `CR_kwDOFake${c.id}`,
    head_sha: c.headSha,
    external_id: c.externalId ?? '',
    url: `${api}/check-runs/${c.id}`,
    html_url: `${ctx.serverUrl}/${c.owner}/${c.repo}/runs/${c.id}`,
    details_url: c.detailsUrl ?? `${ctx.serverUrl}/${c.owner}/${c.repo}/runs/${c.id}`,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: {
      title: c.output.title ?? null,
      summary: c.output.summary ?? null,
      text: c.output.text ?? null,
      annotations_count: c.annotations.length,
      annotations_url: `${api}/check-runs/${c.id}/annotations`,
    },
    check_suite: { id: c.id + 1 },
    app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
}

export function renderStatus(ctx: RenderContext, s: StatusRecord): Record<string, unknown> {
  return {
    url: `${ctx.apiUrl}/repos/${s.owner}/${s.repo}/statuses/${s.sha}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${s.creator.id}?v=4`,
    id: s.id,
    node_id: `SC_kwDOFake${s.id}`,
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    creator: renderUser(ctx, s.creator),
  };
}
