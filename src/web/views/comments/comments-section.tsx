import type { ArticleComments, PublicComment } from '../../../comments/index.js';
import type { CommentThread } from '../../../comments/index.js';
import { renderToString } from 'preact-render-to-string';
import { type PreparedPart, withTokenSlot } from '../../plugins/page-cache.js';
import { html, type Piece, raw } from '../html.js';
import { CommentForm, type CommentFormState, FORM_TOKEN_PLACEHOLDER } from './comment-form.js';
import { renderCommentItems, type TimedHtml } from './comment-list-html.js';

export interface CommentsSectionProps {
  articleId: number;
  /** The article's path, for links that keep the reader on this page. */
  articlePath: string;
  comments: ArticleComments;
  language: string;
  timezone: string;
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

/** The comments slot's markup; only the list's "… ago" texts are left open (see fillTimes). */
export interface CommentsSectionHtml {
  /** Heading, notices, order links and the comment list (or the "no comments" line). */
  listing: TimedHtml;
  /** Comment pages, the form (holding FORM_TOKEN_PLACEHOLDER) or "closed", and the script. */
  tail: string;
}

/** Everything in the article page's comments slot: heading, order link, threads, pages, form or "closed". */
export function renderCommentsSection(props: CommentsSectionProps): CommentsSectionHtml {
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
  const replyTo = props.replyTo === null ? null : replyToOf(threads.threads, props.replyTo);
  const head = renderToString(
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
        <p
          class="comment-order"
          // Markup from html``, every value escaped; the separator is written as &middot; (see html.ts).
          dangerouslySetInnerHTML={{
            __html: (order === 'oldest'
              ? html`Oldest first &middot; <a href="${hrefFor({ corder: 'newest', cpage: undefined, replytocom: undefined })}">Newest first</a>`
              : html`<a href="${hrefFor({ corder: undefined, cpage: undefined, replytocom: undefined })}">Oldest first</a> &middot; Newest first`
            ).text,
          }}
        />
      )}
      {threads.threads.length === 0 && count === 0 && comments.open.open && <p class="empty">No comments yet. Be the first to comment.</p>}
    </>,
  );
  // Our own markup around items that renderCommentItems escaped value by value (see comment-list-html.ts).
  const listing =
    threads.threads.length > 0
      ? around(
          `${head}<ol class="comment-list">`,
          renderCommentItems(threads.threads, {
            language: props.language,
            timezone: props.timezone,
            open: comments.open.open,
            replyHref: replyHrefFor(hrefFor),
            formUnder: replyTo ? { id: replyTo.id, html: renderToString(<FormFor ctx={ctx} replyTo={replyTo} />) } : undefined,
          }),
          '</ol>',
        )
      : { parts: [head], times: [] };
  const tail = renderToString(
    <>
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
        replyTo ? (
          <div id="respond-home" hidden />
        ) : (
          <FormFor ctx={ctx} replyTo={null} />
        )
      ) : (
        <p class="comments-closed">{closedText[comments.open.reason]}</p>
      )}
      <script src={props.scriptHref} defer />
    </>,
  );
  return { listing, tail };
}

/**
 * The section as page pieces, with the form's token placeholder as the page's token slot. The
 * form is in the tail, or in a listing given as markup when it sits under a comment it answers.
 */
export function commentsSectionPieces(section: { listing: PreparedPart | string; tail: string }): Piece[] {
  // Raw on purpose: listing and tail are our renderers' output, every value escaped.
  const withSlot = (markup: string) => withTokenSlot(markup, FORM_TOKEN_PLACEHOLDER).map((part) => (typeof part === 'string' ? raw(part) : part));
  return [typeof section.listing === 'string' ? withSlot(section.listing) : section.listing, withSlot(section.tail)];
}

function around(before: string, html: TimedHtml, after: string): TimedHtml {
  const parts = [...html.parts];
  parts[0] = before + parts[0];
  parts[parts.length - 1] += after;
  return { parts, times: html.times };
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
