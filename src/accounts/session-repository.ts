import type { Db } from '../db/dialect.js';

export function createSessionRepository(db: Db) {
  return {
    insert(values: { tokenHash: string; userId: number; now: string; expiresAt: string; ip: string | null; userAgent: string | null }) {
      return db
        .insertInto('user_session')
        .values({
          token_hash: values.tokenHash,
          user_id: values.userId,
          created_at: values.now,
          last_seen_at: values.now,
          expires_at: values.expiresAt,
          ip: values.ip,
          user_agent: values.userAgent,
        })
        .execute();
    },
    /** The session and its user, if both are still valid. */
    findLive(tokenHash: string, now: string) {
      return db
        .selectFrom('user_session')
        .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
        .select(['user_session.token_hash', 'user_session.last_seen_at', 'user_session.expires_at', 'app_user.id', 'app_user.email', 'app_user.name', 'app_user.role'])
        .where('user_session.token_hash', '=', tokenHash)
        .where('user_session.expires_at', '>', now)
        .where('app_user.is_active', '=', 1)
        .executeTakeFirst();
    },
    touch(tokenHash: string, now: string, expiresAt: string) {
      return db.updateTable('user_session').set({ last_seen_at: now, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
    },
    listForUser(userId: number, now: string) {
      return db
        .selectFrom('user_session')
        .select(['token_hash', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
        .where('user_id', '=', userId)
        .where('expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .execute();
    },
    async delete(tokenHash: string): Promise<void> {
      await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
    },
    /** Deletes the user's session whose hash starts with `prefix` (the id shown on their page). */
    async deleteByPrefix(userId: number, prefix: string): Promise<number> {
      const result = await db.deleteFrom('user_session').where('user_id', '=', userId).where('token_hash', 'like', `${prefix}%`).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteAllForUser(userId: number): Promise<void> {
      await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
    },
    async deleteExpired(now: string): Promise<void> {
      await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
    },
  };
}
