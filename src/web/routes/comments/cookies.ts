import type { FastifyReply, FastifyRequest } from 'fastify';

/** The signed list of a reader's own pending comments (comments/pending-cookie.ts). */
export const PENDING_COOKIE = 'bs_pending';
const MAX_AGE_SECONDS = 7 * 86_400;

/** One cookie's value from the Cookie header, or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

/**
 * True when the request carries a pending-comment cookie: such a reader may see their own
 * pending comment, so the page cache must not answer for them (the route decides what to show).
 */
export function hasPendingCommentCookie(request: FastifyRequest): boolean {
  return request.headers.cookie?.includes(`${PENDING_COOKIE}=`) === true;
}

export function setPendingCookie(request: FastifyRequest, reply: FastifyReply, value: string): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  reply.header('set-cookie', `${PENDING_COOKIE}=${value}; Path=/; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`);
}
