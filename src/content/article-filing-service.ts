import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { InvalidError } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import type { SourceRef } from './article.js';
import { createArticleFilingRepository } from './article-filing-repository.js';
import { createArticleRepository } from './article-repository.js';
import { excerptFromHtml, renderBody } from './render-body.js';
import type { TagService } from './tag-service.js';

/** An article made from a source's item. `bodyHtml` is sanitised again on the way in. */
export interface IngestedArticle {
  title: string;
  bodyHtml: string;
  sectionId: number;
  sourceId: number;
  originalUrl: string | null;
  originalPublisher: string | null;
  feedGuid: string | null;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  tags: string[];
  fingerprint: string | null;
}

export interface SourceAttribution {
  source: SourceRef;
  originalUrl: string | null;
  originalPublisher: string | null;
}

export interface WireQueueEntry {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  sectionId: number;
  source: { id: number; name: string };
  originalUrl: string | null;
  originalPublisher: string | null;
  createdAt: Date;
}

const MAX_TITLE = 300;
const MAX_BODY = 500_000;

function clean(input: IngestedArticle, baseUrl: string) {
  const title = input.title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE);
  if (!title) throw new InvalidError('ARTICLE_INVALID', 'title is required');
  const bodyHtml = renderBody(input.bodyHtml.slice(0, MAX_BODY), 'html', baseUrl);
  return { title, bodyHtml, excerpt: excerptFromHtml(bodyHtml).slice(0, 1000), publisher: input.originalPublisher?.trim().slice(0, 120) || null };
}

/**
 * Writes for ingest. Every operation takes the caller's `db` (a transaction), so filing an item
 * (article, tags, attribution and ingest's own record of the item) commits or fails as one.
 * Callers notify content changes after their transaction commits.
 */
export function createArticleFilingService(deps: { db: Db; clock: Clock; audit: AuditService; tags: TagService; baseUrl: string }) {
  return {
    async insert(db: Db, actor: Actor, input: IngestedArticle): Promise<{ id: number; version: number }> {
      const { title, bodyHtml, excerpt, publisher } = clean(input, deps.baseUrl);
      const articles = createArticleRepository(db);
      const base = slugify(title);
      let slug = base;
      for (let n = 2; await articles.slugExists(slug); n++) slug = `${base}-${n}`;
      const now = deps.clock.now().toISOString();
      const id = await createArticleFilingRepository(db).insert({
        slug,
        title,
        excerpt,
        body: bodyHtml,
        body_html: bodyHtml,
        section_id: input.sectionId,
        source_id: input.sourceId,
        original_url: input.originalUrl,
        original_publisher: publisher,
        feed_guid: input.feedGuid,
        status: input.status,
        fingerprint: input.fingerprint,
        published_at: input.status === 'published' ? (input.publishedAt ?? deps.clock.now()).toISOString() : (input.publishedAt?.toISOString() ?? null),
        created_at: now,
      });
      await articles.replaceTags(id, await deps.tags.ensure(db, input.tags));
      await deps.audit.record(db, actor, 'article.ingest', { type: 'article', id }, { status: input.status, slug, sourceId: input.sourceId });
      return { id, version: 1 };
    },

    /**
     * Replaces the text, attribution and tags of an ingested article, keeping its section,
     * status and dates. Refused (`updated: false`) when the article is no longer at
     * `expectedVersion`: an editor changed it, and their edit wins.
     */
    async updateText(db: Db, actor: Actor, id: number, expectedVersion: number, input: IngestedArticle): Promise<{ updated: boolean; version: number }> {
      const { title, bodyHtml, excerpt, publisher } = clean(input, deps.baseUrl);
      const ok = await createArticleFilingRepository(db).updateText(id, expectedVersion, {
        title,
        excerpt,
        body: bodyHtml,
        body_html: bodyHtml,
        original_url: input.originalUrl,
        original_publisher: publisher,
        fingerprint: input.fingerprint,
        updated_at: deps.clock.now().toISOString(),
      });
      if (!ok) return { updated: false, version: expectedVersion };
      await createArticleRepository(db).replaceTags(id, await deps.tags.ensure(db, input.tags));
      await deps.audit.record(db, actor, 'article.ingest-update', { type: 'article', id }, {});
      return { updated: true, version: expectedVersion + 1 };
    },

    /** The version and title of an article, or undefined if it was deleted. */
    async current(db: Db, id: number): Promise<{ version: number; title: string } | undefined> {
      const row = await createArticleFilingRepository(db).findVersion(id);
      return row ? { version: row.version, title: row.title } : undefined;
    },

    /** Replaces only the body (full text read later); refused like `updateText` after an editor's change. */
    async replaceBody(db: Db, actor: Actor, id: number, expectedVersion: number, bodyHtml: string, fingerprint: string | null): Promise<{ updated: boolean; version: number }> {
      const html = renderBody(bodyHtml.slice(0, MAX_BODY), 'html', deps.baseUrl);
      const ok = await createArticleFilingRepository(db).updateBody(id, expectedVersion, {
        excerpt: excerptFromHtml(html).slice(0, 1000),
        body: html,
        body_html: html,
        fingerprint,
        updated_at: deps.clock.now().toISOString(),
      });
      if (!ok) return { updated: false, version: expectedVersion };
      await deps.audit.record(db, actor, 'article.ingest-full-text', { type: 'article', id }, {});
      return { updated: true, version: expectedVersion + 1 };
    },

    /** Articles with a fingerprint, an id above `afterId` and created since `since`, in id order. */
    async fingerprintsAfter(afterId: number, since: Date, limit: number): Promise<Array<{ id: number; fingerprint: string; sourceId: number | null; createdAt: Date }>> {
      const rows = await createArticleFilingRepository(deps.db).fingerprintsAfter(afterId, since.toISOString(), limit);
      return rows.map((r) => ({ id: r.id, fingerprint: r.fingerprint ?? '', sourceId: r.source_id, createdAt: new Date(r.created_at) }));
    },

    /** Credits one more source on an article (a linked near-duplicate); false if it was already credited. */
    async addAttribution(db: Db, articleId: number, credit: { sourceId: number; originalUrl: string | null; originalPublisher: string | null }): Promise<boolean> {
      return createArticleFilingRepository(db).addAttribution({
        article_id: articleId,
        source_id: credit.sourceId,
        original_url: credit.originalUrl,
        original_publisher: credit.originalPublisher,
        created_at: deps.clock.now().toISOString(),
      });
    },

    /** The further sources credited on an article, in the order they were linked. */
    async attributionsFor(articleId: number): Promise<SourceAttribution[]> {
      const rows = await createArticleFilingRepository(deps.db).attributionsFor(articleId);
      return rows.map((r) => ({
        source: { id: r.source_id, slug: r.source_slug, name: r.source_name, homepage: r.source_homepage, attributionTemplate: r.source_attribution },
        originalUrl: r.original_url,
        originalPublisher: r.original_publisher,
      }));
    },

    /** The Wire queue: drafts that came from sources, newest first. */
    async wireQueue(page: { limit: number; offset?: number } = { limit: 50 }): Promise<WireQueueEntry[]> {
      const rows = await createArticleFilingRepository(deps.db).listSourceDrafts(page.limit, page.offset ?? 0);
      return rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        title: r.title,
        excerpt: r.excerpt,
        sectionId: r.section_id,
        source: { id: r.source_id, name: r.source_name },
        originalUrl: r.original_url,
        originalPublisher: r.original_publisher,
        createdAt: new Date(r.created_at),
      }));
    },
  };
}

export type ArticleFilingService = ReturnType<typeof createArticleFilingService>;
