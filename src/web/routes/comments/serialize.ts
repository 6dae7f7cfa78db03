import type { CommentThread, PublicComment, StoredComment } from '../../../comments/index.js';

/** The public wire shape of a threaded comment: a promise to API clients, separate from the row. */
export function serializeThread(thread: CommentThread<PublicComment>, permalinkBase: string): Record<string, unknown> {
  const c = thread.comment;
  return {
    id: c.id,
    parentId: c.parentId,
    depth: thread.depth,
    inReplyTo: thread.replyingTo ? { id: thread.replyingTo.id, authorName: thread.replyingTo.authorName } : null,
    author: { name: c.authorName, url: c.authorUrl, isStaff: c.isStaff },
    html: c.contentHtml,
    createdAt: c.createdAt.toISOString(),
    url: `${permalinkBase}#comment-${c.id}`,
    replies: thread.replies.map((r) => serializeThread(r, permalinkBase)),
  };
}

/** What moderators see over the API, personal data included (the API needs a staff sign-in). */
export function serializeForModerator(c: StoredComment): Record<string, unknown> {
  return {
    id: c.id,
    status: c.status,
    article: c.article,
    parentId: c.parentId,
    author: { name: c.authorName, email: c.authorEmail, url: c.authorUrl, isStaff: c.isStaff, userId: c.userId },
    content: c.content,
    html: c.contentHtml,
    spamScore: c.spamScore,
    spamReasons: c.spamReasons,
    flags: c.flags,
    ip: c.ip,
    userAgent: c.userAgent,
    referrer: c.referrer,
    createdAt: c.createdAt.toISOString(),
    moderatedAt: c.moderatedAt?.toISOString() ?? null,
    moderatedBy: c.moderatedBy,
  };
}
