import { type CommentStatus, commentStatuses, QUEUE_SEARCH_MAX } from '../../../../comments/index.js';

/** Where a moderator is in the queue: the tab, the search and the page, kept across every action. */
export interface QueueState {
  status: CommentStatus;
  search: string;
  page: number;
}

function isStatus(value: unknown): value is CommentStatus {
  return typeof value === 'string' && (commentStatuses as readonly string[]).includes(value);
}

/** Reads the state from a query string or a form body; anything odd falls back to the first page of Pending. */
export function readQueueState(source: Record<string, unknown> | undefined): QueueState {
  const status = source?.status;
  const search = source?.q;
  const page = Number(source?.page);
  return {
    status: isStatus(status) ? status : 'pending',
    search: typeof search === 'string' ? search.trim().slice(0, QUEUE_SEARCH_MAX) : '',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

function queueQuery(state: QueueState, reply?: number): string {
  const params = new URLSearchParams({ status: state.status });
  if (state.search) params.set('q', state.search);
  if (state.page > 1) params.set('page', String(state.page));
  if (reply !== undefined) params.set('reply', String(reply));
  return params.toString();
}

/** The queue's address for `state`, optionally with the reply form under one comment open. */
export function queueUrl(state: QueueState, options: { reply?: number } = {}): string {
  const anchor = options.reply !== undefined ? `#reply-${options.reply}` : '';
  return `/admin/comments?${queueQuery(state, options.reply)}${anchor}`;
}

/** A comment's edit page, which returns to `state` when done. */
export function editUrl(id: number, state: QueueState): string {
  return `/admin/comments/${id}/edit?${queueQuery(state)}`;
}

/** Hidden fields that bring a form's answer back to the same tab, search and page. */
export function QueueStateFields(props: { state: QueueState }) {
  return (
    <>
      <input type="hidden" name="status" value={props.state.status} />
      <input type="hidden" name="q" value={props.state.search} />
      <input type="hidden" name="page" value={String(props.state.page)} />
    </>
  );
}
