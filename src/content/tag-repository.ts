import type { Db } from '../db/dialect.js';

export function createTagRepository(db: Db) {
  return {
    findBySlug(slug: string) {
      return db.selectFrom('tag').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
    },
    findBySlugs(slugs: string[]) {
      if (slugs.length === 0) return Promise.resolve([]);
      return db.selectFrom('tag').select(['id', 'slug', 'name']).where('slug', 'in', slugs).execute();
    },
    async insert(slug: string, name: string): Promise<number> {
      const row = await db.insertInto('tag').values({ slug, name }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },
    /** Tags with the number of visible articles carrying them, most used first. */
    listWithCounts(now: string, limit: number) {
      return db
        .selectFrom('tag')
        .innerJoin('article_tag', 'article_tag.tag_id', 'tag.id')
        .innerJoin('article', 'article.id', 'article_tag.article_id')
        .where('article.status', 'in', ['published', 'scheduled'])
        .where('article.published_at', '<=', now)
        .select(['tag.id', 'tag.slug', 'tag.name', (eb) => eb.fn.countAll<string | number>().as('count')])
        .groupBy(['tag.id', 'tag.slug', 'tag.name'])
        .orderBy('count', 'desc')
        .orderBy('tag.name')
        .limit(limit)
        .execute();
    },
  };
}

export type TagRepository = ReturnType<typeof createTagRepository>;
