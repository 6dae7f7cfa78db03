import type { FeedParts, RawItem } from './feed-types.js';
import { decodeRawXml, htmlToText, parseFeedDate, resolveBase, resolveHttpUrl, textToHtml } from './feed-text.js';

/*
 * Maps a fast-xml-parser tree (attributes as `@_name`, text as `#text`) of RSS 0.9x/2.0, RSS 1.0
 * and Atom 1.0 to raw items. Namespaced elements are found by namespace URI through the prefixes
 * the document declares, with the conventional prefix as a fallback for feeds that forget to.
 */

type Node = Record<string, unknown>;

const NS = {
  content: ['http://purl.org/rss/1.0/modules/content/', 'content'],
  dc: ['http://purl.org/dc/elements/1.1/', 'dc'],
  media: ['http://search.yahoo.com/mrss/', 'media'],
  atom: ['http://www.w3.org/2005/Atom', 'atom'],
  itunes: ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'itunes'],
} as const;
type NsName = keyof typeof NS;

/** Elements whose inner markup is kept raw, so escaped, CDATA and bare HTML all come out as HTML. */
export const RAW_ELEMENTS = [
  '..item.title', '..item.description', '..item.content:encoded', '..entry.title', '..entry.summary', '..entry.content', 'feed.title',
];

/** Recognises the feed in a parsed document, or returns undefined when it is not one. */
export function readXmlFeed(doc: Node, feedUrl: string | undefined): FeedParts | undefined {
  for (const [key, value] of Object.entries(doc)) {
    const local = key.replace(/^.*:/, '');
    if (!isNode(value) && value !== '') continue;
    const root = isNode(value) ? value : {};
    const prefixes = collectPrefixes(root, first(root.channel));
    if (local === 'rss') return readRss(root, prefixes, feedUrl);
    if (local === 'RDF') return readRdf(root, prefixes, feedUrl);
    if (local === 'feed') return readAtom(root, prefixes, feedUrl);
  }
  return undefined;
}

function readRss(root: Node, prefixes: Prefixes, feedUrl: string | undefined): FeedParts {
  const channel = asNode(first(root.channel));
  const base = resolveBase(attr(root, 'xml:base'), feedUrl);
  return {
    format: 'rss',
    title: htmlToText(text(channel.title)),
    link: resolveHttpUrl(text(channel.link), base),
    items: many(channel.item).map((item) => () => rssItem(asNode(item), prefixes, base)),
  };
}

function readRdf(root: Node, prefixes: Prefixes, feedUrl: string | undefined): FeedParts {
  const channel = asNode(first(root.channel));
  return {
    format: 'rdf',
    title: htmlToText(text(channel.title)),
    link: resolveHttpUrl(text(channel.link), feedUrl),
    // RSS 1.0 items are siblings of the channel; some generators nest them anyway.
    items: [...many(root.item), ...many(channel.item)].map((item) => () => rssItem(asNode(item), prefixes, feedUrl)),
  };
}

