import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

function dom(html: string) {
  return parseHTML(html).document;
}

function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...dom(html).querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? '') as Record<string, unknown>);
}

forEachDatabase('public site', (database) => {
  let t: TestApp;
  let newsroom: Awaited<ReturnType<typeof seedNewsroom>>;

  beforeAll(async () => {
    t = await buildTestApp(database);
    newsroom = await seedNewsroom(t.ctx);
    await t.ctx.content.settings.update(testActor, { timezone: 'Europe/Sofia', title: 'The Sofia Ledger' });
    await publishArticle(t.ctx, {
      title: "WSJ: Trump's election won't change US-Russia relations much",
      slug: 'us-russia-relations',
      body: 'Relations between **Washington** and Moscow are unlikely to change.\n\n<script>alert(1)</script><p onclick="x()">Analysts say.</p>',
      sectionId: newsroom.europe.id,
      sourceId: newsroom.bgnes.id,
      authorId: newsroom.author.id,
      originalUrl: 'https://www.bgnes.com/world/us-russia',
      originalPublisher: 'WSJ',
      publishedAt: new Date('2026-11-23T15:40:00Z'),
      tags: ['Trump', 'Putin', 'Russia'],
    });
    await publishArticle(t.ctx, { title: 'Putin meets envoys', sectionId: newsroom.world.id, tags: ['Putin'], publishedAt: new Date('2026-11-22T09:00:00Z') });
    await publishArticle(t.ctx, { title: 'Markets rally', sectionId: newsroom.business.id, publishedAt: new Date('2026-11-21T09:00:00Z') });
  });
  afterAll(() => t.close());

  describe('article page', () => {
    it('shows breadcrumb, title, byline, attribution, local time, tags and a comments slot', async () => {
      const res = await t.inject('/world/europe/us-russia-relations');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const doc = dom(res.body);
      const crumb = doc.querySelector('nav[aria-label="Breadcrumb"]')?.textContent?.replace(/\s+/g, ' ').trim();
      expect(crumb).toBe("Home » World » Europe » WSJ: Trump's election won't change US-Russia relations much");
      expect(doc.querySelector('h1')?.textContent).toBe("WSJ: Trump's election won't change US-Russia relations much");
      expect(doc.querySelector('.byline a')?.getAttribute('href')).toBe('/author/rita-reporter/');
      const attribution = doc.querySelector('.attribution');
      expect(attribution?.textContent).toContain('According to BGNES');
      expect(attribution?.textContent).toContain('first published by WSJ');
      expect(attribution?.querySelector('a')?.getAttribute('href')).toBe('https://www.bgnes.com/world/us-russia');
      // 15:40 UTC is 17:40 in Sofia (UTC+2 in November).
      expect(doc.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-23T17:40:00+02:00');
      expect(doc.querySelector('time')?.textContent).toBe('November 23, 2026 at 5:40 PM');
      const tags = [...doc.querySelectorAll('.hashtags a')].map((a) => [a.textContent, a.getAttribute('href')]);
      expect(tags).toEqual([
        ['#Trump', '/tag/trump/'],
        ['#Putin', '/tag/putin/'],
        ['#Russia', '/tag/russia/'],
      ]);
      expect(doc.querySelector('#comments')).not.toBeNull();
    });

    it('renders the body sanitised: no script, no event handlers', async () => {
      const res = await t.inject('/world/europe/us-russia-relations');
      const body = dom(res.body).querySelector('.story-body');
      expect(body?.innerHTML).toContain('<strong>Washington</strong>');
      expect(body?.querySelector('script')).toBeNull();
      expect(body?.innerHTML).not.toContain('onclick');
    });

    it('carries canonical, Open Graph, Twitter and JSON-LD NewsArticle and BreadcrumbList', async () => {
      const res = await t.inject('/world/europe/us-russia-relations');
      const doc = dom(res.body);
      expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('http://news.test/world/europe/us-russia-relations');
      expect(doc.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe('article');
      expect(doc.querySelector('meta[name="twitter:card"]')).not.toBeNull();
      const ld = jsonLdOf(res.body);
      const article = ld.find((d) => d['@type'] === 'NewsArticle');
      expect(article).toMatchObject({
        headline: "WSJ: Trump's election won't change US-Russia relations much",
        datePublished: '2026-11-23T15:40:00.000Z',
        isBasedOn: 'https://www.bgnes.com/world/us-russia',
        author: { '@type': 'Person', name: 'Rita Reporter' },
        publisher: { '@type': 'Organization', name: 'The Sofia Ledger' },
      });
      expect(article?.dateModified).toBeTruthy();
      const crumbs = ld.find((d) => d['@type'] === 'BreadcrumbList') as { itemListElement: { name: string; item?: string }[] };
      expect(crumbs.itemListElement.map((i) => i.name)).toEqual(['Home', 'World', 'Europe', "WSJ: Trump's election won't change US-Russia relations much"]);
      expect(crumbs.itemListElement[1].item).toBe('http://news.test/world/');
    });

    it('lists related articles that share tags first', async () => {
      const res = await t.inject('/world/europe/us-russia-relations');
      const related = [...dom(res.body).querySelectorAll('.related .card-title')].map((e) => e.textContent);
      expect(related[0]).toBe('Putin meets envoys');
    });

    it('redirects an article asked for under the wrong section to its address', async () => {
      const res = await t.inject('/business/us-russia-relations');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('/world/europe/us-russia-relations');
    });

    it('answers unknown slugs with the 404 page in the site look', async () => {
      const res = await t.inject('/world/no-such-story');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Page not found');
      expect(res.body).toContain('The Sofia Ledger');
    });

    it('hides drafts and answers 410 for archived articles', async () => {
      const draft = await publishArticle(t.ctx, { title: 'Secret draft', sectionId: newsroom.world.id, status: 'draft' });
      expect((await t.inject(`/world/${draft.slug}`)).statusCode).toBe(404);
      const gone = await publishArticle(t.ctx, { title: 'Retracted story', sectionId: newsroom.world.id });
      expect((await t.inject(`/world/${gone.slug}`)).statusCode).toBe(200);
      await t.ctx.content.articles.update(testActor, gone.id, gone.version, { status: 'archived' });
      const res = await t.inject(`/world/${gone.slug}`);
      expect(res.statusCode).toBe(410);
      expect(res.body).toContain('This article has been removed');
    });
  });

  it('sends a page of ASCII content as ASCII bytes: its own punctuation is written as character references', async () => {
    for (const path of ['/', '/world/europe/us-russia-relations', '/world/']) {
      const res = await t.inject(path);
      expect(res.statusCode).toBe(200);
      expect([...res.rawPayload].filter((byte) => byte > 0x7f), path).toEqual([]);
      expect(dom(res.body).querySelector('.site-footer')?.textContent, path).toContain('\u00a9 The Sofia Ledger \u00b7 Privacy');
    }
  });

  describe('home, sections and lists', () => {
    it('shows the lead story and the latest per section', async () => {
      const res = await t.inject('/');
      expect(res.statusCode).toBe(200);
      const doc = dom(res.body);
      expect(doc.querySelector('.lead .card-title')?.textContent).toBeTruthy();
      const sectionHeadings = [...doc.querySelectorAll('.home-section h2')].map((h) => h.textContent);
      expect(sectionHeadings).toEqual(expect.arrayContaining(['World', 'Business']));
    });

    it('paginates the latest list and 404s past the end', async () => {
      await t.ctx.content.settings.update(testActor, { articlesPerPage: '5' });
      for (let i = 0; i < 8; i++) await publishArticle(t.ctx, { title: `Filler ${i}`, sectionId: newsroom.business.id });
      const page2 = await t.inject('/?page=2');
      expect(page2.statusCode).toBe(200);
      expect(dom(page2.body).querySelector('.pagination a[rel="prev"]')?.getAttribute('href')).toBe('/');
      expect((await t.inject('/?page=99')).statusCode).toBe(404);
      await t.ctx.content.settings.update(testActor, { articlesPerPage: '20' });
    });

    it('rejects malformed query parameters with 400 and a message', async () => {
      for (const url of ['/?page=abc', '/?page=0', '/world/?page=-1', '/tag/putin/?page=1.5']) {
        const res = await t.inject(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.body, url).toContain('Invalid query parameter');
      }
    });

    it('serves nested section pages with breadcrumbs, including sub-section articles in the parent', async () => {
      const world = await t.inject('/world/');
      expect(world.statusCode).toBe(200);
      const titles = [...dom(world.body).querySelectorAll('.card-title')].map((e) => e.textContent);
      expect(titles).toContain("WSJ: Trump's election won't change US-Russia relations much");
      const europe = await t.inject('/world/europe/');
      expect(europe.statusCode).toBe(200);
      expect(dom(europe.body).querySelector('nav[aria-label="Breadcrumb"]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Home » World » Europe');
      expect((await t.inject('/world')).headers.location).toBe('/world/');
      expect((await t.inject('/nowhere/')).statusCode).toBe(404);
    });

    it('serves tag, source and author pages and 404s unknown ones', async () => {
      const tag = await t.inject('/tag/putin/');
      expect(tag.statusCode).toBe(200);
      expect([...dom(tag.body).querySelectorAll('.card-title')].map((e) => e.textContent)).toEqual([
        "WSJ: Trump's election won't change US-Russia relations much",
        'Putin meets envoys',
      ]);
      const source = await t.inject('/source/bgnes/');
      expect(source.statusCode).toBe(200);
      expect(source.body).toContain('US-Russia');
      const author = await t.inject('/author/rita-reporter/');
      expect(author.statusCode).toBe(200);
      expect(author.body).toContain('Rita Reporter');
      expect((await t.inject('/tag/putin')).headers.location).toBe('/tag/putin/');
      for (const url of ['/tag/nope/', '/source/nope/', '/author/nope/']) expect((await t.inject(url)).statusCode, url).toBe(404);
    });

    it('escapes untrusted text in titles', async () => {
      const evil = await publishArticle(t.ctx, { title: '<img src=x onerror=alert(1)> headline', sectionId: newsroom.world.id });
      const res = await t.inject(`/world/${evil.slug}`);
      expect(res.body).not.toContain('<img src=x onerror');
      expect(res.body).toContain('<h1 id="story-title">&lt;img src=x onerror=alert(1)> headline</h1>');
    });
  });

  describe('caching', () => {
    it('sends ETag and Cache-Control and answers 304 to If-None-Match', async () => {
      const first = await t.inject('/world/europe/us-russia-relations');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      expect(first.headers['cache-control']).toContain('public');
      const second = await t.inject({ url: '/world/europe/us-russia-relations', headers: { 'if-none-match': etag } });
      expect(second.statusCode).toBe(304);
      expect(second.body).toBe('');
    });

    it('shows a newly published or edited article at once', async () => {
      await t.inject('/');
      const created = await publishArticle(t.ctx, { title: 'Breaking: fresh story', sectionId: newsroom.world.id, publishedAt: t.clock.now() });
      expect((await t.inject('/')).body).toContain('Breaking: fresh story');
      await t.ctx.content.articles.update(testActor, created.id, created.version, { title: 'Breaking: edited story' });
      const home = await t.inject('/');
      expect(home.body).toContain('Breaking: edited story');
      expect(home.body).not.toContain('Breaking: fresh story');
    });

    it('publishes a scheduled article at its time without a restart', async () => {
      const at = new Date(t.clock.now().getTime() + 3600_000);
      const scheduled = await publishArticle(t.ctx, { title: 'Scheduled scoop', sectionId: newsroom.world.id, status: 'scheduled', publishedAt: at });
      const url = `/world/${scheduled.slug}`;
      expect((await t.inject(url)).statusCode).toBe(404);
      expect((await t.inject('/')).body).not.toContain('Scheduled scoop');
      t.clock.advance(3600_000 + 1000);
      expect((await t.inject('/')).body).toContain('Scheduled scoop');
      expect((await t.inject(url)).statusCode).toBe(200);
    });
  });

  describe('operations', () => {
    it('reports health and Prometheus metrics', async () => {
      const health = await t.inject('/healthz');
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok', database: 'ok' });
      const metrics = await t.inject('/metrics');
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toMatch(/broadsheet_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
      expect(metrics.body).toContain('broadsheet_http_request_duration_seconds_bucket');
    });

    it('serves the stylesheet with a long cache lifetime', async () => {
      const res = await t.inject('/assets/site.css');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/css');
      expect(res.headers['cache-control']).toContain('immutable');
      expect(res.body).toContain('prefers-color-scheme: dark');
    });
  });
});

forEachDatabase('health when the database is gone', (database) => {
  it('answers 503', async () => {
    const t = await buildTestApp(database);
    await t.ctx.db.destroy();
    const res = await t.inject('/healthz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable' });
    await t.app.close();
  });
});
