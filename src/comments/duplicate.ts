import { createHash } from 'node:crypto';

export interface DuplicateKeyInput {
  authorEmail: string;
  articleId: number;
  content: string;
}

/**
 * Text as compared for duplicates: compatibility forms unified (NFKC), case folded (so
 * "STRASSE" equals "straße"), whitespace runs collapsed to one space, ends trimmed.
 */
export function normaliseForDuplicate(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * A hex SHA-256 that is equal for "the same Commenter posting the same text on the same
 * Article": email compared case-insensitively, text as `normaliseForDuplicate` gives it. Store
 * it in a unique index and answer a violation with `duplicateCommentError()` (409). The fields
 * are JSON-encoded before hashing so no choice of values can collide across field boundaries.
 */
export function duplicateCommentHash(input: DuplicateKeyInput): string {
  const key = JSON.stringify(['v1', input.authorEmail.trim().toLowerCase(), input.articleId, normaliseForDuplicate(input.content)]);
  return createHash('sha256').update(key).digest('hex');
}
