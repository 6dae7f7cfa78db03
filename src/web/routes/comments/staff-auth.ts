import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import type { Actor } from '../../../shared/actor.js';
import { SESSION_COOKIE } from '../../admin/auth.js';
import { readCookie } from '../../cookies.js';

export interface StaffSignIn {
  actor: Extract<Actor, { kind: 'user' }>;
  name: string;
  email: string;
}

/**
 * The staff member signed in to the admin (session cookie), or named by HTTP Basic credentials
 * (email:password) in the Authorization header (API clients). `absent` when neither was sent;
 * `invalid` when Basic credentials do not match an active account. Roles are checked by the
 * service, not here. Use Basic over HTTPS only.
 */
export async function staffFromRequest(ctx: AppContext, request: FastifyRequest): Promise<StaffSignIn | 'absent' | 'invalid'> {
  const token = readCookie(request, SESSION_COOKIE);
  const session = token ? await ctx.sessions.resume(token) : null;
  if (session) return { actor: { kind: 'user', userId: session.user.id, role: session.user.role }, name: session.user.name, email: session.user.email };
  const header = request.headers.authorization;
  if (!header) return 'absent';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return 'invalid';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return 'invalid';
  const identity = await ctx.users.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
  if (!identity) return 'invalid';
  return { actor: { kind: 'user', userId: identity.id, role: identity.role }, name: identity.name, email: identity.email };
}

export function sendUnauthorized(reply: FastifyReply): FastifyReply {
  return reply
    .code(401)
    .header('www-authenticate', 'Basic realm="Broadsheet staff", charset="UTF-8"')
    .header('cache-control', 'no-store')
    .send({ error: { code: 'UNAUTHENTICATED', message: 'Sign in with a staff email and password (HTTP Basic).' } });
}

/** For routes that need staff: the signed-in actor, or a 401 already sent. */
export async function requireStaff(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<StaffSignIn | null> {
  const staff = await staffFromRequest(ctx, request);
  if (staff === 'absent' || staff === 'invalid') {
    sendUnauthorized(reply);
    return null;
  }
  return staff;
}
