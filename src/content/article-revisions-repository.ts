import type { Insertable } from 'kysely';
import type { Db } from '../db/dialect.js';
import type { ArticleRevisionTable } from '../db/schema.js';

const listColumns = [
  'article_revision.id',
  'article_revision.article_id',
  'article_revision.version',
  'article_revision.title',
  'article_revision.status',
  'article_revision.published_at',
  'article_revision.actor_id',
  'article_revision.created_at',
] as const;

const contentColumns = [
  'article_revision.slug',
  'article_revision.excerpt',
  'article_revision.body',
  'article_revision.body_format',
  'article_revision.section_id',
  'article_revision.source_id',
  'article_revision.original_url',
  'article_revision.tags',
] as const;

export function createArticleRevisionsRepository(db: Db) {
  // Only the staff member's name: app_user also holds email and password hash.
  const withActor = () => db.selectFrom('article_revision').leftJoin('app_user', 'app_user.id', 'article_revision.actor_id').select(['app_user.name as actor_name', ...listColumns]);
  return {
    async insert(values: Insertable<ArticleRevisionTable>): Promise<void> {
      await db.insertInto('article_revision').values(values).execute();
    },

    /** Newest version first. */
    listForArticle(articleId: number, limit: number) {
      return withActor().where('article_revision.article_id', '=', articleId).orderBy('article_revision.version', 'desc').limit(limit).execute();
    },

    /** One revision of this article (a revision id of another article finds nothing). */
    find(articleId: number, revisionId: number) {
      return withActor()
        .select(contentColumns)
        .where('article_revision.article_id', '=', articleId)
        .where('article_revision.id', '=', revisionId)
        .executeTakeFirst();
    },
  };
}

export type ArticleRevisionListRow = Awaited<ReturnType<ReturnType<typeof createArticleRevisionsRepository>['listForArticle']>>[number];
export type ArticleRevisionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createArticleRevisionsRepository>['find']>>>;
