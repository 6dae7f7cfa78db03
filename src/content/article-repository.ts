import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/dialect.js';
import type { ArticleTable, Database } from '../db/schema.js';

/** Filters for public lists; every list only ever returns publicly visible articles. */
export interface PublishedFilter {
  now: string;
  sectionIds?: number[];
  tagId?: number;
  sourceId?: number;
  authorId?: number;
  excludeIds?: number[];
  since?: string;
}

export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  status: string;
  section_id: number;
  source_id: number | null;
  source_slug: string | null;
  source_name: string | null;
  source_homepage: string | null;
  source_attribution: string | null;
  author_id: number | null;
  author_slug: string | null;
  author_name: string | null;
  original_url: string | null;
  original_publisher: string | null;
  comments_enabled: number;
  published_at: string | null;
  updated_at: string;
  created_at: string;
}

export interface ArticleFullRow extends ArticleRow {
  body: string;
  body_format: string;
  body_html: string;
  feed_guid: string | null;
  version: number;
}

/** The columns an article write sets; id, version and fingerprint are managed separately. */
export type ArticleWrite = Omit<Insertable<ArticleTable>, 'id' | 'version' | 'fingerprint' | 'created_at'>;

function summarySelect(db: Db) {
  // Author columns are the public profile only: app_user also holds email and password hash.
  return db
    .selectFrom('article')
    .leftJoin('source', 'source.id', 'article.source_id')
    .leftJoin('app_user', 'app_user.id', 'article.author_id')
    .select([
      'article.id',
      'article.slug',
      'article.title',
      'article.excerpt',
      'article.status',
      'article.section_id',
      'article.source_id',
      'source.slug as source_slug',
      'source.name as source_name',
      'source.homepage as source_homepage',
      'source.attribution_template as source_attribution',
      'article.author_id',
      'app_user.slug as author_slug',
      'app_user.name as author_name',
      'article.original_url',
      'article.original_publisher',
      'article.comments_enabled',
      'article.published_at',
      'article.updated_at',
      'article.created_at',
    ]);
}

function visible(eb: ExpressionBuilder<Database, 'article'>, now: string) {
  return eb.and([eb('article.status', 'in', ['published', 'scheduled']), eb('article.published_at', '<=', now)]);
}

/** The WHERE of every public list, over article columns only, so it fits any join. */
function matches(eb: ExpressionBuilder<Database, 'article'>, filter: PublishedFilter) {
  const conditions = [visible(eb, filter.now)];
  if (filter.sectionIds) conditions.push(eb('article.section_id', 'in', filter.sectionIds.length ? filter.sectionIds : [-1]));
  if (filter.sourceId !== undefined) conditions.push(eb('article.source_id', '=', filter.sourceId));
  if (filter.authorId !== undefined) conditions.push(eb('article.author_id', '=', filter.authorId));
  if (filter.excludeIds?.length) conditions.push(eb('article.id', 'not in', filter.excludeIds));
  if (filter.since) conditions.push(eb('article.published_at', '>=', filter.since));
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    conditions.push(
      eb.exists(eb.selectFrom('article_tag').select('article_tag.tag_id').whereRef('article_tag.article_id', '=', 'article.id').where('article_tag.tag_id', '=', tagId)),
    );
  }
  return eb.and(conditions);
}

/** Filters for the admin's list: every status, and only this author's articles for authors. */
export interface AdminFilter {
  status?: string;
  /** Drafts waiting for an editor's review. */
  submitted?: boolean;
  /** Only articles that came from a source (the Wire queue, with status draft). */
  fromSource?: boolean;
  sectionIds?: number[];
  sourceId?: number;
  authorId?: number;
  titleContains?: string;
}

function adminMatches(eb: ExpressionBuilder<Database, 'article'>, filter: AdminFilter) {
  const conditions = [];
  if (filter.status !== undefined) conditions.push(eb('article.status', '=', filter.status));
  if (filter.submitted) conditions.push(eb('article.submitted_at', 'is not', null));
  if (filter.fromSource) conditions.push(eb('article.source_id', 'is not', null));
  if (filter.sectionIds) conditions.push(eb('article.section_id', 'in', filter.sectionIds.length ? filter.sectionIds : [-1]));
  if (filter.sourceId !== undefined) conditions.push(eb('article.source_id', '=', filter.sourceId));
  if (filter.authorId !== undefined) conditions.push(eb('article.author_id', '=', filter.authorId));
  if (filter.titleContains) {
    // The search text is matched literally: its own % and _ are escaped. lower() folds ASCII
    // only on SQLite, all letters on PostgreSQL.
    const pattern = `%${filter.titleContains.toLowerCase().replace(/[!%_]/g, '!$&')}%`;
    conditions.push(sql<boolean>`lower(${eb.ref('article.title')}) like ${pattern} escape '!'`);
  }
  return eb.and(conditions);
}

