import { type Article, articlePath, isPubliclyVisible } from '../content/index.js';
import type { Actor } from '../shared/actor.js';
import { commentsChanged } from '../shared/change-notifier.js';
import { isBroadsheetError, NotFoundError } from '../shared/errors.js';
import { checkWithTimeout } from './check-with-timeout.js';
import type { CommentId, CommentStatus } from './comment.js';
import type { CommentServiceDeps } from './comment-deps.js';
import { type CommentInput, validateCommentInput } from './comment-input.js';
import { createCommentRepository } from './comment-repository.js';
import { commentsOpenFor, rateLimitRules } from './comment-settings.js';
import type { CommentSettingsStore } from './comment-settings-store.js';
import { renderCommentText } from './comment-text.js';
import { duplicateCommentHash } from './duplicate.js';
import { commentRejectedError, commentsClosedError, duplicateCommentError } from './errors.js';
import { verifyFormToken } from './form-token.js';
import { moderateComment } from './moderation/pipeline.js';
import type { RateLimiter } from '../shared/rate-limit/rate-limit.js';
import type { SpamCheckInput } from './spam-checker.js';

/** A form-level or field-level problem, shown beside the field (or above the form for `form`). */
export interface SubmitError {
  field: keyof CommentInput | 'form';
  message: string;
}

export type Commenter = { kind: 'guest' } | { kind: 'staff'; actor: Extract<Actor, { kind: 'user' }>; name: string; email: string };

export interface SubmitCommentRequest {
  article: { id: number } | { slug: string };
  /** Raw fields as sent: content, authorName, authorEmail, authorUrl, parentId. */
  fields: unknown;
  commenter: Commenter;
  client: { ip: string; userAgent?: string; referrer?: string };
  /**
   * What proves a person filled in the form: the signed token and the honeypot field. An API
   * client presenting a valid key sends `apiKey` instead and may omit both.
   */
  form: { token?: string; honeypot?: string; apiKey?: string };
}

export type SubmitCommentOutcome =
  | { kind: 'stored'; id: CommentId; status: CommentStatus; article: Article }
  | { kind: 'invalid'; errors: SubmitError[]; article: Article }
  | { kind: 'rate-limited'; retryAfterSeconds: number; article: Article };

const tokenMessages = {
  'too-fast': 'That was quick! Please take a few seconds to read your comment, then send it again.',
  expired: 'The comment form had expired. Please send your comment again.',
  invalid: 'The comment form was not valid. Please send your comment again.',
} as const;

async function resolveArticle(deps: CommentServiceDeps, ref: SubmitCommentRequest['article'], now: Date): Promise<Article> {
  const article = await ('id' in ref ? deps.content.articles.byId(ref.id) : deps.content.articles.bySlug(ref.slug)).catch((error: unknown) => {
    if (isBroadsheetError(error) && error.kind === 'not_found') return null;
    throw error;
  });
  if (!article || !isPubliclyVisible(article, now)) throw new NotFoundError('ARTICLE_NOT_FOUND', 'No such article');
  return article;
}

/**
 * Accepts a comment. Order matters: the Article must take comments (403 `COMMENTS_CLOSED`);
 * the fields and, for people without a key, the form token must be valid (returned as
 * `invalid`); a filled honeypot is refused (403 `COMMENT_REJECTED`, nothing stored); guests are
 * rate-limited per IP; the same Commenter's same text on the same Article is a 409. Then the
 * comment is written as `pending` before any spam check, so a failing or slow checker leaves
 * it pending with a flag and nothing is lost; the moderation pipeline decides its status. A
 * blocklist rejection keeps the comment in the trash and answers 403 `COMMENT_REJECTED`.
 */
