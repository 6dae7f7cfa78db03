import type { CommentStatus, ModerationAction, StoredComment } from '../../../../comments/index.js';
import { formatDateTime, isoInZone } from '../../../views/format.js';
import { AdminForm, Field, type FieldErrors, FormError } from '../form.js';
import { editUrl, type QueueState, QueueStateFields, queueUrl } from './queue-state.js';

/** The keys of assets/admin.js press these buttons (data-shortcut), so keys and clicks post the same forms. */
const rowActions: Record<CommentStatus, { action: ModerationAction; label: string; shortcut?: string }[]> = {
  pending: [
    { action: 'approve', label: 'Approve', shortcut: 'a' },
    { action: 'spam', label: 'Spam', shortcut: 's' },
    { action: 'trash', label: 'Trash', shortcut: 'd' },
  ],
  approved: [
    { action: 'unapprove', label: 'Unapprove' },
    { action: 'spam', label: 'Spam', shortcut: 's' },
    { action: 'trash', label: 'Trash', shortcut: 'd' },
  ],
  spam: [
    { action: 'not-spam', label: 'Not spam', shortcut: 'a' },
    { action: 'trash', label: 'Trash', shortcut: 'd' },
  ],
  trash: [
    { action: 'restore', label: 'Restore' },
    { action: 'approve', label: 'Approve', shortcut: 'a' },
    { action: 'spam', label: 'Spam', shortcut: 's' },
  ],
};

/** Reasons shown at once; the rest wait behind "more". */
const TOP_REASONS = 3;

export interface RowContext {
  csrf: string;
  state: QueueState;
  staffName: string;
  language: string;
  timeZone: string;
}

/** The reply open under one comment: what was typed and what was wrong with it. */
export interface OpenReply {
  id: number;
  content: string;
  errors: FieldErrors;
}

function isWebAddress(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function flagLabel(flag: string): string {
  const text = flag.replaceAll('-', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the spam check and the moderation rules said about a comment. */
function SpamFacts(props: { comment: StoredComment }) {
  const { spamScore, spamReasons, flags, id } = props.comment;
  const more = spamReasons.slice(TOP_REASONS);
  return (
    <div class="queue-spam">
      <p class="queue-score">
        Spam score: <strong>{spamScore === null ? 'not checked' : spamScore.toFixed(2)}</strong>
        {flags.map((flag) => (
          <span class="queue-flag">{flagLabel(flag)}</span>
        ))}
      </p>
      {spamReasons.length > 0 && (
        <ul class="queue-reasons" aria-label={`Why comment ${id} was held or classified`}>
          {spamReasons.slice(0, TOP_REASONS).map((reason) => (
            <li>{reason}</li>
          ))}
        </ul>
      )}
      {more.length > 0 && (
        <details class="queue-more-reasons">
          <summary>{`${more.length} more reason${more.length === 1 ? '' : 's'}`}</summary>
          <ul class="queue-reasons">
            {more.map((reason) => (
              <li>{reason}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function ReplyForm(props: { comment: StoredComment; context: RowContext; open?: OpenReply }) {
  const { comment, context, open } = props;
  const errors = open?.errors ?? {};
  return (
    <div id={`reply-${comment.id}`} class="queue-reply" hidden={!open} data-reply-form>
      <AdminForm action={`/admin/comments/${comment.id}/reply`} csrf={context.csrf}>
        <QueueStateFields state={context.state} />
        <FormError errors={errors} />
        <Field
          id={`reply-content-${comment.id}`}
          label={`Reply to ${comment.authorName} as ${context.staffName}`}
          name="content"
          rows={4}
          value={open?.content}
          errors={errors}
          hint={comment.status === 'pending' ? 'Replying approves this comment too. Your reply is published at once with a Staff badge.' : 'Your reply is published at once with a Staff badge.'}
        />
        <div class="actions">
          <button type="submit" class="primary">
            {comment.status === 'pending' ? 'Approve and reply' : 'Reply'}
          </button>
          <a href={queueUrl(context.state)} data-reply-cancel>
            Cancel
          </a>
        </div>
      </AdminForm>
    </div>
  );
}

/** One comment in the queue: who wrote it, where, what the checks said, the text, and what can be done. */
export function QueueRow(props: { comment: StoredComment; context: RowContext; openReply?: OpenReply }) {
  const { comment: c, context } = props;
  const { state } = context;
  const repliable = c.status === 'pending' || c.status === 'approved';
  return (
    <tr id={`comment-${c.id}`} class="queue-row" tabindex={-1} data-queue-row>
      <td class="queue-select">
        <input type="checkbox" id={`select-${c.id}`} name="ids" value={String(c.id)} form="bulk-form" data-shortcut="x" />
        <label for={`select-${c.id}`} class="sr-only">
          {`Select the comment by ${c.authorName}`}
        </label>
      </td>
      <td class="queue-author">
        <strong class="queue-name">{c.authorName}</strong>
        {c.isStaff && <span class="queue-flag queue-staff">Staff</span>}
        {c.authorEmail && (
          <a class="queue-detail" href={`mailto:${c.authorEmail}`}>
            {c.authorEmail}
          </a>
        )}
        {c.authorUrl && isWebAddress(c.authorUrl) && (
          <a class="queue-detail" href={c.authorUrl} rel="nofollow noopener noreferrer ugc">
            {c.authorUrl}
          </a>
        )}
        {c.ip && (
          <a class="queue-detail" href={queueUrl({ ...state, search: c.ip, page: 1 })} title="Comments from this address">
            {c.ip}
          </a>
        )}
      </td>
      <td class="queue-comment">
        <p class="queue-meta">
          {'On '}
          {c.articlePath ? <a href={c.articlePath}>{c.article.title}</a> : <span>{c.article.title}</span>}
          {' · '}
          <time datetime={isoInZone(c.createdAt, context.timeZone)}>{formatDateTime(c.createdAt, context.language, context.timeZone)}</time>
          {c.parentId !== null && ` · in reply to comment ${c.parentId}`}
        </p>
        <SpamFacts comment={c} />
        <div class="queue-text">{c.content}</div>
        <div class="queue-actions">
          <AdminForm action={`/admin/comments/${c.id}/moderate`} csrf={context.csrf} class="inline">
            <QueueStateFields state={state} />
            {rowActions[c.status].map((a) => (
              <button type="submit" name="action" value={a.action} data-shortcut={a.shortcut} aria-keyshortcuts={a.shortcut}>
                {a.label}
              </button>
            ))}
          </AdminForm>
          {repliable && (
            <a class="button" href={queueUrl(state, { reply: c.id })} data-shortcut="r" aria-keyshortcuts="r" aria-controls={`reply-${c.id}`}>
              Reply
            </a>
          )}
          <a class="button" href={editUrl(c.id, state)}>
            Edit
          </a>
        </div>
        {repliable && <ReplyForm comment={c} context={context} open={props.openReply?.id === c.id ? props.openReply : undefined} />}
      </td>
    </tr>
  );
}
