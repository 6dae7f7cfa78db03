import type { Db } from '../db/dialect.js';

export function createSettingsRepository(db: Db) {
  return {
    async readAll(): Promise<Record<string, string>> {
      const rows = await db.selectFrom('site_setting').select(['key', 'value']).execute();
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    },
    async write(key: string, value: string): Promise<void> {
      await db
        .insertInto('site_setting')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
