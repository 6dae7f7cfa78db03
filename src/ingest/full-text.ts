import { decodeFeedBody } from './decode-feed-body.js';
import { extractArticle } from './extract-article.js';
import type { FeedItem } from './feed-types.js';
import { htmlToText } from './feed-text.js';

/** Items whose feed text is shorter than this (in characters) get their page fetched for the full text. */
export const FULL_TEXT_BELOW_CHARS = 1000;
/** After this many failed page fetches an item keeps its feed text for good. */
export const FULL_TEXT_MAX_ATTEMPTS = 5;

/** Fetches a page's HTML under the same rules as the feed (SSRF guard, caps, timeout). */
export type PageFetcher = (url: string) => Promise<{ html: string; url: string }>;

export type FullTextResult = { ok: true; html: string } | { ok: false; reason: string };

/** Whether the item carries only a summary, so its page should be read for the article. */
export function needsFullText(item: Pick<FeedItem, 'contentHtml' | 'summaryHtml'>): boolean {
  if (item.contentHtml) return false;
  return htmlToText(item.summaryHtml ?? '').length < FULL_TEXT_BELOW_CHARS;
}

/**
 * Fetches the item's page and extracts the article. A page that cannot be fetched or read is
 * `ok: false`; only a missing extraction package throws, so it is reported, not retried quietly.
 */
export async function fetchFullText(fetchPage: PageFetcher, url: string): Promise<FullTextResult> {
  let page: { html: string; url: string };
  try {
    page = await fetchPage(url);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  const extracted = await extractArticle(page.html, page.url);
  return extracted.ok ? { ok: true, html: extracted.article.contentHtml } : { ok: false, reason: extracted.message };
}

/** Wait before the n-th retry (n from 1): 15 min, 30, 1 h, 2 h … */
export function fullTextRetryDelayMs(attempts: number): number {
  return 15 * 60_000 * 2 ** Math.max(0, attempts - 1);
}

export function decodePage(body: Buffer, contentType: string | undefined): string {
  return decodeFeedBody(body, contentType).text;
}
