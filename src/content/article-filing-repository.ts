import type { Db } from '../db/dialect.js';
import { createArticleRepository } from './article-repository.js';

/** Article writes and reads that only ingest needs: fingerprints, linked attributions, the Wire queue. */
export function createArticleFilingRepository(db: Db) {
  return {
    async insert(values: {
      slug: string;
      title: string;
      excerpt: string;
      body: string;
      body_html: string;
      section_id: number;
      source_id: number;
      original_url: string | null;
      original_publisher: string | null;
      feed_guid: string | null;
      status: string;
      fingerprint: string | null;
      published_at: string | null;
      created_at: string;
    }): Promise<number> {
      const row = await db
        .insertInto('article')
        .values({ ...values, body_format: 'html', author_id: null, comments_enabled: 1, updated_at: values.created_at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Optimistic: only when the stored version is still `expectedVersion`. */
    /** Optimistic: only when the stored version is still `expectedVersion`; ingested bodies are HTML. */
    updateText(
      id: number,
      expectedVersion: number,
      values: { title: string; excerpt: string; body: string; body_html: string; original_url: string | null; original_publisher: string | null; fingerprint: string | null; updated_at: string },
    ): Promise<boolean> {
      return createArticleRepository(db).update(id, expectedVersion, { ...values, body_format: 'html' });
    },

    findVersion(id: number) {
      return db.selectFrom('article').select(['id', 'version', 'title', 'status', 'source_id']).where('id', '=', id).executeTakeFirst();
    },

    updateBody(id: number, expectedVersion: number, values: { excerpt: string; body: string; body_html: string; fingerprint: string | null; updated_at: string }): Promise<boolean> {
      return createArticleRepository(db).update(id, expectedVersion, { ...values, body_format: 'html' });
    },

    /** Keyset batches of (id, fingerprint) for rebuilding a near-duplicate index. */
    fingerprintsAfter(afterId: number, since: string, limit: number) {
      return db
        .selectFrom('article')
        .select(['id', 'fingerprint', 'source_id', 'created_at'])
        .where('id', '>', afterId)
        .where('created_at', '>=', since)
        .where('fingerprint', 'is not', null)
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    async addAttribution(values: { article_id: number; source_id: number; original_url: string | null; original_publisher: string | null; created_at: string }): Promise<boolean> {
      const result = await db
        .insertInto('article_attribution')
        .values(values)
        .onConflict((oc) => oc.columns(['article_id', 'source_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    attributionsFor(articleId: number) {
      return db
        .selectFrom('article_attribution')
        .innerJoin('source', 'source.id', 'article_attribution.source_id')
        .select([
          'source.id as source_id',
          'source.slug as source_slug',
          'source.name as source_name',
          'source.homepage as source_homepage',
          'source.attribution_template as source_attribution',
          'article_attribution.original_url',
          'article_attribution.original_publisher',
        ])
        .where('article_attribution.article_id', '=', articleId)
        .orderBy('article_attribution.created_at')
        .execute();
    },

    /** Drafts that came from a source, newest first. */
    listSourceDrafts(limit: number, offset: number) {
      return db
        .selectFrom('article')
        .innerJoin('source', 'source.id', 'article.source_id')
        .select([
          'article.id',
          'article.slug',
          'article.title',
          'article.excerpt',
          'article.section_id',
          'article.original_url',
          'article.original_publisher',
          'article.created_at',
          'source.id as source_id',
          'source.name as source_name',
        ])
        .where('article.status', '=', 'draft')
        .orderBy('article.created_at', 'desc')
        .orderBy('article.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
    },
  };
}
