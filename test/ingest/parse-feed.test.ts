import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { FeedItem, ParsedFeed } from '../../src/ingest/feed-types.js';
import { parseFeed } from '../../src/ingest/parse-feed.js';
import { isBroadsheetError } from '../../src/shared/errors.js';
import { sharedData } from '../helpers/shared-data.js';

const FEEDS = sharedData('feeds/');
const fixture = (name: string) => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url));

interface Expectation {
  format: ParsedFeed['format'];
  items: number;
  title: string;
  first?: Partial<Record<keyof FeedItem, unknown>>;
}

// Item counts from shared/data/README.md; notes where we read more than a strict parser does.
const EXPECTED: Record<string, Expectation> = {
  'feed-extractor--json-feed-standard-realworld.json': { format: 'json', items: 10, title: 'Adactio: Journal', first: { guid: '19317', author: 'Jeremy Keith', url: 'https://adactio.com/journal/19317' } },
  'feed-extractor--rdf-standard.xml': { format: 'rdf', items: 3, title: 'Slashdot', first: { author: 'BeauHD', categories: ['internet'] } },
  'feed-rs--atom_example_2.xml': { format: 'atom', items: 2, title: 'The Register - Science', first: { author: 'Richard Speed' } },
  'feed-rs--jsonfeed_elastic_1.1.json': { format: 'json', items: 3, title: 'Blog – InfluxData', first: { categories: ['InfluxDB', 'Community', 'Elasticsearch', 'Time Series Database'] } },
  'feed-rs--rss_0.91_encoding_1.xml': { format: 'rss', items: 1, title: 'Dicas-L: Dicas técnicas de Linux e Software Livre', first: { title: 'bash - Expansão de Parâmetros' } },
  'feed-rs--rss_1.0_iso8859.xml': { format: 'rdf', items: 1, title: 'Golem.de', first: { author: 'Achim Sawall' } },
  'feed-rs--rss_2.0_bbc.xml': { format: 'rss', items: 1, title: 'In Our Time', first: { title: 'Marcus Aurelius', guid: 'urn:bbc:podcast:m000sjxt' } },
  // Truncated by a server exception before any item: read leniently, with no items.
  'feed-rs--rss_2.0_invalid_1.xml': { format: 'rss', items: 0, title: 'Reuters: Most Read Articles' },
  'feed-rs--rss_2.0_spiegel.xml': { format: 'rss', items: 1, title: 'SPIEGEL Update – Die Nachrichten' },
  // Not well-formed (ends in "</rss"); read after dropping the cut-off tag.
  'feedparser--rss_item_link_corrupted_ampersands.xml': { format: 'rss', items: 1, title: '', first: { url: 'http://link/get?a=1&b=2' } },
  'node-feedparser--category-feed.xml': { format: 'rss', items: 1, title: 'NYT > Home Page', first: { categories: expect.arrayContaining(['Water Pollution', 'Gowanus Canal (Brooklyn, NY)']) } },
  // README counts 0 because its items sit in a default namespace; we read all 10.
  'node-feedparser--compressed.xml': { format: 'rss', items: 10, title: 'Новости Оренбурга и области / Раздел Новости', first: { url: 'http://www.oren.ru/news/2743422/' } },
  'node-feedparser--illegally-nested.xml': { format: 'rss', items: 10, title: 'PCMag.com: the Official John C. Dvorak RSS Feed', first: { title: 'My Professional Armchair Analysis of CES' } },
  'node-feedparser--intertwingly.atom': { format: 'atom', items: 20, title: 'Sam Ruby', first: { title: 'Inhibiting Suspend' } },
  'node-feedparser--rss2sample.xml': { format: 'rss', items: 4, title: 'Liftoff News', first: { title: 'Star City', author: 'Writer' } },
  // Bare "&" in one link: read leniently, all three items kept.
  'node-feedparser--saxerror.xml': { format: 'rss', items: 3, title: 'SAXError Test Feed', first: { url: 'http://example.com/good' } },
  'node-feedparser--tpm.atom': { format: 'atom', items: 20, title: 'All TPM News', first: { author: 'Esme Cribb' } },
  'node-feedparser--wapowellness.xml': { format: 'rss', items: 29, title: 'Wellness: Health, Fitness, Nutrition & More - The Washington Post', first: { author: 'Lenny Bernstein' } },
  'rsparser--3960.json': { format: 'json', items: 20, title: 'fboës - Der Blog | Startseite', first: { title: 'Lecker, lecker', author: 'Frank Boës' } },
  'rsparser--DaringFireball.atom': { format: 'atom', items: 48, title: 'Daring Fireball', first: { title: 'The Talk Show: ‘I Do Like Throwing a Baby’' } },
  'rsparser--aktuality.rss': { format: 'rss', items: 30, title: 'Aktuality.sk - aktuálne spravodajstvo' },
  'rsparser--inessential.json': { format: 'json', items: 20, title: 'inessential.com', first: { author: 'Brent Simmons' } },
  'rsparser--scriptingNews.rss': { format: 'rss', items: 50, title: 'Scripting News', first: { url: 'http://scripting.com/2017/06/26.html#a080605' } },
  'rss-parser--content-encoded.rss': { format: 'rss', items: 7, title: 'Food in Invironment on Medium', first: { title: 'THE CREATIVE FORAGER', author: 'Jeremy Puma' } },
  'rss-parser--craigslist.rss': { format: 'rdf', items: 25, title: 'craigslist SF bay area | apts/housing for rent search' },
  'rss-parser--customfields.rss': { format: 'rss', items: 15, title: "Varthabharathi : Kanrnataka's Leading Kannada News Portal" },
  'rss-parser--encoding.rss': { format: 'rss', items: 40, title: 'Jornal de Notícias - Últimas Notícias', first: { title: 'Mãe de utente é a nova presidente da Raríssimas' } },
  'rss-parser--guardian.rss': { format: 'rss', items: 55, title: 'The Guardian', first: { author: 'David Smith in Washington' } },
  'rss-parser--heise.atom': { format: 'atom', items: 15, title: 'heise developer neueste Meldungen' },
  'rss-parser--reddit-home.rss': { format: 'atom', items: 24, title: 'reddit: the front page of the internet', first: { categories: ['/r/funny'] } },
  // ISO-8859-1 bytes with no declaration: not valid UTF-8, so read as windows-1252.
  'rss-parser--uolNoticias.rss': { format: 'rss', items: 15, title: 'UOL Noticias', first: { title: 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno' } },
};

describe('parseFeed over every shared feed', () => {
  const files = readdirSync(FEEDS);

  it('has an expectation for each of the 31 files', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s', (file) => {
    const expected = EXPECTED[file];
    const feed = parseFeed(readFileSync(FEEDS + file), { feedUrl: `https://feeds.example/${file}` });
    expect(feed.format).toBe(expected.format);
    expect(feed.title).toBe(expected.title);
    expect(feed.items).toHaveLength(expected.items);
    expect(feed.skipped).toEqual([]);
    if (expected.first) expect(feed.items[0]).toMatchObject(expected.first);
    for (const item of feed.items) {
      expect(item.url).toMatch(/^https?:\/\//);
      expect(item.guid).not.toBe('');
      expect(item.title).not.toMatch(/<\/?[a-z][^>]*>|&(amp|lt|gt|#\d+);/i);
      for (const html of [item.summaryHtml, item.contentHtml]) {
        expect(html ?? '').not.toMatch(/<script|<[^>]+\son\w+=|(href|src)="\s*(javascript|data):/i);
      }
      if (item.publishedAt) expect(Number.isNaN(item.publishedAt.getTime())).toBe(false);
    }
  });

  it('reads dates, including RFC 822 in Portuguese', () => {
    const uol = parseFeed(readFileSync(`${FEEDS}rss-parser--uolNoticias.rss`));
    expect(uol.items[0].publishedAt?.toISOString()).toBe('2018-09-24T22:42:40.000Z');
    const tpm = parseFeed(readFileSync(`${FEEDS}node-feedparser--tpm.atom`), { feedUrl: 'http://talkingpointsmemo.com/feed' });
    expect(tpm.items[0].publishedAt?.toISOString()).toBe('2017-11-08T23:15:58.000Z');
  });

  it('resolves relative Atom links against the feed URL and xml:base', () => {
    const tpm = parseFeed(readFileSync(`${FEEDS}node-feedparser--tpm.atom`), { feedUrl: 'http://talkingpointsmemo.com/feed/all' });
    expect(tpm.items[0].url).toBe('http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist');
    const register = parseFeed(readFileSync(`${FEEDS}feed-rs--atom_example_2.xml`));
    expect(register.items[0].summaryHtml).toContain('<h4>OrbitBeyond begone: Getting to the Moon is <i>hard</i></h4>');
  });

  it('keeps content:encoded and media images', () => {
    const medium = parseFeed(readFileSync(`${FEEDS}rss-parser--content-encoded.rss`));
    expect(medium.items[0].contentHtml).toMatch(/^<(p|h\d|figure|div)/);
    const guardian = parseFeed(readFileSync(`${FEEDS}rss-parser--guardian.rss`));
    expect(guardian.items[0].imageUrl).toMatch(/^https:\/\/i\.guim\.co\.uk\/.*\?w=460&/);
  });
});

describe('parseFeed edge cases', () => {
  it('finds namespaced elements by URI, resolves xml:base, strips HTML from titles', () => {
    const feed = parseFeed(fixture('namespaces.xml'), { feedUrl: 'https://wire.example/feed.xml' });
    expect(feed.title).toBe('Wire & Co');
    expect(feed.items[0]).toEqual({
      guid: 'https://wire.example/en/stories/42',
      url: 'https://wire.example/en/stories/42',
      title: 'Breaking news & more – today',
      summaryHtml: '<p>Short <a href="https://wire.example/en/about" rel="noopener">summary</a></p>',
      contentHtml: '<p>Full text with <img src="https://wire.example/en/stories/img/42.jpg" alt="A photo" /></p>',
      author: 'Ana Lima',
      categories: ['World'],
      publishedAt: new Date('2024-03-01T10:00:00Z'),
      imageUrl: 'https://wire.example/en/img/42-large.jpg',
    });
    expect(feed.items[1].publishedAt).toBeUndefined();
    expect(feed.items[1].imageUrl).toBe('https://cdn.wire.example/43.jpg');
  });

  it('skips a malformed item alone and says why', () => {
    const feed = parseFeed(fixture('malformed-item.xml'), { feedUrl: 'https://wire.example/rss' });
    expect(feed.items.map((i) => i.url)).toEqual(['https://wire.example/news/1', 'https://wire.example/news/5']);
    expect(feed.items[0].guid).toBe('wire-1');
    expect(feed.skipped).toEqual([
      { index: 1, reason: 'item wire-2 has no usable http(s) link' },
      { index: 2, reason: 'item has no usable http(s) link or id' },
      { index: 3, reason: 'item has no usable http(s) link or id' },
    ]);
  });

  it.each(['billion-laughs.xml', 'external-entity.xml'])('refuses %s before parsing', (name) => {
    expect(() => parseFeed(fixture(name))).toThrow(expect.objectContaining({ code: 'INGEST_FEED_ENTITIES_REFUSED', kind: 'invalid' }));
  });

  it('does not mistake "<!ENTITY" inside CDATA for a declaration', () => {
    const xml = '<rss><channel><title>t</title><item><link>https://a.example/1</link><description><![CDATA[Use <!ENTITY x "y"> rarely]]></description></item></channel></rss>';
    expect(parseFeed(xml).items[0].summaryHtml).toBe('Use  rarely');
  });

  it('falls back to windows-1252 when declared UTF-8 is false, and honours gzip magic', () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Café Señor – “quotes”</title></channel></rss>';
    const latin = iconv.encode(xml, 'windows-1252');
    expect(parseFeed(latin).title).toBe('Café Señor – “quotes”');
    expect(parseFeed(gzipSync(latin)).title).toBe('Café Señor – “quotes”');
    expect(parseFeed(Buffer.from(xml.replace('utf-8', 'ISO-8859-1'))).title).toBe('Café Señor – “quotes”');
    expect(parseFeed(iconv.encode(xml, 'utf-8'), { contentType: 'text/xml; charset=windows-1252' }).title).toBe('Café Señor – “quotes”');
  });

  it.each([
    ['<!DOCTYPE html><html><body><p>Hello</p></body></html>', 'INGEST_FEED_NOT_A_FEED', 'the document is an HTML page, not a feed'],
    ['<?xml version="1.0"?><sitemap><url>x</url></sitemap>', 'INGEST_FEED_NOT_A_FEED', 'the document is not a feed (root element <sitemap>)'],
    ['{"name": "not a feed"}', 'INGEST_FEED_NOT_A_FEED', 'the document is JSON but not a JSON Feed (no jsonfeed.org version or no items)'],
    ['{"version": "https://jsonfeed.org/version/1", "items": [', 'INGEST_FEED_UNREADABLE', 'the feed looks like JSON but is not valid JSON'],
    ['', 'INGEST_FEED_NOT_A_FEED', 'the document is not a feed (root element <nothing>)'],
  ])('gives a clear error for a non-feed: %s', (text, code, message) => {
    let caught: unknown;
    try {
      parseFeed(text);
    } catch (error) {
      caught = error;
    }
    expect(isBroadsheetError(caught) && { code: caught.code, message: caught.message }).toEqual({ code, message });
  });
});
