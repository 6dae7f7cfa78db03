import { describe, expect, it } from 'vitest';
import {
  addPendingCommentId,
  PENDING_COOKIE_MAX_IDS,
  readPendingCommentIds,
  signPendingCommentIds,
} from '../../src/comments/pending-cookie.js';
import { issueFormToken } from '../../src/comments/form-token.js';

const secret = 'cookie-secret';

describe('pending comments cookie', () => {
  it('round-trips ids in a cookie-safe value', () => {
    const value = signPendingCommentIds(secret, [12, 40, 41]);
    expect(value).toMatch(/^[0-9-]+\.[A-Za-z0-9_-]+$/);
    expect(readPendingCommentIds(secret, value)).toEqual([12, 40, 41]);
  });

  it('adds ids, without repeats, keeping only the last 20', () => {
    let value: string | undefined;
    for (let id = 1; id <= 25; id++) value = addPendingCommentId(secret, value, id);
    value = addPendingCommentId(secret, value, 24);
    const ids = readPendingCommentIds(secret, value);
    expect(ids).toHaveLength(PENDING_COOKIE_MAX_IDS);
    expect(ids[0]).toBe(6);
    expect(ids.slice(-2)).toEqual([25, 24]);
  });

  it('reads nothing from a missing, tampered or foreign value, and starts afresh from it', () => {
    const value = signPendingCommentIds(secret, [5]);
    const [, signature] = value.split('.');
    expect(readPendingCommentIds(secret, undefined)).toEqual([]);
    expect(readPendingCommentIds(secret, `6.${signature}`)).toEqual([]);
    expect(readPendingCommentIds('other-secret', value)).toEqual([]);
    expect(readPendingCommentIds(secret, 'not a cookie')).toEqual([]);
    expect(readPendingCommentIds(secret, addPendingCommentId(secret, `6.${signature}`, 9))).toEqual([9]);
  });

  it('does not accept a form token as a cookie, though both use the same secret', () => {
    const token = issueFormToken(secret, new Date('2025-01-01T00:00:00Z'), 5);
    expect(readPendingCommentIds(secret, token)).toEqual([]);
  });

  it('signs an empty list and drops non-ids', () => {
    expect(readPendingCommentIds(secret, signPendingCommentIds(secret, []))).toEqual([]);
    expect(readPendingCommentIds(secret, signPendingCommentIds(secret, [0, -1, 1.5, 3]))).toEqual([3]);
  });
});
