import type { AuditService } from '../audit/index.js';
import type { Db } from '../db/dialect.js';
import type { Actor } from '../shared/actor.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { type Cursor, decodeCursor, encodeCursor } from '../shared/pagination.js';
import { assertCan, can } from '../shared/permissions.js';
import { slugify } from '../shared/slug.js';
import type { AdminArticle, AdminArticleSummary, Article, ArticleStatus, ArticleSummary, BodyFormat, TagRef } from './article.js';
import { type ArticleInput, assertScheduleAhead, inputOf, invalidField, maxBodyLength, parseArticleInput, submittedAtAfter, toWrite, type ValidArticleInput, withoutNul } from './article-input.js';
import { assertMayOpenArticle, assertMayWriteArticle, authorOfNewArticle, ownership } from './article-permissions.js';
import { type AdminFilter, type ArticleFullRow, type ArticleRow, type ArticleWrite, createArticleRepository, type PublishedFilter } from './article-repository.js';
import { type ArticleRevisionSummary, restoredContent, revisionRow, toRevision, toRevisionSummary } from './article-revisions.js';
import { createArticleRevisionsRepository } from './article-revisions-repository.js';
import { excerptFromHtml, renderBody } from './render-body.js';
import type { SectionService, SectionTree } from './section-service.js';
import type { TagService } from './tag-service.js';

export type { ArticleInput } from './article-input.js';

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

/**
 * The admin's article list: any status ("submitted": drafts waiting for review; "wire": drafts
 * ingest filed from sources under the review policy), title search.
 */
export interface AdminListFilter {
  status?: ArticleStatus | 'submitted' | 'wire';
  sectionId?: number;
  sourceId?: number;
  authorId?: number;
  search?: string;
}

const stale = () => new ConflictError('ARTICLE_STALE', 'This article was changed by someone else since you opened it, so your changes were not saved. Reload it to see theirs.');
const slugTaken = (slug: string) => new ConflictError('ARTICLE_SLUG_TAKEN', `The slug "${slug}" is already used by another article`, { details: { field: 'slug' } });

