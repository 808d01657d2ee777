import { describe, expect, it } from '@jest/globals';
import {
  type CommentApi,
  type CommentFacts,
  type IssueComment,
  ourComments,
  planComment,
  sameBody,
  upsertStickyComment,
} from '../../src/github/sticky-comment.js';

const MARKER = '<!-- pavedpath:pr-summary -->';
const body = (text: string) => `${MARKER}\n${text}`;
const FINDINGS: CommentFacts = { hasFindings: true, hasChanges: true };
const CLEAN: CommentFacts = { hasFindings: false, hasChanges: false };
const EXISTING_ONLY: CommentFacts = { hasFindings: true, hasChanges: false };

/** An in-memory pull request thread; `pause` lets a test interleave two runs. */
class Thread implements CommentApi {
  comments: IssueComment[] = [];
  calls: string[] = [];
  private next = 100;
  pause: (() => Promise<void>) | undefined;

  private async step(call: string) {
    this.calls.push(call);
    if (this.pause) await this.pause();
  }
  async list() {
    await this.step('list');
    return this.comments.map((c) => ({ ...c }));
  }
  async create(text: string) {
    await this.step('create');
    const c = { id: this.next++, body: text, url: `https://github.test/c/${this.next}` };
    this.comments.push(c);
    return { ...c };
  }
  async update(id: number, text: string) {
    await this.step('update');
    const c = this.comments.find((x) => x.id === id);
    if (!c) throw Object.assign(new Error('Not Found'), { status: 404 });
    c.body = text;
    return { ...c };
  }
  async remove(id: number) {
    await this.step('remove');
    this.comments = this.comments.filter((x) => x.id !== id);
  }
}

describe('ourComments', () => {
  it('finds comments that start with the marker, oldest first, not quotes of it', () => {
    const found = ourComments(
      [
        { id: 9, body: body('b') },
        { id: 3, body: `> ${MARKER}\n> quoted by a reviewer` },
        { id: 5, body: `  ${body('a')}` },
        { id: 4, body: 'LGTM' },
      ],
      MARKER,
    );
    expect(found.map((c) => c.id)).toEqual([5, 9]);
  });
});

describe('sameBody', () => {
  it('ignores line endings and trailing white space only', () => {
    expect(sameBody('a\r\nb\n', 'a\nb')).toBe(true);
    expect(sameBody('a\nb', 'a\nc')).toBe(false);
    expect(sameBody(' a', 'a')).toBe(false);
  });
});

describe('planComment', () => {
  const ours = [{ id: 1, body: body('old') }];
  it('never: no action even with an old comment', () => {
    expect(planComment('never', ours, body('new'), FINDINGS).action).toBe('none');
  });
  it('auto: creates with findings, not without; always updates an earlier comment', () => {
    expect(planComment('auto', [], body('x'), FINDINGS)).toEqual({ action: 'create', duplicates: [] });
    expect(planComment('auto', [], body('x'), CLEAN)).toMatchObject({
      action: 'none',
      reason: 'there are no findings to report',
    });
    expect(planComment('auto', ours, body('all clear'), CLEAN)).toEqual({
      action: 'update',
      id: 1,
      duplicates: [],
    });
  });
  it('on-change: creates only when the pull request changed findings', () => {
    expect(planComment('on-change', [], body('x'), EXISTING_ONLY).action).toBe('none');
    expect(planComment('on-change', [], body('x'), FINDINGS).action).toBe('create');
    expect(planComment('on-change', ours, body('x'), EXISTING_ONLY).action).toBe('update');
  });
  it('always: creates even when clean', () => {
    expect(planComment('always', [], body('clean'), CLEAN).action).toBe('create');
  });
  it('no write when the body is unchanged; duplicates are listed for removal', () => {
    const plan = planComment('always', [...ours, { id: 7, body: body('dup') }], body('old'), FINDINGS);
    expect(plan).toEqual({
      action: 'none',
      id: 1,
      reason: 'the comment is already up to date',
      duplicates: [7],
    });
  });
});

describe('upsertStickyComment', () => {
  const options = (text: string, facts = FINDINGS) => ({
    mode: 'auto' as const,
    marker: MARKER,
    body: body(text),
    facts,
  });

  it('creates, updates, then writes nothing, in 3, 2 and 1 calls', async () => {
    const thread = new Thread();
    thread.comments.push({ id: 1, body: 'a human comment' });
    const first = await upsertStickyComment(thread, options('one'));
    expect(first.result).toBe('created');
    expect(thread.calls).toEqual(['list', 'create', 'list']);

    thread.calls = [];
    const second = await upsertStickyComment(thread, options('two'));
    expect(second).toMatchObject({ result: 'updated', id: first.id });
    expect(thread.calls).toEqual(['list', 'update']);

    thread.calls = [];
    const third = await upsertStickyComment(thread, options('two'));
    expect(third).toMatchObject({ result: 'unchanged', id: first.id });
    expect(thread.calls).toEqual(['list']);
    expect(thread.comments.map((c) => c.body)).toEqual(['a human comment', body('two')]);
  });

  it('skips without any call in never mode', async () => {
    const thread = new Thread();
    const outcome = await upsertStickyComment(thread, { ...options('x'), mode: 'never' });
    expect(outcome.result).toBe('skipped');
    expect(thread.calls).toEqual([]);
  });

  it('removes duplicates left by an earlier race and keeps the oldest', async () => {
    const thread = new Thread();
    thread.comments.push({ id: 3, body: body('a') }, { id: 4, body: body('b') }, { id: 5, body: 'hi' });
    const outcome = await upsertStickyComment(thread, options('c'));
    expect(outcome).toMatchObject({ result: 'updated', id: 3, removed: [4] });
    expect(thread.comments).toEqual([
      { id: 3, body: body('c') },
      { id: 5, body: 'hi' },
    ]);
  });

  it('two runs racing end with exactly one comment, whatever the interleaving', async () => {
    // Every interleaving of the two runs' API calls, as a schedule of which run goes next.
    for (let schedule = 0; schedule < 64; schedule++) {
      const thread = new Thread();
      const waiting: { run: number; resume: () => void }[] = [];
      const runs = [0, 1].map((run) => {
        const api: CommentApi = {
          list: () => gate(run).then(() => thread.list()),
          create: (b) => gate(run).then(() => thread.create(b)),
          update: (id, b) => gate(run).then(() => thread.update(id, b)),
          remove: (id) => gate(run).then(() => thread.remove(id)),
        };
        return upsertStickyComment(api, options(`run ${run}`));
      });
      function gate(run: number): Promise<void> {
        return new Promise((resume) => waiting.push({ run, resume }));
      }
      let bit = 0;
      let settled = false;
      void Promise.all(runs).then(() => (settled = true));
      while (!settled) {
        await new Promise((r) => setImmediate(r));
        if (waiting.length === 0) continue;
        const preferred = (schedule >> (bit++ % 6)) & 1;
        const index = waiting.findIndex((w) => w.run === preferred);
        const [next] = waiting.splice(index === -1 ? 0 : index, 1);
        next?.resume();
      }
      const outcomes = await Promise.all(runs);
      expect(ourComments(thread.comments, MARKER)).toHaveLength(1);
      expect(outcomes.map((o) => o.result).sort()).not.toContain('skipped');
    }
  });
});
