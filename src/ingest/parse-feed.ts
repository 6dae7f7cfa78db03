import { XMLParser } from 'fast-xml-parser';
import { InvalidError } from '../shared/errors.js';
import { sanitizeArticleHtml } from '../shared/html-sanitizer.js';
import { decodeFeedBody } from './decode-feed-body.js';
import { IngestErrorCode } from './errors.js';
import type { FeedItem, FeedParts, ParsedFeed, RawItem, SkippedItem } from './feed-types.js';
import { readJsonFeed } from './json-feed.js';
import { RAW_ELEMENTS, readXmlFeed } from './xml-feed.js';

export interface ParseFeedOptions {
  /** Where the feed was fetched from (after redirects): the base for relative URLs. */
  feedUrl?: string;
  /** The HTTP Content-Type, whose charset is one piece of evidence for the encoding. */
  contentType?: string;
}

/**
 * Parses RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 or JSON Feed 1.0/1.1 from bytes (any encoding,
 * possibly gzip-compressed) or already-decoded text. Item URLs are absolute http(s) URLs, titles
 * plain text, HTML fields sanitised with relative URLs resolved (xml:base, item link, feed URL).
 * Lenient: markup errors a forgiving reader can get past are got past; an item that cannot be
 * read (no usable link, not an element) is listed in `skipped` and the rest carry on.
 * Refused with an `InvalidError`: documents declaring XML entities (`INGEST_FEED_ENTITIES_REFUSED`,
 * before any parsing, so no expansion attack runs), documents that are not feeds
 * (`INGEST_FEED_NOT_A_FEED`) and ones that cannot be read at all (`INGEST_FEED_UNREADABLE`).
 */
export function parseFeed(body: Uint8Array | string, options: ParseFeedOptions = {}): ParsedFeed {
  const text = (typeof body === 'string' ? body : decodeFeedBody(body, options.contentType).text).replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const parts = trimmed.startsWith('{') ? readJson(trimmed, options.feedUrl) : readXml(trimmed, options.feedUrl);
  const items: FeedItem[] = [];
  const skipped: SkippedItem[] = [];
  parts.items.forEach((read, index) => {
    try {
      const finished = finishItem(read());
      if (typeof finished === 'string') skipped.push({ index, reason: finished });
      else items.push(finished);
    } catch (error) {
      skipped.push({ index, reason: error instanceof Error ? error.message : String(error) });
    }
  });
  return { format: parts.format, title: parts.title, link: parts.link, items, skipped };
}

function readJson(text: string, feedUrl: string | undefined): FeedParts {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new InvalidError(IngestErrorCode.feedUnreadable, 'the feed looks like JSON but is not valid JSON', { cause });
  }
  const parts = readJsonFeed(doc, feedUrl);
  if (!parts) throw new InvalidError(IngestErrorCode.feedNotAFeed, 'the document is JSON but not a JSON Feed (no jsonfeed.org version or no items)');
  return parts;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  stopNodes: RAW_ELEMENTS,
});

function readXml(text: string, feedUrl: string | undefined): FeedParts {
  refuseEntityDeclarations(text);
  if (/^(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html[\s>])/i.test(text.slice(0, 4096))) {
    throw new InvalidError(IngestErrorCode.feedNotAFeed, 'the document is an HTML page, not a feed');
  }
  const doc = parseXml(text);
  const parts = readXmlFeed(doc, feedUrl);
  if (!parts) {
    const root = Object.keys(doc).find((k) => !k.startsWith('?')) ?? 'nothing';
    throw new InvalidError(IngestErrorCode.feedNotAFeed, `the document is not a feed (root element <${root}>)`);
  }
  return parts;
}

function parseXml(text: string): Record<string, unknown> {
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch (first) {
    // A capture cut off inside a tag ("</rss" at end of file) is readable without its last scrap.
    const repaired = text.replace(/<[^<>]*$/, '');
    if (repaired !== text) {
      try {
        return parser.parse(repaired) as Record<string, unknown>;
      } catch {}
    }
    const reason = first instanceof Error ? first.message : String(first);
    throw new InvalidError(IngestErrorCode.feedUnreadable, `the feed is not well-formed XML: ${reason}`, { cause: first });
  }
}

/**
 * Entity declarations are how billion-laughs and external-entity (XXE) attacks work, and no
 * real feed needs them. CDATA and comments are removed first so an article *about* XML is fine.
 */
function refuseEntityDeclarations(text: string): void {
  const markupOnly = text.replace(/<!\[CDATA\[[\s\S]*?(?:\]\]>|$)/g, '').replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  if (/<!ENTITY/i.test(markupOnly)) {
    throw new InvalidError(IngestErrorCode.feedEntitiesRefused, 'refused: the feed declares XML entities (<!ENTITY>), which feeds never need');
  }
}

function finishItem(raw: RawItem): FeedItem | string {
  if (!raw.url) return raw.guid ? `item ${raw.guid} has no usable http(s) link` : 'item has no usable http(s) link or id';
  const base = raw.htmlBase ?? raw.url;
  const summaryHtml = raw.summaryHtml ? sanitizeArticleHtml(raw.summaryHtml, { baseUrl: base }).trim() : '';
  const contentHtml = raw.contentHtml ? sanitizeArticleHtml(raw.contentHtml, { baseUrl: base }).trim() : '';
  return {
    guid: raw.guid || raw.url,
    url: raw.url,
    title: raw.title ?? '',
    ...(summaryHtml ? { summaryHtml } : {}),
    ...(contentHtml ? { contentHtml } : {}),
    ...(raw.author ? { author: raw.author } : {}),
    categories: [...new Set(raw.categories.map((c) => c.trim()).filter(Boolean))],
    ...(raw.publishedAt ? { publishedAt: raw.publishedAt } : {}),
    ...(raw.updatedAt ? { updatedAt: raw.updatedAt } : {}),
    ...(raw.imageUrl ? { imageUrl: raw.imageUrl } : {}),
  };
}