export function createArticleService(deps: { db: Db; clock: Clock; audit: AuditService; changes: ChangeNotifier; sections: SectionService; tags: TagService; baseUrl: string }) {
  const repo = createArticleRepository(deps.db);
  const revisionsRepo = createArticleRevisionsRepository(deps.db);

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

  /** A slug made from `wanted` that no other article uses; `own` (the article's current slug) counts as free. */
  async function uniqueSlug(db: Db, wanted: string, own?: string): Promise<string> {
    const base = slugify(wanted);
    let slug = base;
    for (let n = 2; slug !== own && (await createArticleRepository(db).slugExists(slug)); n++) slug = `${base}-${n}`;
    return slug;
  }

  async function loadForAdmin(id: number): Promise<AdminArticle> {
    const [row, submittedAt] = await Promise.all([repo.findById(id), repo.submittedAt(id)]);
    if (!row) throw new NotFoundError('ARTICLE_NOT_FOUND', 'No such article');
    return { ...(await toArticle(row)), submittedAt: submittedAt ? new Date(submittedAt) : null };
  }

  /** Refuses references to things that do not exist, naming the field, before the database would. */
  async function checkReferences(data: ValidArticleInput): Promise<void> {
    if (!(await deps.sections.tree()).all.has(data.sectionId)) invalidField('sectionId', 'must be chosen from the list');
    if (data.sourceId && !(await repo.sourceExists(data.sourceId))) invalidField('sourceId', 'must be chosen from the list');
    if (data.authorId && !(await repo.authorExists(data.authorId))) invalidField('authorId', 'must be chosen from the list');
  }

  /** Records the version a write just made, with the tags it ended up with, in the write's transaction. */
  async function recordRevision(trx: Db, actor: Actor, articleId: number, version: number, write: ArticleWrite): Promise<void> {
    const tags = await createArticleRepository(trx).tagsFor([articleId]);
    await createArticleRevisionsRepository(trx).insert(revisionRow(articleId, version, write, tags.map((t) => t.name), actor));
  }

  /** `update` and `restoreRevision`: one versioned, permission-checked write, audited as `action`. */
  async function applyUpdate(actor: Actor, id: number, expectedVersion: number, changes: Partial<ArticleInput>, action: string, details: Record<string, unknown> = {}): Promise<void> {
    assertCan(actor, 'articles.write-own');
    const current = await loadForAdmin(id);
    if (current.version !== expectedVersion) throw stale();
    const data = parseArticleInput({ ...inputOf(current), ...changes });
    assertMayWriteArticle(actor, ownership(current), { authorId: data.authorId ?? null, status: data.status });
    const now = deps.clock.now();
    assertScheduleAhead(current, data, now);
    await checkReferences(data);
    const bodyHtml = renderBody(data.body, data.bodyFormat, deps.baseUrl);
    await deps.db.transaction().execute(async (trx) => {
      const trxRepo = createArticleRepository(trx);
      const slug = data.slug || (await uniqueSlug(trx, data.title, current.slug));
      if (slug !== current.slug && (await trxRepo.slugExists(slug))) throw slugTaken(slug);
      // An explicit excerpt is kept; a blank one, or one derived from a body that changed, is derived again.
      const derive = changes.excerpt !== undefined || changes.body !== undefined;
      const excerpt = changes.excerpt?.trim() ? (data.excerpt ?? '') : derive ? excerptFromHtml(bodyHtml) : current.excerpt;
      const write = toWrite(data, { slug, excerpt, bodyHtml, now, submittedAt: submittedAtAfter(current.submittedAt, data, now) });
      if (!(await trxRepo.update(id, expectedVersion, write))) throw stale();
      if (changes.tags) await trxRepo.replaceTags(id, await deps.tags.ensure(trx, data.tags));
      await recordRevision(trx, actor, id, expectedVersion + 1, write);
      await deps.audit.record(trx, actor, action, { type: 'article', id }, { status: data.status, fields: Object.keys(changes), ...details });
    });
    deps.changes.notify('content');
  }

  const service = {
    /**
     * Creates an article; tags are created as needed. A scheduled article goes live at its time
     * on its own. Staff without `articles.edit-any` always create their own article, and only
     * `articles.publish` creates anything but a draft (see article-permissions.ts).
     */
    async create(actor: Actor, input: ArticleInput): Promise<Article> {
      assertCan(actor, 'articles.write-own');
      const data = parseArticleInput({ ...input, authorId: authorOfNewArticle(actor, input.authorId) });
      assertMayWriteArticle(actor, null, { authorId: data.authorId ?? null, status: data.status });
      const now = deps.clock.now();
      assertScheduleAhead(null, data, now);
      await checkReferences(data);
      const bodyHtml = renderBody(data.body, data.bodyFormat, deps.baseUrl);
      const id = await deps.db.transaction().execute(async (trx) => {
        const trxRepo = createArticleRepository(trx);
        if (data.slug && (await trxRepo.slugExists(data.slug))) throw slugTaken(data.slug);
        const slug = data.slug || (await uniqueSlug(trx, data.title));
        const write = toWrite(data, { slug, excerpt: data.excerpt || excerptFromHtml(bodyHtml), bodyHtml, now, submittedAt: submittedAtAfter(null, data, now) });
        const articleId = await trxRepo.insert({ ...write, created_at: now.toISOString() });
        await trxRepo.replaceTags(articleId, await deps.tags.ensure(trx, data.tags));
        // A new article starts at version 1 (the column's default).
        await recordRevision(trx, actor, articleId, 1, write);
        await deps.audit.record(trx, actor, `article.create`, { type: 'article', id: articleId }, { status: data.status, slug });
        return articleId;
      });
      deps.changes.notify('content');
      return service.byId(id);
    },

    /**
     * Applies changes if `expectedVersion` is still current; an edit of a stale copy is refused
     * with a conflict and overwrites nothing. Each write keeps a revision of the new version.
     * Refused (ForbiddenError) where article-permissions.ts says so.
     */
    async update(actor: Actor, id: number, expectedVersion: number, changes: Partial<ArticleInput>): Promise<Article> {
      await applyUpdate(actor, id, expectedVersion, changes, 'article.update');
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

    /** How many articles went live from `since` until now (the dashboard's "published today"); public information. */
    async countPublishedSince(since: Date): Promise<number> {
      return repo.countPublished(await publishedFilter({ since }));
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

    /** An article for the admin's editor, refused unless `actor` may edit it (authors: their own). */
    async byIdForEdit(actor: Actor, id: number): Promise<AdminArticle> {
      assertCan(actor, 'articles.write-own');
      const article = await loadForAdmin(id);
      assertMayOpenArticle(actor, ownership(article));
      return article;
    },

    /** Articles of any status, most recently changed first; staff without `articles.edit-any` see only their own. */
    async adminList(actor: Actor, filter: AdminListFilter, range: { offset: number; limit: number }): Promise<{ articles: AdminArticleSummary[]; total: number }> {
      assertCan(actor, 'articles.write-own');
      const f: AdminFilter = {
        status: filter.status === 'submitted' || filter.status === 'wire' ? 'draft' : filter.status,
        submitted: filter.status === 'submitted',
        fromSource: filter.status === 'wire',
        // An unknown section has no articles.
        sectionIds: filter.sectionId === undefined ? undefined : await deps.sections.descendantIds(filter.sectionId).catch(() => []),
        sourceId: filter.sourceId,
        authorId: actor.kind === 'user' && !can(actor, 'articles.edit-any') ? actor.userId : filter.authorId,
        titleContains: withoutNul(filter.search?.trim()) || undefined,
      };
      const [rows, total] = await Promise.all([repo.listForAdmin(f, range), repo.countForAdmin(f)]);
      const summaries = await toSummaries(rows);
      return { articles: summaries.map((summary, i) => ({ ...summary, submittedAt: rows[i].submitted_at ? new Date(rows[i].submitted_at) : null })), total };
    },

    /** A body as the site would show it, for the editor's preview; nothing is saved. */
    preview(actor: Actor, body: string, format: BodyFormat): string {
      assertCan(actor, 'articles.write-own');
      return renderBody(body.slice(0, maxBodyLength), format, deps.baseUrl);
    },

    /** The article's last 50 versions, newest first; for those who may open it. */
    async revisions(actor: Actor, id: number): Promise<ArticleRevisionSummary[]> {
      await service.byIdForEdit(actor, id);
      return (await revisionsRepo.listForArticle(id, 50)).map(toRevisionSummary);
    },

    /**
     * Brings back a revision's text, slug, section, source and tags as a new version (status and
     * publication time stay); refused like any edit when `expectedVersion` is stale or `actor`
     * may not edit the article.
     */
    async restoreRevision(actor: Actor, id: number, revisionId: number, expectedVersion: number): Promise<Article> {
      assertCan(actor, 'articles.write-own');
      const row = await revisionsRepo.find(id, revisionId);
      if (!row) throw new NotFoundError('REVISION_NOT_FOUND', 'This article has no such revision');
      const revision = toRevision(row);
      await applyUpdate(actor, id, expectedVersion, restoredContent(revision), 'article.restore', { fromVersion: revision.version });
      return service.byId(id);
    },
  };
  return service;
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
