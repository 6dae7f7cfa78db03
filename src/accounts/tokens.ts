import { createHash, randomBytes } from 'node:crypto';

/**
 * A secret for the browser (session cookie, reset or invite link) and the SHA-256 we keep of
 * it. 32 random bytes cannot be guessed, so a fast unsalted hash is enough; storing only the
 * hash means a copy of the database signs nobody in.
 */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
