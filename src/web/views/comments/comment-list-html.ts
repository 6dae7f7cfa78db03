import type { CommentThread, PublicComment } from '../../../comments/index.js';
import { relativeTime } from './relative-time.js';

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
  now: Date;
  open: boolean;
  /** `?replytocom` link for a comment. */
  replyHref(id: number): string;
  /** Rendered form to place under this comment, if any. */
  formUnder?: { id: number; html: string };
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
// A zone's UTC offset changes at most a few times a year; asking Intl once per zone and hour
// instead of once per comment keeps long threads cheap.
const offsets = new Map<string, number>();

function offsetMinutes(date: Date, timeZone: string): number {
  const hour = Math.floor(date.getTime() / 3_600_000);
  const key = `${timeZone}|${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let f = offsetFormatters.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
      offsetFormatters.set(timeZone, f);
    }
    const name = f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Same output as views/format.ts isoInZone: 2026-11-24T17:40:00+02:00. */
function isoWithOffset(date: Date, timeZone: string): string {
  const offset = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function formatDateTime(date: Date, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long', timeStyle: 'short' });
    dateFormatters.set(key, f);
  }
  return f.format(date);
}

// Formatting a date is pure and comments keep their dates, so the strings are remembered
// (bounded) rather than asked of Intl on every render of every comment.
const formatted = new Map<string, string>();
function timeElement(date: Date, language: string, timezone: string): string {
  const key = `${date.getTime()}|${language}|${timezone}`;
  let html = formatted.get(key);
  if (html === undefined) {
    html = `<time datetime="${isoWithOffset(date, timezone)}">${escapeHtml(formatDateTime(date, language, timezone))}</time>`;
    if (formatted.size >= 50_000) formatted.clear();
    formatted.set(key, html);
  }
  return html;
}

function renderThread(thread: CommentThread<PublicComment>, options: CommentListOptions, out: string[]): void {
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
    ` <span class="comment-ago" data-time="${c.createdAt.toISOString()}">${escapeHtml(relativeTime(c.createdAt, options.now, options.language))}</span></header>`,
  );
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
export function renderCommentItems(threads: readonly CommentThread<PublicComment>[], options: CommentListOptions): string {
  const out: string[] = [];
  for (const thread of threads) renderThread(thread, options, out);
  return out.join('');
}
