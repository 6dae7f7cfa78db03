import type { ArticleComments, PublicComment } from '../../../comments/index.js';
import type { CommentThread } from '../../../comments/index.js';
import { renderToString } from 'preact-render-to-string';
import { CommentForm, type CommentFormState } from './comment-form.js';
import { renderCommentItems } from './comment-list-html.js';

export interface CommentsSectionProps {
  articleId: number;
  /** The article's path, for links that keep the reader on this page. */
  articlePath: string;
  comments: ArticleComments;
  language: string;
  timezone: string;
  now: Date;
  /** `?replytocom=ID`: the form is rendered under that comment. */
  replyTo: number | null;
  form?: CommentFormState;
  /** /assets/comments.js with a version, for the form's progressive enhancement. */
  scriptHref: string;
}

interface Ctx extends CommentsSectionProps {
  hrefFor(params: Record<string, string | number | undefined>, hash?: string): string;
}

function FormFor(props: { ctx: Ctx; replyTo: { id: number; authorName: string } | null }) {
  const { ctx } = props;
  return <CommentForm articleId={ctx.articleId} replyTo={props.replyTo} cancelHref={ctx.hrefFor({ replytocom: undefined }, 'respond')} state={ctx.form} />;
}

const closedText = {
  site: 'Comments are closed.',
  article: 'Comments are closed.',
  age: 'Comments are closed.',
} as const;

/** Everything in the article page's comments slot: heading, order link, threads, pages, form or "closed". */
export function CommentsSection(props: CommentsSectionProps) {
  const { comments } = props;
  const { threads, order } = comments;
  const params = { cpage: threads.page > 1 ? threads.page : undefined, corder: order === 'newest' ? 'newest' : undefined, replytocom: props.replyTo ?? undefined };
  const hrefFor = (change: Record<string, string | number | undefined>, hash = 'comments') => {
    const merged: Record<string, string | number | undefined> = { ...params, ...change };
    const search = Object.entries(merged)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');
    return `${props.articlePath}${search ? `?${search}` : ''}#${hash}`;
  };
  const ctx: Ctx = { ...props, hrefFor };
  const count = comments.approvedCount;
  const replyToShown = props.replyTo !== null && replyToOf(threads.threads, props.replyTo) !== null;
  return (
    <>
      <h2 id="comments-heading" class="section-heading">
        {count === 0 ? 'Comments' : `${count} ${count === 1 ? 'Comment' : 'Comments'}`}
      </h2>
      {comments.ownPendingIds.length > 0 && (
        <p class="comment-notice" role="status">
          Your comment is awaiting moderation.
        </p>
      )}
      {threads.commentCount > 1 && (
        <p class="comment-order">
          {order === 'oldest' ? (
            <>
              Oldest first · <a href={hrefFor({ corder: 'newest', cpage: undefined, replytocom: undefined })}>Newest first</a>
            </>
          ) : (
            <>
              <a href={hrefFor({ corder: undefined, cpage: undefined, replytocom: undefined })}>Oldest first</a> · Newest first
            </>
          )}
        </p>
      )}
      {threads.threads.length > 0 ? (
        // Raw on purpose: renderCommentItems escapes every value (see comment-list-html.ts).
        <ol
          class="comment-list"
          dangerouslySetInnerHTML={{
            __html: renderCommentItems(threads.threads, {
              language: props.language,
              timezone: props.timezone,
              now: props.now,
              open: comments.open.open,
              replyHref: replyHrefFor(hrefFor),
              formUnder: replyToShown && props.replyTo !== null ? { id: props.replyTo, html: renderToString(<FormFor ctx={ctx} replyTo={replyToOf(threads.threads, props.replyTo)} />) } : undefined,
            }),
          }}
        />
      ) : (
        count === 0 && comments.open.open && <p class="empty">No comments yet. Be the first to comment.</p>
      )}
      {threads.pageCount > 1 && (
        <nav class="pagination comment-pagination" aria-label="Comment pages">
          {threads.page > 1 && <a href={hrefFor({ cpage: threads.page - 1 > 1 ? threads.page - 1 : undefined, replytocom: undefined })}>Previous comments</a>}
          <span>
            Page {threads.page} of {threads.pageCount}
          </span>
          {threads.page < threads.pageCount && <a href={hrefFor({ cpage: threads.page + 1, replytocom: undefined })}>Next comments</a>}
        </nav>
      )}
      {comments.open.open ? (
        replyToShown ? (
          <div id="respond-home" hidden />
        ) : (
          <FormFor ctx={ctx} replyTo={null} />
        )
      ) : (
        <p class="comments-closed">{closedText[comments.open.reason]}</p>
      )}
      <script src={props.scriptHref} defer />
    </>
  );
}

/** `?replytocom=ID` links for every comment from one template, not one URL build per comment. */
function replyHrefFor(hrefFor: Ctx['hrefFor']): (id: number) => string {
  const [before, after] = hrefFor({ replytocom: 0 }, 'respond').split('replytocom=0');
  return (id) => `${before}replytocom=${id}${after}`;
}

/** The approved comment `id` on this page, as the form's "Reply to" names it. */
function replyToOf(threads: CommentThread<PublicComment>[], id: number): { id: number; authorName: string } | null {
  for (const t of threads) {
    if (t.comment.id === id && t.comment.status === 'approved') return { id, authorName: t.comment.authorName };
    const found = replyToOf(t.replies, id);
    if (found) return found;
  }
  return null;
}
