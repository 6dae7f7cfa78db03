import { describe, expect, it } from 'vitest';
import { commentsChanged, createChangeNotifier } from '../../src/shared/change-notifier.js';
import { createCommentSectionCache } from '../../src/web/views/comments/comment-section-cache.js';
import type { CommentsSectionHtml } from '../../src/web/views/comments/comments-section.js';

const now = new Date('2026-11-24T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function setup(maxBytes?: number) {
  const changes = createChangeNotifier();
  const cache = createCommentSectionCache({ changes, maxBytes });
  let renders = 0;
  const render = (label: string, times: Date[] = [minutesAgo(100)]) => async (): Promise<CommentsSectionHtml> => {
    renders++;
    return { listing: { parts: [`<p>${label} `, ...times.map(() => ' ')], times }, tail: `<form>${label}</form>` };
  };
  return { changes, cache, render, renders: () => renders };
}

describe('comment section cache', () => {
  it('renders a section once and fills its relative times for the moment asked', async () => {
    const s = setup();
    const first = await s.cache.get(1, 'p1', now, 'en', s.render('one'));
    expect(first.listing.html).toBe('<p>one 2 hours ago ');
    expect(first.tail).toBe('<form>one</form>');
    expect((await s.cache.get(1, 'p1', now, 'en', s.render('one'))).listing).toBe(first.listing);
    expect(s.renders()).toBe(1);
  });

  it('writes the times again only once they read differently, without rendering again', async () => {
    const s = setup();
    const first = await s.cache.get(1, 'p1', now, 'en', s.render('one', [minutesAgo(2)]));
    expect(first.listing.html).toContain('2 minutes ago');
    const sameMinute = await s.cache.get(1, 'p1', new Date(now.getTime() + 20_000), 'en', s.render('one'));
    expect(sameMinute.listing).toBe(first.listing);
    const later = await s.cache.get(1, 'p1', new Date(now.getTime() + 60_000), 'en', s.render('one'));
    expect(later.listing.html).toContain('3 minutes ago');
    expect((await s.cache.get(1, 'p1', now, 'en', s.render('one'))).listing.html).toContain('2 minutes ago');
    expect(s.renders()).toBe(1);
  });

  it("drops only the Article named by a comments change, and everything on any other change", async () => {
    const s = setup();
    await s.cache.get(1, 'p1', now, 'en', s.render('one'));
    await s.cache.get(2, 'p1', now, 'en', s.render('two'));
    s.changes.notify(commentsChanged(1));
    expect((await s.cache.get(1, 'p1', now, 'en', s.render('one again'))).tail).toBe('<form>one again</form>');
    expect((await s.cache.get(2, 'p1', now, 'en', s.render('two again'))).tail).toBe('<form>two</form>');
    for (const reason of ['content', 'comment-settings', 'comments', 'relay-reconnected']) {
      s.changes.notify(reason);
      expect((await s.cache.get(2, 'p1', now, 'en', s.render(reason))).tail).toBe(`<form>${reason}</form>`);
    }
  });

  it('does not keep a section whose comments changed while it was rendered, nor a failed render', async () => {
    const s = setup();
    let finish: (html: CommentsSectionHtml) => void = () => undefined;
    const slow = s.cache.get(1, 'p1', now, 'en', () => new Promise((resolve) => (finish = resolve)));
    s.changes.notify(commentsChanged(1));
    finish({ listing: { parts: ['old'], times: [] }, tail: '' });
    expect((await slow).listing.html).toBe('old');
    expect((await s.cache.get(1, 'p1', now, 'en', s.render('new'))).tail).toBe('<form>new</form>');

    await expect(s.cache.get(3, 'p1', now, 'en', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect((await s.cache.get(3, 'p1', now, 'en', s.render('three'))).tail).toBe('<form>three</form>');
  });

  it('stays within its memory budget, dropping the oldest Articles first', async () => {
    const s = setup(200);
    for (let id = 1; id <= 10; id++) await s.cache.get(id, 'p1', now, 'en', s.render(`article ${id}`));
    expect(s.cache.size).toBeLessThanOrEqual(200);
    const before = s.renders();
    await s.cache.get(10, 'p1', now, 'en', s.render('article 10'));
    expect(s.renders()).toBe(before);
    await s.cache.get(1, 'p1', now, 'en', s.render('article 1'));
    expect(s.renders()).toBe(before + 1);
  });
});
