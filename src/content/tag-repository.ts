import type { Db } from '../db/dialect.js';

export type TagOrder = 'name' | 'count';

export function createTagRepository(db: Db) {
  return {
    findById(id: number) {
      return db.selectFrom('tag').select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
    },
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
    /**
     * A page of tags with the number of articles of any status carrying them. `slugPart`, when
     * given, must occur in the slug (slugs are folded, so this ignores case in every script).
     */
    async listForAdmin(filter: { slugPart?: string; order: TagOrder; offset: number; limit: number }) {
      // Slugs hold only letters, digits and hyphens, so no LIKE wildcard can come from the search.
      const matching = db.selectFrom('tag').$if(filter.slugPart !== undefined, (q) => q.where('tag.slug', 'like', `%${filter.slugPart}%`));
      const [rows, total] = await Promise.all([
        matching
          .leftJoin('article_tag', 'article_tag.tag_id', 'tag.id')
          .select(['tag.id', 'tag.slug', 'tag.name', (eb) => eb.fn.count<string | number>('article_tag.article_id').as('count')])
          .groupBy(['tag.id', 'tag.slug', 'tag.name'])
          .$if(filter.order === 'count', (q) => q.orderBy('count', 'desc'))
          .orderBy('tag.name')
          .orderBy('tag.id')
          .offset(filter.offset)
          .limit(filter.limit)
          .execute(),
        matching.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, count: Number(r.count) })), total: Number(total.total) };
    },
    async rename(id: number, slug: string, name: string): Promise<void> {
      await db.updateTable('tag').set({ slug, name }).where('id', '=', id).execute();
    },
    /**
     * Gives `into` every article of `from` that does not carry it already (keeping the article's
     * tag order), then deletes `from` with its remaining rows. Returns how many articles moved.
     */
    async merge(from: number, into: number): Promise<number> {
      const moved = await db
        .insertInto('article_tag')
        .columns(['article_id', 'tag_id', 'position'])
        .expression((eb) =>
          eb
            .selectFrom('article_tag as a')
            .select(['a.article_id', eb.cast<number>(eb.val(into), 'integer').as('tag_id'), 'a.position'])
            .where('a.tag_id', '=', from)
            .where((w) => w.not(w.exists(w.selectFrom('article_tag as b').select('b.tag_id').whereRef('b.article_id', '=', 'a.article_id').where('b.tag_id', '=', into)))),
        )
        .executeTakeFirst();
      await db.deleteFrom('tag').where('id', '=', from).execute();
      return Number(moved.numInsertedOrUpdatedRows ?? 0);
    },
  };
}

export type TagRepository = ReturnType<typeof createTagRepository>;
