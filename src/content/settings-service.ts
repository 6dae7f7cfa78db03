import { z } from 'zod';
import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import { InvalidError } from '../shared/errors.js';
import { assertCan } from '../shared/permissions.js';
import { createSettingsRepository } from './settings-repository.js';

/**
 * An IANA zone name (`Europe/Sofia`, `UTC`, links such as `Europe/Kiev` too). Offsets and
 * abbreviations that Intl may also accept (`+02:00`, `EST`) are refused: only a named zone
 * follows daylight saving time.
 */
export function isTimeZone(value: string): boolean {
  if (value !== 'UTC' && !/^[A-Za-z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+)+$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Site settings editable at run time (stored in the database, unlike config/ settings). */
export const siteSettingsSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(120, 'must be at most 120 characters').default('Broadsheet'),
  description: z.string().trim().max(500, 'must be at most 500 characters').default('Independent news, from the wires and our own desk.'),
  language: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or bg').default('en'),
  timezone: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Europe/Sofia').default('UTC'),
  publisherName: z.string().trim().max(120, 'must be at most 120 characters').default(''),
  articlesPerPage: z.coerce
    .number({ error: 'must be a whole number from 5 to 100' })
    .int('must be a whole number from 5 to 100')
    .min(5, 'must be a whole number from 5 to 100')
    .max(100, 'must be a whole number from 5 to 100')
    .default(20),
  /** What ingest does with an item that is a near-duplicate of a stored article. */
  nearDuplicatePolicy: z.enum(['skip', 'link', 'keep'], { error: 'must be skip, link or keep' }).default('link'),
  /** How ingest tags articles: named people, places and organisations, or every title word. */
  ingestTagStyle: z.enum(['entities', 'title-words'], { error: 'must be entities or title-words' }).default('entities'),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;
const settingKeys = Object.keys(siteSettingsSchema.shape) as (keyof SiteSettings)[];

/** Each setting's name for people: the admin form's label, and how error messages name it. */
export const siteSettingLabels: Record<keyof SiteSettings, string> = {
  title: 'Title',
  description: 'Description',
  language: 'Language',
  timezone: 'Time zone',
  publisherName: 'Publisher name',
  articlesPerPage: 'Articles per page',
  nearDuplicatePolicy: 'Near-duplicate wire stories',
  ingestTagStyle: 'Tags for wire stories',
};

export function createSettingsService(deps: { db: Db; audit: AuditService; changes: ChangeNotifier }) {
  let cached: SiteSettings | undefined;
  deps.changes.subscribe((reason) => {
    if (reason === 'settings') cached = undefined;
  });
  return {
    /** Current settings with defaults filled in; read often, so kept until they change. */
    async get(): Promise<SiteSettings> {
      if (cached) return cached;
      const stored = await createSettingsRepository(deps.db).readAll();
      const picked = Object.fromEntries(settingKeys.filter((k) => k in stored).map((k) => [k, stored[k]]));
      const parsed = siteSettingsSchema.safeParse(picked);
      cached = parsed.success ? parsed.data : siteSettingsSchema.parse({});
      return cached;
    },

    /** Validates the merged settings; refuses roles other than owner and admin; audited. Errors name the field. */
    async update(actor: Actor, changes: Partial<Record<keyof SiteSettings, string>>): Promise<SiteSettings> {
      assertCan(actor, 'settings.manage');
      const current = await this.get();
      const parsed = siteSettingsSchema.safeParse({ ...current, ...changes });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const key = issue.path[0] as keyof SiteSettings;
        throw new InvalidError('SETTINGS_INVALID', `${siteSettingLabels[key]} ${issue.message}`, { details: { field: key } });
      }
      await deps.db.transaction().execute(async (trx) => {
        const repo = createSettingsRepository(trx);
        for (const key of Object.keys(changes) as (keyof SiteSettings)[]) {
          if (!settingKeys.includes(key)) continue;
          await repo.write(key, String(parsed.data[key]));
        }
        await deps.audit.record(trx, actor, 'settings.update', { type: 'settings', id: 'site' }, { keys: Object.keys(changes) });
      });
      deps.changes.notify('settings');
      deps.changes.notify('content');
      return parsed.data;
    },

    /** Internal values that are not site settings (the generated secret, seed marker). */
    async readInternal(key: string): Promise<string | undefined> {
      return (await createSettingsRepository(deps.db).readAll())[`internal.${key}`];
    },
    async writeInternal(key: string, value: string, db: Db = deps.db): Promise<void> {
      await createSettingsRepository(db).write(`internal.${key}`, value);
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
