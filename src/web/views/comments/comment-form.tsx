import type { SubmitError } from '../../../comments/index.js';

/** Replaced at send time with a freshly signed token, so a cached page still measures time-to-submit. */
export const FORM_TOKEN_PLACEHOLDER = '__BROADSHEET_COMMENT_FORM_TOKEN__';

export interface CommentFormState {
  values: { content?: string; authorName?: string; authorEmail?: string; authorUrl?: string };
  errors: SubmitError[];
}

const fieldIds = { content: 'comment-content', authorName: 'comment-author', authorEmail: 'comment-email', authorUrl: 'comment-url', parentId: 'comment-parent', form: 'commentform' } as const;

function FieldError(props: { errors: SubmitError[]; field: SubmitError['field'] }) {
  const error = props.errors.find((e) => e.field === props.field);
  return error ? (
    <span class="field-error" id={`${fieldIds[props.field]}-error`}>
      {error.message}
    </span>
  ) : null;
}

function invalidProps(errors: SubmitError[], field: SubmitError['field']) {
  return errors.some((e) => e.field === field) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${fieldIds[field]}-error` } : {};
}

/**
 * "Leave a Comment": works without JavaScript (a reply link reloads the page with
 * `?replytocom=ID`, which renders this form under that comment); comments.js moves it in place.
 */
export function CommentForm(props: {
  articleId: number;
  replyTo: { id: number; authorName: string } | null;
  cancelHref: string;
  state?: CommentFormState;
}) {
  const { state, replyTo } = props;
  const errors = state?.errors ?? [];
  const values = state?.values ?? {};
  return (
    <div id="respond" class="comment-respond">
      <h3 id="reply-title" class="comment-reply-title">
        {replyTo ? (
          <>
            Reply to <span class="reply-to-name">{replyTo.authorName}</span>{' '}
            <a id="cancel-comment-reply-link" href={props.cancelHref} rel="nofollow">
              Cancel reply
            </a>
          </>
        ) : (
          'Leave a Comment'
        )}
      </h3>
      <form action="/comments" method="post" id="commentform" class="comment-form" aria-labelledby="reply-title">
        <p class="comment-notes">
          This site filters spam on its own server. <a href="/privacy">Learn how your comment data is processed.</a> Your email address will not be
          published. Required fields are marked <span aria-hidden="true">*</span>
          <span class="visually-hidden">with an asterisk</span>.
        </p>
        {errors.length > 0 && (
          <div class="form-errors" role="alert" id="comment-errors">
            <p>Your comment was not posted:</p>
            <ul>
              {errors.map((e) => (
                <li>{e.message}</li>
              ))}
            </ul>
          </div>
        )}
        <p class="comment-form-comment">
          <label for="comment-content">
            Comment <span aria-hidden="true">*</span>
          </label>
          <textarea id="comment-content" name="content" rows={7} maxlength={20000} required {...invalidProps(errors, 'content')}>
            {values.content ?? ''}
          </textarea>
          <FieldError errors={errors} field="content" />
        </p>
        <p class="comment-form-author">
          <label for="comment-author">
            Name <span aria-hidden="true">*</span>
          </label>
          <input id="comment-author" name="authorName" type="text" value={values.authorName ?? ''} maxlength={100} autocomplete="name" required {...invalidProps(errors, 'authorName')} />
          <FieldError errors={errors} field="authorName" />
        </p>
        <p class="comment-form-email">
          <label for="comment-email">
            Email <span aria-hidden="true">*</span>
          </label>
          <input id="comment-email" name="authorEmail" type="email" value={values.authorEmail ?? ''} maxlength={254} autocomplete="email" required {...invalidProps(errors, 'authorEmail')} />
          <FieldError errors={errors} field="authorEmail" />
        </p>
        <p class="comment-form-url">
          <label for="comment-url">Website</label>
          <input id="comment-url" name="authorUrl" type="url" value={values.authorUrl ?? ''} maxlength={2000} autocomplete="url" {...invalidProps(errors, 'authorUrl')} />
          <FieldError errors={errors} field="authorUrl" />
        </p>
        {/* Hidden by the stylesheet; people never see it, form-filling bots do. */}
        <p class="comment-form-hp">
          <label for="comment-hp">Leave this field empty</label>
          <input id="comment-hp" name="url" type="text" value="" tabindex={-1} autocomplete="off" />
        </p>
        <input type="hidden" name="articleId" value={String(props.articleId)} />
        <input type="hidden" name="parentId" id="comment-parent" value={replyTo ? String(replyTo.id) : ''} />
        <input type="hidden" name="formToken" value={FORM_TOKEN_PLACEHOLDER} />
        <p class="form-submit">
          <button type="submit" class="submit">
            Post Comment
          </button>
        </p>
      </form>
    </div>
  );
}
