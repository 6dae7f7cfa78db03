import { pageCount } from '../shared/pagination.js';
import type { CommentId, CommentStatus } from './comment.js';
import { invalidPageError } from './errors.js';

/** The fields threading needs; pass richer comment objects and get them back in the tree. */
export interface ThreadableComment {
  id: CommentId;
  /** The comment this one replies to, as stored (original or effective parent — both work). */
  parentId: CommentId | null;
  status: CommentStatus;
  createdAt: Date;
}

export interface CommentThread<T extends ThreadableComment> {
  comment: T;
  /** 1 for a top-level comment, never more than `maxDepth`. */
  depth: number;
  /** Set when the comment was moved up because its parent sat at `maxDepth`: the comment it answers, for an "in reply to" line. */
  replyingTo: T | null;
  /** Oldest first. */
  replies: CommentThread<T>[];
}

export interface BuildThreadsOptions<T extends ThreadableComment> {
  /** Levels shown, counting top-level comments as level 1. Default 3; 1 means a flat list. */
  maxDepth?: number;
  /** Order of top-level comments; replies are always oldest first. Default `oldest`. */
  order?: 'oldest' | 'newest';
  /** 1-based. Default 1. A page past the last gives empty `threads`, not an error. */
  page?: number;
  /** Top-level comments per page. Default 50. */
  perPage?: number;
  /** Which comments are shown. Default: approved only. Pass e.g. approved-or-own-pending for a pending cookie. */
  isVisible?: (comment: T) => boolean;
}

export interface ThreadPage<T extends ThreadableComment> {
  threads: CommentThread<T>[];
  page: number;
  /** At least 1, so "page 1 of 1" holds for an Article without comments. */
  pageCount: number;
  /** Top-level threads across all pages (what pagination counts). */
  total: number;
  /** Every shown comment across all pages, replies included, for a "42 comments" heading. */
  commentCount: number;
}

interface Placement<T> {
  depth: number;
  attachTo: CommentId | null;
  replyingTo: T | null;
}

function byAge<T extends ThreadableComment>(a: T, b: T): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id;
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw invalidPageError({ [name]: value });
}

/**
 * Arranges comments into threads for one page. Hidden comments (by `isVisible`) are left out;
 * a shown reply whose parent is hidden hangs from its nearest shown ancestor, and one with no
 * shown top-level ancestor is left out with its whole branch (replies to trashed comments rarely
 * stand alone). A reply that would sit deeper than `maxDepth` becomes a sibling at `maxDepth`,
 * under the ancestor at `maxDepth − 1`, with `replyingTo` naming the comment it answers.
 * Throws InvalidError for a page, perPage or maxDepth that is not a positive integer.
 */
export function buildThreads<T extends ThreadableComment>(
  comments: readonly T[],
  options: BuildThreadsOptions<T> = {},
): ThreadPage<T> {
  const { maxDepth = 3, order = 'oldest', page = 1, perPage = 50 } = options;
  const isVisible = options.isVisible ?? ((c: T) => c.status === 'approved');
  assertPositiveInteger('maxDepth', maxDepth);
  assertPositiveInteger('page', page);
  assertPositiveInteger('perPage', perPage);

  const byId = new Map(comments.map((c) => [c.id, c]));
  const placements = new Map<CommentId, Placement<T> | null>();

  // undefined: top-level; null: an ancestor is missing, hidden at the top, or the chain loops.
  const shownParent = (comment: T): T | null | undefined => {
    if (comment.parentId === null) return undefined;
    const seen = new Set<CommentId>([comment.id]);
    let parentId: CommentId | null = comment.parentId;
    while (parentId !== null) {
      const parent = byId.get(parentId);
      if (!parent || seen.has(parentId)) return null;
      if (isVisible(parent)) return parent;
      seen.add(parentId);
      parentId = parent.parentId;
    }
    return null;
  };

  // Iterative, so a very long reply chain cannot overflow the stack.
  const place = (start: T): Placement<T> | null => {
    const chain: T[] = [];
    const onChain = new Set<CommentId>();
    let current: T = start;
    let base: Placement<T> | null;
    for (;;) {
      const known = placements.get(current.id);
      if (known !== undefined) {
        base = known;
        break;
      }
      if (onChain.has(current.id)) {
        base = null;
        break;
      }
      chain.push(current);
      onChain.add(current.id);
      const parent = shownParent(current);
      if (parent === null) {
        base = null;
        break;
      }
      if (parent === undefined) {
        base = { depth: 1, attachTo: null, replyingTo: null };
        placements.set(current.id, base);
        chain.pop();
        break;
      }
      current = parent;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const comment = chain[i];
      const parent = i === chain.length - 1 ? shownParent(comment) : chain[i + 1];
      if (base !== null && parent) {
        base =
          base.depth < maxDepth
            ? { depth: base.depth + 1, attachTo: parent.id, replyingTo: null }
            : { depth: maxDepth, attachTo: base.attachTo, replyingTo: parent };
      } else {
        base = null;
      }
      placements.set(comment.id, base);
    }
    return placements.get(start.id) ?? null;
  };

  const nodes = new Map<CommentId, CommentThread<T>>();
  const topLevel: CommentThread<T>[] = [];
  const shown = comments.filter(isVisible).sort(byAge);
  for (const comment of shown) {
    const placement = place(comment);
    if (placement) nodes.set(comment.id, { comment, depth: placement.depth, replyingTo: placement.replyingTo, replies: [] });
  }
  // `shown` is oldest first, so pushing in that order keeps every reply list oldest first.
  for (const comment of shown) {
    const node = nodes.get(comment.id);
    if (!node) continue;
    const attachTo = placements.get(comment.id)?.attachTo ?? null;
    if (attachTo === null) topLevel.push(node);
    else nodes.get(attachTo)?.replies.push(node);
  }
  if (order === 'newest') topLevel.reverse();

  const start = (page - 1) * perPage;
  return {
    threads: topLevel.slice(start, start + perPage),
    page,
    pageCount: pageCount(topLevel.length, perPage),
    total: topLevel.length,
    commentCount: nodes.size,
  };
}

/**
 * Where a new reply belongs. `parentChain` lists the reply target's ancestors from the top-level
 * comment down to the target itself (empty for a top-level comment). Returns the effective parent
 * — the target, or the ancestor at `maxDepth − 1` when the target already sits at `maxDepth`
 * (null when `maxDepth` is 1) — and the depth the reply will be shown at.
 */
export function resolveParentForReply(
  parentChain: readonly CommentId[],
  maxDepth = 3,
): { parentId: CommentId | null; depth: number } {
  assertPositiveInteger('maxDepth', maxDepth);
  if (parentChain.length === 0) return { parentId: null, depth: 1 };
  if (parentChain.length < maxDepth) return { parentId: parentChain.at(-1) ?? null, depth: parentChain.length + 1 };
  return { parentId: maxDepth >= 2 ? parentChain[maxDepth - 2] : null, depth: maxDepth };
}
