import { type ArticleSummary, articlePath } from '../../content/index.js';
import { formatDate, isoInZone } from './format.js';
import type { SiteChrome } from './site-chrome.js';

/** An article in a list: headline, section, time and excerpt. */
export function ArticleCard(props: { article: ArticleSummary; chrome: SiteChrome; headingLevel?: 2 | 3; showExcerpt?: boolean; lead?: boolean }) {
  const { article, chrome } = props;
  const { language, timezone } = chrome.settings;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <article class={props.lead ? 'card card-lead' : 'card'}>
      <p class="kicker">
        <a href={`/${article.section.path}/`}>{article.section.name}</a>
      </p>
      <Heading class="card-title">
        <a href={articlePath(article)}>{article.title}</a>
      </Heading>
      {props.showExcerpt !== false && article.excerpt && <p class="card-excerpt">{article.excerpt}</p>}
      {article.publishedAt && (
        <p class="card-meta">
          <time datetime={isoInZone(article.publishedAt, timezone)}>{formatDate(article.publishedAt, language, timezone)}</time>
          {article.source && <span> · {article.source.name}</span>}
        </p>
      )}
    </article>
  );
}

export function Pagination(props: { page: number; pageCount: number; basePath: string }) {
  const { page, pageCount, basePath } = props;
  if (pageCount <= 1) return null;
  const href = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          ← Newer
        </a>
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount && (
        <a href={href(page + 1)} rel="next">
          Older →
        </a>
      )}
    </nav>
  );
}
