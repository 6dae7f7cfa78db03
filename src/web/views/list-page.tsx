import type { ComponentChildren } from 'preact';
import type { ArticleSummary } from '../../content/index.js';
import { ArticleCard, Pagination } from './article-card.js';
import { Breadcrumb, type Crumb, breadcrumbJsonLd } from './breadcrumb.js';
import { Layout } from './layout.js';
import type { SiteChrome } from './site-chrome.js';

/** One page for every "articles of X" list: sections, tags, sources and authors. */
export function ListPage(props: {
  chrome: SiteChrome;
  title: string;
  heading: ComponentChildren;
  description?: string;
  basePath: string;
  crumbs: Crumb[];
  articles: ArticleSummary[];
  page: number;
  pageCount: number;
  feedPath?: string;
  children?: ComponentChildren;
}) {
  const { chrome } = props;
  const canonical = `${chrome.baseUrl}${props.basePath}${props.page > 1 ? `?page=${props.page}` : ''}`;
  return (
    <Layout
      chrome={chrome}
      meta={{
        title: props.title,
        description: props.description,
        canonical,
        structuredData: [breadcrumbJsonLd(props.crumbs, chrome.baseUrl)],
        feeds: props.feedPath ? [{ title: props.title, path: props.feedPath }] : undefined,
      }}
    >
      <Breadcrumb crumbs={props.crumbs} />
      <header class="list-header">
        <h1>{props.heading}</h1>
        {props.description && <p class="list-description">{props.description}</p>}
        {props.children}
        {props.feedPath && (
          <p class="feed-links">
            Follow: <a href={props.feedPath}>RSS</a> · <a href={props.feedPath.replace(/\.xml$/, '.atom')}>Atom</a> ·{' '}
            <a href={props.feedPath.replace(/\.xml$/, '.json')}>JSON Feed</a>
          </p>
        )}
      </header>
      {props.articles.length === 0 && <p class="empty">No articles here yet.</p>}
      <div class="list">
        {props.articles.map((a) => (
          <ArticleCard article={a} chrome={chrome} />
        ))}
      </div>
      <Pagination page={props.page} pageCount={props.pageCount} basePath={props.basePath} />
    </Layout>
  );
}