function rssItem(item: Node, prefixes: Prefixes, feedBase: string | undefined): RawItem {
  const base = resolveBase(attr(item, 'xml:base'), feedBase);
  const guidNode = first(item.guid);
  const guid = text(guidNode) || attr(item, 'rdf:about');
  const link = resolveHttpUrl(text(item.link), base) ?? atomLink(ns(item, prefixes, 'atom', 'link'), base);
  const guidIsLink = attr(guidNode, 'isPermaLink') !== 'false';
  const enclosureImage = many(item.enclosure).find((e) => /^image\//.test(attr(e, 'type') ?? ''));
  return {
    guid,
    url: link ?? (guidIsLink ? resolveHttpUrl(guid, base) : undefined),
    title: htmlToText(decodeRawXml(text(item.title))),
    summaryHtml: decodeRawXml(text(item.description)) || undefined,
    contentHtml: decodeRawXml(text(ns(item, prefixes, 'content', 'encoded'))) || undefined,
    author: firstText(ns(item, prefixes, 'dc', 'creator')) || authorName(text(item.author)) || undefined,
    categories: [...many(item.category), ...many(ns(item, prefixes, 'dc', 'subject'))].map((c) => htmlToText(text(c))),
    publishedAt: parseFeedDate(text(item.pubDate)) ?? parseFeedDate(firstText(ns(item, prefixes, 'dc', 'date'))),
    updatedAt: parseFeedDate(text(ns(item, prefixes, 'atom', 'updated'))),
    imageUrl: mediaImage(item, prefixes, base) ?? resolveHttpUrl(attr(enclosureImage, 'url'), base),
    htmlBase: link ?? base,
  };
}

function readAtom(root: Node, prefixes: Prefixes, feedUrl: string | undefined): FeedParts {
  const base = resolveBase(attr(root, 'xml:base'), feedUrl);
  return {
    format: 'atom',
    title: atomText(root.title),
    link: atomLink(root.link, base),
    items: many(root.entry).map((entry) => () => atomEntry(asNode(entry), prefixes, base)),
  };
}

function atomEntry(entry: Node, prefixes: Prefixes, feedBase: string | undefined): RawItem {
  const base = resolveBase(attr(entry, 'xml:base'), feedBase);
  const url = atomLink(entry.link, base);
  const content = first(entry.content);
  const summary = first(entry.summary);
  const enclosure = many(entry.link).find((l) => attr(l, 'rel') === 'enclosure' && /^image\//.test(attr(l, 'type') ?? ''));
  const published = parseFeedDate(text(entry.published)) ?? parseFeedDate(firstText(ns(entry, prefixes, 'dc', 'date')));
  const updated = parseFeedDate(text(entry.updated));
  return {
    guid: text(entry.id) || undefined,
    url,
    title: atomText(entry.title),
    summaryHtml: summary === undefined ? undefined : atomHtml(summary) || undefined,
    // Out-of-line content (src=) points elsewhere; the page extractor handles that case.
    contentHtml: content === undefined || attr(content, 'src') ? undefined : atomHtml(content) || undefined,
    author: text(asNode(first(entry.author)).name) || firstText(ns(entry, prefixes, 'dc', 'creator')) || undefined,
    categories: many(entry.category).map((c) => attr(c, 'label') || attr(c, 'term') || text(c)).filter(Boolean),
    publishedAt: published ?? updated,
    updatedAt: updated,
    imageUrl: mediaImage(entry, prefixes, base) ?? resolveHttpUrl(attr(enclosure, 'href'), base),
    htmlBase: resolveBase(attr(content, 'xml:base') ?? attr(summary, 'xml:base'), base) ?? url,
  };
}

/** The HTML of an Atom text construct (`type` text, html or xhtml; raw inner markup). */
function atomHtml(node: unknown): string {
  const raw = text(node);
  const type = (attr(node, 'type') ?? 'text').toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml') return raw.replace(/^\s*<div[^>]*>([\s\S]*)<\/div>\s*$/, '$1').trim();
  const decoded = decodeRawXml(raw);
  return type === 'html' || type === 'text/html' ? decoded : textToHtml(decoded);
}

function atomText(node: unknown): string {
  return node === undefined ? '' : htmlToText(atomHtml(first(node)));
}

/** The alternate link (or the first link without rel), resolved. */
function atomLink(links: unknown, base: string | undefined): string | undefined {
  const list = many(links);
  const pick =
    list.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && /html/.test(attr(l, 'type') ?? 'text/html')) ??
    list.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  return resolveHttpUrl(attr(pick, 'href') ?? (typeof pick === 'string' ? pick : undefined), resolveBase(attr(pick, 'xml:base'), base));
}

function mediaImage(item: Node, prefixes: Prefixes, base: string | undefined): string | undefined {
  const groups = many(ns(item, prefixes, 'media', 'group')).map(asNode);
  const contents = [item, ...groups].flatMap((n) => many(ns(n, prefixes, 'media', 'content')));
  // Untyped media:content is taken for an image (the Guardian's are); the widest one wins.
  const untyped = contents.filter((c) => !attr(c, 'medium') && !attr(c, 'type'));
  const widest = untyped.sort((a, b) => Number(attr(b, 'width') ?? 0) - Number(attr(a, 'width') ?? 0))[0];
  const image = contents.find((c) => attr(c, 'medium') === 'image' || /^image\//.test(attr(c, 'type') ?? '')) ?? widest;
  const thumbs = [item, ...groups].flatMap((n) => many(ns(n, prefixes, 'media', 'thumbnail')));
  const itunes = many(ns(item, prefixes, 'itunes', 'image'));
  return resolveHttpUrl(attr(image, 'url') ?? attr(thumbs[0], 'url') ?? attr(itunes[0], 'href'), base);
}

/** "editor@example.com (Jane Doe)" → "Jane Doe"; a bare address is kept. */
function authorName(value: string): string {
  return value.match(/\(([^)]+)\)\s*$/)?.[1]?.trim() ?? value.trim();
}

type Prefixes = Record<NsName, string[]>;

function collectPrefixes(...nodes: unknown[]): Prefixes {
  const declared: Array<[string, string]> = [];
  for (const node of nodes) {
    if (!isNode(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@_xmlns:') && typeof value === 'string') declared.push([key.slice(8), value]);
    }
  }
  const out = {} as Prefixes;
  for (const [name, [uri, conventional]] of Object.entries(NS) as Array<[NsName, readonly [string, string]]>) {
    out[name] = [...new Set([...declared.filter(([, u]) => u === uri).map(([p]) => p), conventional])];
  }
  return out;
}

function ns(node: Node, prefixes: Prefixes, name: NsName, local: string): unknown {
  for (const prefix of prefixes[name]) {
    const value = node[`${prefix}:${local}`];
    if (value !== undefined) return value;
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNode(value: unknown): Node {
  return isNode(value) ? value : {};
}

function many(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function text(value: unknown): string {
  const node = first(value);
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (isNode(node) && node['#text'] !== undefined) return String(node['#text']).trim();
  return '';
}

function firstText(value: unknown): string {
  return text(many(value)[0]);
}

function attr(node: unknown, name: string): string | undefined {
  const value = isNode(node) ? node[`@_${name}`] : undefined;
  return typeof value === 'string' ? value : undefined;
}
