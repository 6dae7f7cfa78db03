import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../shared/errors.js';

/** Stable codes of the comments domain; the web layer maps each error's `kind` to a status. */
export const commentErrorCodes = {
  duplicate: 'COMMENT_DUPLICATE',
  invalidPage: 'COMMENTS_PAGE_INVALID',
  invalidSettings: 'COMMENTS_SETTINGS_INVALID',
} as const;

/** 409: the same Commenter already posted the same text on this Article (see duplicate.ts). */
export function duplicateCommentError(details: Record<string, unknown> = {}): ConflictError {
  return new ConflictError(commentErrorCodes.duplicate, 'Duplicate comment detected', { details });
}

export function invalidPageError(details: Record<string, unknown>): InvalidError {
  return new InvalidError(commentErrorCodes.invalidPage, 'That page of comments does not exist.', { details });
}

export function invalidSettingsError(details: Record<string, unknown>): InvalidError {
  return new InvalidError(commentErrorCodes.invalidSettings, 'The moderation settings are not valid.', { details });
}

export function commentsClosedError(details: Record<string, unknown> = {}): ForbiddenError {
  return new ForbiddenError('COMMENTS_CLOSED', 'Comments are closed on this article.', { details });
}

/** The same answer for a filled honeypot and a blocklist rejection, so a bot learns nothing. */
export function commentRejectedError(details: Record<string, unknown> = {}): ForbiddenError {
  return new ForbiddenError('COMMENT_REJECTED', 'Your comment could not be accepted.', { details });
}

export function commentNotFoundError(id: number): NotFoundError {
  return new NotFoundError('COMMENT_NOT_FOUND', `There is no comment ${id}.`, { details: { id } });
}

export function statusConflictError(id: number, message: string): ConflictError {
  return new ConflictError('COMMENT_STATUS_CONFLICT', `Comment ${id} ${message}.`, { details: { id } });
}
