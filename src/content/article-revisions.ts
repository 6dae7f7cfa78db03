import type { Insertable } from 'kysely';
import { z } from 'zod';
import type { ArticleRevisionTable } from '../db/schema.js';
import { type Actor, actorId } from '../shared/actor.js';
import type { ArticleStatus, BodyFormat } from './article.js';
import type { ArticleInput } from './article-input.js';
import type { ArticleWrite } from './article-repository.js';
import type { ArticleRevisionListRow, ArticleRevisionRow } from './article-revisions-repository.js';

/** One version of an article in its history: who saved it, when, and what it was then. */
export interface ArticleRevisionSummary {
  id: number;
  articleId: number;
  version: number;
  title: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  /** The staff member who saved it; null for the system (ingest, CLI) or a removed account. */
  actor: { id: number; name: string } | null;
  createdAt: Date;
}

export interface ArticleRevision extends ArticleRevisionSummary {
  slug: string;
  excerpt: string;
  body: string;
  bodyFormat: BodyFormat;
  sectionId: number;
  sourceId: number | null;
  originalUrl: string | null;
  tags: string[];
}

const tagNames = z.array(z.string()).catch([]);

/** The row recording the version an insert or update just wrote. */
export function revisionRow(articleId: number, version: number, write: ArticleWrite, tags: string[], actor: Actor): Insertable<ArticleRevisionTable> {
  return {
    article_id: articleId,
    version,
    title: write.title,
    slug: write.slug,
    excerpt: write.excerpt,
    body: write.body,
    body_format: write.body_format,
    section_id: write.section_id,
    source_id: write.source_id ?? null,
    original_url: write.original_url ?? null,
    status: write.status,
    published_at: write.published_at ?? null,
    tags: JSON.stringify(tags),
    actor_id: actorId(actor),
    created_at: write.updated_at,
  };
}

export function toRevisionSummary(row: ArticleRevisionListRow): ArticleRevisionSummary {
  return {
    id: row.id,
    articleId: row.article_id,
    version: row.version,
    title: row.title,
    status: row.status as ArticleStatus,
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    actor: row.actor_id !== null && row.actor_name !== null ? { id: row.actor_id, name: row.actor_name } : null,
    createdAt: new Date(row.created_at),
  };
}

export function toRevision(row: ArticleRevisionRow): ArticleRevision {
  return {
    ...toRevisionSummary(row),
    slug: row.slug,
    excerpt: row.excerpt,
    body: row.body,
    bodyFormat: row.body_format as BodyFormat,
    sectionId: row.section_id,
    sourceId: row.source_id,
    originalUrl: row.original_url,
    tags: tagNames.parse(safeJson(row.tags)),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * What restoring a revision changes: its text, slug, section, source and tags. Status and
 * publication time stay as they are now; bringing back old words never publishes or unpublishes.
 */
export function restoredContent(revision: ArticleRevision): Partial<ArticleInput> {
  return {
    title: revision.title,
    slug: revision.slug,
    excerpt: revision.excerpt,
    body: revision.body,
    bodyFormat: revision.bodyFormat,
    sectionId: revision.sectionId,
    sourceId: revision.sourceId,
    originalUrl: revision.originalUrl,
    tags: revision.tags,
  };
}
