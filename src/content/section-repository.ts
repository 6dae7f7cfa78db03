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
  };
}

export type SectionRepository = ReturnType<typeof createSectionRepository>;
