import { findLinks } from './links.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

// C0 controls (except tab and newline), DEL and C1 controls have no place in a comment and some
// browsers and feed readers treat NUL specially.
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n]/gu;
const PARAGRAPH_BREAK = /\n(?:[ \t\u00A0]*\n)+/;

function renderLine(line: string): string {
  let html = '';
  let position = 0;
  for (const link of findLinks(line)) {
    html += escapeHtml(line.slice(position, link.start));
    html += `<a href="${escapeHtml(link.href)}" rel="nofollow ugc noopener">${escapeHtml(link.text)}</a>`;
    position = link.end;
  }
  return html + escapeHtml(line.slice(position));
}

/**
 * Turns a Commenter's plain text into the HTML we store and show.
 *
 * Guarantees: every character of the input is escaped; the only elements produced are `<p>`,
 * `<br>` and `<a href="http(s)://…" rel="nofollow ugc noopener">`; a blank line starts a new
 * paragraph and a single line break becomes `<br>`; trailing sentence punctuation stays outside
 * links. Nothing in the input is ever interpreted as HTML or Markdown. Empty or whitespace-only
 * input gives an empty string.
 */
export function renderCommentText(plain: string): string {
  const text = plain
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROL_CHARACTERS, '')
    .trim();
  if (text === '') return '';
  return text
    .split(PARAGRAPH_BREAK)
    .map((paragraph) =>
      paragraph
        .trim()
        .split('\n')
        .map((line) => renderLine(line.trimEnd()))
        .join('<br>'),
    )
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('');
}
