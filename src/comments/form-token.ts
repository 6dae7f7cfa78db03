import { hasValidSignature, sign } from '../shared/signature.js';

const PURPOSE = 'broadsheet:comment-form:v1';
// Servers behind a load balancer disagree a little about the time; a token "from the future"
// within this allowance is treated as just issued rather than forged.
const CLOCK_SKEW_MS = 60_000;

export type FormTokenCheck =
  | { ok: true; secondsToSubmit: number }
  | { ok: false; reason: 'too-fast' | 'expired' | 'invalid' };

export interface VerifyFormTokenOptions {
  /** Submissions sooner than this after the form was issued are `too-fast`. Default 3. */
  minSeconds?: number;
  /** Tokens older than this are `expired`. Default 24. */
  maxAgeHours?: number;
}

/**
 * A token for the comment form on one Article: `<issued ms>.<HMAC-SHA256>`. It proves when the
 * form was served, not who served it to; it is not single-use (rate limits and the duplicate
 * hash cover repeats).
 */
export function issueFormToken(secret: string | Buffer, now: Date, articleId: number): string {
  const issuedAt = String(now.getTime());
  return `${issuedAt}.${sign(secret, PURPOSE, `${articleId}|${issuedAt}`)}`;
}

/**
 * Checks a token from a submitted form. `invalid`: malformed, tampered, signed with another
 * secret, for another Article, or dated more than a minute ahead. `expired`: older than
 * `maxAgeHours`. `too-fast`: younger than `minSeconds`. On success, `secondsToSubmit` feeds the
 * spam check. The signature is compared in constant time and checked before the dates.
 */
export function verifyFormToken(
  secret: string | Buffer,
  token: string,
  now: Date,
  articleId: number,
  options: VerifyFormTokenOptions = {},
): FormTokenCheck {
  const { minSeconds = 3, maxAgeHours = 24 } = options;
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(typeof token === 'string' ? token : '');
  if (!match) return { ok: false, reason: 'invalid' };
  const [, issuedAt, signature] = match;
  if (!hasValidSignature(secret, PURPOSE, `${articleId}|${issuedAt}`, signature)) return { ok: false, reason: 'invalid' };
  const ageMs = now.getTime() - Number(issuedAt);
  if (ageMs < -CLOCK_SKEW_MS) return { ok: false, reason: 'invalid' };
  if (ageMs > maxAgeHours * 3_600_000) return { ok: false, reason: 'expired' };
  const secondsToSubmit = Math.max(0, ageMs) / 1000;
  if (secondsToSubmit < minSeconds) return { ok: false, reason: 'too-fast' };
  return { ok: true, secondsToSubmit };
}
