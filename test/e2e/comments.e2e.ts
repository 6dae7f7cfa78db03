import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, hasChromium, launchBrowser } from '../helpers/browser.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';

describe.skipIf(!hasChromium)(`comments in Chromium${hasChromium ? '' : ' — skipped: /usr/bin/chromium is not installed'}`, () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let path: string;

  beforeAll(async () => {
    t = await buildTestApp({ engine: 'sqlite', url: 'sqlite::memory:', newSchema: () => undefined });
    const newsroom = await seedNewsroom(t.ctx);
    const article = await publishArticle(t.ctx, { title: 'Readers respond', slug: 'readers-respond', sectionId: newsroom.world.id });
    path = `/world/${article.slug}`;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function fillAndSend(page: import('playwright-core').Page, scope: string, text: string, name: string) {
    await page.locator(`${scope} #comment-content`).fill(text);
    await page.locator(`${scope} #comment-author`).fill(name);
    await page.locator(`${scope} #comment-email`).fill(`${name.toLowerCase().replace(/\W+/g, '.')}@example.com`);
    // The form refuses answers sent within 3 seconds of showing it; the app's clock is the test's.
    t.clock.advance(5000);
    await Promise.all([page.waitForURL(/unapproved=\d+/), page.getByRole('button', { name: 'Post Comment' }).click()]);
  }

  it('posts a comment and a reply with JavaScript off, each visible to its author while pending', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await expect(page.getByRole('heading', { name: 'Leave a Comment' }).isVisible()).resolves.toBe(true);
    await fillAndSend(page, '#respond', 'A comment sent without any JavaScript.', 'Nojs Reader');
    expect(await page.locator('.comment-notice').textContent()).toBe('Your comment is awaiting moderation.');
    const id = Number(/unapproved=(\d+)/.exec(page.url())?.[1]);
    expect(await page.locator(`#comment-${id} .comment-content`).textContent()).toBe('A comment sent without any JavaScript.');
    expect(await page.locator('#comment-hp').isVisible()).toBe(false);

    await t.ctx.comments.moderate(testActor, id, 'approve');
    await page.goto(`${base}${path}`);
    await page.locator(`#comment-${id} .comment-reply-link`).click();
    await page.waitForURL(new RegExp(`replytocom=${id}`));
    expect(await page.locator('#reply-title').textContent()).toContain('Reply to Nojs Reader');
    expect(await page.locator(`#comment-${id} #commentform`).count()).toBe(1);
    await fillAndSend(page, `#comment-${id}`, 'A reply sent without any JavaScript.', 'Second Reader');
    const replyId = Number(/unapproved=(\d+)/.exec(page.url())?.[1]);
    expect(await page.locator(`#comment-${id} > ol.children > #comment-${replyId} .comment-content`).textContent()).toBe('A reply sent without any JavaScript.');
    await context.close();

    // Another browser sees the approved comment, not the pending reply.
    const other = await browser.newContext({ javaScriptEnabled: false });
    const otherPage = await other.newPage();
    await otherPage.goto(`${base}${path}`);
    expect(await otherPage.locator(`#comment-${id}`).count()).toBe(1);
    expect(await otherPage.locator(`#comment-${replyId}`).count()).toBe(0);
    await other.close();
  });

  it('moves the form under the comment in place with JavaScript on, posts the reply, and passes axe-core', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}${path}`);
    const first = await page.locator('li.comment.depth-1').first().getAttribute('id');
    const before = page.url();
    await page.locator(`#${first} .comment-reply-link`).first().click();
    expect(page.url()).toBe(before);
    expect(await page.locator(`#${first} > #respond #commentform`).count()).toBe(1);
    expect(await page.locator('#reply-title').textContent()).toContain('Reply to Nojs Reader');
    expect(await page.locator('#comment-parent').inputValue()).toBe(first?.replace('comment-', ''));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-content');
    await page.locator('#cancel-comment-reply-link').click();
    expect(await page.locator(`#${first} #commentform`).count()).toBe(0);
    expect(await page.locator('#comment-parent').inputValue()).toBe('');
    await page.locator(`#${first} .comment-reply-link`).first().click();
    await fillAndSend(page, `#${first}`, 'A reply sent with JavaScript on.', 'Script Reader');
    const replyId = Number(/unapproved=(\d+)/.exec(page.url())?.[1]);
    expect(await page.locator(`#${first} > ol.children > #comment-${replyId}`).count()).toBe(1);
    expect(errors).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const violations = await axeViolations(page);
      expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    }
    await context.close();
  });
});
