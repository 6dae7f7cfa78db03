import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setCookie } from '../../cookies.js';

/** The signed list of a reader's own pending comments (comments/pending-cookie.ts). */
export const PENDING_COOKIE = 'bs_pending';
const MAX_AGE_SECONDS = 7 * 86_400;

/**
 * True when the request carries a pending-comment cookie: such a reader may see their own
 * pending comment, so the page cache must not answer for them (the route decides what to show).
 */
export function hasPendingCommentCookie(request: { headers: IncomingHttpHeaders }): boolean {
  return request.headers.cookie?.includes(`${PENDING_COOKIE}=`) === true;
}

export function setPendingCookie(request: FastifyRequest, reply: FastifyReply, value: string): void {
  setCookie(request, reply, PENDING_COOKIE, value, { path: '/', maxAgeSeconds: MAX_AGE_SECONDS });
}
