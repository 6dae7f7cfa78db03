import { z } from 'zod';
import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InvalidError, NotFoundError } from '../shared/errors.js';
import { type Cursor, decodeCursor, encodeCursor } from '../shared/pagination.js';
import { slugify, slugPattern } from '../shared/slug.js';
import { type Article, type ArticleSummary, articleStatuses, type BodyFormat, type TagRef } from './article.js';
import { type ArticleFullRow, type ArticleRow, type ArticleWrite, createArticleRepository, type PublishedFilter } from './article-repository.js';
import { excerptFromHtml, renderBody } from './render-body.js';
import type { SectionService, SectionTree } from './section-service.js';
import type { TagService } from './tag-service.js';

const articleInputSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(300),
  slug: z.string().trim().max(120).optional(),
  excerpt: z.string().trim().max(1000).optional(),
  body: z.string().max(500_000),
  bodyFormat: z.enum(['markdown', 'html']).default('markdown'),
  sectionId: z.number().int().positive(),
  authorId: z.number().int().positive().nullable().optional(),
  sourceId: z.number().int().positive().nullable().optional(),
  originalUrl: z.string().url().nullable().optional(),
  originalPublisher: z.string().trim().max(120).nullable().optional(),
  feedGuid: z.string().max(2000).nullable().optional(),
  status: z.enum(articleStatuses).default('draft'),
  publishedAt: z.date().nullable().optional(),
  tags: z.array(z.string()).max(30).default([]),
  commentsEnabled: z.boolean().default(true),
});

export type ArticleInput = z.input<typeof articleInputSchema>;

export interface ListFilter {
  sectionId?: number;
  tagId?: number;
  sourceId?: number;
  authorId?: number;
  since?: Date;
}

export interface ArticlePage {
  articles: ArticleSummary[];
  nextCursor: string | null;
}

function invalid(error: z.ZodError): InvalidError {
  const issue = error.issues[0];
  const field = String(issue.path[0] ?? 'input');
  return new InvalidError('ARTICLE_INVALID', `${field} ${issue.message}`, { details: { field } });
}

