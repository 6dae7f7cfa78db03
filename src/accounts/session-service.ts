import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor, Role } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import { assertSelfOrManager } from './self-or-manager.js';
import { createSessionRepository } from './session-repository.js';
import { hashToken, newToken } from './tokens.js';
import type { StaffIdentity } from './user-service.js';

/** Sessions end after 14 days without use; each use pushes the end forward. */
export const SESSION_LIFETIME_MS = 14 * 86_400_000;
// Writing the sliding expiry on every request would make each admin page a write; once a
// minute is as good for a 14-day window.
const TOUCH_AFTER_MS = 60_000;
/** Sessions are named on a user's page by this many hex digits of their hash. */
const SESSION_REF_LENGTH = 16;

export interface LiveSession {
  /** Stable and safe to show: a prefix of the token's hash, never the token. */
  ref: string;
  user: StaffIdentity;
  expiresAt: Date;
}

export interface SessionListing {
  ref: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export function createSessionService(deps: { db: Db; clock: Clock; audit: AuditService }) {
  const sessions = createSessionRepository(deps.db);
  return {
    async start(userId: number, client: { ip?: string; userAgent?: string } = {}): Promise<{ token: string; expiresAt: Date }> {
      const { token, hash } = newToken();
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
      await sessions.insert({ tokenHash: hash, userId, now: now.toISOString(), expiresAt: expiresAt.toISOString(), ip: client.ip ?? null, userAgent: client.userAgent?.slice(0, 300) ?? null });
      return { token, expiresAt };
    },

    /** The session a cookie names, slid forward, or null when unknown, expired, revoked or its user deactivated. */
    async resume(token: string): Promise<LiveSession | null> {
      if (!token) return null;
      const hash = hashToken(token);
      const now = deps.clock.now();
      const row = await sessions.findLive(hash, now.toISOString());
      if (!row) return null;
      let expiresAt = new Date(row.expires_at);
      if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
        expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
        await sessions.touch(hash, now.toISOString(), expiresAt.toISOString());
      }
      return { ref: hash.slice(0, SESSION_REF_LENGTH), user: { id: row.id, email: row.email, name: row.name, role: row.role as Role }, expiresAt };
    },

    async end(token: string): Promise<void> {
      await sessions.delete(hashToken(token));
    },

    /** A user's live sessions, for that user or someone with `users.manage`. */
    async listFor(actor: Actor, userId: number): Promise<SessionListing[]> {
      assertSelfOrManager(actor, userId);
      return this.list(userId);
    },

    async list(userId: number): Promise<SessionListing[]> {
      const rows = await sessions.listForUser(userId, deps.clock.now().toISOString());
      return rows.map((r) => ({
        ref: r.token_hash.slice(0, SESSION_REF_LENGTH),
        createdAt: new Date(r.created_at),
        lastSeenAt: new Date(r.last_seen_at),
        ip: r.ip,
        userAgent: r.user_agent,
      }));
    },

    /** Signs one of a user's sessions out: the user themself, or someone with `users.manage`. Audited. */
    async revoke(actor: Actor, userId: number, ref: string): Promise<void> {
      assertSelfOrManager(actor, userId);
      await deps.db.transaction().execute(async (trx) => {
        if (!/^[0-9a-f]{16}$/.test(ref) || (await createSessionRepository(trx).deleteByPrefix(userId, ref)) === 0) {
          throw new NotFoundError('SESSION_NOT_FOUND', 'That session has already ended.');
        }
        await deps.audit.record(trx, actor, 'user.session.revoke', { type: 'user', id: userId }, { session: ref });
      });
    },

    revokeAll: (userId: number) => sessions.deleteAllForUser(userId),
    purgeExpired: () => sessions.deleteExpired(deps.clock.now().toISOString()),
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
