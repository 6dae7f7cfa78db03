import type { TagListing } from '../../../../content/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { Field, SelectField } from '../form.js';
import { Pager } from '../pager.js';

export interface TagQuery {
  q: string;
  sort: 'name' | 'count';
  page: number;
}

export const TAGS_PER_PAGE = 50;

export function tagsHref(query: TagQuery, page: number): string {
  const params = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.sort !== 'name' ? { sort: query.sort } : {}), ...(page > 1 ? { page: String(page) } : {}) });
  const text = params.toString();
  return text ? `/admin/tags?${text}` : '/admin/tags';
}

/** /admin/tags: every tag with the number of its articles (any status), searchable. */
export function TagsPage(props: { chrome: AdminChrome; listing: TagListing; query: TagQuery }) {
  const { listing, query } = props;
  return (
    <AdminLayout chrome={props.chrome} title="Tags">
      <form method="get" action="/admin/tags" class="filters">
        <Field label="Search tags" name="q" type="search" value={query.q} />
        <SelectField
          label="Order"
          name="sort"
          value={query.sort}
          options={[
            ['name', 'By name'],
            ['count', 'Most used first'],
          ]}
        />
        <button type="submit">Search</button>
      </form>
      <p class="count">
        {listing.total} tag{listing.total === 1 ? '' : 's'}
        {query.q ? ` matching “${query.q}”` : ''}
      </p>
      {listing.tags.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Tag</th>
                <th class="optional">Address</th>
                <th>Articles</th>
              </tr>
            </thead>
            <tbody>
              {listing.tags.map((tag) => (
                <tr>
                  <td>
                    <a href={`/admin/tags/${tag.id}`}>{tag.name}</a>
                  </td>
                  <td class="optional">
                    <a href={`/tag/${tag.slug}/`}>{`/tag/${tag.slug}/`}</a>
                  </td>
                  <td class="count">{tag.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={query.page} pages={Math.max(1, Math.ceil(listing.total / TAGS_PER_PAGE))} href={(page) => tagsHref(query, page)} />
    </AdminLayout>
  );
}
