import type { Db } from '../../db/dialect.js';

export const COUNTERS = ['checks', 'spam', 'ham', 'missed_spam', 'false_positives'] as const;
export type Counter = (typeof COUNTERS)[number];
export type Counts = Record<Counter, number>;

export interface AkismetKeyRow {
  id: number;
  hint: string;
  siteUrl: string;
  rateLimit: number;
  createdAt: string;
  revokedAt: string | null;
}

const keyColumns = ['id', 'key_hint', 'site_url', 'rate_limit', 'created_at', 'revoked_at'] as const;

function toKey(r: { id: number; key_hint: string; site_url: string; rate_limit: number; created_at: string; revoked_at: string | null }): AkismetKeyRow {
  return { id: r.id, hint: r.key_hint, siteUrl: r.site_url, rateLimit: r.rate_limit, createdAt: r.created_at, revokedAt: r.revoked_at };
}

const zero = (): Counts => ({ checks: 0, spam: 0, ham: 0, missed_spam: 0, false_positives: 0 });

/** All SQL for Akismet API keys and their per-day counters. */
export function createAkismetKeyRepository(db: Db) {
  return {
    async insert(key: { hash: string; hint: string; siteUrl: string; rateLimit: number; createdAt: string }): Promise<void> {
      await db
        .insertInto('akismet_key')
        .values({ key_hash: key.hash, key_hint: key.hint, site_url: key.siteUrl, rate_limit: key.rateLimit, created_at: key.createdAt })
        .execute();
    },

    async findByHash(hash: string): Promise<AkismetKeyRow | undefined> {
      const row = await db.selectFrom('akismet_key').select(keyColumns).where('key_hash', '=', hash).executeTakeFirst();
      return row && toKey(row);
    },

    async list(): Promise<Array<AkismetKeyRow & { counts: Counts }>> {
      const keys = await db.selectFrom('akismet_key').select(keyColumns).orderBy('id').execute();
      const sums = await db
        .selectFrom('akismet_key_day')
        .select((eb) => ['key_id', ...COUNTERS.map((c) => eb.fn.sum<string | number>(c).as(c))])
        .groupBy('key_id')
        .execute();
      const byKey = new Map(sums.map((s) => [s.key_id, s]));
      return keys.map((k) => {
        const s = byKey.get(k.id);
        const counts = zero();
        if (s) for (const c of COUNTERS) counts[c] = Number(s[c] ?? 0);
        return { ...toKey(k), counts };
      });
    },

    /** Marks the key revoked; false when there is no such key or it already was. */
    async revoke(hash: string, at: string): Promise<boolean> {
      const result = await db.updateTable('akismet_key').set({ revoked_at: at }).where('key_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Adds to one day's counters, creating the row on first use. */
    async add(keyId: number, day: string, delta: Partial<Counts>): Promise<void> {
      const values = { ...zero(), ...delta };
      await db
        .insertInto('akismet_key_day')
        .values({ key_id: keyId, day, ...values })
        .onConflict((oc) =>
          oc.columns(['key_id', 'day']).doUpdateSet((eb) => ({
            checks: eb('akismet_key_day.checks', '+', values.checks),
            spam: eb('akismet_key_day.spam', '+', values.spam),
            ham: eb('akismet_key_day.ham', '+', values.ham),
            missed_spam: eb('akismet_key_day.missed_spam', '+', values.missed_spam),
            false_positives: eb('akismet_key_day.false_positives', '+', values.false_positives),
          })),
        )
        .execute();
    },

    /** The key's day rows from `fromDay` on (all when undefined), oldest first. */
    async days(keyId: number, fromDay: string | undefined): Promise<Array<{ day: string } & Counts>> {
      let query = db.selectFrom('akismet_key_day').select(['day', ...COUNTERS]).where('key_id', '=', keyId);
      if (fromDay) query = query.where('day', '>=', fromDay);
      const rows = await query.orderBy('day').execute();
      return rows.map((r) => ({
        day: r.day,
        checks: Number(r.checks),
        spam: Number(r.spam),
        ham: Number(r.ham),
        missed_spam: Number(r.missed_spam),
        false_positives: Number(r.false_positives),
      }));
    },
  };
}

export type AkismetKeyRepository = ReturnType<typeof createAkismetKeyRepository>;
