import type { Actor } from '../shared/actor.js';
import type { CommentServiceDeps } from './comment-deps.js';
import { createCommentRepository } from './comment-repository.js';
import { assertCan } from '../shared/permissions.js';
import type { TrainingExample } from './spam-checker.js';
import { withArticles } from './with-articles.js';

export interface CommenterExport {
  email: string;
  exportedAt: string;
  comments: {
    id: number;
    article: { title: string; url: string | null };
    parentId: number | null;
    status: string;
    authorName: string;
    authorEmail: string;
    authorUrl: string | null;
    content: string;
    ip: string | null;
    userAgent: string | null;
    referrer: string | null;
    createdAt: string;
    moderatedAt: string | null;
    spamScore: number | null;
    spamReasons: string[];
    flags: string[];
  }[];
  /** Examples the spam filter keeps from this address's comments. */
  trainingExamples: TrainingExample[];
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Everything stored about the comments written under `email` (matched case-insensitively),
 * with the spam filter's training examples filed under it, for a Commenter's access request.
 * Owner and admin only (and system actors such as the CLI). The export itself is audited
 * without the address.
 */
export async function exportCommenterData(deps: CommentServiceDeps, actor: Actor, email: string): Promise<CommenterExport> {
  assertCan(actor, 'commenters.manage');
  const address = normaliseEmail(email);
  const rows = address === '' ? [] : await createCommentRepository(deps.db).listStoredByEmail(address);
  const trainingExamples = (address === '' ? undefined : await deps.trainingData?.listByEmail(deps.db, address)) ?? [];
  const comments = await withArticles(deps, rows);
  await deps.audit.record(deps.db, actor, 'comments.export', { type: 'commenter', id: 'by-email' }, { comments: rows.length, trainingExamples: trainingExamples.length });
  return {
    email: address,
    exportedAt: deps.clock.now().toISOString(),
    comments: comments.map((c) => ({
      id: c.id,
      article: { title: c.article.title, url: c.articlePath === null ? null : `${deps.baseUrl ?? ''}${c.articlePath}` },
      parentId: c.parentId,
      status: c.status,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      authorUrl: c.authorUrl,
      content: c.content,
      ip: c.ip,
      userAgent: c.userAgent,
      referrer: c.referrer,
      createdAt: c.createdAt.toISOString(),
      moderatedAt: c.moderatedAt?.toISOString() ?? null,
      spamScore: c.spamScore,
      spamReasons: c.spamReasons,
      flags: c.flags,
    })),
    trainingExamples,
  };
}

export interface EraseOutcome {
  /** Comments anonymised or deleted. */
  count: number;
  /** Spam filter training examples anonymised or deleted with them. */
  trainingExamples: number;
  deleted: boolean;
}

/**
 * Erases a Commenter's data. By default anonymises every comment under `email`: the text
 * stays, the name becomes "Anonymous", and email, website, IP, user agent and referrer are
 * dropped. With `delete`, removes the comments (replies by others move up a level). The spam
 * filter's training examples under `email` get the same treatment. Audited with the counts
 * only, not the address.
 */
export async function eraseCommenterData(deps: CommentServiceDeps, actor: Actor, email: string, options: { delete?: boolean } = {}): Promise<EraseOutcome> {
  assertCan(actor, 'commenters.manage');
  const address = normaliseEmail(email);
  const deleted = Boolean(options.delete);
  if (address === '') return { count: 0, trainingExamples: 0, deleted };
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const repo = createCommentRepository(trx);
    const count = deleted ? await repo.deleteWithReparent(await repo.idsByEmail(address)) : await repo.anonymiseByEmail(address);
    const examples = deps.trainingData;
    const trainingExamples = !examples ? 0 : deleted ? await examples.deleteByEmail(trx, address) : await examples.anonymiseByEmail(trx, address);
    await deps.audit.record(trx, actor, deleted ? 'comments.erase.delete' : 'comments.erase.anonymise', { type: 'commenter', id: 'by-email' }, { comments: count, trainingExamples });
    return { count, trainingExamples, deleted };
  });
  if (outcome.count > 0) deps.changes.notify('comments');
  return outcome;
}
