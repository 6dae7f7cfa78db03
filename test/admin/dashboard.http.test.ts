import { afterEach, beforeEach, expect, it } from 'vitest';
import { seedComment } from '../comments/moderation-queue-seed.js';
import { signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { dom } from '../web/comments-helpers.js';

forEachDatabase('the dashboard at /admin', (database) => {
  let t: TestApp;

  // The app's now is 2026-11-24T12:00Z: 07:00 in New York, where the site is.
  beforeEach(async () => {
    t = await buildTestApp(database);
    await t.ctx.content.settings.update(testActor, { timezone: 'America/New_York' });
    const newsroom = await seedNewsroom(t.ctx);
    const sectionId = newsroom.world.id;
    await publishArticle(t.ctx, { sectionId, publishedAt: new Date('2026-11-24T06:00:00Z') });
    await publishArticle(t.ctx, { sectionId, publishedAt: new Date('2026-11-24T11:30:00Z') });
    // The 23rd in New York, though the 24th in UTC; and a draft and a later schedule.
    await publishArticle(t.ctx, { sectionId, publishedAt: new Date('2026-11-24T03:00:00Z') });
    await publishArticle(t.ctx, { sectionId, status: 'draft', publishedAt: null });
    await publishArticle(t.ctx, { sectionId, status: 'scheduled', publishedAt: new Date('2026-11-24T20:00:00Z') });
    const old = await publishArticle(t.ctx, { title: 'Older story', sectionId, publishedAt: new Date('2026-09-01T08:00:00Z') });
    await seedComment(t, { articleId: old.id, at: new Date('2026-11-24T11:00:00Z'), status: 'approved' });
    await seedComment(t, { articleId: old.id, at: new Date('2026-11-23T11:00:00Z'), status: 'approved' });
    await seedComment(t, { articleId: old.id, at: new Date('2026-11-23T12:00:00Z'), status: 'spam' });
    await seedComment(t, { articleId: old.id, at: new Date('2026-11-01T12:00:00Z'), status: 'spam' });
    await seedComment(t, { articleId: old.id });
    await seedComment(t, { articleId: old.id });
  });
  afterEach(() => t.close());

  it('shows a moderator today’s articles, pending comments, spam this week and a 30-day chart as accessible SVG', async () => {
    const moderator = await signInAs(t, 'moderator');
    const response = await moderator.get('/admin');
    expect(response.statusCode).toBe(200);
    const doc = dom(response.body);
    const stats = [...doc.querySelectorAll('.stats li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(stats).toEqual(['2 articles published today', '2 comments waiting for moderation', '1 spam comment caught in the last 7 days']);
    expect(doc.querySelector('.stats a[href="/admin/comments?status=pending"]')).not.toBeNull();

    const svg = doc.querySelector('svg.chart');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-labelledby')).toBe('chart-title chart-desc');
    expect(svg?.querySelector('title#chart-title')?.textContent).toBe('Comments per day, last 30 days');
    expect(svg?.querySelector('desc#chart-desc')?.textContent).toBe('From Oct 26 to Nov 24: 2 approved and 2 spam. The table below lists every day.');
    expect(svg?.querySelectorAll('rect.chart-approved')).toHaveLength(2);
    expect(svg?.querySelectorAll('rect.chart-spam')).toHaveLength(2);
    const dayTitles = [...(svg?.querySelectorAll('g > title') ?? [])].map((title) => title.textContent);
    expect(dayTitles).toContain('Nov 23: 1 approved, 1 spam');
    expect(doc.querySelectorAll('.chart-legend li')).toHaveLength(2);

    const rows = [...doc.querySelectorAll('.chart-table tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toHaveLength(30);
    expect(rows[0]).toEqual(['Oct 26', '0', '0']);
    expect(rows.at(-2)).toEqual(['Nov 23', '1', '1']);
    expect(rows.at(-1)).toEqual(['Nov 24', '1', '0']);
    // The CSP forbids inline styles: the chart draws with attributes and classes only.
    expect(response.body).not.toMatch(/\sstyle=/);
  });

  it('shows an author the articles published today and nothing about comments', async () => {
    const author = await signInAs(t, 'author');
    const response = await author.get('/admin');
    expect(response.statusCode).toBe(200);
    const doc = dom(response.body);
    expect([...doc.querySelectorAll('.stats li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['2 articles published today · Articles']);
    expect(doc.querySelector('svg.chart')).toBeNull();
    expect(response.body).not.toContain('/admin/comments');
    expect(response.body).not.toMatch(/spam/i);
  });

  it('draws an empty chart with a zero baseline when there are no comments', async () => {
    await t.ctx.db.deleteFrom('comment').execute();
    const editor = await signInAs(t, 'editor');
    const doc = dom((await editor.get('/admin')).body);
    expect(doc.querySelectorAll('svg.chart rect')).toHaveLength(0);
    expect([...doc.querySelectorAll('svg.chart text')].map((text) => text.textContent).slice(0, 5)).toEqual(['0', '1', '2', '3', '4']);
    expect(doc.querySelector('#chart-desc')?.textContent).toContain('0 approved and 0 spam');
  });
});
