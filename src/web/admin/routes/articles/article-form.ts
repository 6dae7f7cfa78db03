import type { AdminArticle, ArticleInput } from '../../../../content/index.js';
import type { ArticleFormValues } from '../../views/articles/article-form-data.js';
import type { FieldErrors } from '../../views/form.js';
import { fromWallTime, toWallTime } from './wall-time.js';

/** What the button pressed asks for; `preview` saves nothing. */
export const articleIntents = ['save', 'submit', 'publish', 'schedule', 'unpublish', 'preview'] as const;
export type ArticleIntent = (typeof articleIntents)[number];

export function readArticleForm(form: Record<string, string>): { values: ArticleFormValues; intent: ArticleIntent } {
  const text = (name: string) => form[name] ?? '';
  const intent = articleIntents.find((i) => i === form.intent) ?? 'save';
  return {
    intent,
    values: {
      title: text('title'),
      slug: text('slug'),
      excerpt: text('excerpt'),
      body: text('body'),
      sectionId: text('sectionId'),
      tags: text('tags'),
      sourceId: text('sourceId'),
      originalUrl: text('originalUrl'),
      authorId: form.authorId,
      publishedAt: text('publishedAt'),
      version: text('version'),
    },
  };
}

export function formValuesOf(article: AdminArticle, timeZone: string): ArticleFormValues {
  return {
    title: article.title,
    slug: article.slug,
    excerpt: article.excerpt,
    body: article.body,
    sectionId: String(article.section.id),
    tags: article.tags.map((t) => t.name).join(', '),
    sourceId: article.source ? String(article.source.id) : '',
    originalUrl: article.originalUrl ?? '',
    authorId: article.author ? String(article.author.id) : '',
    publishedAt: article.status === 'scheduled' && article.publishedAt ? toWallTime(article.publishedAt, timeZone) : '',
    version: String(article.version),
  };
}

export function newFormValues(authorId: number): ArticleFormValues {
  return { title: '', slug: '', excerpt: '', body: '', sectionId: '', tags: '', sourceId: '', originalUrl: '', authorId: String(authorId), publishedAt: '', version: '' };
}

/** An id from a select; anything else becomes NaN, which the service refuses beside the field. */
function idFrom(value: string): number {
  return /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * The service input the form asks for, or errors in what only the form knows (the schedule
 * time as typed). Everything else is checked by the service.
 */
export function articleChanges(values: ArticleFormValues, intent: ArticleIntent, timeZone: string, current: AdminArticle | null): { changes: ArticleInput } | { errors: FieldErrors } {
  const changes: ArticleInput = {
    title: values.title,
    slug: values.slug,
    excerpt: values.excerpt,
    body: values.body,
    sectionId: idFrom(values.sectionId),
    sourceId: values.sourceId === '' ? null : idFrom(values.sourceId),
    originalUrl: values.originalUrl.trim() || null,
    tags: values.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    ...(values.authorId !== undefined && { authorId: values.authorId === '' ? null : idFrom(values.authorId) }),
  };
  switch (intent) {
    case 'submit':
      return { changes: { ...changes, submitted: true } };
    case 'publish':
      // Publishing now: a scheduled or unpublished article takes the current time.
      return { changes: { ...changes, status: 'published', ...(current?.status !== 'published' && { publishedAt: null }) } };
    case 'unpublish':
      return { changes: { ...changes, status: 'draft', publishedAt: null } };
    case 'schedule': {
      const at = fromWallTime(values.publishedAt, timeZone);
      if (!at) return { errors: { publishedAt: `Choose a date and time (${timeZone}) to publish at.` } };
      return { changes: { ...changes, status: 'scheduled', publishedAt: at } };
    }
    default:
      return { changes };
  }
}
