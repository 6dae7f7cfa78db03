import type { Actor } from '../shared/actor.js';
import { assertCan, can } from '../shared/permissions.js';
import type { ArticleStatus, ArticleSummary } from './article.js';

/** The parts of an article its access rules look at. */
export interface ArticleOwnership {
  authorId: number | null;
  status: ArticleStatus;
}

/** What an actor may do with one article: the editor shows only these buttons. */
export interface ArticleAccess {
  /** Open it in the editor and see its history. */
  open: boolean;
  /** Save changes to it (and restore its revisions). */
  edit: boolean;
  /** Publish, schedule, unpublish or archive it. */
  publish: boolean;
  /** Pick someone else as its author. */
  chooseAuthor: boolean;
}

export function ownership(article: Pick<ArticleSummary, 'author' | 'status'>): ArticleOwnership {
  return { authorId: article.author?.id ?? null, status: article.status };
}

function owns(actor: Actor, article: ArticleOwnership): boolean {
  return actor.kind === 'user' && article.authorId === actor.userId;
}

/** Readers can see it (or will at its time): changing it is publishing. */
function isLive(status: ArticleStatus): boolean {
  return status === 'published' || status === 'scheduled';
}

/** What `actor` may do with `article` (null: a new one). `assertMayWriteArticle` enforces the same rules. */
export function articleAccess(actor: Actor, shown: Pick<ArticleSummary, 'author' | 'status'> | null): ArticleAccess {
  const article = shown && ownership(shown);
  const open = can(actor, 'articles.write-own') && (article === null || owns(actor, article) || can(actor, 'articles.edit-any'));
  const publish = open && can(actor, 'articles.publish');
  return {
    open,
    edit: open && (article === null || !isLive(article.status) || publish),
    publish,
    chooseAuthor: open && can(actor, 'articles.edit-any'),
  };
}

/** Refuses (ForbiddenError) to show an article in the editor to anyone who may not edit it in principle. */
export function assertMayOpenArticle(actor: Actor, article: ArticleOwnership): void {
  assertCan(actor, 'articles.write-own');
  if (!owns(actor, article)) assertCan(actor, 'articles.edit-any');
}

/**
 * Refuses (ForbiddenError) a write that turns `before` (null: a new article) into `after`:
 * writers edit their own articles until they go live; others' articles need `articles.edit-any`;
 * any change of status, and any change to a live article, needs `articles.publish`; changing
 * the author needs `articles.edit-any`.
 */
export function assertMayWriteArticle(actor: Actor, before: ArticleOwnership | null, after: ArticleOwnership): void {
  assertCan(actor, 'articles.write-own');
  if (before) {
    assertMayOpenArticle(actor, before);
    if (isLive(before.status)) assertCan(actor, 'articles.publish');
    if (after.authorId !== before.authorId) assertCan(actor, 'articles.edit-any');
  }
  if ((before?.status ?? 'draft') !== after.status) assertCan(actor, 'articles.publish');
}

/**
 * Who a new article belongs to: writers without `articles.edit-any` always write their own;
 * others may name anyone (or no one), and default to themselves.
 */
export function authorOfNewArticle(actor: Actor, requested: number | null | undefined): number | null {
  if (actor.kind === 'system') return requested ?? null;
  if (!can(actor, 'articles.edit-any')) return actor.userId;
  return requested === undefined ? actor.userId : requested;
}
