import { hasValidSignature, sign } from '../../shared/signature.js';

/**
 * CSRF tokens for admin forms: an HMAC of something only this browser holds — its session
 * (signed in) or a random pre-session cookie (the login and link forms) — so a page on another
 * site can neither read nor forge one. SameSite=Lax cookies are the first line; this is the second.
 */
export function csrfToken(secret: string, binding: string): string {
  return sign(secret, 'admin-csrf', binding);
}

export function isValidCsrfToken(secret: string, binding: string, token: unknown): boolean {
  return typeof token === 'string' && token.length > 0 && binding.length > 0 && hasValidSignature(secret, 'admin-csrf', binding, token);
}
