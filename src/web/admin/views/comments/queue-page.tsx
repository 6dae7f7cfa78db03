import { type CommentStatus, commentStatuses, type QueuePage } from '../../../../comments/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, Field } from '../form.js';
import { Pager } from '../pager.js';
import { type OpenReply, QueueRow, type RowContext } from './queue-row.js';
import { type QueueState, QueueStateFields, queueUrl } from './queue-state.js';
import { ShortcutLegend } from './shortcut-legend.js';

const tabLabels: Record<CommentStatus, string> = { pending: 'Pending', approved: 'Approved', spam: 'Spam', trash: 'Trash' };

const bulkActions = [
  { action: 'approve', label: 'Approve' },
  { action: 'spam', label: 'Spam' },
  { action: 'not-spam', label: 'Not spam' },
  { action: 'trash', label: 'Trash' },
] as const;

function Tabs(props: { queue: QueuePage; state: QueueState }) {
  return (
    <nav aria-label="Comment status">
      <ul class="tabs">
        {commentStatuses.map((status) => (
          <li>
            <a href={queueUrl({ status, search: props.state.search, page: 1 })} aria-current={status === props.queue.status ? 'page' : undefined}>
              {tabLabels[status]} <span class="count">({props.queue.counts[status]})</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SearchForm(props: { state: QueueState }) {
  return (
    <search>
      <form method="get" action="/admin/comments" class="filters">
        <input type="hidden" name="status" value={props.state.status} />
        <Field label="Search comments" name="q" type="search" value={props.state.search} hint="Author name, email, IP address or text" />
        <button type="submit">Search</button>
        {props.state.search && <a href={queueUrl({ ...props.state, search: '', page: 1 })}>Clear search</a>}
      </form>
    </search>
  );
}

function emptyMessage(queue: QueuePage): string {
  const what = `${tabLabels[queue.status].toLowerCase()} comments`;
  return queue.search ? `No ${what} match “${queue.search}”.` : `No ${what}.`;
}

/**
 * /admin/comments: status tabs with counts, search, one bulk form (the rows' checkboxes join it
 * through their `form` attribute, so each row can keep its own small forms), and pages.
 */
export function QueuePageView(props: { chrome: AdminChrome; queue: QueuePage; context: RowContext; openReply?: OpenReply }) {
  const { chrome, queue, context } = props;
  const { state } = context;
  return (
    <AdminLayout chrome={chrome} title="Comments">
      <Tabs queue={queue} state={state} />
      <SearchForm state={state} />
      {queue.comments.length === 0 ? (
        <p>{emptyMessage(queue)}</p>
      ) : (
        <div class="queue" data-queue>
          <AdminForm action="/admin/comments/bulk" csrf={context.csrf} id="bulk-form" class="queue-bulk">
            <QueueStateFields state={state} />
            <fieldset>
              <legend>With the selected comments:</legend>
              {bulkActions.map((b) => (
                <button type="submit" name="action" value={b.action}>
                  {b.label}
                </button>
              ))}
            </fieldset>
          </AdminForm>
          <ShortcutLegend />
          <div class="table-wrap">
            <table class="queue-table">
              <caption class="sr-only">{`${tabLabels[queue.status]} comments, page ${queue.page} of ${queue.pageCount}`}</caption>
              <thead>
                <tr>
                  <th scope="col" class="queue-select">
                    <input type="checkbox" id="select-all" data-select-all />
                    <label for="select-all" class="sr-only">
                      Select all comments on this page
                    </label>
                  </th>
                  <th scope="col">Author</th>
                  <th scope="col">Comment</th>
                </tr>
              </thead>
              <tbody>
                {queue.comments.map((comment) => (
                  <QueueRow comment={comment} context={context} openReply={props.openReply} />
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={queue.page} pages={queue.pageCount} href={(page) => queueUrl({ ...state, page })} />
        </div>
      )}
    </AdminLayout>
  );
}