export async function submitComment(
  deps: CommentServiceDeps,
  settingsStore: CommentSettingsStore,
  limiterFor: (rules: ReturnType<typeof rateLimitRules>) => RateLimiter,
  request: SubmitCommentRequest,
): Promise<SubmitCommentOutcome> {
  const now = deps.clock.now();
  const article = await resolveArticle(deps, request.article, now);
  const settings = await settingsStore.get();
  const open = commentsOpenFor(article, settings, now);
  if (!open.open) throw commentsClosedError({ articleId: article.id, reason: open.reason });

  const { commenter, client, form } = request;
  const guest = commenter.kind === 'guest';
  const validated = validateCommentInput(request.fields, { guest });
  const errors: SubmitError[] = validated.ok ? [] : [...validated.errors];

  const trusted = !guest || (form.apiKey !== undefined && (await deps.apiKeys?.verify(form.apiKey)) === true);
  const honeypotFilled = (form.honeypot ?? '').trim() !== '';
  let secondsToSubmit: number | undefined;
  if (!trusted) {
    if (honeypotFilled) throw commentRejectedError({ reason: 'honeypot' });
    const check = verifyFormToken(deps.secret, form.token ?? '', now, article.id, { minSeconds: settings.minSecondsToSubmit });
    if (check.ok) secondsToSubmit = check.secondsToSubmit;
    else errors.unshift({ field: 'form', message: tokenMessages[check.reason] });
  }
  if (!validated.ok || errors.length > 0) return { kind: 'invalid', errors, article };
  const input = validated.value;

  const repo = createCommentRepository(deps.db);
  if (input.parentId !== undefined) {
    const parent = await repo.findParent(input.parentId);
    if (!parent || parent.article_id !== article.id || parent.status !== 'approved') {
      return { kind: 'invalid', errors: [{ field: 'parentId', message: 'The comment you replied to was not found.' }], article };
    }
  }

  if (guest) {
    const decision = await limiterFor(rateLimitRules(settings)).hit(`comment:ip:${client.ip}`);
    if (!decision.allowed) return { kind: 'rate-limited', retryAfterSeconds: decision.retryAfterSeconds, article };
  }

  const authorName = commenter.kind === 'staff' ? commenter.name : (input.authorName ?? '');
  const authorEmail = (commenter.kind === 'staff' ? commenter.email : (input.authorEmail ?? '')).toLowerCase();
  const id = await repo.insertPending({
    articleId: article.id,
    parentId: input.parentId ?? null,
    userId: commenter.kind === 'staff' ? commenter.actor.userId : null,
    authorName,
    authorEmail,
    authorUrl: input.authorUrl ?? null,
    content: input.content,
    contentHtml: renderCommentText(input.content),
    ip: client.ip || null,
    userAgent: client.userAgent?.slice(0, 500) || null,
    referrer: client.referrer?.slice(0, 2000) || null,
    duplicateHash: duplicateCommentHash({ authorEmail, articleId: article.id, content: input.content }),
    createdAt: now.toISOString(),
  });
  if (id === null) throw duplicateCommentError({ articleId: article.id });

  // From here the comment is stored: whatever fails, it stays pending for a moderator.
  try {
    const status = await decide(deps, settings.moderation, repo, id, commenter, {
      content: input.content,
      authorName,
      authorEmail,
      authorUrl: input.authorUrl,
      ip: client.ip,
      userAgent: client.userAgent,
      referrer: client.referrer,
      articleUrl: `${deps.baseUrl ?? ''}${articlePath(article)}`,
      secondsToSubmit,
      honeypotFilled,
    });
    if (status === 'approved') deps.changes.notify(commentsChanged(article.id));
    if (status === 'rejected') throw commentRejectedError({ id, reason: 'blocklist' });
    return { kind: 'stored', id, status, article };
  } catch (error) {
    if (isBroadsheetError(error) && error.code === 'COMMENT_REJECTED') throw error;
    deps.log.error({ err: error, commentId: id }, 'moderating a new comment failed; it stays pending');
    return { kind: 'stored', id, status: 'pending', article };
  }
}

async function decide(
  deps: CommentServiceDeps,
  moderation: Parameters<typeof moderateComment>[0]['settings'],
  repo: ReturnType<typeof createCommentRepository>,
  id: CommentId,
  commenter: Commenter,
  checkInput: SpamCheckInput,
): Promise<CommentStatus | 'rejected'> {
  if (commenter.kind === 'staff') {
    await repo.setVerdict(id, { status: 'approved', spamScore: null, reasons: ['Written by a signed-in staff member.'], flags: [], previousStatus: null });
    return 'approved';
  }
  const [checkResult, priorApprovedCount] = await Promise.all([
    checkWithTimeout(deps.checker, checkInput, { timeoutMs: deps.checkTimeoutMs ?? 500, timer: deps.timer }),
    repo.countApprovedByEmail(checkInput.authorEmail),
  ]);
  if (checkResult.kind === 'failed') deps.log.warn({ commentId: id, reason: checkResult.reason }, 'spam check failed; comment held');
  const decision = moderateComment({
    input: { content: checkInput.content, authorName: checkInput.authorName, authorEmail: checkInput.authorEmail, authorUrl: checkInput.authorUrl, ip: checkInput.ip },
    settings: moderation,
    now: deps.clock.now(),
    priorApprovedCount,
    checkResult,
  });
  const rejected = decision.status === 'rejected';
  await repo.setVerdict(id, {
    status: rejected ? 'trash' : (decision.status as CommentStatus),
    spamScore: checkResult.kind === 'checked' ? checkResult.score : null,
    reasons: decision.reasons,
    flags: decision.flags,
    previousStatus: rejected ? 'pending' : null,
  });
  return rejected ? 'rejected' : (decision.status as CommentStatus);
}
