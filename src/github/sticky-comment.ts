/**
 * One sticky comment per pull request: found again by its hidden marker, updated in place,
 * created when absent, left alone when its body is already right. Two runs that race on one pull
 * request converge on one comment: after creating, a run lists again, and when it sees an older
 * comment of ours it deletes its own and writes its body into the older one.
 *
 * The decisions are pure functions of plain data (`planComment`); `upsertStickyComment` carries
 * them out through a small API interface, so both are tested without a network.
 */

export const COMMENT_MODES = ['auto', 'always', 'never', 'on-change'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface IssueComment {
  id: number;
  body: string;
  url?: string;
}

export interface CommentApi {
  /** Every comment on the pull request, oldest first (all pages). */
  list(): Promise<IssueComment[]>;
  create(body: string): Promise<IssueComment>;
  update(id: number, body: string): Promise<IssueComment>;
  /** Delete; a comment already gone is not an error. */
  remove(id: number): Promise<void>;
}

/** What the report says, as far as deciding whether to comment goes. */
export interface CommentFacts {
  /** Any finding at all (new, existing or fixed), a failed gate, or a file that could not be read. */
  hasFindings: boolean;
  /** The pull request changed something: new or fixed findings, or a failed gate. */
  hasChanges: boolean;
}

export type CommentPlan =
  | { action: 'create'; duplicates: number[] }
  | { action: 'update'; id: number; duplicates: number[] }
  | { action: 'none'; id?: number; reason: string; duplicates: number[] };

export type CommentResult = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface CommentOutcome {
  result: CommentResult;
  /** Why, in words, when nothing was written. */
  reason?: string;
  id?: number;
  url?: string;
  /** Duplicate comments of ours that were deleted (from a race, or an older run). */
  removed: number[];
}

/** Comments of ours: the body starts with the marker (a quote of it in a reply starts with `>`). */
export function ourComments(comments: readonly IssueComment[], marker: string): IssueComment[] {
  return comments.filter((c) => c.body.trimStart().startsWith(marker)).sort((a, b) => a.id - b.id);
}

/** Bodies compare equal regardless of line endings and trailing white space (GitHub may add \r). */
export function sameBody(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trimEnd();
  return norm(a) === norm(b);
}

export function planComment(
  mode: CommentMode,
  ours: readonly IssueComment[],
  body: string,
  facts: CommentFacts,
): CommentPlan {
  const [keep, ...duplicates] = ours;
  const extra = duplicates.map((c) => c.id);
  if (mode === 'never') return { action: 'none', reason: "comment is 'never'", duplicates: [] };
  if (keep) {
    if (sameBody(keep.body, body)) {
      return { action: 'none', id: keep.id, reason: 'the comment is already up to date', duplicates: extra };
    }
    // An earlier comment is always kept current, so a pull request that fixed its findings turns green.
    return { action: 'update', id: keep.id, duplicates: extra };
  }
  if (mode === 'auto' && !facts.hasFindings) {
    return { action: 'none', reason: 'there are no findings to report', duplicates: [] };
  }
  if (mode === 'on-change' && !facts.hasChanges) {
    return {
      action: 'none',
      reason: 'this pull request neither introduced nor fixed a finding',
      duplicates: [],
    };
  }
  return { action: 'create', duplicates: [] };
}

async function removeAll(api: CommentApi, ids: readonly number[]): Promise<number[]> {
  for (const id of ids) await api.remove(id);
  return [...ids];
}

export async function upsertStickyComment(
  api: CommentApi,
  options: { mode: CommentMode; marker: string; body: string; facts: CommentFacts },
): Promise<CommentOutcome> {
  if (options.mode === 'never') return { result: 'skipped', reason: "comment is 'never'", removed: [] };
  const plan = planComment(
    options.mode,
    ourComments(await api.list(), options.marker),
    options.body,
    options.facts,
  );
  const removed = await removeAll(api, plan.duplicates);
  if (plan.action === 'none') {
    return {
      result: plan.id === undefined ? 'skipped' : 'unchanged',
      reason: plan.reason,
      ...(plan.id === undefined ? {} : { id: plan.id }),
      removed,
    };
  }
  if (plan.action === 'update') {
    const updated = await api.update(plan.id, options.body);
    return { result: 'updated', id: updated.id, ...(updated.url ? { url: updated.url } : {}), removed };
  }

  const created = await api.create(options.body);
  // Another run may have created one at the same moment: the oldest comment of ours wins.
  const ours = ourComments(await api.list(), options.marker);
  const oldest = ours[0];
  if (oldest && oldest.id < created.id) {
    await api.remove(created.id);
    removed.push(created.id);
    const others = ours.filter((c) => c.id !== oldest.id && c.id !== created.id).map((c) => c.id);
    removed.push(...(await removeAll(api, others)));
    if (sameBody(oldest.body, options.body)) {
      return { result: 'unchanged', id: oldest.id, ...(oldest.url ? { url: oldest.url } : {}), removed };
    }
    const updated = await api.update(oldest.id, options.body);
    return { result: 'updated', id: updated.id, ...(updated.url ? { url: updated.url } : {}), removed };
  }
  return { result: 'created', id: created.id, ...(created.url ? { url: created.url } : {}), removed };
}
