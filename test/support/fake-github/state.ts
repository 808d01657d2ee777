import { createHash } from 'node:crypto';
import { ResultsState } from './results-state.js';
import type {
  ArtifactRecord,
  ArtifactSeed,
  CheckRunRecord,
  CommentRecord,
  FakeUser,
  PullRequestRecord,
  PullRequestSeed,
  StatusRecord,
} from './types.js';

/** GitHub's timestamps: ISO 8601 in UTC, whole seconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function gitSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** github-actions[bot], who writes comments made with GITHUB_TOKEN. */
export const GITHUB_ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

/**
 * Everything the fake knows. Plain arrays and maps: seed them through the helpers or directly,
 * and inspect them after the code under test ran.
 */
export class FakeGitHubState {
  comments: CommentRecord[] = [];
  pullRequests: PullRequestRecord[] = [];
  artifacts: ArtifactRecord[] = [];
  checkRuns: CheckRunRecord[] = [];
  statuses: StatusRecord[] = [];
  /** The Actions results service and its blob storage: runs by backend id, uploads, blobs. */
  results = new ResultsState();
  /** Tokens that may read but not write (a fork PR's GITHUB_TOKEN). */
  readOnlyTokens = new Set<string>();
  /** Who a token acts as; tokens not listed act as `defaultUser`. */
  tokenUsers = new Map<string, FakeUser>();
  /** Known accounts by lower-cased login; unknown logins are created on first use. */
  users = new Map<string, FakeUser>();
  defaultUser: FakeUser = GITHUB_ACTIONS_BOT;
  /** The core rate limit. When used reaches limit, every API call answers the primary rate limit. */
  rateLimit = { limit: 5000, used: 0, resetSeconds: 3600 };
  /** The clock for created_at/updated_at; replace it for deterministic timestamps. */
  now: () => Date = () => new Date();

