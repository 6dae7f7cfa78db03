import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../helpers/admin-session.js';
import { axeViolations, hasChromium, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { seedNewsroom, testActor } from '../helpers/factories.js';

describe.skipIf(!hasChromium)(`writing articles in the admin in Chromium${hasChromium ? '' : ' — skipped: /usr/bin/chromium is not installed'}`, () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  /** Script errors and CSP refusals: the admin must run under its own CSP. */
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp({ engine: 'sqlite', url: 'sqlite::memory:', newSchema: () => undefined });
    await t.ctx.content.settings.update(testActor, { timezone: 'Europe/Sofia' });
    await seedNewsroom(t.ctx);
    await t.ctx.users.addUser(testActor, { email: 'editor@example.com', name: 'Eda Editor', role: 'editor', password: testPassword });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newArticle(title: string, body: string, tags: string) {
    await page.goto(`${base}/admin/articles`);
    await page.getByRole('link', { name: 'New article' }).click();
    await page.waitForURL(`${base}/admin/articles/new`);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Body (Markdown)').fill(body);
    await page.getByLabel('Section').selectOption({ label: 'World' });
    await page.getByLabel('Tags').fill(tags);
  }

  it('logs in through the login form', async () => {
    await page.goto(`${base}/admin/articles`);
    await page.waitForURL(/\/admin\/login\?next=/);
    await page.getByLabel('Email').fill('editor@example.com');
    await page.getByLabel('Password').fill(testPassword);
    await Promise.all([page.waitForURL(`${base}/admin/articles`), page.getByRole('button', { name: 'Log in' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Articles');
  });

  it('writes an article with tags, previews it, publishes it and finds it on the site with its #tags', async () => {
    await newArticle('Harbour reopens after the storm', 'The port of Varna **reopened** on Tuesday.\n\nShips queued all night.', 'Harbour, Varna, Black Sea');
    await Promise.all([page.waitForURL(`${base}/admin/articles/new`), page.getByRole('button', { name: 'Preview' }).click()]);
    expect(await page.locator('.preview-body strong').textContent()).toBe('reopened');
    expect(await page.getByLabel('Tags').inputValue()).toBe('Harbour, Varna, Black Sea');

    await Promise.all([page.waitForURL(/\/admin\/articles\/\d+$/), page.getByRole('button', { name: 'Publish now' }).click()]);
    expect(await page.locator('.notice').textContent()).toBe('Published.');
    expect(await page.locator('.article-meta .status').textContent()).toBe('Published');

    await Promise.all([page.waitForURL(`${base}/world/harbour-reopens-after-the-storm`), page.getByRole('link', { name: 'View', exact: true }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Harbour reopens after the storm');
    expect(await page.getByRole('list', { name: 'Tags' }).getByRole('link').allInnerTexts()).toEqual(['#Harbour', '#Varna', '#BlackSea']);
  });

  it('schedules an article that appears on the site once its time has come', async () => {
    await newArticle('Ferries resume tomorrow morning', 'The first ferry leaves at half past nine.', 'Black Sea, Va');
    // The suggestions follow the last name typed, offering only tags not chosen yet.
    const suggested = await page.locator('#tag-choices option:not([disabled])').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(suggested).toContain('Black Sea, Varna');
    expect(suggested).not.toContain('Black Sea, Black Sea');
    await page.getByLabel('Tags').fill('Harbour');
    await page.getByLabel('Publish at (Europe/Sofia time)').fill('2026-11-25T09:30');
    await Promise.all([page.waitForURL(/\/admin\/articles\/\d+$/), page.getByRole('button', { name: 'Schedule' }).click()]);
    expect(await page.locator('.notice').textContent()).toBe('Scheduled: it appears on the site November 25, 2026 at 9:30 AM.');
    expect(await page.getByLabel('Publish at (Europe/Sofia time)').inputValue()).toBe('2026-11-25T09:30');

    const path = '/world/ferries-resume-tomorrow-morning';
    expect((await page.goto(`${base}${path}`))?.status()).toBe(404);
    await page.goto(`${base}/`);
    expect(await page.getByRole('link', { name: 'Ferries resume tomorrow morning' }).count()).toBe(0);

    // 09:30 in Sofia is 07:30 UTC, 19½ hours after the test clock's noon; one minute more.
    t.clock.advance((19.5 * 60 + 1) * 60_000);
    expect((await page.goto(`${base}${path}`))?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Ferries resume tomorrow morning');
    await page.goto(`${base}/`);
    expect(await page.getByRole('link', { name: 'Ferries resume tomorrow morning' }).count()).toBeGreaterThan(0);
  });

  it('shows the list and the editor without page errors, and they pass axe-core', async () => {
    // axe is injected as an inline script, which the admin's CSP rightly forbids.
    const axeContext = await browser.newContext({ bypassCSP: true, storageState: await context.storageState() });
    const axePage = await axeContext.newPage();
    for (const path of ['/admin/articles', '/admin/articles/new', '/admin/articles/1']) {
      await axePage.goto(`${base}${path}`);
      const violations = (await axeViolations(axePage)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(violations, `${path}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    }
    await axeContext.close();
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/admin/articles', '/admin/articles/1']) {
      await page.goto(`${base}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
