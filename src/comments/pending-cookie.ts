import type { CommentId } from './comment.js';
import { hasValidSignature, sign } from '../shared/signature.js';

const PURPOSE = 'broadsheet:pending-comments:v1';
/** Only the most recent ids are kept, which bounds the cookie to well under 300 bytes. */
export const PENDING_COOKIE_MAX_IDS = 20;

function isCommentId(value: unknown): value is CommentId {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * Signs a cookie value listing the Commenter's own pending comments (`<ids>.<HMAC>`, ids as
 * `12-40-41`), so the Article page can show them to that browser alone. Keeps the last
 * `PENDING_COOKIE_MAX_IDS`, without repeats, in the order given. The value is safe to put in a
 * cookie as it is. Whoever holds the cookie sees those comments, nothing more.
 */
export function signPendingCommentIds(secret: string | Buffer, ids: readonly CommentId[]): string {
  const unique = [...new Set(ids.filter(isCommentId))].slice(-PENDING_COOKIE_MAX_IDS);
  const payload = unique.join('-');
  return `${payload}.${sign(secret, PURPOSE, payload)}`;
}

/** The ids in a signed value; an empty list for a missing, malformed or tampered value (never throws). */
export function readPendingCommentIds(secret: string | Buffer, value: string | undefined): CommentId[] {
  const match = /^((?:\d{1,16}(?:-\d{1,16}){0,19})?)\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!match) return [];
  const [, payload, signature] = match;
  if (!hasValidSignature(secret, PURPOSE, payload, signature)) return [];
  return payload === '' ? [] : payload.split('-').map(Number).filter(isCommentId);
}

/** The cookie value after the Commenter posts comment `id`: the old ids (if validly signed) plus this one, last 20 kept. */
export function addPendingCommentId(secret: string | Buffer, value: string | undefined, id: CommentId): string {
  const ids = readPendingCommentIds(secret, value).filter((existing) => existing !== id);
  return signPendingCommentIds(secret, [...ids, id]);
}
