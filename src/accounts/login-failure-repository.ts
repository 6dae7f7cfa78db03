import type { Db } from '../db/dialect.js';

export function createLoginFailureRepository(db: Db) {
  return {
    find(key: string) {
      return db.selectFrom('login_failure').select(['failures', 'window_started_at', 'locked_until']).where('key', '=', key).executeTakeFirst();
    },
    async save(key: string, values: { failures: number; windowStartedAt: string; lockedUntil: string | null }): Promise<void> {
      const row = { failures: values.failures, window_started_at: values.windowStartedAt, locked_until: values.lockedUntil };
      await db
        .insertInto('login_failure')
        .values({ key, ...row })
        .onConflict((oc) => oc.column('key').doUpdateSet(row))
        .execute();
    },
    async clear(key: string): Promise<void> {
      await db.deleteFrom('login_failure').where('key', '=', key).execute();
    },
  };
}
