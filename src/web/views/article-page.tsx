import { type Article, type ArticleSummary, articlePath, attributionLine, type Section, type SourceRef } from '../../content/index.js';
import { articleCard } from './article-card.js';
import { breadcrumb, breadcrumbJsonLd, type Crumb } from './breadcrumb.js';
import { formatDateTime, isoInZone } from './format.js';
import { type PagePart, type PreparedPart, preparePart } from '../plugins/page-cache.js';
import { type Html, html, type Piece } from './html.js';
import { layoutParts, type PageMeta } from './layout.js';
import type { SiteChrome } from './site-chrome.js';

function newsArticleJsonLd(article: Article, chrome: SiteChrome, url: string) {
  const publisher = chrome.settings.publisherName || chrome.settings.title;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.excerpt || undefined,
    mainEntityOfPage: url,
    url,
    datePublished: article.publishedAt?.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    author: article.author
      ? { '@type': 'Person', name: article.author.name, url: `${chrome.baseUrl}/author/${article.author.slug}/` }
      : { '@type': 'Organization', name: article.source?.name ?? publisher },
    publisher: { '@type': 'Organization', name: publisher, url: `${chrome.baseUrl}/` },
    isBasedOn: article.originalUrl ?? undefined,
    keywords: article.tags.map((t) => t.name).join(', ') || undefined,
    articleSection: article.section.name,
    inLanguage: chrome.settings.language,
  };
}

// Article bodies encoded once per article object: the read cache hands out one frozen object
// per article until content changes (see article-card.tsx).
const bodies = new WeakMap<Article, PreparedPart>();
function bodyPart(article: Article): PreparedPart {
  let body = bodies.get(article);
  if (!body) {
    // Raw on purpose: body_html is produced by renderBody(), which runs the allow-list sanitiser.
    body = preparePart(article.bodyHtml);
    bodies.set(article, body);
  }
  return body;
}

/**
 * An Article page with related articles and, in its comments slot, `comments`: the comments
 * section's parts, which escape every value they write (see comments-section.tsx).
 */
export function articlePage(props: { chrome: SiteChrome; article: Article; section: Section; related: ArticleSummary[]; comments: Piece }): PagePart[] {
  const { chrome, article, section } = props;
  const { language, timezone } = chrome.settings;
  const url = `${chrome.baseUrl}${articlePath(article)}`;
  const crumbs: Crumb[] = [{ name: 'Home', path: '/' }, ...section.ancestry.map((s) => ({ name: s.name, path: `/${s.path}/` })), { name: article.title }];
  const published = article.publishedAt;
  const meta: PageMeta = {
    title: article.title,
    description: article.excerpt,
    canonical: url,
    ogType: 'article',
    structuredData: [newsArticleJsonLd(article, chrome, url), breadcrumbJsonLd(crumbs, chrome.baseUrl, url)],
    extraMeta: [
      ...(published ? [{ property: 'article:published_time', content: published.toISOString() }] : []),
      { property: 'article:modified_time', content: article.updatedAt.toISOString() },
      { property: 'article:section', content: section.name },
      ...article.tags.map((t) => ({ property: 'article:tag', content: t.name })),
    ],
    feeds: [{ title: section.name, path: `/${section.path}/feed.xml` }],
  };
  const byline = html`<p class="byline">${
    article.author && html`By <a href="${`/author/${article.author.slug}/`}">${article.author.name}</a>${published && html` &middot; `}`
  }${published && html`<time datetime="${isoInZone(published, timezone)}" class="published">${formatDateTime(published, language, timezone)}</time>`}</p>`;
  const tags =
    article.tags.length > 0 &&
    html`<ul class="hashtags" aria-label="Tags">${article.tags.map(
      (t) => html`<li><a href="${`/tag/${encodeURIComponent(t.slug)}/`}" rel="tag">#${t.name.replace(/\s+/g, '')}</a></li>`,
    )}</ul>`;
  const related = props.related.length > 0 && [
    html`<aside class="related" aria-labelledby="related-heading"><h2 id="related-heading" class="section-heading">Related</h2><div class="related-grid">`,
    props.related.map((a) => articleCard(a, chrome, { headingLevel: 3, showExcerpt: false })),
    html`</div></aside>`,
  ];
  return layoutParts(chrome, meta, [
    html`${breadcrumb(crumbs)}<article class="story" aria-labelledby="story-title"><header class="story-header"><h1 id="story-title">${article.title}</h1>${byline}${
      article.source && attribution(article, article.source)
    }</header><div class="story-body">`,
    bodyPart(article),
    html`</div>${tags}</article><section id="comments" class="comments" aria-labelledby="comments-heading">`,
    props.comments,
    html`</section>`,
    related,
  ]);
}

function attribution(article: Article, source: SourceRef): Html {
  const line = attributionLine(source);
  return html`<p class="attribution">${
    article.originalUrl ? html`<a href="${article.originalUrl}" rel="noopener">${line}</a>` : html`<a href="${`/source/${source.slug}/`}">${line}</a>`
  }${article.originalPublisher && html`<span class="original-publisher">, first published by ${article.originalPublisher}</span>`}</p>`;
}
