/**
 * Akismet API keys: 12 lower-case letters and digits (WordPress refuses other lengths before
 * calling), shown once when made and stored only as a SHA-256 hash with a 4-character hint.
 * Each key has a per-minute rate limit, counted in this process's memory (with several
 * processes behind a load balancer each enforces the limit on its own share), and per-day
 * counters in the database from which get-stats and usage-limit are computed.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../db/dialect.js';
import type { Clock } from '../../shared/clock.js';
import { InvalidError, NotFoundError } from '../../shared/errors.js';
import { type AkismetKeyRow, type Counts, createAkismetKeyRepository } from './akismet-key-repository.js';

export const KEY_LENGTH = 12;
const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const KEY_PATTERN = /^[a-z0-9]{12}$/;
export const DEFAULT_RATE_LIMIT = 600;

export type KeyCheck = { kind: 'valid'; key: AkismetKeyRow } | { kind: 'unknown' } | { kind: 'revoked'; key: AkismetKeyRow };
export type StatsPeriod = '60-days' | '6-months' | 'all';

export interface KeyStats {
  spam: number;
  ham: number;
  missed_spam: number;
  false_positives: number;
  /** Percentage of checks answered right, as Akismet gives it: a string with two decimals. */
  accuracy: string;
  /** Per day for `60-days`, per month otherwise. */
  breakdown: Record<string, Omit<Counts, 'checks'>>;
  /** Seconds of moderation saved: spam caught × SECONDS_PER_SPAM. */
  time_saved: number;
}

/** An estimate of a moderator's time to look at and delete one spam comment. */
export const SECONDS_PER_SPAM = 10;

export function hashKey(key: string): string {
  return createHash('sha256').update(key.trim().toLowerCase()).digest('hex');
}

export function createAkismetKeyService({ db, clock }: { db: Db; clock: Clock }) {
  const repo = createAkismetKeyRepository(db);
  const windows = new Map<number, { minute: number; count: number }>();
  const today = () => clock.now().toISOString().slice(0, 10);
  const thisMinute = () => Math.floor(clock.now().getTime() / 60_000);
  const isThrottled = (key: AkismetKeyRow) => {
    const w = windows.get(key.id);
    return !!w && w.minute === thisMinute() && w.count > key.rateLimit;
  };

  return {
    /** Makes a key for a site; the returned `key` is the only time it is shown. */
    async add(siteUrl: string, rateLimit = DEFAULT_RATE_LIMIT): Promise<{ key: string; siteUrl: string; rateLimit: number }> {
      let url: URL;
      try {
        url = new URL(siteUrl);
      } catch {
        throw new InvalidError('AKISMET_SITE_INVALID', `--site must be an http(s) address, got "${siteUrl}"`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new InvalidError('AKISMET_SITE_INVALID', `--site must be an http(s) address, got "${siteUrl}"`);
      }
      if (!Number.isInteger(rateLimit) || rateLimit < 1) {
        throw new InvalidError('AKISMET_RATE_LIMIT_INVALID', `the rate limit must be a whole number of requests a minute, at least 1 (got ${rateLimit})`);
      }
      const key = Array.from({ length: KEY_LENGTH }, () => KEY_ALPHABET[randomInt(KEY_ALPHABET.length)]).join('');
      await repo.insert({ hash: hashKey(key), hint: key.slice(0, 4), siteUrl: url.href, rateLimit, createdAt: clock.now().toISOString() });
      return { key, siteUrl: url.href, rateLimit };
    },

    list: () => repo.list(),

    async revoke(key: string): Promise<void> {
      const found = KEY_PATTERN.test(key.trim().toLowerCase()) ? await repo.findByHash(hashKey(key)) : undefined;
      if (!found) throw new NotFoundError('AKISMET_KEY_NOT_FOUND', `no Akismet key ${key}`);
      if (found.revokedAt) throw new InvalidError('AKISMET_KEY_REVOKED', `the Akismet key ${key} was already revoked on ${found.revokedAt}`);
      await repo.revoke(hashKey(key), clock.now().toISOString());
    },

    async check(key: string): Promise<KeyCheck> {
      const normalised = key.trim().toLowerCase();
      if (!KEY_PATTERN.test(normalised)) return { kind: 'unknown' };
      const found = await repo.findByHash(hashKey(normalised));
      if (!found) return { kind: 'unknown' };
      return found.revokedAt ? { kind: 'revoked', key: found } : { kind: 'valid', key: found };
    },

    /** Counts one request against the key's per-minute limit; false when over it. */
    take(key: AkismetKeyRow): boolean {
      const minute = thisMinute();
      const w = windows.get(key.id);
      if (!w || w.minute !== minute) {
        windows.set(key.id, { minute, count: 1 });
        return true;
      }
      w.count++;
      return w.count <= key.rateLimit;
    },

    isThrottled,

    record: (key: AkismetKeyRow, delta: Partial<Counts>) => repo.add(key.id, today(), delta),

    async stats(key: AkismetKeyRow, period: StatsPeriod): Promise<KeyStats> {
      const now = clock.now();
      const from =
        period === 'all'
          ? undefined
          : period === '60-days'
            ? new Date(now.getTime() - 59 * 86_400_000).toISOString().slice(0, 10)
            : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1)).toISOString().slice(0, 10);
      const days = await repo.days(key.id, from);
      const totals = { spam: 0, ham: 0, missed_spam: 0, false_positives: 0 };
      const breakdown: KeyStats['breakdown'] = {};
      for (const d of days) {
        const bucket = period === '60-days' ? d.day : d.day.slice(0, 7);
        breakdown[bucket] ??= { spam: 0, ham: 0, missed_spam: 0, false_positives: 0 };
        for (const c of ['spam', 'ham', 'missed_spam', 'false_positives'] as const) {
          breakdown[bucket][c] += d[c];
          totals[c] += d[c];
        }
      }
      // Answered spam includes false positives and answered ham includes missed spam.
      const answered = totals.spam + totals.ham;
      const accuracy = answered === 0 ? 100 : (100 * (answered - totals.missed_spam - totals.false_positives)) / answered;
      return { ...totals, accuracy: Math.max(0, accuracy).toFixed(2), breakdown, time_saved: totals.spam * SECONDS_PER_SPAM };
    },

    /** Calls this calendar month (UTC); there is no monthly cap, so `limit` is null. */
    async usage(key: AkismetKeyRow): Promise<{ limit: null; usage: number; percentage: string; throttled: boolean }> {
      const days = await repo.days(key.id, `${clock.now().toISOString().slice(0, 7)}-01`);
      const usage = days.reduce((n, d) => n + d.checks + d.missed_spam + d.false_positives, 0);
      return { limit: null, usage, percentage: '0.00', throttled: isThrottled(key) };
    },
  };
}

export type AkismetKeyService = ReturnType<typeof createAkismetKeyService>;
