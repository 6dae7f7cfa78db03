import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 signatures for values we hand to the browser. `purpose` is signed along with the
 * payload, so a value signed for one use (a form token) cannot be replayed as another (a cookie)
 * even though both use the site secret.
 */
export function sign(secret: string | Buffer, purpose: string, payload: string): string {
  if (secret.length === 0) throw new Error('A signing secret is required.');
  return createHmac('sha256', secret).update(`${purpose}\n${payload}`).digest('base64url');
}

/** Constant-time comparison; a signature of the wrong length is simply not equal. */
export function hasValidSignature(secret: string | Buffer, purpose: string, payload: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, purpose, payload));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
