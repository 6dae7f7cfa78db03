import { ConflictError, InvalidError, UnavailableError } from '../shared/errors.js';

/** Stable codes of the comments domain; the web layer maps each error's `kind` to a status. */
export const commentErrorCodes = {
  duplicate: 'COMMENT_DUPLICATE',
  invalidPage: 'COMMENTS_PAGE_INVALID',
  invalidSettings: 'COMMENTS_SETTINGS_INVALID',
  rateLimitUnavailable: 'COMMENTS_RATE_LIMIT_UNAVAILABLE',
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

export function rateLimitUnavailableError(cause: unknown): UnavailableError {
  return new UnavailableError(
    commentErrorCodes.rateLimitUnavailable,
    'Commenting is briefly unavailable. Please try again in a minute.',
    { cause },
  );
}
