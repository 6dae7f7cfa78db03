import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { allRoles, can } from '../../src/shared/permissions.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { seedComment } from './moderation-queue-seed.js';

const DAY = 86_400_000;

forEachDatabase('moderation queue service', (database) => {
  let t: TestApp;
  let articleId: number;
  let moderator: Actor & { kind: 'user' };

  // A fresh app per test: marking comments as spam teaches the classifier, which must not carry over.
  beforeEach(async () => {
    t = await buildTestApp(database);
    const newsroom = await seedNewsroom(t.ctx);
    const article = await publishArticle(t.ctx, { title: 'Harbour report', sectionId: newsroom.world.id, publishedAt: new Date('2026-09-01T08:00:00Z') });
    articleId = article.id;
    const user = await t.ctx.users.addUser(testActor, { email: 'mo@example.com', name: 'Mo Moderator', role: 'moderator' });
    moderator = { kind: 'user', userId: user.id, role: 'moderator' };
  });
  afterEach(() => t.close());

  describe('listing', () => {
    it('lists one status newest first with counts for every tab, a page at a time', async () => {
      const start = t.clock.now().getTime() - 3 * DAY;
      const pending: number[] = [];
      for (let i = 0; i < 23; i++) pending.push(await seedComment(t, { articleId, at: new Date(start + i * 60_000) }));
      await seedComment(t, { articleId, status: 'approved' });
      await seedComment(t, { articleId, status: 'spam' });
      await seedComment(t, { articleId, status: 'spam' });

      const first = await t.ctx.comments.queue.list(moderator, { status: 'pending' });
      expect(first.counts).toEqual({ pending: 23, approved: 1, spam: 2, trash: 0 });
      expect(first.pageCount).toBe(2);
      expect(first.comments.map((c) => c.id)).toEqual(pending.toReversed().slice(0, 20));
      expect(first.comments[0].articlePath).toBe('/world/harbour-report');
      expect(first.comments[0].article.title).toBe('Harbour report');

      const second = await t.ctx.comments.queue.list(moderator, { status: 'pending', page: 2 });
      expect(second.comments.map((c) => c.id)).toEqual(pending.toReversed().slice(20));
      // Past the end shows the last page; nonsense shows the first.
      expect((await t.ctx.comments.queue.list(moderator, { status: 'pending', page: 99 })).page).toBe(2);
      expect((await t.ctx.comments.queue.list(moderator, { status: 'pending', page: Number.NaN })).page).toBe(1);
      expect((await t.ctx.comments.queue.list(moderator, { status: 'spam' })).comments).toHaveLength(2);
    });

    it('searches author name, email, IP and text, ignoring case, with counts for the matches', async () => {
      const ann = await seedComment(t, { articleId, authorName: 'Ann Example', authorEmail: 'ann@mail.test', ip: '198.51.100.7' });
      const bob = await seedComment(t, { articleId, authorName: 'Bob', authorEmail: 'bob@other.test', content: 'The FERRY timetable changed again.', status: 'approved' });
      const pct = await seedComment(t, { articleId, content: 'Prices rose 50% in a year, 100_000 people noticed.' });
      const list = async (status: 'pending' | 'approved', search: string) => (await t.ctx.comments.queue.list(moderator, { status, search })).comments.map((c) => c.id);

      expect(await list('pending', 'ann example')).toEqual([ann]);
      expect(await list('pending', 'MAIL.TEST')).toEqual([ann]);
      expect(await list('pending', '198.51.100.7')).toEqual([ann]);
      expect(await list('approved', 'ferry')).toEqual([bob]);
      // LIKE's wildcards are searched for as themselves.
      expect(await list('pending', '50%')).toEqual([pct]);
      expect(await list('pending', '0_0')).toEqual([pct]);
      expect(await list('pending', '%')).toEqual([pct]);
      expect(await list('pending', 'nobody at all')).toEqual([]);

      const counted = await t.ctx.comments.queue.list(moderator, { status: 'pending', search: 'ferry' });
      expect(counted.counts).toEqual({ pending: 0, approved: 1, spam: 0, trash: 0 });
      expect(counted.search).toBe('ferry');
      // Surrounding spaces are not part of a search.
      expect((await t.ctx.comments.queue.list(moderator, { status: 'approved', search: '  Bob ' })).search).toBe('Bob');
    });

    it('shows the reasons and flags stored with a comment', async () => {
      const id = await seedComment(t, { articleId });
      const [shown] = (await t.ctx.comments.queue.list(moderator, { status: 'pending' })).comments;
      expect(shown.id).toBe(id);
      expect(shown.spamReasons.length).toBeGreaterThan(0);
      expect(Array.isArray(shown.flags)).toBe(true);
      expect(shown.authorEmail).toMatch(/@example\.com$/);
      expect(shown.ip).toMatch(/^203\.0\.113\./);
    });
  });

  describe('bulk actions', () => {
    it('applies an action to each selected comment and skips those it cannot apply to, saying why', async () => {
      const [a, b] = [await seedComment(t, { articleId }), await seedComment(t, { articleId })];
      const spam = await seedComment(t, { articleId, status: 'spam' });

      expect(await t.ctx.comments.queue.moderateMany(moderator, [a, b, a], 'approve')).toEqual({ done: 2, skipped: [] });
      expect((await t.ctx.comments.get(testActor, a)).status).toBe('approved');
      expect((await t.ctx.comments.get(testActor, a)).moderatedBy).toBe(moderator.userId);

      const notSpam = await t.ctx.comments.queue.moderateMany(moderator, [spam, a, 999_999], 'not-spam');
      expect(notSpam.done).toBe(1);
      expect(notSpam.skipped).toEqual([
        { id: a, message: `Comment ${a} is approved, not spam.` },
        { id: 999_999, message: 'There is no comment 999999.' },
      ]);
      expect((await t.ctx.comments.get(testActor, spam)).status).toBe('approved');

      expect(await t.ctx.comments.queue.moderateMany(moderator, [a, b], 'spam')).toEqual({ done: 2, skipped: [] });
      expect(await t.ctx.comments.queue.moderateMany(moderator, [a], 'trash')).toEqual({ done: 1, skipped: [] });
      const counts = (await t.ctx.comments.queue.list(moderator, { status: 'pending' })).counts;
      expect(counts).toEqual({ pending: 0, approved: 1, spam: 1, trash: 1 });
      const audit = await t.ctx.audit.listRecent(20);
      expect(audit.filter((e) => e.action === 'comment.spam' && e.actorId === moderator.userId)).toHaveLength(2);
    });

    it('refuses an oversized selection as a whole', async () => {
      const ids = Array.from({ length: 201 }, (_, i) => i + 1);
      await expect(t.ctx.comments.queue.moderateMany(moderator, ids, 'trash')).rejects.toMatchObject({ code: 'COMMENTS_BULK_TOO_MANY' });
    });
  });

  describe('replies as staff', () => {
    const staff = () => ({ kind: 'staff' as const, actor: moderator, name: 'Mo Moderator', email: 'mo@example.com' });

    it('publishes the reply at once under the staff account, approving a pending parent first', async () => {
      const parent = await seedComment(t, { articleId });
      const outcome = await t.ctx.comments.queue.reply(staff(), parent, 'Thanks, we have corrected the figure.', { ip: '192.0.2.1' });
      if (outcome.kind !== 'stored') throw new Error(JSON.stringify(outcome));
      const replyComment = await t.ctx.comments.get(testActor, outcome.id);
      expect(replyComment).toMatchObject({ status: 'approved', parentId: parent, isStaff: true, userId: moderator.userId, authorName: 'Mo Moderator' });
      expect((await t.ctx.comments.get(testActor, parent)).status).toBe('approved');
    });

    it('keeps the parent as it was when the reply is not valid, and refuses to answer spam or trash', async () => {
      const parent = await seedComment(t, { articleId });
      expect(await t.ctx.comments.queue.reply(staff(), parent, ' x ', { ip: '192.0.2.1' })).toEqual({
        kind: 'invalid',
        errors: [{ field: 'content', message: 'Your comment is too short: at least 2 characters.' }],
      });
      expect((await t.ctx.comments.get(testActor, parent)).status).toBe('pending');
      const spam = await seedComment(t, { articleId, status: 'spam' });
      const refused = await t.ctx.comments.queue.reply(staff(), spam, 'We do not answer spam.', { ip: '192.0.2.1' });
      expect(refused).toEqual({ kind: 'invalid', errors: [{ field: 'form', message: 'This comment is in the spam; restore it before replying.' }] });
      await expect(t.ctx.comments.queue.reply(staff(), 999_999, 'Hello there.', { ip: '192.0.2.1' })).rejects.toMatchObject({ kind: 'not_found' });
    });
  });

  describe('dashboard figures', () => {
    it('counts comments per local day of the site for 30 days, split approved / spam, plus spam this week and pending', async () => {
      // testNow is 2026-11-24T12:00Z, 07:00 in New York. 03:00Z on the 24th is still the 23rd there.
      const at = (iso: string) => new Date(iso);
      await seedComment(t, { articleId, at: at('2026-11-24T11:00:00Z'), status: 'approved' });
      await seedComment(t, { articleId, at: at('2026-11-24T06:00:00Z'), status: 'spam' });
      await seedComment(t, { articleId, at: at('2026-11-24T03:00:00Z'), status: 'approved' });
      await seedComment(t, { articleId, at: at('2026-11-20T15:00:00Z'), status: 'spam' });
      await seedComment(t, { articleId, at: at('2026-11-10T15:00:00Z'), status: 'spam' });
      await seedComment(t, { articleId, at: at('2026-10-26T15:00:00Z'), status: 'approved' });
      // The 31st day back, pending and trash are not in the chart.
      await seedComment(t, { articleId, at: at('2026-10-25T15:00:00Z'), status: 'approved' });
      await seedComment(t, { articleId, at: at('2026-11-22T15:00:00Z') });
      await seedComment(t, { articleId, at: at('2026-11-22T16:00:00Z'), status: 'trash' });

      const activity = await t.ctx.comments.queue.activity(moderator, { timeZone: 'America/New_York' });
      expect(activity.days).toHaveLength(30);
      expect(activity.days[0].date).toBe('2026-10-26');
      expect(activity.days[29].date).toBe('2026-11-24');
      const nonEmpty = activity.days.filter((d) => d.approved + d.spam > 0);
      expect(nonEmpty).toEqual([
        { date: '2026-10-26', approved: 1, spam: 0 },
        { date: '2026-11-10', approved: 0, spam: 1 },
        { date: '2026-11-20', approved: 0, spam: 1 },
        { date: '2026-11-23', approved: 1, spam: 0 },
        { date: '2026-11-24', approved: 1, spam: 1 },
      ]);
      expect(activity.spamLastWeek).toBe(2);
      expect(activity.pending).toBe(1);

      // The same comments seen from UTC fall on other days.
      const utc = await t.ctx.comments.queue.activity(moderator, { timeZone: 'UTC' });
      expect(utc.days.at(-1)).toEqual({ date: '2026-11-24', approved: 2, spam: 1 });
    });

    it('counts spam caught this week by when it was caught, not when it arrived', async () => {
      const old = await seedComment(t, { articleId, at: new Date('2026-11-01T10:00:00Z') });
      await t.ctx.comments.moderate(moderator, old, 'spam');
      const activity = await t.ctx.comments.queue.activity(moderator, { timeZone: 'UTC' });
      expect(activity.spamLastWeek).toBe(1);
      expect(activity.days.find((d) => d.date === '2026-11-01')).toEqual({ date: '2026-11-01', approved: 0, spam: 1 });
    });
  });

  describe('roles', () => {
    it('lets owners, admins, editors and moderators use the queue, and refuses authors everything', async () => {
      const id = await seedComment(t, { articleId });
      for (const role of allRoles) {
        const actor: Actor = { kind: 'user', userId: moderator.userId, role };
        const attempts = [
          () => t.ctx.comments.queue.list(actor, { status: 'pending' }),
          () => t.ctx.comments.queue.moderateMany(actor, [], 'approve'),
          () => t.ctx.comments.queue.activity(actor, { timeZone: 'UTC' }),
          () => t.ctx.comments.queue.reply({ kind: 'staff', actor: { ...actor, kind: 'user' }, name: 'X', email: 'x@example.com' }, id, 'a', { ip: '192.0.2.1' }),
        ];
        for (const attempt of attempts) {
          if (can(actor, 'comments.moderate')) await expect(attempt()).resolves.toBeDefined();
          else await expect(attempt()).rejects.toMatchObject({ kind: 'forbidden', code: 'FORBIDDEN' });
        }
      }
      expect(allRoles.filter((role) => !can({ kind: 'user', userId: 1, role }, 'comments.moderate'))).toEqual(['author']);
      // Nothing the refused author tried changed the comment.
      expect((await t.ctx.comments.get(testActor, id)).status).toBe('pending');
    });
  });
});
