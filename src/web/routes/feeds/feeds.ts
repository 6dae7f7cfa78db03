import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import type { AppContext } from '../../../boot.js';
import { type ArticleSummary, articlePath, attributionLine, type ListFilter } from '../../../content/index.js';
import { feedCacheControl, type SitePages } from '../../site-pages.js';

export type FeedFormat = 'xml' | 'atom' | 'json';
const contentTypes: Record<FeedFormat, string> = {
  xml: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
const feedLength = 30;

/** The `feed` library writes JSON Feed 1.0; this lifts it to 1.1 (`authors`, `language`). */
function toJsonFeed11(json: string, language: string): string {
  const doc = JSON.parse(json) as Record<string, unknown> & { items?: Record<string, unknown>[]; author?: unknown };
  doc.version = 'https://jsonfeed.org/version/1.1';
  doc.language = language;
  if (doc.author) {
    doc.authors = [doc.author];
    delete doc.author;
  }
  for (const item of doc.items ?? []) {
    if (item.author) {
      item.authors = [item.author];
      delete item.author;
    }
  }
  return JSON.stringify(doc);
}

function itemDescription(article: ArticleSummary): string {
  const credit = article.source ? ` (${attributionLine(article.source)})` : '';
  return `${article.excerpt}${credit}`;
}

/** RSS 2.0, Atom 1.0 or JSON Feed 1.1 of the newest visible articles matching a filter. */
export async function sendFeed(
  ctx: AppContext,
  pages: SitePages,
  request: FastifyRequest,
  reply: FastifyReply,
  format: FeedFormat,
  spec: { title?: string; path: string; filter: ListFilter },
) {
  const settings = await ctx.content.settings.get();
  const articles = await ctx.content.articles.latest(spec.filter, feedLength);
  const base = ctx.baseUrl;
  const selfPath = `${spec.path}feed.${format}`;
  const feed = new Feed({
    title: spec.title ? `${spec.title} — ${settings.title}` : settings.title,
    description: settings.description,
    id: `${base}${spec.path}`,
    link: `${base}${spec.path}`,
    language: settings.language,
    copyright: `© ${settings.publisherName || settings.title}`,
    updated: articles[0]?.updatedAt ?? new Date(0),
    generator: 'Broadsheet',
    feedLinks: { rss: `${base}${spec.path}feed.xml`, atom: `${base}${spec.path}feed.atom`, json: `${base}${spec.path}feed.json` },
    feed: `${base}${selfPath}`,
  });
  for (const article of articles) {
    const url = `${base}${articlePath(article)}`;
    feed.addItem({
      title: article.title,
      id: url,
      link: url,
      description: itemDescription(article),
      date: article.updatedAt,
      published: article.publishedAt ?? article.createdAt,
      author: article.author ? [{ name: article.author.name, link: `${base}/author/${article.author.slug}/` }] : article.source ? [{ name: article.source.name }] : undefined,
      category: [{ name: article.section.name }, ...article.tags.map((t) => ({ name: t.name, domain: `${base}/tag/${t.slug}/` }))],
    });
  }
  const body = format === 'xml' ? feed.rss2() : format === 'atom' ? feed.atom1() : toJsonFeed11(feed.json1(), settings.language);
  return pages.send(request, reply, body, { contentType: contentTypes[format], cacheControl: feedCacheControl });
}

export function registerFeedRoutes(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  app.get<{ Params: { format: string } }>('/feed.:format', async (request, reply) => {
    const format = request.params.format;
    if (format !== 'xml' && format !== 'atom' && format !== 'json') return reply.callNotFound();
    return sendFeed(ctx, pages, request, reply, format, { path: '/', filter: {} });
  });
  app.get<{ Params: { slug: string; format: string } }>('/tag/:slug/feed.:format', async (request, reply) => {
    const format = request.params.format;
    if (format !== 'xml' && format !== 'atom' && format !== 'json') return reply.callNotFound();
    const tag = await ctx.content.tags.bySlug(request.params.slug);
    return sendFeed(ctx, pages, request, reply, format, { title: `#${tag.name}`, path: `/tag/${encodeURIComponent(tag.slug)}/`, filter: { tagId: tag.id } });
  });
}
