import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstStart } from '../../src/first-start.js';
import { axeViolations, hasChromium, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, testActor } from '../helpers/factories.js';

const screenshots = join(tmpdir(), 'broadsheet-screenshots');

describe.skipIf(!hasChromium)(`public site in Chromium${hasChromium ? '' : ' — skipped: /usr/bin/chromium is not installed'}`, () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp({ engine: 'sqlite', url: 'sqlite::memory:', newSchema: () => undefined });
    await firstStart(t.ctx);
    await t.ctx.content.settings.update(testActor, { timezone: 'Europe/Sofia' });
    const world = await t.ctx.content.sections.byPath('world');
    const bgnes = await t.ctx.content.sources.bySlug('bgnes');
    await publishArticle(t.ctx, {
      title: "WSJ: Trump's election won't change US-Russia relations much",
      body: 'Relations between Washington and Moscow are unlikely to change much, analysts told the paper.\n\nThe **Kremlin** said it was ready to talk.',
      sectionId: world!.id,
      sourceId: bgnes.id,
      originalUrl: 'https://www.bgnes.com/world/us-russia',
      originalPublisher: 'WSJ',
      publishedAt: new Date('2026-11-24T10:30:00Z'),
      tags: ['Trump', 'Putin', 'Russia', 'Ukraine', 'WSJ'],
    });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = address;
    browser = await launchBrowser();
    // axe is injected as an inline script, which the site's CSP rightly forbids.
    context = await browser.newContext({ bypassCSP: true });
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens the home page, follows the lead story and shows breadcrumb, attribution, tags and time', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.title()).toBe('Broadsheet');
    await page.screenshot({ path: join(screenshots, 'home.png'), fullPage: true });
    await page.getByRole('link', { name: "WSJ: Trump's election won't change US-Russia relations much" }).first().click();
    await page.waitForURL(`${base}/world/wsj-trumps-election-wont-change-us-russia-relations-much`);
    const breadcrumb = await page.getByRole('navigation', { name: 'Breadcrumb' }).innerText();
    expect(breadcrumb.replace(/\s+/g, ' ').trim()).toBe("Home » World » WSJ: Trump's election won't change US-Russia relations much");
    expect(await page.locator('.attribution').innerText()).toBe('According to BGNES, first published by WSJ');
    expect(await page.locator('.attribution a').getAttribute('href')).toBe('https://www.bgnes.com/world/us-russia');
    expect(await page.locator('time.published').getAttribute('datetime')).toBe('2026-11-24T12:30:00+02:00');
    expect(await page.getByRole('list', { name: 'Tags' }).getByRole('link').allInnerTexts()).toEqual(['#Trump', '#Putin', '#Russia', '#Ukraine', '#WSJ']);
    await page.screenshot({ path: join(screenshots, 'article.png'), fullPage: true });
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`passes axe-core on the home, article, section and 404 pages (${scheme})`, async () => {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of ['/', '/world/wsj-trumps-election-wont-change-us-russia-relations-much', '/world/', '/tag/putin/', '/no-such-page']) {
        await page.goto(`${base}${path}`);
        const violations = await axeViolations(page);
        expect(violations, `${path}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
      await page.close();
    });
  }

  it('fits a 360 px wide screen without sideways scrolling and shows a visible focus ring', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${base}/world/wsj-trumps-election-wont-change-us-russia-relations-much`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused.text).toBe('Skip to content');
    expect(focused.outline).toBe('solid');
    await page.screenshot({ path: join(screenshots, 'article-360.png'), fullPage: true });
    await page.close();
    console.log(`screenshots in ${screenshots}`);
  });
});
