import { describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../src/comments/comment.js';
import { isBroadsheetError } from '../../src/shared/errors.js';
import { buildThreads, type CommentThread, resolveParentForReply } from '../../src/comments/threads.js';

interface TestComment {
  id: number;
  parentId: number | null;
  status: CommentStatus;
  createdAt: Date;
}

const base = Date.UTC(2025, 0, 1);
// Ids rise with time unless a test says otherwise, as with autoincrement keys.
function c(id: number, parentId: number | null = null, status: CommentStatus = 'approved', minute = id): TestComment {
  return { id, parentId, status, createdAt: new Date(base + minute * 60_000) };
}

/** The tree as nested [id, depth, replies] for readable assertions. */
type Shape = [number, number, Shape[]];
const shape = (threads: CommentThread<TestComment>[]): Shape[] =>
  threads.map((t) => [t.comment.id, t.depth, shape(t.replies)]);

describe('buildThreads', () => {
  it('nests replies under their parents, oldest first, with depths from 1', () => {
    const page = buildThreads([c(1), c(2, 1), c(3, 1), c(4, 2), c(5)]);
    expect(shape(page.threads)).toEqual([
      [1, 1, [[2, 2, [[4, 3, []]]], [3, 2, []]]],
      [5, 1, []],
    ]);
    expect(page).toMatchObject({ page: 1, pageCount: 1, total: 2, commentCount: 5 });
  });

  it('orders top-level comments newest first on request but keeps replies oldest first', () => {
    const page = buildThreads([c(1), c(2), c(3, 1), c(4, 1), c(5)], { order: 'newest' });
    expect(shape(page.threads)).toEqual([
      [5, 1, []],
      [2, 1, []],
      [1, 1, [[3, 2, []], [4, 2, []]]],
    ]);
  });

  it('orders by time, not by id, and breaks ties by id', () => {
    const page = buildThreads([c(1, null, 'approved', 10), c(2, null, 'approved', 5), c(3, null, 'approved', 5)]);
    expect(page.threads.map((t) => t.comment.id)).toEqual([2, 3, 1]);
  });

  it('re-attaches a reply deeper than maxDepth as a sibling under the ancestor at maxDepth − 1', () => {
    // 1 → 2 → 3 → 4 → 5: with maxDepth 3, comments 4 and 5 both hang under 2, beside 3.
    const page = buildThreads([c(1), c(2, 1), c(3, 2), c(4, 3), c(5, 4)], { maxDepth: 3 });
    expect(shape(page.threads)).toEqual([[1, 1, [[2, 2, [[3, 3, []], [4, 3, []], [5, 3, []]]]]]]);
    const level3 = page.threads[0].replies[0].replies;
    expect(level3.map((t) => t.replyingTo?.id ?? null)).toEqual([null, 3, 4]);
  });

  it('honours other depths, including a flat list at maxDepth 1', () => {
    const comments = [c(1), c(2, 1), c(3, 2)];
    expect(shape(buildThreads(comments, { maxDepth: 2 }).threads)).toEqual([[1, 1, [[2, 2, []], [3, 2, []]]]]);
    const flat = buildThreads(comments, { maxDepth: 1 });
    expect(shape(flat.threads)).toEqual([[1, 1, []], [2, 1, []], [3, 1, []]]);
    expect(flat.threads.map((t) => t.replyingTo?.id ?? null)).toEqual([null, 1, 2]);
    expect(flat.total).toBe(3);
  });

  it('works whatever order the comments arrive in', () => {
    const comments = [c(5, 4), c(3, 2), c(1), c(4, 3), c(2, 1)];
    expect(shape(buildThreads(comments).threads)).toEqual([[1, 1, [[2, 2, [[3, 3, []], [4, 3, []], [5, 3, []]]]]]]);
  });

  it('shows approved comments only, by default', () => {
    const page = buildThreads([c(1), c(2, null, 'pending'), c(3, null, 'spam'), c(4, null, 'trash')]);
    expect(page.threads.map((t) => t.comment.id)).toEqual([1]);
  });

  it('hangs a reply to a hidden comment from its nearest shown ancestor, without naming the hidden one', () => {
    const page = buildThreads([c(1), c(2, 1, 'trash'), c(3, 2)]);
    expect(shape(page.threads)).toEqual([[1, 1, [[3, 2, []]]]]);
    expect(page.threads[0].replies[0].replyingTo).toBeNull();
  });

  it('leaves out a branch whose top-level comment is hidden or missing', () => {
    const page = buildThreads([c(1, null, 'spam'), c(2, 1), c(3, 2), c(4, 99), c(5)]);
    expect(shape(page.threads)).toEqual([[5, 1, []]]);
    expect(page.commentCount).toBe(1);
  });

  it('survives a parent cycle in bad data by leaving it out', () => {
    const page = buildThreads([c(1, 2), c(2, 1), c(3)]);
    expect(shape(page.threads)).toEqual([[3, 1, []]]);
  });

  it('shows a Commenter their own pending comments through isVisible', () => {
    const own = new Set([3]);
    const page = buildThreads([c(1), c(2, 1, 'pending'), c(3, 1, 'pending')], {
      isVisible: (comment) => comment.status === 'approved' || own.has(comment.id),
    });
    expect(shape(page.threads)).toEqual([[1, 1, [[3, 2, []]]]]);
  });

  it('paginates top-level comments only, 50 per page by default', () => {
    const comments = Array.from({ length: 120 }, (_, i) => c(i + 1));
    comments.push(c(1000, 1), c(1001, 1000));
    const first = buildThreads(comments);
    expect(first.threads).toHaveLength(50);
    expect(first).toMatchObject({ page: 1, pageCount: 3, total: 120, commentCount: 122 });
    expect(first.threads[0].replies).toHaveLength(1);
    const last = buildThreads(comments, { page: 3 });
    expect(last.threads.map((t) => t.comment.id)).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
    const newestLast = buildThreads(comments, { page: 3, order: 'newest' });
    expect(newestLast.threads.at(-1)?.comment.id).toBe(1);
  });

  it('gives empty threads past the last page and one page for no comments', () => {
    expect(buildThreads([c(1)], { page: 2, perPage: 1 })).toMatchObject({ threads: [], page: 2, pageCount: 1, total: 1 });
    expect(buildThreads([])).toEqual({ threads: [], page: 1, pageCount: 1, total: 0, commentCount: 0 });
  });

  it.each([
    { page: 0 },
    { page: 1.5 },
    { perPage: 0 },
    { maxDepth: 0 },
  ])('refuses %o with an InvalidError', (options) => {
    try {
      buildThreads([c(1)], options);
      expect.unreachable();
    } catch (error) {
      expect(isBroadsheetError(error) && error.kind === 'invalid' && error.code).toBe('COMMENTS_PAGE_INVALID');
    }
  });

  it('keeps a deep chain of replies without overflowing', () => {
    const chain = [c(1), ...Array.from({ length: 20_000 }, (_, i) => c(i + 2, i + 1))];
    const page = buildThreads(chain);
    expect(page.commentCount).toBe(20_001);
    expect(page.threads[0].replies[0].replies).toHaveLength(19_999);
  });
});

describe('resolveParentForReply', () => {
  it('keeps the target as parent while the reply fits within maxDepth', () => {
    expect(resolveParentForReply([], 3)).toEqual({ parentId: null, depth: 1 });
    expect(resolveParentForReply([1], 3)).toEqual({ parentId: 1, depth: 2 });
    expect(resolveParentForReply([1, 2], 3)).toEqual({ parentId: 2, depth: 3 });
  });

  it('moves a too-deep reply to the ancestor at maxDepth − 1', () => {
    expect(resolveParentForReply([1, 2, 3], 3)).toEqual({ parentId: 2, depth: 3 });
    expect(resolveParentForReply([1, 2, 3, 4, 5], 3)).toEqual({ parentId: 2, depth: 3 });
    expect(resolveParentForReply([1, 2], 2)).toEqual({ parentId: 1, depth: 2 });
    expect(resolveParentForReply([1, 2], 1)).toEqual({ parentId: null, depth: 1 });
  });

  it('gives the same tree whether the original or the effective parent is stored', () => {
    const original = [c(1), c(2, 1), c(3, 2), c(4, 3), c(5, 4)];
    const chains: Record<number, number[]> = { 1: [], 2: [1], 3: [1, 2], 4: [1, 2, 3], 5: [1, 2, 4] };
    const effective = original.map((comment) => ({ ...comment, parentId: resolveParentForReply(chains[comment.id], 3).parentId }));
    expect(shape(buildThreads(effective).threads)).toEqual(shape(buildThreads(original).threads));
  });
});
