import { type Article, type ArticleSummary, articlePath, attributionLine, type Section } from '../../../content/index.js';

/**
 * The JSON API's wire shapes. They are a promise to API clients, so they are spelled out
 * here rather than derived from rows or domain objects.
 */
export function serializeArticleSummary(article: ArticleSummary, baseUrl: string) {
  return {
    id: article.id,
    slug: article.slug,
    url: `${baseUrl}${articlePath(article)}`,
    title: article.title,
    excerpt: article.excerpt,
    section: { slug: article.section.slug, name: article.section.name, path: article.section.path, url: `${baseUrl}/${article.section.path}/` },
    tags: article.tags.map((t) => ({ slug: t.slug, name: t.name, url: `${baseUrl}/tag/${t.slug}/` })),
    source: article.source
      ? { slug: article.source.slug, name: article.source.name, homepage: article.source.homepage, attribution: attributionLine(article.source) }
      : null,
    author: article.author ? { slug: article.author.slug, name: article.author.name, url: `${baseUrl}/author/${article.author.slug}/` } : null,
    originalUrl: article.originalUrl,
    originalPublisher: article.originalPublisher,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    updatedAt: article.updatedAt.toISOString(),
  };
}

export function serializeArticle(article: Article, baseUrl: string) {
  return { ...serializeArticleSummary(article, baseUrl), html: article.bodyHtml, commentsEnabled: article.commentsEnabled };
}

export function serializeSection(section: Section, baseUrl: string): Record<string, unknown> {
  return {
    id: section.id,
    slug: section.slug,
    name: section.name,
    path: section.path,
    url: `${baseUrl}/${section.path}/`,
    description: section.description,
    parent: section.parentId,
    children: section.children.map((c) => serializeSection(c, baseUrl)),
  };
}
