import { type Actor, actorId } from '../shared/actor.js';
import { commentsChanged } from '../shared/change-notifier.js';
import { InvalidError } from '../shared/errors.js';
import { assertCan } from '../shared/permissions.js';
import type { CommentId, CommentStatus } from './comment.js';
import type { CommentServiceDeps } from './comment-deps.js';
import { validateCommentInput } from './comment-input.js';
import { createCommentRepository } from './comment-repository.js';
import { renderCommentText } from './comment-text.js';
import { duplicateCommentHash } from './duplicate.js';
import { commentNotFoundError, statusConflictError } from './errors.js';
import type { SpamCheckInput } from './spam-checker.js';
import type { StoredComment } from './stored-comment.js';
import { withArticles } from './with-articles.js';

export const moderationActions = ['approve', 'unapprove', 'spam', 'not-spam', 'trash', 'restore'] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** The status an action leads to from `current`, or why it cannot apply. Same-status actions are no-ops. */
function nextStatus(action: ModerationAction, comment: StoredComment): CommentStatus | { conflict: string } {
  switch (action) {
    case 'approve':
      return 'approved';
    case 'unapprove':
      return comment.status === 'approved' || comment.status === 'pending' ? 'pending' : { conflict: `is ${comment.status}, not approved` };
    case 'spam':
      return 'spam';
    case 'not-spam':
      return comment.status === 'spam' ? 'approved' : { conflict: `is ${comment.status}, not spam` };
    case 'trash':
      return 'trash';
    case 'restore':
      return comment.status === 'trash' ? (comment.previousStatus && comment.previousStatus !== 'trash' ? comment.previousStatus : 'pending') : { conflict: 'is not in the trash' };
  }
}

async function load(deps: CommentServiceDeps, id: CommentId): Promise<StoredComment> {
  const row = await createCommentRepository(deps.db).findStored(id);
  if (!row) throw commentNotFoundError(id);
  const [comment] = await withArticles(deps, [row]);
  return comment;
}

function learnerInput(deps: CommentServiceDeps, comment: StoredComment): SpamCheckInput {
  return {
    content: comment.content,
    authorName: comment.authorName,
    authorEmail: comment.authorEmail,
    authorUrl: comment.authorUrl ?? undefined,
    ip: comment.ip ?? '',
    userAgent: comment.userAgent ?? undefined,
    referrer: comment.referrer ?? undefined,
    articleUrl: comment.articlePath === null ? undefined : `${deps.baseUrl ?? ''}${comment.articlePath}`,
    honeypotFilled: false,
  };
}

/**
 * Applies a moderation action to one comment: checks the actor's role (owner, admin, editor or
 * moderator; system actors such as the CLI pass), changes the status and writes an audit entry
 * in one transaction, refreshes cached pages when the comment's visibility changed, and hands
 * spam / not-spam decisions to the learner as labelled examples. A learner failure is logged;
 * it never undoes the decision. Returns the comment as it now is.
 */
export async function moderateOne(deps: CommentServiceDeps, actor: Actor, id: CommentId, action: ModerationAction): Promise<StoredComment> {
  assertCan(actor, 'comments.moderate');
  const comment = await load(deps, id);
  const next = nextStatus(action, comment);
  if (typeof next !== 'string') throw statusConflictError(id, next.conflict);
  if (next === comment.status) return comment;
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const keepPrevious = next === 'trash' || next === 'spam';
    await createCommentRepository(trx).setStatus(id, {
      status: next,
      previousStatus: keepPrevious ? comment.status : null,
      moderatedAt: now,
      moderatedBy: actorId(actor),
    });
    await deps.audit.record(trx, actor, `comment.${action}`, { type: 'comment', id }, { from: comment.status, to: next });
  });
  if (comment.status === 'approved' || next === 'approved') deps.changes.notify(commentsChanged(comment.articleId));
  if (deps.learner && (action === 'spam' || action === 'not-spam')) {
    try {
      await deps.learner.learn(learnerInput(deps, comment), action === 'spam' ? 'spam' : 'ham', 'moderator');
    } catch (error) {
      deps.log.error({ err: error, commentId: id }, 'the spam learner failed; the decision stands');
    }
  }
  return load(deps, id);
}

/** Changes a comment's text, name or website, re-rendering the HTML; audited with what changed. */
export async function editComment(
  deps: CommentServiceDeps,
  actor: Actor,
  id: CommentId,
  changes: { content?: string; authorName?: string; authorUrl?: string | null },
): Promise<StoredComment> {
  assertCan(actor, 'comments.moderate');
  const comment = await load(deps, id);
  const validated = validateCommentInput(
    {
      content: changes.content ?? comment.content,
      authorName: changes.authorName ?? comment.authorName,
      authorUrl: changes.authorUrl === undefined ? (comment.authorUrl ?? undefined) : (changes.authorUrl ?? undefined),
    },
    { guest: false },
  );
  if (!validated.ok) {
    throw new InvalidError('COMMENT_INVALID', validated.errors.map((e) => e.message).join(' '), { details: { errors: validated.errors } });
  }
  const value = validated.value;
  await deps.db.transaction().execute(async (trx) => {
    await createCommentRepository(trx).setContent(id, {
      content: value.content,
      contentHtml: renderCommentText(value.content),
      authorName: value.authorName ?? comment.authorName,
      authorUrl: value.authorUrl ?? null,
      duplicateHash: comment.authorEmail ? duplicateCommentHash({ authorEmail: comment.authorEmail, articleId: comment.articleId, content: value.content }) : null,
      moderatedAt: deps.clock.now().toISOString(),
      moderatedBy: actorId(actor),
    });
    await deps.audit.record(trx, actor, 'comment.edit', { type: 'comment', id }, { fields: Object.keys(changes) });
  });
  if (comment.status === 'approved') deps.changes.notify(commentsChanged(comment.articleId));
  return load(deps, id);
}

/** Deletes a comment for good (its replies move up to its parent); audited. */
export async function deleteComment(deps: CommentServiceDeps, actor: Actor, id: CommentId): Promise<void> {
  assertCan(actor, 'comments.moderate');
  const comment = await load(deps, id);
  await deps.db.transaction().execute(async (trx) => {
    await createCommentRepository(trx).deleteWithReparent([id]);
    await deps.audit.record(trx, actor, 'comment.delete', { type: 'comment', id }, { status: comment.status, article: comment.article.slug });
  });
  deps.changes.notify(commentsChanged(comment.articleId));
}
