import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveSession } from '../../accounts/index.js';
import type { AppContext } from '../../boot.js';
import type { Actor } from '../../shared/actor.js';
import { ForbiddenError } from '../../shared/errors.js';
import { assertCan, type Permission } from '../../shared/permissions.js';
import { readCookie, setCookie } from '../cookies.js';
import { csrfToken, isValidCsrfToken } from './csrf.js';

export const SESSION_COOKIE = 'bs_session';
/** Binds the CSRF token of forms shown before sign-in (login, reset and invitation links). */
const PRE_SESSION_COOKIE = 'bs_presession';

/** Who is signed in to the admin for this request, and the token their forms must carry. */
export interface AdminVisitor {
  session: LiveSession | null;
  actor: Extract<Actor, { kind: 'user' }> | null;
  csrf: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin: AdminVisitor;
  }
}

/**
 * Reads the session cookie of an admin request. A session cookie that no longer names a live
 * session (expired, revoked, user deactivated) is cleared. Without a session the visitor gets
 * a pre-session cookie so the login form can carry a CSRF token too.
 */
export async function identifyVisitor(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<AdminVisitor> {
  const token = readCookie(request, SESSION_COOKIE);
  const session = token ? await ctx.sessions.resume(token) : null;
  if (session) {
    // The session slid forward: so does the cookie.
    setSessionCookie(request, reply, token as string, session.expiresAt, ctx.clock.now());
    return { session, actor: { kind: 'user', userId: session.user.id, role: session.user.role }, csrf: csrfToken(ctx.secret, session.ref) };
  }
  if (token) setCookie(request, reply, SESSION_COOKIE, '', { path: '/', maxAgeSeconds: 0 });
  let binding = readCookie(request, PRE_SESSION_COOKIE);
  if (!binding || !/^[A-Za-z0-9_-]{22,64}$/.test(binding)) {
    binding = randomBytes(18).toString('base64url');
    setCookie(request, reply, PRE_SESSION_COOKIE, binding, { path: '/admin', maxAgeSeconds: 86_400 });
  }
  return { session: null, actor: null, csrf: csrfToken(ctx.secret, binding) };
}

/** Refuses a state-changing admin request whose `_csrf` field (or X-CSRF-Token header) is not this visitor's. */
export function assertCsrf(ctx: AppContext, request: FastifyRequest): void {
  const body = request.body as Record<string, unknown> | undefined;
  const given = body?._csrf ?? request.headers['x-csrf-token'];
  const binding = request.admin.session?.ref ?? readCookie(request, PRE_SESSION_COOKIE) ?? '';
  if (!isValidCsrfToken(ctx.secret, binding, given)) {
    throw new ForbiddenError('CSRF_INVALID', 'This form has expired or did not come from this site. Go back, reload the page and submit it again.');
  }
}

/** Cookie path `/`: staff comment on the public site under their account with the same session. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date, now: Date): void {
  const maxAgeSeconds = Math.max(0, Math.round((expiresAt.getTime() - now.getTime()) / 1000));
  setCookie(request, reply, SESSION_COOKIE, token, { path: '/', maxAgeSeconds });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  setCookie(request, reply, SESSION_COOKIE, '', { path: '/', maxAgeSeconds: 0 });
}

/** The signed-in actor, or a redirect to the login page (answered here; the caller returns). */
export function signedInActor(request: FastifyRequest, reply: FastifyReply): Extract<Actor, { kind: 'user' }> | null {
  const { actor } = request.admin;
  if (actor) return actor;
  const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
  reply.redirect(`/admin/login${next}`, 303);
  return null;
}

/**
 * A preHandler for a screen: signed-out visitors go to the login page; signed-in ones without
 * the permission get the 403 page. The services check again; this only picks the right page.
 */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = signedInActor(request, reply);
    if (!actor) return reply;
    assertCan(actor, permission);
  };
}

/** The signed-in actor inside a handler guarded by `requirePermission`. */
export function actorOf(request: FastifyRequest): Extract<Actor, { kind: 'user' }> {
  const { actor } = request.admin;
  if (!actor) throw new ForbiddenError('SIGNED_OUT', 'Sign in first.');
  return actor;
}
