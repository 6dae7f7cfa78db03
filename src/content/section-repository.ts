import type { Db } from '../db/dialect.js';

export interface SectionRow {
  id: number;
  slug: string;
  name: string;
  parent_id: number | null;
  position: number;
  description: string;
}

const sectionColumns = ['id', 'slug', 'name', 'parent_id', 'position', 'description'] as const;

export function createSectionRepository(db: Db) {
  return {
    listAll(): Promise<SectionRow[]> {
      return db.selectFrom('section').select(sectionColumns).orderBy('position').orderBy('name').execute();
    },
    async insert(values: { slug: string; name: string; parentId: number | null; position: number; description: string; createdAt: string }) {
      const row = await db
        .insertInto('section')
        .values({
          slug: values.slug,
          name: values.name,
          parent_id: values.parentId,
          position: values.position,
          description: values.description,
          created_at: values.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async update(id: number, values: { slug: string; name: string; parentId: number | null; description: string }): Promise<void> {
      await db.updateTable('section').set({ slug: values.slug, name: values.name, parent_id: values.parentId, description: values.description }).where('id', '=', id).execute();
    },
    async setPosition(id: number, position: number): Promise<void> {
      await db.updateTable('section').set({ position }).where('id', '=', id).execute();
    },
    async remove(id: number): Promise<void> {
      await db.deleteFrom('section').where('id', '=', id).execute();
    },
    /** Articles of every status filed in each section that has any. */
    async articleCounts(): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('article')
        .select(['section_id', (eb) => eb.fn.countAll<string | number>().as('count')])
        .groupBy('section_id')
        .execute();
      return new Map(rows.map((r) => [r.section_id, Number(r.count)]));
    },
    async countArticles(id: number): Promise<number> {
      const row = await db
        .selectFrom('article')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('section_id', '=', id)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
  };
}

export type SectionRepository = ReturnType<typeof createSectionRepository>;
