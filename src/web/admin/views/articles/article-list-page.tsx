import type { AdminArticleSummary } from '../../../../content/index.js';
import { formatDateTime } from '../../../views/format.js';
import { AdminLayout, type AdminChrome } from '../admin-layout.js';
import { Field, SelectField } from '../form.js';
import { Pager } from '../pager.js';
import type { ArticleChoices, Options } from './article-form-data.js';
import { ArticleStatus } from './article-status.js';

/** The list's filters as given in the query string (blank: any). */
export interface ArticleListQuery {
  q: string;
  status: string;
  section: string;
  source: string;
  author: string;
}

const statusOptions: Options = [
  ['', 'Any status'],
  ['draft', 'Draft'],
  ['submitted', 'Submitted for review'],
  ['wire', 'Wire queue (drafts from sources)'],
  ['scheduled', 'Scheduled'],
  ['published', 'Published'],
  ['archived', 'Archived'],
];

function pageHref(query: ArticleListQuery, page: number): string {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/admin/articles?${search}` : '/admin/articles';
}

/** /admin/articles: every article this person may edit, filtered, newest change first. */
export function ArticleListPage(props: {
  chrome: AdminChrome;
  query: ArticleListQuery;
  articles: AdminArticleSummary[];
  total: number;
  page: number;
  pageCount: number;
  /** Without authors: the list shows only this person's own articles. */
  choices: Pick<ArticleChoices, 'sections' | 'sources'> & { authors: Options | null };
  clock: { now: Date; language: string; timeZone: string };
}) {
  const { query, clock } = props;
  const any = (label: string, options: Options): Options => [['', label], ...options];
  return (
    <AdminLayout chrome={props.chrome} title="Articles">
      <p class="actions">
        <a class="button primary" href="/admin/articles/new">
          New article
        </a>
      </p>
      <search aria-label="Filter articles">
        <form method="get" action="/admin/articles" class="filters">
          <Field label="Title contains" name="q" type="search" value={query.q} />
          <SelectField label="Status" name="status" value={query.status} options={statusOptions} />
          <SelectField label="Section" name="section" value={query.section} options={any('Any section', props.choices.sections)} />
          <SelectField label="Source" name="source" value={query.source} options={any('Any source', props.choices.sources)} />
          {props.choices.authors && <SelectField label="Author" name="author" value={query.author} options={any('Any author', props.choices.authors)} />}
          <button type="submit">Filter</button>
        </form>
      </search>
      <p class="count">
        {props.total === 1 ? '1 article' : `${props.total} articles`}
      </p>
      {props.articles.length > 0 && (
        <div class="table-wrap">
          <table class="article-list">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col" class="optional">
                  Section
                </th>
                <th scope="col" class="optional">
                  Author
                </th>
                <th scope="col" class="optional">
                  Source
                </th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {props.articles.map((article) => (
                <tr>
                  <td>
                    <a href={`/admin/articles/${article.id}`}>{article.title}</a>
                  </td>
                  <td>
                    <ArticleStatus article={article} now={clock.now} />
                  </td>
                  <td class="optional">{article.section.name}</td>
                  <td class="optional">{article.author?.name ?? '—'}</td>
                  <td class="optional">{article.source?.name ?? '—'}</td>
                  <td>
                    <time datetime={article.updatedAt.toISOString()}>{formatDateTime(article.updatedAt, clock.language, clock.timeZone)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={props.page} pages={props.pageCount} href={(page) => pageHref(query, page)} />
    </AdminLayout>
  );
}
