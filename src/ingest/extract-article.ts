import { sanitizeArticleHtml } from '../shared/html-sanitizer.js';
import { linkedom } from './linkedom.js';

type ReadabilityModule = typeof import('@mozilla/readability');

let loadingReadability: Promise<ReadabilityModule> | undefined;

/** @mozilla/readability, loaded at first extraction; a failed load is retried next time. */
function loadReadability(): Promise<ReadabilityModule> {
  loadingReadability ??= import('@mozilla/readability').catch((error: unknown) => {
    loadingReadability = undefined;
    throw new Error(`article extraction needs the "@mozilla/readability" package, which could not be loaded: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  });
  return loadingReadability;
}

/** The article found in a page. `contentHtml` is sanitised with absolute URLs. */
export interface ExtractedArticle {
  title: string;
  contentHtml: string;
  /** Plain text of the article body, whitespace collapsed. */
  text: string;
  byline?: string;
  excerpt?: string;
  siteName?: string;
  lang?: string;
  publishedTime?: string;
}

export type ExtractionResult =
  | { ok: true; article: ExtractedArticle; readerable: boolean }
  | { ok: false; reason: 'empty-page' | 'not-readerable' | 'no-article' | 'failed'; message: string };

export interface ExtractOptions {
  /**
   * Run Readability even when the page does not look like an article. Off by default: a wire
   * item's link sometimes lands on an index or paywall page, and its "article" would be junk.
   */
  force?: boolean;
}

/**
 * Extracts the main article of an HTML page with Mozilla Readability over linkedom. Never
 * throws: a page that is empty, does not look like an article, or defeats Readability gives
 * `ok: false` with the reason, so the caller can fall back to the feed's own text. Only a
 * missing package (linkedom, Readability: loaded at first use) rejects, as that is no page's fault.
 */
export async function extractArticle(html: string, url: string, options: ExtractOptions = {}): Promise<ExtractionResult> {
  if (!html.trim()) return { ok: false, reason: 'empty-page', message: 'the page is empty' };
  const { parseHTML } = linkedom();
  const { isProbablyReaderable, Readability } = await loadReadability();
  try {
    const { document } = parseHTML(withBase(html, url));
    const readerable = isProbablyReaderable(document as unknown as Document);
    if (!readerable && !options.force) {
      return { ok: false, reason: 'not-readerable', message: 'the page does not look like an article' };
    }
    const parsed = new Readability(document as unknown as Document, { charThreshold: 300 }).parse();
    if (!parsed?.content || !parsed.textContent?.trim()) {
      return { ok: false, reason: 'no-article', message: 'Readability found no article body' };
    }
    const article: ExtractedArticle = {
      title: collapse(parsed.title ?? ''),
      contentHtml: sanitizeArticleHtml(parsed.content, { baseUrl: url }),
      text: collapse(parsed.textContent),
      ...optional('byline', parsed.byline),
      ...optional('excerpt', parsed.excerpt),
      ...optional('siteName', parsed.siteName),
      ...optional('lang', parsed.lang),
      ...optional('publishedTime', parsed.publishedTime),
    };
    return { ok: true, article, readerable };
  } catch (error) {
    return { ok: false, reason: 'failed', message: `extraction failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** linkedom has no document URL, so a <base> carries it for Readability's link fixing. */
function withBase(html: string, url: string): string {
  if (/<base\s[^>]*href/i.test(html)) return html;
  const tag = `<base href="${url.replace(/"/g, '&quot;')}">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => head + tag) : tag + html;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  const text = value ? collapse(value) : '';
  return text ? ({ [key]: text } as Record<K, string>) : {};
}
