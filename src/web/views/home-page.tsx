import type { ArticleSummary, Section } from '../../content/index.js';
import { ArticleCard, Pagination } from './article-card.js';
import { Layout } from './layout.js';
import type { SiteChrome } from './site-chrome.js';

export interface HomeData {
  lead: ArticleSummary | null;
  latest: ArticleSummary[];
  bySection: { section: Section; articles: ArticleSummary[] }[];
  page: number;
  pageCount: number;
}

export function HomePage(props: { chrome: SiteChrome; data: HomeData }) {
  const { chrome, data } = props;
  const { settings, baseUrl } = chrome;
  return (
    <Layout
      chrome={chrome}
      meta={{
        title: settings.title,
        description: settings.description,
        canonical: data.page > 1 ? `${baseUrl}/?page=${data.page}` : `${baseUrl}/`,
        structuredData: [{ '@context': 'https://schema.org', '@type': 'WebSite', name: settings.title, url: `${baseUrl}/` }],
      }}
    >
      <h1 class="visually-hidden">{settings.title}</h1>
      {data.lead && (
        <section aria-label="Lead story" class="lead">
          <ArticleCard article={data.lead} chrome={chrome} lead />
        </section>
      )}
      {!data.lead && data.latest.length === 0 && <p class="empty">Nothing has been published yet.</p>}
      <div class="home-grid">
        <section aria-labelledby="latest-heading" class="latest">
          <h2 id="latest-heading" class="section-heading">
            Latest
          </h2>
          {data.latest.map((a) => (
            <ArticleCard article={a} chrome={chrome} headingLevel={3} />
          ))}
          <Pagination page={data.page} pageCount={data.pageCount} basePath="/" />
        </section>
        {data.page === 1 &&
          data.bySection.map(({ section, articles }) => (
            <section aria-labelledby={`section-${section.id}`} class="home-section">
              <h2 id={`section-${section.id}`} class="section-heading">
                <a href={`/${section.path}/`}>{section.name}</a>
              </h2>
              {articles.map((a) => (
                <ArticleCard article={a} chrome={chrome} headingLevel={3} showExcerpt={false} />
              ))}
            </section>
          ))}
      </div>
    </Layout>
  );
}
