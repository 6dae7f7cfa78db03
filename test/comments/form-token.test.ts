import { describe, expect, it } from 'vitest';
import { issueFormToken, verifyFormToken } from '../../src/comments/form-token.js';

const secret = 'test-secret-of-reasonable-length';
const issuedAt = new Date('2025-03-01T10:00:00Z');
const later = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);
const token = issueFormToken(secret, issuedAt, 7);

describe('form tokens', () => {
  it('accepts a token after the minimum and reports the seconds taken', () => {
    expect(verifyFormToken(secret, token, later(42.5), 7)).toEqual({ ok: true, secondsToSubmit: 42.5 });
    expect(verifyFormToken(secret, token, later(3), 7)).toEqual({ ok: true, secondsToSubmit: 3 });
  });

  it('refuses a submission faster than minSeconds', () => {
    expect(verifyFormToken(secret, token, later(2.9), 7)).toEqual({ ok: false, reason: 'too-fast' });
    expect(verifyFormToken(secret, token, later(0), 7)).toEqual({ ok: false, reason: 'too-fast' });
    expect(verifyFormToken(secret, token, later(8), 7, { minSeconds: 10 })).toEqual({ ok: false, reason: 'too-fast' });
  });

  it('expires after maxAgeHours', () => {
    expect(verifyFormToken(secret, token, later(24 * 3600), 7).ok).toBe(true);
    expect(verifyFormToken(secret, token, later(24 * 3600 + 1), 7)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyFormToken(secret, token, later(2 * 3600 + 1), 7, { maxAgeHours: 2 })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token for another Article or signed with another secret', () => {
    expect(verifyFormToken(secret, token, later(60), 8)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyFormToken('another-secret', token, later(60), 7)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a tampered timestamp or signature', () => {
    const [time, signature] = token.split('.');
    const backdated = `${Number(time) - 3_600_000}.${signature}`;
    expect(verifyFormToken(secret, backdated, later(60), 7)).toEqual({ ok: false, reason: 'invalid' });
    const flipped = `${time}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect(verifyFormToken(secret, flipped, later(60), 7)).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each(['', 'garbage', '123', '123.', '.abc', `${'9'.repeat(20)}.x`, 'abc.def'])('refuses the malformed token %j', (bad) => {
    expect(verifyFormToken(secret, bad, later(60), 7)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('tolerates a minute of clock skew between servers but not more', () => {
    const fromTheFuture = issueFormToken(secret, later(30), 7);
    expect(verifyFormToken(secret, fromTheFuture, issuedAt, 7)).toEqual({ ok: false, reason: 'too-fast' });
    const farFuture = issueFormToken(secret, later(120), 7);
    expect(verifyFormToken(secret, farFuture, issuedAt, 7)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses to sign without a secret', () => {
    expect(() => issueFormToken('', issuedAt, 7)).toThrow('secret');
  });
});
