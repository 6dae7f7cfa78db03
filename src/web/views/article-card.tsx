import { type ArticleSummary, articlePath } from '../../content/index.js';
import { type PreparedPart, preparePart } from '../plugins/page-cache.js';
import { formatDate, isoInZone } from './format.js';
import { type Html, html } from './html.js';
import type { SiteChrome } from './site-chrome.js';

export interface ArticleCardOptions {
  headingLevel?: 2 | 3;
  showExcerpt?: boolean;
  lead?: boolean;
}

// Cards by article object and variant. The content read cache hands out one frozen object per
// article until content changes, and a new one after, so a card kept here is the card of the
// current article for as long as its object is in use, and goes with it.
const cards = new WeakMap<ArticleSummary, Map<string, PreparedPart>>();

/**
 * An article in a list: headline, section, time and excerpt. The same article appears on the
 * front page, its section and tag pages and beside related articles, so each card is rendered
 * and encoded once per article object and variant.
 */
export function articleCard(article: ArticleSummary, chrome: SiteChrome, options: ArticleCardOptions = {}): PreparedPart {
  const { language, timezone } = chrome.settings;
  const variant = `${options.headingLevel ?? 2}|${options.showExcerpt !== false}|${options.lead === true}|${language}|${timezone}`;
  let variants = cards.get(article);
  if (!variants) {
    variants = new Map();
    cards.set(article, variants);
  }
  let card = variants.get(variant);
  if (!card) {
    card = preparePart(cardHtml(article, language, timezone, options).text);
    variants.set(variant, card);
  }
  return card;
}

function cardHtml(article: ArticleSummary, language: string, timezone: string, options: ArticleCardOptions): Html {
  const heading = options.headingLevel === 3 ? 'h3' : 'h2';
  const published = article.publishedAt;
  return html`<article class="${options.lead ? 'card card-lead' : 'card'}"><p class="kicker"><a href="${`/${article.section.path}/`}">${article.section.name}</a></p><${heading} class="card-title"><a href="${articlePath(article)}">${article.title}</a></${heading}>${
    options.showExcerpt !== false && article.excerpt && html`<p class="card-excerpt">${article.excerpt}</p>`
  }${
    published &&
    html`<p class="card-meta"><time datetime="${isoInZone(published, timezone)}">${formatDate(published, language, timezone)}</time>${
      article.source && html`<span> &middot; ${article.source.name}</span>`
    }</p>`
  }</article>`;
}

export function pagination(page: number, pageCount: number, basePath: string): Html | null {
  if (pageCount <= 1) return null;
  const href = (n: number) => (n === 1 ? basePath : `${basePath}?page=${n}`);
  return html`<nav class="pagination" aria-label="Pages">${page > 1 && html`<a href="${href(page - 1)}" rel="prev">&larr; Newer</a>`}<span>Page ${page} of ${pageCount}</span>${
    page < pageCount && html`<a href="${href(page + 1)}" rel="next">Older &rarr;</a>`
  }</nav>`;
}
