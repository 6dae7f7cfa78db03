import type { ArticleSummary, Section } from '../../content/index.js';
import { articleCard, pagination } from './article-card.js';
import type { PagePart } from '../plugins/page-cache.js';
import { html } from './html.js';
import { layoutParts } from './layout.js';
import type { SiteChrome } from './site-chrome.js';

export interface HomeData {
  lead: ArticleSummary | null;
  latest: ArticleSummary[];
  bySection: { section: Section; articles: ArticleSummary[] }[];
  page: number;
  pageCount: number;
}

export function homePage(chrome: SiteChrome, data: HomeData): PagePart[] {
  const { settings, baseUrl } = chrome;
  const meta = {
    title: settings.title,
    description: settings.description,
    canonical: data.page > 1 ? `${baseUrl}/?page=${data.page}` : `${baseUrl}/`,
    structuredData: [{ '@context': 'https://schema.org', '@type': 'WebSite', name: settings.title, url: `${baseUrl}/` }],
  };
  return layoutParts(chrome, meta, [
    html`<h1 class="visually-hidden">${settings.title}</h1>`,
    data.lead && [html`<section aria-label="Lead story" class="lead">`, articleCard(data.lead, chrome, { lead: true }), html`</section>`],
    !data.lead && data.latest.length === 0 && html`<p class="empty">Nothing has been published yet.</p>`,
    html`<div class="home-grid"><section aria-labelledby="latest-heading" class="latest"><h2 id="latest-heading" class="section-heading">Latest</h2>`,
    data.latest.map((a) => articleCard(a, chrome, { headingLevel: 3 })),
    html`${pagination(data.page, data.pageCount, '/')}</section>`,
    data.page === 1 &&
      data.bySection.map(({ section, articles }) => [
        html`<section aria-labelledby="${`section-${section.id}`}" class="home-section"><h2 id="${`section-${section.id}`}" class="section-heading"><a href="${`/${section.path}/`}">${section.name}</a></h2>`,
        articles.map((a) => articleCard(a, chrome, { headingLevel: 3, showExcerpt: false })),
        html`</section>`,
      ]),
    html`</div>`,
  ]);
}
