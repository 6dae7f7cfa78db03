import { InvalidError } from './errors.js';

/** Opaque cursor for keyset pagination over (published_at, id), newest first. */
export interface Cursor {
  publishedAt: string;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.publishedAt}|${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const [publishedAt, id] = text.split('|');
  const numericId = Number(id);
  if (!publishedAt || Number.isNaN(Date.parse(publishedAt)) || !Number.isInteger(numericId) || numericId < 1) {
    throw new InvalidError('CURSOR_INVALID', 'The cursor parameter is not valid; use the nextCursor value from a previous page.');
  }
  return { publishedAt, id: numericId };
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
