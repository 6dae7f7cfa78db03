import type { FeedParts, RawItem } from './feed-types.js';
import { htmlToText, parseFeedDate, resolveHttpUrl, textToHtml } from './feed-text.js';

type Json = Record<string, unknown>;

/** Recognises a JSON Feed 1.0/1.1 document; undefined when the JSON is something else. */
export function readJsonFeed(doc: unknown, feedUrl: string | undefined): FeedParts | undefined {
  if (!isObject(doc)) return undefined;
  const version = typeof doc.version === 'string' ? doc.version : '';
  if (!version.startsWith('https://jsonfeed.org/version/') || !Array.isArray(doc.items)) return undefined;
  const base = str(doc.home_page_url) ?? feedUrl;
  return {
    format: 'json',
    title: htmlToText(str(doc.title) ?? ''),
    link: resolveHttpUrl(str(doc.home_page_url), feedUrl),
    items: doc.items.map((item) => () => jsonItem(item, base, doc)),
  };
}

function jsonItem(item: unknown, base: string | undefined, feed: Json): RawItem {
  if (!isObject(item)) throw new Error('item is not an object');
  const url = resolveHttpUrl(str(item.url) ?? str(item.external_url), base);
  const id = item.id === undefined || item.id === null ? undefined : String(item.id);
  const contentText = str(item.content_text);
  const updated = parseFeedDate(str(item.date_modified));
  return {
    guid: id,
    url: url ?? resolveHttpUrl(id, base),
    title: htmlToText(str(item.title) ?? ''),
    summaryHtml: str(item.summary) ? textToHtml(str(item.summary)!) : undefined,
    contentHtml: str(item.content_html) ?? (contentText ? textToHtml(contentText) : undefined),
    // 1.1 has `authors`; 1.0 had `author`; both may sit on the feed instead of the item.
    author: authorOf(item) ?? authorOf(feed),
    categories: Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : [],
    publishedAt: parseFeedDate(str(item.date_published)) ?? updated,
    updatedAt: updated,
    imageUrl: resolveHttpUrl(str(item.image) ?? str(item.banner_image), url ?? base),
    htmlBase: url ?? base,
  };
}

function authorOf(node: Json): string | undefined {
  const list = Array.isArray(node.authors) ? node.authors : [node.author];
  const names = list.filter(isObject).map((a) => str(a.name)).filter((n): n is string => Boolean(n));
  return names.length > 0 ? names.join(', ') : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