  private lastId = 1_000_000_000;
  private lastUserId = 100_000;
  private repoIds = new Map<string, number>();

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** The account with this login, created as User (Bot for `name[bot]`) if unknown. */
  user(login: string): FakeUser {
    const known = this.users.get(login.toLowerCase());
    if (known) return known;
    this.lastUserId += 1;
    const created: FakeUser = { login, id: this.lastUserId, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
    this.users.set(login.toLowerCase(), created);
    return created;
  }

  addUser(user: Partial<FakeUser> & { login: string }): FakeUser {
    const full = { ...this.user(user.login), ...user };
    this.users.set(full.login.toLowerCase(), full);
    return full;
  }

  repoId(fullName: string): number {
    const key = fullName.toLowerCase();
    let id = this.repoIds.get(key);
    if (id === undefined) {
      id = 500_000_000 + this.repoIds.size + 1;
      this.repoIds.set(key, id);
    }
    return id;
  }

  /** The account a token acts as. */
  actor(token: string | undefined): FakeUser {
    return (token !== undefined && this.tokenUsers.get(token)) || this.defaultUser;
  }

  setReadOnlyToken(token: string): void {
    this.readOnlyTokens.add(token);
  }

  setTokenUser(token: string, login: string, type: FakeUser['type'] = 'User'): FakeUser {
    const user = this.addUser({ login, type });
    this.tokenUsers.set(token, user);
    return user;
  }

  addComment(
    owner: string,
    repo: string,
    issue: number,
    seed: { body: string; user?: string },
  ): CommentRecord {
    const id = this.nextId();
    const at = isoSeconds(this.now());
    const comment: CommentRecord = {
      id,
      nodeId: `IC_kwDOFake${id.toString(36)}`,
      owner,
      repo,
      issueNumber: issue,
      body: seed.body,
      user: seed.user === undefined ? this.defaultUser : this.user(seed.user),
      createdAt: at,
      updatedAt: at,
    };
    this.comments.push(comment);
    return comment;
  }

  /** Comments on one issue or pull request, oldest first (the API's order). */
  issueComments(owner: string, repo: string, issue: number): CommentRecord[] {
    return this.comments
      .filter((c) => sameName(c.owner, owner) && sameName(c.repo, repo) && c.issueNumber === issue)
      .sort((a, b) => a.id - b.id);
  }

  comment(owner: string, repo: string, id: number): CommentRecord | undefined {
    return this.comments.find((c) => c.id === id && sameName(c.owner, owner) && sameName(c.repo, repo));
  }

  deleteComment(comment: CommentRecord): void {
    this.comments = this.comments.filter((c) => c !== comment);
  }

  addPullRequest(seed: PullRequestSeed): PullRequestRecord {
    const at = isoSeconds(this.now());
    const headRepo = seed.headRepo ?? `${seed.owner}/${seed.repo}`;
    const pr: PullRequestRecord = {
      id: this.nextId(),
      owner: seed.owner,
      repo: seed.repo,
      number: seed.number,
      headSha: seed.headSha,
      baseSha: seed.baseSha,
      headRepo,
      headRef: seed.headRef ?? `feature-${seed.number}`,
      baseRef: seed.baseRef ?? 'main',
      state: seed.state ?? 'open',
      title: seed.title ?? `Pull request #${seed.number}`,
      body: seed.body === undefined ? null : seed.body,
      user: this.user(seed.user ?? headRepo.split('/')[0] ?? seed.owner),
      draft: seed.draft ?? false,
      merged: seed.merged ?? false,
      files: (seed.files ?? []).map((f) => {
        const additions = f.additions ?? 0;
        const deletions = f.deletions ?? 0;
        return {
          filename: f.filename,
          status: f.status ?? 'modified',
          additions,
          deletions,
          changes: additions + deletions,
          patch: f.patch,
          previousFilename: f.previousFilename,
          sha: gitSha(`${seed.headSha}:${f.filename}`),
        };
      }),
      createdAt: at,
      updatedAt: at,
    };
    this.pullRequests = this.pullRequests.filter(
      (p) => !(sameName(p.owner, pr.owner) && sameName(p.repo, pr.repo) && p.number === pr.number),
    );
    this.pullRequests.push(pr);
    return pr;
  }

  pullRequest(owner: string, repo: string, number: number): PullRequestRecord | undefined {
    return this.pullRequests.find(
      (p) => sameName(p.owner, owner) && sameName(p.repo, repo) && p.number === number,
    );
  }

  pullRequestsForSha(owner: string, repo: string, sha: string): PullRequestRecord[] {
    return this.pullRequests
      .filter((p) => sameName(p.owner, owner) && sameName(p.repo, repo) && p.headSha === sha)
      .sort((a, b) => b.number - a.number);
  }

  addArtifact(seed: ArtifactSeed): ArtifactRecord {
    const data = typeof seed.data === 'string' ? Buffer.from(seed.data) : Buffer.from(seed.data);
    const created = this.now();
    const artifact: ArtifactRecord = {
      id: this.nextId(),
      owner: seed.owner,
      repo: seed.repo,
      runId: seed.runId,
      name: seed.name,
      data,
      expired: seed.expired ?? false,
      headSha: seed.headSha ?? gitSha(`run:${seed.runId}`),
      headBranch: seed.headBranch ?? 'main',
      digest: `sha256:${createHash('sha256').update(data).digest('hex')}`,
      createdAt: isoSeconds(created),
      expiresAt: isoSeconds(new Date(created.getTime() + 90 * 24 * 3600 * 1000)),
    };
    this.artifacts.push(artifact);
    return artifact;
  }

  runArtifacts(owner: string, repo: string, runId: number): ArtifactRecord[] {
    return this.artifacts.filter(
      (a) => sameName(a.owner, owner) && sameName(a.repo, repo) && a.runId === runId,
    );
  }

  artifact(owner: string, repo: string, id: number): ArtifactRecord | undefined {
    return this.artifacts.find((a) => a.id === id && sameName(a.owner, owner) && sameName(a.repo, repo));
  }

  checkRun(owner: string, repo: string, id: number): CheckRunRecord | undefined {
    return this.checkRuns.find((c) => c.id === id && sameName(c.owner, owner) && sameName(c.repo, repo));
  }
}
