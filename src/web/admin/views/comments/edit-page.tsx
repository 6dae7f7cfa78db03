import type { StoredComment } from '../../../../comments/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, Field, type FieldErrors, FormError } from '../form.js';
import { type QueueState, QueueStateFields, queueUrl } from './queue-state.js';

export interface CommentEditValues {
  content: string;
  authorName: string;
  authorUrl: string;
}

export function editValuesOf(comment: StoredComment): CommentEditValues {
  return { content: comment.content, authorName: comment.authorName, authorUrl: comment.authorUrl ?? '' };
}

/** /admin/comments/:id/edit: the text, name and website of one comment; back to the queue where it was opened. */
export function CommentEditPage(props: { chrome: AdminChrome; csrf: string; comment: StoredComment; values: CommentEditValues; errors: FieldErrors; state: QueueState }) {
  const { comment, values, errors, state } = props;
  return (
    <AdminLayout chrome={props.chrome} title={`Edit comment ${comment.id}`}>
      <p>
        {`By ${comment.authorName} on “${comment.article.title}”. `}
        <a href={`${queueUrl(state)}#comment-${comment.id}`}>Back to the comments</a>
      </p>
      <AdminForm action={`/admin/comments/${comment.id}/edit`} csrf={props.csrf}>
        <QueueStateFields state={state} />
        <FormError errors={errors} />
        <Field label="Comment" name="content" rows={10} value={values.content} errors={errors} required hint="Plain text; links and line breaks are kept as the commenter wrote them." />
        <Field label="Name" name="authorName" value={values.authorName} errors={errors} required />
        <Field label="Website" name="authorUrl" type="url" value={values.authorUrl} errors={errors} hint="Optional; must start with http:// or https://." />
        <div class="actions">
          <button type="submit" class="primary">
            Save
          </button>
          <a href={`${queueUrl(state)}#comment-${comment.id}`}>Cancel</a>
        </div>
      </AdminForm>
    </AdminLayout>
  );
}
