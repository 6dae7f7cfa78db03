import type { CommentThread, PublicComment } from '../../../comments/index.js';
import { formatDateTime, isoInZone } from '../format.js';
import { relativeTime, relativeTimeChangesAt } from './relative-time.js';

/**
 * The comment list as an HTML string. An article can carry hundreds of comments, and building
 * a virtual DOM node for each piece of each one cost several times the rest of the page; this
 * writes the same markup directly. Every value that is not our own markup goes through
 * `escapeHtml`; `contentHtml` is inserted as is because renderCommentText produced it from
 * plain text, escaping every character.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export interface CommentListOptions {
  language: string;
  timezone: string;
  open: boolean;
  /** `?replytocom` link for a comment. */
  replyHref(id: number): string;
  /** Rendered form to place under this comment, if any. */
  formUnder?: { id: number; html: string };
}

/**
 * HTML with the "3 hours ago" texts left open, so that one rendering serves every moment:
 * `parts[0]`, the relative time of `times[0]`, `parts[1]`, … `parts[times.length]`.
 */
export interface TimedHtml {
  parts: string[];
  times: Date[];
}

/** Builds a TimedHtml: literal markup, and slots for relative times. */
class TimedHtmlWriter {
  readonly parts: string[] = [];
  readonly times: Date[] = [];
  private current: string[] = [];
  push(...html: string[]): void {
    this.current.push(...html);
  }
  time(date: Date): void {
    this.parts.push(this.current.join(''));
    this.current = [];
    this.times.push(date);
  }
  finish(): TimedHtml {
    this.parts.push(this.current.join(''));
    this.current = [];
    return { parts: this.parts, times: this.times };
  }
}

/** The markup with every relative time written for `now`, and the first instant at which any of them reads differently. */
export function fillTimes(html: TimedHtml, now: Date, language: string): { html: string; changesAt: number } {
  let out = html.parts[0];
  let changesAt = Number.POSITIVE_INFINITY;
  for (let i = 0; i < html.times.length; i++) {
    out += escapeHtml(relativeTime(html.times[i], now, language)) + html.parts[i + 1];
    changesAt = Math.min(changesAt, relativeTimeChangesAt(html.times[i], now));
  }
  return { html: out, changesAt };
}

// Formatting a date is pure and comments keep their dates, so the strings are remembered
// (bounded) rather than built again on every render of every comment.
const formatted = new Map<string, string>();
function timeElement(date: Date, language: string, timezone: string): string {
  const key = `${date.getTime()}|${language}|${timezone}`;
  let html = formatted.get(key);
  if (html === undefined) {
    html = `<time datetime="${isoInZone(date, timezone)}">${escapeHtml(formatDateTime(date, language, timezone))}</time>`;
    if (formatted.size >= 50_000) formatted.clear();
    formatted.set(key, html);
  }
  return html;
}

function renderThread(thread: CommentThread<PublicComment>, options: CommentListOptions, out: TimedHtmlWriter): void {
  const c = thread.comment;
  const pending = c.status === 'pending';
  const name = escapeHtml(c.authorName);
  out.push(
    `<li id="comment-${c.id}" class="comment depth-${thread.depth}${pending ? ' comment-pending' : ''}${c.isStaff ? ' comment-staff' : ''}">`,
    '<article class="comment-body"><header class="comment-meta"><span class="comment-author">',
    c.authorUrl ? `<a href="${escapeHtml(c.authorUrl)}" rel="nofollow ugc noopener">${name}</a>` : name,
    '</span>',
    c.isStaff ? '<span class="badge-staff">Staff</span>' : '',
    ` <a class="comment-permalink" href="#comment-${c.id}">${timeElement(c.createdAt, options.language, options.timezone)}</a>`,
    ` <span class="comment-ago" data-time="${c.createdAt.toISOString()}">`,
  );
  out.time(c.createdAt);
  out.push('</span></header>');
  if (pending) out.push('<p class="comment-awaiting-moderation">Your comment is awaiting moderation. Only you can see it until a moderator approves it.</p>');
  if (thread.replyingTo) {
    out.push(`<p class="comment-in-reply-to">In reply to <a href="#comment-${thread.replyingTo.id}">${escapeHtml(thread.replyingTo.authorName)}</a></p>`);
  }
  out.push(`<div class="comment-content">${c.contentHtml}</div>`);
  if (options.open && !pending) {
    out.push(
      `<p class="reply"><a class="comment-reply-link" href="${escapeHtml(options.replyHref(c.id))}" data-comment-id="${c.id}" rel="nofollow">Reply<span class="visually-hidden"> to ${name}</span></a></p>`,
    );
  }
  out.push('</article>');
  if (options.formUnder?.id === c.id) out.push(options.formUnder.html);
  if (thread.replies.length > 0) {
    out.push('<ol class="children">');
    for (const reply of thread.replies) renderThread(reply, options, out);
    out.push('</ol>');
  }
  out.push('</li>');
}

/** The `<li>` items of the comment list, replies nested in `<ol class="children">`. */
export function renderCommentItems(threads: readonly CommentThread<PublicComment>[], options: CommentListOptions): TimedHtml {
  const out = new TimedHtmlWriter();
  for (const thread of threads) renderThread(thread, options, out);
  return out.finish();
}
