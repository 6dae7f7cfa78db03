import type { Db } from '../db/dialect.js';

export type LinkPurpose = 'reset' | 'invite';

export function createUserTokenRepository(db: Db) {
  return {
    async insert(values: { tokenHash: string; userId: number; purpose: LinkPurpose; now: string; expiresAt: string }): Promise<void> {
      await db
        .insertInto('user_token')
        .values({ token_hash: values.tokenHash, user_id: values.userId, purpose: values.purpose, created_at: values.now, expires_at: values.expiresAt })
        .execute();
    },
    /** The user a live link belongs to, without using it up. */
    async findLive(tokenHash: string, purpose: LinkPurpose, now: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('user_token')
        .select('user_id')
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.user_id;
    },
    /** Marks a live link used; one UPDATE, so two submissions of the same link cannot both succeed. */
    async use(tokenHash: string, purpose: LinkPurpose, now: string): Promise<number | undefined> {
      const row = await db
        .updateTable('user_token')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id;
    },
  };
}
