import { z } from 'zod';
import { InvalidError } from '../shared/errors.js';
import { slugPattern } from '../shared/slug.js';
import { type Article, articleStatuses } from './article.js';
import type { ArticleWrite } from './article-repository.js';

export const maxBodyLength = 500_000;
const chosen = 'must be chosen from the list';
const id = () => z.number({ error: chosen }).int(chosen).positive(chosen);

const articleInputSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(300, 'must be at most 300 characters'),
  slug: z
    .string()
    .trim()
    .max(120, 'must be at most 120 characters')
    .refine((slug) => slug === '' || slugPattern.test(slug), 'may contain only letters, digits and single hyphens')
    .optional(),
  excerpt: z.string().trim().max(1000, 'must be at most 1,000 characters').optional(),
  body: z.string().max(maxBodyLength, 'must be at most 500,000 characters'),
  bodyFormat: z.enum(['markdown', 'html']).default('markdown'),
  sectionId: id(),
  authorId: id().nullable().optional(),
  sourceId: id().nullable().optional(),
  // Shown as a link on the article page: only web addresses, never javascript: and the like.
  originalUrl: z.url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' }).max(2000, 'must be at most 2,000 characters').nullable().optional(),
  originalPublisher: z.string().trim().max(120, 'must be at most 120 characters').nullable().optional(),
  feedGuid: z.string().max(2000).nullable().optional(),
  status: z.enum(articleStatuses, { error: `must be one of ${articleStatuses.join(', ')}` }).default('draft'),
  publishedAt: z.date({ error: 'must be a valid date and time' }).nullable().optional(),
  tags: z.array(z.string().trim().max(60, 'must each be at most 60 characters'), { error: 'must be a list of names' }).max(30, 'may be at most 30').default([]),
  commentsEnabled: z.boolean().default(true),
  /** A draft waits for an editor (true) or no longer does (false); left out, it stays as it was. */
  submitted: z.boolean().optional(),
});

export type ArticleInput = z.input<typeof articleInputSchema>;
export type ValidArticleInput = z.output<typeof articleInputSchema>;

/** The article as input, so an update validates the whole result of its changes. */
export function inputOf(current: Article): ArticleInput {
  return {
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
  };
}

/** How each input field is named in messages, which the admin shows beside the field itself. */
const fieldLabels: Record<string, string> = {
  sectionId: 'section',
  authorId: 'author',
  sourceId: 'source',
  originalUrl: 'original URL',
  originalPublisher: 'original publisher',
  publishedAt: 'publication time',
  bodyFormat: 'body format',
};

/** Text without NUL characters, which no one means to type and PostgreSQL cannot store. */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  return (Array.isArray(value) ? value.map(withoutNul) : value) as T;
}

/** Validated input, or an InvalidError naming the first bad field in `details.field`. */
export function parseArticleInput(input: Record<string, unknown>): ValidArticleInput {
  const parsed = articleInputSchema.safeParse(Object.fromEntries(Object.entries(input).map(([key, value]) => [key, withoutNul(value)])));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? 'input');
  return invalidField(field, issue.message);
}

export function invalidField(field: string, message: string): never {
  throw new InvalidError('ARTICLE_INVALID', `${fieldLabels[field] ?? field} ${message}`, { details: { field } });
}

/** A schedule must lie ahead when it is set; one that has since passed stays (the article is live). */
export function assertScheduleAhead(before: { status: string; publishedAt: Date | null } | null, data: ValidArticleInput, now: Date): void {
  if (data.status !== 'scheduled' || !data.publishedAt) return;
  const unchanged = before?.status === 'scheduled' && before.publishedAt?.getTime() === data.publishedAt.getTime();
  if (!unchanged && data.publishedAt.getTime() <= now.getTime()) invalidField('publishedAt', 'must be in the future to schedule; publish now instead');
}

function publicationTime(status: string, requested: Date | null | undefined, now: Date): Date | null {
  if (status === 'published') return requested ?? now;
  if (status === 'scheduled') {
    if (!requested) throw new InvalidError('ARTICLE_SCHEDULE_REQUIRED', 'publishedAt is required to schedule an article', { details: { field: 'publishedAt' } });
    return requested;
  }
  return requested ?? null;
}

/** Validated input → the columns an insert or update writes. */
export function toWrite(data: ValidArticleInput, derived: { slug: string; excerpt: string; bodyHtml: string; now: Date; submittedAt: Date | null }): ArticleWrite {
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
    submitted_at: derived.submittedAt?.toISOString() ?? null,
  };
}

/** Only drafts wait for review: publishing, scheduling or archiving ends the wait. */
export function submittedAtAfter(before: Date | null, data: ValidArticleInput, now: Date): Date | null {
  if (data.status !== 'draft' || data.submitted === false) return null;
  return data.submitted ? (before ?? now) : before;
}
