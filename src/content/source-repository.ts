import type { Db } from '../db/dialect.js';

const sourceColumns = [
  'id',
  'slug',
  'name',
  'homepage',
  'feed_url',
  'default_section_id',
  'policy',
  'attribution_template',
  'rules',
  'poll_interval_seconds',
  'is_enabled',
  'is_local',
] as const;

/** Columns that may change after a source is created (never its slug: public URLs use it). */
export interface SourceSettingsWrite {
  name?: string;
  feed_url?: string | null;
  homepage?: string | null;
  default_section_id?: number | null;
  policy?: string;
  attribution_template?: string;
  rules?: string;
  poll_interval_seconds?: number;
  is_enabled?: number;
  is_local?: number;
}

export function createSourceRepository(db: Db) {
  return {
    findBySlug(slug: string) {
      return db.selectFrom('source').select(sourceColumns).where('slug', '=', slug).executeTakeFirst();
    },
    findByName(name: string) {
      return db.selectFrom('source').select(sourceColumns).where('name', '=', name).executeTakeFirst();
    },
    listAll() {
      return db.selectFrom('source').select(sourceColumns).orderBy('name').execute();
    },
    async insert(values: {
      slug: string;
      name: string;
      homepage: string | null;
      feedUrl: string | null;
      defaultSectionId: number | null;
      policy: string;
      attributionTemplate: string;
      createdAt: string;
      rules?: string;
      pollIntervalSeconds?: number;
      isEnabled?: boolean;
      isLocal?: boolean;
    }): Promise<number> {
      const row = await db
        .insertInto('source')
        .values({
          slug: values.slug,
          name: values.name,
          homepage: values.homepage,
          feed_url: values.feedUrl,
          default_section_id: values.defaultSectionId,
          policy: values.policy,
          attribution_template: values.attributionTemplate,
          created_at: values.createdAt,
          ...(values.rules !== undefined ? { rules: values.rules } : {}),
          ...(values.pollIntervalSeconds !== undefined ? { poll_interval_seconds: values.pollIntervalSeconds } : {}),
          ...(values.isEnabled !== undefined ? { is_enabled: values.isEnabled ? 1 : 0 } : {}),
          ...(values.isLocal !== undefined ? { is_local: values.isLocal ? 1 : 0 } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    findById(id: number) {
      return db.selectFrom('source').select(sourceColumns).where('id', '=', id).executeTakeFirst();
    },
    async updateSettings(id: number, values: SourceSettingsWrite): Promise<void> {
      await db.updateTable('source').set(values).where('id', '=', id).execute();
    },
    /** Articles keep their text; their source link is cleared by the foreign key. */
    async remove(id: number): Promise<boolean> {
      const result = await db.deleteFrom('source').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export type SourceRepository = ReturnType<typeof createSourceRepository>;
