import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentStatus } from '../../src/comments/index.js';
import { seedComment } from '../comments/moderation-queue-seed.js';
import { testPassword } from '../helpers/admin-session.js';
import { axeViolations, hasChromium, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';

const screenshots = join(tmpdir(), 'broadsheet-screenshots');
const DAY = 86_400_000;

describe.skipIf(!hasChromium)(`moderation queue and dashboard in Chromium${hasChromium ? '' : ' — skipped: /usr/bin/chromium is not installed'}`, () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  const pending: number[] = [];
  /** Errors the page reported, CSP refusals included: the admin must run under its own CSP. */
  const pageErrors: string[] = [];

  const statusOf = async (id: number): Promise<CommentStatus> => (await t.ctx.comments.get(testActor, id)).status;

  async function seriousViolations(page: Page) {
    return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  beforeAll(async () => {
    t = await buildTestApp({ engine: 'sqlite', url: 'sqlite::memory:', newSchema: () => undefined });
    await t.ctx.content.settings.update(testActor, { timezone: 'Europe/Sofia' });
    const newsroom = await seedNewsroom(t.ctx);
    const article = await publishArticle(t.ctx, { title: 'Port of Varna reopens after the storm', sectionId: newsroom.world.id, publishedAt: new Date('2026-09-01T08:00:00Z') });
    await publishArticle(t.ctx, { title: 'Ferry timetable for the winter', sectionId: newsroom.world.id, publishedAt: new Date('2026-11-24T09:00:00Z') });
    await t.ctx.users.addUser(testActor, { email: 'moderator@example.com', name: 'Mona Moderator', role: 'moderator', password: testPassword });

    // A month of traffic for the chart: a few approved comments most days, spam on some.
    const now = t.clock.now().getTime();
    for (let day = 29; day >= 1; day--) {
      for (let i = 0; i < (day * 7) % 5; i++) await seedComment(t, { articleId: article.id, at: new Date(now - day * DAY + i * 60_000), status: 'approved' });
      for (let i = 0; i < (day * 3) % 4; i++) await seedComment(t, { articleId: article.id, at: new Date(now - day * DAY + i * 60_000 + 30_000), status: 'spam' });
    }
    const names = ['Ivan Petrov', 'Maria Georgieva', 'Sam Visitor', 'Elena Dimitrova', 'Tom Reader'];
    for (const [i, name] of names.entries()) {
      pending.unshift(
        await seedComment(t, {
          articleId: article.id,
          at: new Date(now - (names.length - i) * 600_000),
          authorName: name,
          content: `Comment from ${name}: the harbour works were announced in spring, the port reopened ${i + 1} days early.`,
        }),
      );
    }
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(from = context): Promise<Page> {
    const page = await from.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // The browser's own request for a favicon is not the page's doing.
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) pageErrors.push(`${message.text()} ${message.location().url}`);
    });
    return page;
  }

  it('signs in through the login page and shows the dashboard with its chart', async () => {
    const page = await newPage();
    await page.goto(`${base}/admin/comments`);
    await page.waitForURL(/\/admin\/login\?next=/);
    await page.getByLabel('Email').fill('moderator@example.com');
    await page.getByLabel('Password').fill(testPassword);
    await Promise.all([page.waitForURL(`${base}/admin/comments`), page.getByRole('button', { name: 'Log in' }).click()]);

    await page.goto(`${base}/admin`);
    expect(await page.locator('.stats li').allInnerTexts()).toEqual([
      expect.stringMatching(/^1\s+article published today$/),
      expect.stringMatching(/^5\s+comments waiting for moderation$/),
      expect.stringMatching(/spam comments? caught in the last 7 days$/),
    ]);
    expect(await page.locator('svg.chart rect.chart-approved').count()).toBeGreaterThan(10);
    expect(await page.getByRole('img', { name: 'Comments per day, last 30 days' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(screenshots, 'admin-dashboard.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(screenshots, 'admin-dashboard-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.close();
  });

  it('moderates a pending comment with the keyboard: j chooses it, a approves it', async () => {
    const page = await newPage();
    await page.goto(`${base}/admin/comments`);
    expect(await page.locator('#queue-shortcuts').isVisible()).toBe(true);
    await page.screenshot({ path: join(screenshots, 'admin-comments-queue.png'), fullPage: true });

    await page.keyboard.press('j');
    const first = page.locator('tr.queue-row').first();
    expect(await first.getAttribute('class')).toContain('is-current');
    expect(await first.getAttribute('id')).toBe(`comment-${pending[0]}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`comment-${pending[0]}`);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await first.getAttribute('class')).toContain('is-current');
    // ? opens the list of keys; x ticks the current comment for the bulk buttons.
    await page.keyboard.press('?');
    expect(await page.locator('#queue-shortcuts').getAttribute('open')).not.toBeNull();
    expect(await page.locator('#queue-shortcuts dl').textContent()).toContain('Approve');
    await page.keyboard.press('x');
    expect(await page.locator(`#select-${pending[0]}`).isChecked()).toBe(true);
    await page.keyboard.press('x');
    expect(await page.locator(`#select-${pending[0]}`).isChecked()).toBe(false);

    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: '1 comment approved.' }).waitFor();
    expect(await statusOf(pending[0])).toBe('approved');
    expect(await page.locator(`#comment-${pending[0]}`).count()).toBe(0);
    // The comment that took its place is the current one, ready for the next key.
    expect(await page.locator('tr.queue-row.is-current').getAttribute('id')).toBe(`comment-${pending[1]}`);

    // r opens the reply form in place; keys typed there are text, not shortcuts.
    await page.keyboard.press('r');
    const textarea = page.locator(`#reply-content-${pending[1]}`);
    expect(await textarea.isVisible()).toBe(true);
    await page.keyboard.type('ads');
    expect(await textarea.inputValue()).toBe('ads');
    expect(await statusOf(pending[1])).toBe('pending');
    await page.close();
  });

  it('bulk-selects comments and marks them as spam', async () => {
    const page = await newPage();
    await page.goto(`${base}/admin/comments?status=pending`);
    await page.getByLabel('Select the comment by Sam Visitor').check();
    await page.getByLabel('Select the comment by Maria Georgieva').check();
    await page.locator('#bulk-form').getByRole('button', { name: 'Spam', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '2 comments marked as spam.' }).waitFor();
    // Newest first: Tom (approved by key above), Elena, Sam, Maria, Ivan.
    expect(await Promise.all(pending.map(statusOf))).toEqual(['approved', 'pending', 'spam', 'spam', 'pending']);
    expect(await page.locator('.tabs a[aria-current="page"]').textContent()).toMatch(/Pending\s+\(2\)/);

    // Select all ticks every row of the page.
    await page.getByLabel('Select all comments on this page').check();
    expect(await page.locator('tbody input[name="ids"]:checked').count()).toBe(2);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(screenshots, 'admin-comments-queue-phone.png'), fullPage: true });
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('passes axe on the dashboard and the queue, in light and dark', async () => {
    // axe is injected as an inline script, which the admin's CSP rightly forbids.
    const axeContext = await browser.newContext({ bypassCSP: true, storageState: await context.storageState() });
    const page = await newPage(axeContext);
    for (const url of ['/admin', '/admin/comments', '/admin/comments?status=spam']) {
      await page.goto(`${base}${url}`);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await seriousViolations(page);
        expect(violations, `${url} ${scheme}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
    }
    await axeContext.close();
    console.log(`Admin screenshots: ${screenshots}`);
  });
});
