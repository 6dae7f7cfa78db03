import type { Db } from '../db/dialect.js';

const sourceColumns = ['id', 'slug', 'name', 'homepage', 'feed_url', 'default_section_id', 'policy', 'attribution_template'] as const;

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
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
}

export type SourceRepository = ReturnType<typeof createSourceRepository>;
