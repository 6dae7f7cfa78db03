import type { ComponentChildren } from 'preact';
import { type Article, type ArticleSummary, articlePath, attributionLine, type Section } from '../../content/index.js';
import { ArticleCard } from './article-card.js';
import { Breadcrumb, breadcrumbJsonLd, type Crumb } from './breadcrumb.js';
import { formatDateTime, isoInZone } from './format.js';
import { Layout } from './layout.js';
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

export function ArticlePage(props: { chrome: SiteChrome; article: Article; section: Section; related: ArticleSummary[]; comments?: ComponentChildren }) {
  const { chrome, article, section } = props;
  const { language, timezone } = chrome.settings;
  const url = `${chrome.baseUrl}${articlePath(article)}`;
  const crumbs: Crumb[] = [{ name: 'Home', path: '/' }, ...section.ancestry.map((s) => ({ name: s.name, path: `/${s.path}/` })), { name: article.title }];
  const published = article.publishedAt;
  return (
    <Layout
      chrome={chrome}
      meta={{
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
      }}
    >
      <Breadcrumb crumbs={crumbs} />
      <article class="story" aria-labelledby="story-title">
        <header class="story-header">
          <h1 id="story-title">{article.title}</h1>
          <p class="byline">
            {article.author && (
              <>
                By <a href={`/author/${article.author.slug}/`}>{article.author.name}</a>
                {published && ' · '}
              </>
            )}
            {published && (
              <time datetime={isoInZone(published, timezone)} class="published">
                {formatDateTime(published, language, timezone)}
              </time>
            )}
          </p>
          {article.source && <Attribution article={article} />}
        </header>
        {/* Raw HTML on purpose: body_html is produced by renderBody(), which runs the allow-list sanitiser. */}
        <div class="story-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        {article.tags.length > 0 && (
          <ul class="hashtags" aria-label="Tags">
            {article.tags.map((t) => (
              <li>
                <a href={`/tag/${encodeURIComponent(t.slug)}/`} rel="tag">
                  #{t.name.replace(/\s+/g, '')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </article>
      <section id="comments" class="comments" aria-labelledby="comments-heading">
        {props.comments ?? (
          <h2 id="comments-heading" class="section-heading">
            Comments
          </h2>
        )}
      </section>
      {props.related.length > 0 && (
        <aside class="related" aria-labelledby="related-heading">
          <h2 id="related-heading" class="section-heading">
            Related
          </h2>
          <div class="related-grid">
            {props.related.map((a) => (
              <ArticleCard article={a} chrome={chrome} headingLevel={3} showExcerpt={false} />
            ))}
          </div>
        </aside>
      )}
    </Layout>
  );
}

function Attribution(props: { article: Article }) {
  const { article } = props;
  const source = article.source;
  if (!source) return null;
  const line = attributionLine(source);
  return (
    <p class="attribution">
      {article.originalUrl ? (
        <a href={article.originalUrl} rel="noopener">
          {line}
        </a>
      ) : (
        <a href={`/source/${source.slug}/`}>{line}</a>
      )}
      {article.originalPublisher && <span class="original-publisher">, first published by {article.originalPublisher}</span>}
    </p>
  );
}
