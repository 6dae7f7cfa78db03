import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp, testNow } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

forEachDatabase('feeds and sitemaps', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(database);
    const n = await seedNewsroom(t.ctx);
    await publishArticle(t.ctx, { title: 'Old & settled <story>', sectionId: n.world.id, publishedAt: new Date(testNow.getTime() - 5 * 86400_000), tags: ['Putin'] });
    await publishArticle(t.ctx, {
      title: 'Fresh from Europe',
      sectionId: n.europe.id,
      sourceId: n.bgnes.id,
      authorId: n.author.id,
      publishedAt: new Date(testNow.getTime() - 3600_000),
      tags: ['Putin', 'NATO'],
    });
    await publishArticle(t.ctx, { title: 'Business today', sectionId: n.business.id, publishedAt: new Date(testNow.getTime() - 7200_000) });
    await publishArticle(t.ctx, { title: 'Not yet', sectionId: n.world.id, status: 'draft' });
  });
  afterAll(() => t.close());

  it('serves the site RSS 2.0 feed, newest first, without drafts', async () => {
    const res = await t.inject('/feed.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/rss+xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const channel = xml.parse(res.body).rss.channel;
    const items = asArray(channel.item) as { title: string; link: string; pubDate: string; category: unknown }[];
    expect(items.map((i) => i.title)).toEqual(['Fresh from Europe', 'Business today', 'Old & settled <story>']);
    expect(items[0].link).toBe('http://news.test/world/europe/fresh-from-europe');
    expect(new Date(items[0].pubDate).toISOString()).toBe(new Date(testNow.getTime() - 3600_000).toISOString());
  });

  it('serves Atom 1.0 with entries linking to articles', async () => {
    const res = await t.inject('/feed.atom');
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const feed = xml.parse(res.body).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = asArray(feed.entry) as { title: string | { '#text': string }; link: { '@href': string } }[];
    expect(entries).toHaveLength(3);
    expect(entries[0].link['@href']).toBe('http://news.test/world/europe/fresh-from-europe');
  });

  it('serves JSON Feed 1.1', async () => {
    const res = await t.inject('/feed.json');
    expect(res.headers['content-type']).toContain('application/feed+json');
    const feed = res.json();
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((i: { title: string }) => i.title)).toEqual(['Fresh from Europe', 'Business today', 'Old & settled <story>']);
    expect(feed.items[0].authors).toEqual([{ name: 'Rita Reporter', url: 'http://news.test/author/rita-reporter/' }]);
    expect(feed.items[0].url).toBe('http://news.test/world/europe/fresh-from-europe');
  });

  it('serves section feeds including sub-sections, and tag feeds', async () => {
    const world = xml.parse((await t.inject('/world/feed.xml')).body).rss.channel;
    expect(asArray(world.item).map((i: { title: string }) => i.title)).toEqual(['Fresh from Europe', 'Old & settled <story>']);
    const europe = (await t.inject('/world/europe/feed.json')).json();
    expect(europe.items.map((i: { title: string }) => i.title)).toEqual(['Fresh from Europe']);
    const nato = xml.parse((await t.inject('/tag/nato/feed.atom')).body).feed;
    expect(asArray(nato.entry)).toHaveLength(1);
    expect((await t.inject('/tag/nope/feed.xml')).statusCode).toBe(404);
    expect((await t.inject('/nowhere/feed.xml')).statusCode).toBe(404);
    expect((await t.inject('/feed.txt')).statusCode).toBe(404);
  });

  it('lists every visible article and section in a valid sitemap', async () => {
    const res = await t.inject('/sitemap.xml');
    expect(res.headers['content-type']).toContain('application/xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const urlset = xml.parse(res.body).urlset;
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls = asArray(urlset.url) as { loc: string; lastmod?: string }[];
    const locs = urls.map((u) => u.loc);
    expect(locs).toEqual(expect.arrayContaining(['http://news.test/', 'http://news.test/world/', 'http://news.test/world/europe/', 'http://news.test/world/europe/fresh-from-europe']));
    expect(locs.some((l) => l.includes('not-yet'))).toBe(false);
    for (const u of urls) {
      expect(u.loc.startsWith('http://news.test/')).toBe(true);
      if (u.lastmod) expect(u.lastmod).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
  });

  it('lists only the last 48 hours in the Google News sitemap', async () => {
    const res = await t.inject('/news-sitemap.xml');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const urlset = xml.parse(res.body).urlset;
    expect(urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const urls = asArray(urlset.url) as { loc: string; 'news:news': { 'news:title': string; 'news:publication': { 'news:language': string } } }[];
    expect(urls.map((u) => u['news:news']['news:title']).sort()).toEqual(['Business today', 'Fresh from Europe']);
    expect(urls[0]['news:news']['news:publication']['news:language']).toBe('en');
  });

  it('serves robots.txt pointing at both sitemaps', async () => {
    const res = await t.inject('/robots.txt');
    expect(res.body).toContain('Sitemap: http://news.test/sitemap.xml');
    expect(res.body).toContain('Sitemap: http://news.test/news-sitemap.xml');
    expect(res.body).toContain('Disallow: /admin/');
  });
});
