import type { CommentActivity } from '../../../../comments/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { CommentsChart } from './comments-chart.js';

export interface DashboardFigures {
  publishedToday: number;
  /** Only for people who moderate comments: nobody else sees comment figures. */
  comments: CommentActivity | null;
  /** Whether to point to the articles screen. */
  writesArticles: boolean;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** /admin: what happened today at a glance, and the comment traffic of the last 30 days. */
export function DashboardPage(props: { chrome: AdminChrome; name: string; language: string; figures: DashboardFigures }) {
  const { figures } = props;
  const comments = figures.comments;
  return (
    <AdminLayout chrome={props.chrome} title="Dashboard">
      <p>{`Welcome, ${props.name}.`}</p>
      <ul class="stats">
        <li>
          <strong>{figures.publishedToday}</strong> {plural(figures.publishedToday, 'article published today', 'articles published today')}
          {figures.writesArticles && (
            <>
              {' · '}
              <a href="/admin/articles">Articles</a>
            </>
          )}
        </li>
        {comments && (
          <>
            <li>
              <a href="/admin/comments?status=pending">
                <strong>{comments.pending}</strong> {plural(comments.pending, 'comment waiting for moderation', 'comments waiting for moderation')}
              </a>
            </li>
            <li>
              <a href="/admin/comments?status=spam">
                <strong>{comments.spamLastWeek}</strong> {plural(comments.spamLastWeek, 'spam comment caught in the last 7 days', 'spam comments caught in the last 7 days')}
              </a>
            </li>
          </>
        )}
      </ul>
      {comments && (
        <section aria-labelledby="chart-heading">
          <h2 id="chart-heading">Comments per day</h2>
          <CommentsChart days={comments.days} language={props.language} />
        </section>
      )}
    </AdminLayout>
  );
}
