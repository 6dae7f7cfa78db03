import { marked } from 'marked';
import { sanitizeArticleHtml } from '../shared/html-sanitizer.js';
import type { BodyFormat } from './article.js';

/**
 * Turns a stored body into the HTML the site shows. Markdown may carry raw HTML, so both
 * formats go through the same allow-list sanitiser; nothing unsanitised is ever stored.
 */
export function renderBody(body: string, format: BodyFormat, baseUrl?: string): string {
  const html = format === 'markdown' ? (marked.parse(body, { async: false, gfm: true }) as string) : body;
  return sanitizeArticleHtml(html, baseUrl ? { baseUrl } : {});
}

/** Plain-text excerpt from rendered HTML: the first sentences up to `max` characters. */
export function excerptFromHtml(html: string, max = 220): string {
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastStop = cut.lastIndexOf('. ');
  return lastStop > max / 2 ? cut.slice(0, lastStop + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}