export function createArticleRepository(db: Db) {
  return {
    findBySlug(slug: string): Promise<ArticleFullRow | undefined> {
      return summarySelect(db)
        .select(['article.body', 'article.body_format', 'article.body_html', 'article.feed_guid', 'article.version'])
        .where('article.slug', '=', slug)
        .executeTakeFirst();
    },

    findById(id: number): Promise<ArticleFullRow | undefined> {
      return summarySelect(db)
        .select(['article.body', 'article.body_format', 'article.body_html', 'article.feed_guid', 'article.version'])
        .where('article.id', '=', id)
        .executeTakeFirst();
    },

    /** Newest first; `after` continues a keyset page (published_at, id). */
    listPublished(filter: PublishedFilter, page: { limit: number; offset?: number; after?: { publishedAt: string; id: number } }): Promise<ArticleRow[]> {
      let q = summarySelect(db).where((eb) => matches(eb, filter));
      const after = page.after;
      if (after) {
        q = q.where((eb) =>
          eb.or([eb('article.published_at', '<', after.publishedAt), eb.and([eb('article.published_at', '=', after.publishedAt), eb('article.id', '<', after.id)])]),
        );
      }
      return q
        .orderBy('article.published_at', 'desc')
        .orderBy('article.id', 'desc')
        .limit(page.limit)
        .offset(page.offset ?? 0)
        .execute();
    },

    async countPublished(filter: PublishedFilter): Promise<number> {
      // No joins: a count needs only the article's own columns.
      const row = await db
        .selectFrom('article')
        .where((eb) => matches(eb, filter))
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** Visible articles sharing the most tags with this one, newest first among equals. */
    relatedByTags(articleId: number, tagIds: number[], now: string, limit: number): Promise<ArticleRow[]> {
      if (tagIds.length === 0) return Promise.resolve([]);
      return summarySelect(db)
        .innerJoin('article_tag', 'article_tag.article_id', 'article.id')
        .where('article_tag.tag_id', 'in', tagIds)
        .where('article.id', '!=', articleId)
        .where((eb) => visible(eb, now))
        .groupBy([
          'article.id',
          'source.slug',
          'source.name',
          'source.homepage',
          'source.attribution_template',
          'app_user.slug',
          'app_user.name',
        ])
        .orderBy((eb) => eb.fn.countAll(), 'desc')
        .orderBy('article.published_at', 'desc')
        .limit(limit)
        .execute();
    },

    tagsFor(articleIds: number[]) {
      if (articleIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('article_tag')
        .innerJoin('tag', 'tag.id', 'article_tag.tag_id')
        .select(['article_tag.article_id', 'tag.id', 'tag.slug', 'tag.name'])
        .where('article_tag.article_id', 'in', articleIds)
        .orderBy('article_tag.position')
        .execute();
    },

    /** The next time a visible-status article goes live; a `published` one may be dated ahead too. */
    async nextScheduledAfter(now: string): Promise<string | null> {
      const row = await db
        .selectFrom('article')
        .select((eb) => eb.fn.min('published_at').as('next'))
        .where('status', 'in', ['published', 'scheduled'])
        .where('published_at', '>', now)
        .executeTakeFirst();
      return (row?.next as string | null | undefined) ?? null;
    },

    async insert(values: ArticleWrite & { created_at: string }): Promise<number> {
      const row = await db.insertInto('article').values(values).returning('id').executeTakeFirstOrThrow();
      return row.id;
    },

    /** Optimistic update: only succeeds if the stored version is still `expectedVersion`. */
    async update(id: number, expectedVersion: number, values: Omit<Updateable<ArticleTable>, 'id' | 'version'>): Promise<boolean> {
      const result = await db
        .updateTable('article')
        .set({ ...values, version: expectedVersion + 1 })
        .where('id', '=', id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async slugExists(slug: string): Promise<boolean> {
      const row = await db.selectFrom('article').select('id').where('slug', '=', slug).executeTakeFirst();
      return row !== undefined;
    },

    /** Every status, most recently changed first. */
    listForAdmin(filter: AdminFilter, page: { limit: number; offset: number }): Promise<Array<ArticleRow & { submitted_at: string | null }>> {
      return summarySelect(db)
        .select('article.submitted_at')
        .where((eb) => adminMatches(eb, filter))
        .orderBy('article.updated_at', 'desc')
        .orderBy('article.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    },

    async countForAdmin(filter: AdminFilter): Promise<number> {
      const row = await db
        .selectFrom('article')
        .where((eb) => adminMatches(eb, filter))
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    /** When the article was submitted for review (null: not waiting), or undefined if there is no such article. */
    async submittedAt(id: number): Promise<string | null | undefined> {
      const row = await db.selectFrom('article').select('submitted_at').where('id', '=', id).executeTakeFirst();
      return row?.submitted_at;
    },

    async sourceExists(id: number): Promise<boolean> {
      return (await db.selectFrom('source').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },

    async authorExists(id: number): Promise<boolean> {
      return (await db.selectFrom('app_user').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },

    async replaceTags(articleId: number, tagIds: number[]): Promise<void> {
      await db.deleteFrom('article_tag').where('article_id', '=', articleId).execute();
      if (tagIds.length === 0) return;
      await db
        .insertInto('article_tag')
        .values(tagIds.map((tagId, position) => ({ article_id: articleId, tag_id: tagId, position })))
        .execute();
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
