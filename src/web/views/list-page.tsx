import type { ArticleSummary } from '../../content/index.js';
import { articleCard, pagination } from './article-card.js';
import { breadcrumb, type Crumb, breadcrumbJsonLd } from './breadcrumb.js';
import type { PagePart } from '../plugins/page-cache.js';
import { html } from './html.js';
import { layoutParts } from './layout.js';
import type { SiteChrome } from './site-chrome.js';

/** One page for every "articles of X" list: sections, tags, sources and authors. */
export function listPage(props: {
  chrome: SiteChrome;
  title: string;
  heading: string;
  description?: string;
  basePath: string;
  crumbs: Crumb[];
  articles: ArticleSummary[];
  page: number;
  pageCount: number;
  feedPath?: string;
}): PagePart[] {
  const { chrome, feedPath } = props;
  const meta = {
    title: props.title,
    description: props.description,
    canonical: `${chrome.baseUrl}${props.basePath}${props.page > 1 ? `?page=${props.page}` : ''}`,
    structuredData: [breadcrumbJsonLd(props.crumbs, chrome.baseUrl)],
    feeds: feedPath ? [{ title: props.title, path: feedPath }] : undefined,
  };
  return layoutParts(chrome, meta, [
    html`${breadcrumb(props.crumbs)}<header class="list-header"><h1>${props.heading}</h1>${props.description && html`<p class="list-description">${props.description}</p>`}${
      feedPath &&
      html`<p class="feed-links">Follow: <a href="${feedPath}">RSS</a> &middot; <a href="${feedPath.replace(/\.xml$/, '.atom')}">Atom</a> &middot; <a href="${feedPath.replace(/\.xml$/, '.json')}">JSON Feed</a></p>`
    }</header>${props.articles.length === 0 && html`<p class="empty">No articles here yet.</p>`}<div class="list">`,
    props.articles.map((a) => articleCard(a, chrome)),
    html`</div>${pagination(props.page, props.pageCount, props.basePath)}`,
  ]);
}
