import type { FastifyRequest } from 'fastify';
import { type CommentId, type ModerationAction, moderationActions } from '../../../../comments/index.js';
import { isBroadsheetError, NotFoundError } from '../../../../shared/errors.js';
import { fieldErrorsFrom } from '../../respond.js';
import type { FieldErrors } from '../../views/form.js';

/** The `:id` of a comment route; anything but a plain number is a comment that does not exist. */
export function commentIdParam(request: FastifyRequest): CommentId {
  const raw = (request.params as { id?: string }).id ?? '';
  if (!/^\d{1,15}$/.test(raw)) throw new NotFoundError('COMMENT_NOT_FOUND', 'There is no such comment.');
  return Number(raw);
}

export function isModerationAction(value: unknown): value is ModerationAction {
  return typeof value === 'string' && (moderationActions as readonly string[]).includes(value);
}

/** Positive whole numbers among the posted values; other values are ignored. */
export function commentIds(values: readonly string[]): CommentId[] {
  return values.filter((v) => /^\d{1,15}$/.test(v)).map(Number);
}

/** The comments domain reports several fields at once ({field, message}[]); the forms show each beside its field. */
export function fieldErrorsOf(list: readonly { field: string; message: string }[]): FieldErrors {
  return Object.fromEntries(list.map((e) => [e.field, e.message]));
}

/** A comment edit's failure as messages beside the fields; anything unexpected is rethrown. */
export function commentEditErrors(error: unknown): { errors: FieldErrors; status: number } {
  const listed = isBroadsheetError(error) ? error.details.errors : undefined;
  if (Array.isArray(listed)) return { errors: fieldErrorsOf(listed), status: 400 };
  return fieldErrorsFrom(error);
}