export function createArticleService(deps: { db: Db; clock: Clock; audit: AuditService; changes: ChangeNotifier; sections: SectionService; tags: TagService; baseUrl: string }) {
  const repo = createArticleRepository(deps.db);

  async function toSummaries(rows: ArticleRow[]): Promise<ArticleSummary[]> {
    const tree = await deps.sections.tree();
    const tagRows = await repo.tagsFor(rows.map((r) => r.id));
    const tagsByArticle = new Map<number, TagRef[]>();
    for (const t of tagRows) {
      const list = tagsByArticle.get(t.article_id) ?? [];
      list.push({ id: t.id, slug: t.slug, name: t.name });
      tagsByArticle.set(t.article_id, list);
    }
    return rows.map((row) => toSummary(row, tree, tagsByArticle.get(row.id) ?? []));
  }

  async function toArticle(row: ArticleFullRow): Promise<Article> {
    const [summary] = await toSummaries([row]);
    return { ...summary, body: row.body, bodyFormat: row.body_format as BodyFormat, bodyHtml: row.body_html, feedGuid: row.feed_guid, version: row.version };
  }

  async function publishedFilter(filter: ListFilter): Promise<PublishedFilter> {
    return {
      now: deps.clock.now().toISOString(),
      sectionIds: filter.sectionId === undefined ? undefined : await deps.sections.descendantIds(filter.sectionId),
      tagId: filter.tagId,
      sourceId: filter.sourceId,
      authorId: filter.authorId,
      since: filter.since?.toISOString(),
    };
  }

  async function uniqueSlug(db: Db, wanted: string): Promise<string> {
    const base = slugify(wanted);
    let slug = base;
    for (let n = 2; await createArticleRepository(db).slugExists(slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  const service = {
    /** Creates an article; tags are created as needed. A scheduled article goes live at its time on its own. */
    async create(actor: Actor, input: ArticleInput): Promise<Article> {
      const parsed = articleInputSchema.safeParse(input);
      if (!parsed.success) throw invalid(parsed.error);
      const data = parsed.data;
      await deps.sections.byId(data.sectionId);
      if (data.slug && !slugPattern.test(data.slug)) throw new InvalidError('ARTICLE_SLUG_INVALID', `Invalid slug "${data.slug}": use letters, digits and hyphens`);
      const now = deps.clock.now();
      const bodyHtml = renderBody(data.body, data.bodyFormat, deps.baseUrl);
      const id = await deps.db.transaction().execute(async (trx) => {
        const trxRepo = createArticleRepository(trx);
        if (data.slug && (await trxRepo.slugExists(data.slug))) throw new ConflictError('ARTICLE_SLUG_TAKEN', `The slug "${data.slug}" is already used`);
        const slug = data.slug || (await uniqueSlug(trx, data.title));
        const articleId = await trxRepo.insert({
          ...toWrite(data, { slug, excerpt: data.excerpt || excerptFromHtml(bodyHtml), bodyHtml, now }),
          created_at: now.toISOString(),
        });
        await trxRepo.replaceTags(articleId, await deps.tags.ensure(trx, data.tags));
        await deps.audit.record(trx, actor, `article.create`, { type: 'article', id: articleId }, { status: data.status, slug });
        return articleId;
      });
      deps.changes.notify('content');
      return service.byId(id);
    },

    /**
     * Applies changes if `expectedVersion` is still current; an edit of a stale copy is refused
     * with a conflict and overwrites nothing.
     */
    async update(actor: Actor, id: number, expectedVersion: number, changes: Partial<ArticleInput>): Promise<Article> {
      const current = await service.byId(id);
      const merged = {
        title: current.title,
        slug: current.slug,
        excerpt: current.excerpt,
        body: current.body,
        bodyFormat: current.bodyFormat,
        sectionId: current.section.id,
        authorId: current.author?.id ?? null,
        sourceId: current.source?.id ?? null,
        originalUrl: current.originalUrl,
        originalPublisher: current.originalPublisher,
        feedGuid: current.feedGuid,
        status: current.status,
        publishedAt: current.publishedAt,
        tags: current.tags.map((t) => t.name),
        commentsEnabled: current.commentsEnabled,
        ...changes,
      };
      const parsed = articleInputSchema.safeParse(merged);
      if (!parsed.success) throw invalid(parsed.error);
      const data = parsed.data;
      await deps.sections.byId(data.sectionId);
      const now = deps.clock.now();
      const bodyHtml = renderBody(data.body, data.bodyFormat, deps.baseUrl);
      await deps.db.transaction().execute(async (trx) => {
        const trxRepo = createArticleRepository(trx);
        const slug = data.slug || current.slug;
        if (slug !== current.slug && (await trxRepo.slugExists(slug))) throw new ConflictError('ARTICLE_SLUG_TAKEN', `The slug "${slug}" is already used`);
        // An explicit excerpt is kept; one derived from the old body is derived again.
        const excerpt = changes.excerpt !== undefined || changes.body === undefined ? (data.excerpt ?? '') : excerptFromHtml(bodyHtml);
        const ok = await trxRepo.update(id, expectedVersion, toWrite(data, { slug, excerpt, bodyHtml, now }));
        if (!ok) throw new ConflictError('ARTICLE_STALE', 'This article was changed by someone else since you opened it; reload to see their changes.');
        if (changes.tags) await trxRepo.replaceTags(id, await deps.tags.ensure(trx, data.tags));
        await deps.audit.record(trx, actor, 'article.update', { type: 'article', id }, { status: data.status, fields: Object.keys(changes) });
      });
      deps.changes.notify('content');
      return service.byId(id);
    },

    async byId(id: number): Promise<Article> {
      const row = await repo.findById(id);
      if (!row) throw new NotFoundError('ARTICLE_NOT_FOUND', 'No such article');
      return toArticle(row);
    },

    /** Any status; callers decide what the reader may see (see `isPubliclyVisible`). */
    async bySlug(slug: string): Promise<Article> {
      const row = await repo.findBySlug(slug);
      if (!row) throw new NotFoundError('ARTICLE_NOT_FOUND', 'No such article');
      return toArticle(row);
    },

    /** Visible articles, newest first, by offset (site pages), with the total for page counts. */
    async list(filter: ListFilter, range: { offset: number; limit: number }): Promise<{ articles: ArticleSummary[]; total: number }> {
      const f = await publishedFilter(filter);
      const [rows, total] = await Promise.all([repo.listPublished(f, range), repo.countPublished(f)]);
      return { articles: await toSummaries(rows), total };
    },

    /** The newest visible articles matching a filter, without counting them all (feeds, blocks). */
    async latest(filter: ListFilter, limit: number): Promise<ArticleSummary[]> {
      return toSummaries(await repo.listPublished(await publishedFilter(filter), { limit }));
    },

    /** Visible articles, newest first, by opaque cursor (the JSON API). */
    async listByCursor(filter: ListFilter, cursor: string | undefined, limit: number): Promise<ArticlePage> {
      const after: Cursor | undefined = cursor ? decodeCursor(cursor) : undefined;
      const rows = await repo.listPublished(await publishedFilter(filter), { limit: limit + 1, after });
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      return {
        articles: await toSummaries(pageRows),
        nextCursor: rows.length > limit && last?.published_at ? encodeCursor({ publishedAt: last.published_at, id: last.id }) : null,
      };
    },

    /** Articles sharing tags with this one, then the newest from its section. */
    async related(article: ArticleSummary, limit = 4): Promise<ArticleSummary[]> {
      const now = deps.clock.now().toISOString();
      const byTags = await repo.relatedByTags(
        article.id,
        article.tags.map((t) => t.id),
        now,
        limit,
      );
      const rows = [...byTags];
      if (rows.length < limit) {
        const more = await repo.listPublished(
          { now, sectionIds: [article.section.id], excludeIds: [article.id, ...rows.map((r) => r.id)] },
          { limit: limit - rows.length },
        );
        rows.push(...more);
      }
      return toSummaries(rows);
    },

    /** When the next scheduled article goes live, so caches know when they turn stale. */
    async nextScheduledAfter(now: Date): Promise<Date | null> {
      const next = await repo.nextScheduledAfter(now.toISOString());
      return next ? new Date(next) : null;
    },
  };
  return service;
}

function publicationTime(status: string, requested: Date | null | undefined, now: Date): Date | null {
  if (status === 'published') return requested ?? now;
  if (status === 'scheduled') {
    if (!requested) throw new InvalidError('ARTICLE_SCHEDULE_REQUIRED', 'publishedAt is required to schedule an article');
    return requested;
  }
  return requested ?? null;
}

/** Validated input → the columns an insert or update writes. */
function toWrite(data: z.output<typeof articleInputSchema>, derived: { slug: string; excerpt: string; bodyHtml: string; now: Date }): ArticleWrite {
  return {
    slug: derived.slug,
    title: data.title,
    excerpt: derived.excerpt,
    body: data.body,
    body_format: data.bodyFormat,
    body_html: derived.bodyHtml,
    section_id: data.sectionId,
    author_id: data.authorId ?? null,
    source_id: data.sourceId ?? null,
    original_url: data.originalUrl ?? null,
    original_publisher: data.originalPublisher ?? null,
    feed_guid: data.feedGuid ?? null,
    status: data.status,
    comments_enabled: data.commentsEnabled ? 1 : 0,
    published_at: publicationTime(data.status, data.publishedAt, derived.now)?.toISOString() ?? null,
    updated_at: derived.now.toISOString(),
  };
}

function toSummary(row: ArticleRow, tree: SectionTree, tags: TagRef[]): ArticleSummary {
  const section = tree.all.get(row.section_id);
  if (!section) throw new NotFoundError('SECTION_NOT_FOUND', `Section ${row.section_id} of article ${row.id} is missing`);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    status: row.status as ArticleSummary['status'],
    section: { id: section.id, slug: section.slug, name: section.name, path: section.path },
    source:
      row.source_id !== null && row.source_slug && row.source_name
        ? { id: row.source_id, slug: row.source_slug, name: row.source_name, homepage: row.source_homepage, attributionTemplate: row.source_attribution ?? 'According to {name}' }
        : null,
    author: row.author_id !== null && row.author_slug && row.author_name ? { id: row.author_id, slug: row.author_slug, name: row.author_name } : null,
    originalUrl: row.original_url,
    originalPublisher: row.original_publisher,
    commentsEnabled: row.comments_enabled === 1,
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    updatedAt: new Date(row.updated_at),
    createdAt: new Date(row.created_at),
    tags,
  };
}

export type ArticleService = ReturnType<typeof createArticleService>;
