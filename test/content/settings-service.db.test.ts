import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/shared/actor.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { actorsByRole, expectOnlyRoles } from '../helpers/role-matrix.js';

const settingsManagers = ['owner', 'admin'] as const;

forEachDatabase('site and comment settings', (database) => {
  let t: TestApp;
  let actors: Record<Role, Actor>;

  beforeAll(async () => {
    t = await buildTestApp(database);
    actors = await actorsByRole(t.ctx);
  });
  afterAll(() => t.close());

  describe('site settings', () => {
    it('accepts IANA time zone names, links among them', async () => {
      for (const timezone of ['Europe/Sofia', 'America/Argentina/Buenos_Aires', 'UTC', 'Europe/Kiev']) {
        expect((await t.ctx.content.settings.update(testActor, { timezone })).timezone).toBe(timezone);
      }
    });

    it('refuses offsets, abbreviations and made-up zones beside the time zone field, keeping the old value', async () => {
      await t.ctx.content.settings.update(testActor, { timezone: 'Europe/Sofia' });
      for (const timezone of ['+02:00', 'EST', 'Mars/Olympus', '']) {
        await expect(t.ctx.content.settings.update(testActor, { timezone })).rejects.toMatchObject({ kind: 'invalid', details: { field: 'timezone' } });
      }
      await expect(t.ctx.content.settings.update(testActor, { title: ' ' })).rejects.toMatchObject({ userMessage: 'Title is required', details: { field: 'title' } });
      await expect(t.ctx.content.settings.update(testActor, { language: 'English' })).rejects.toMatchObject({ details: { field: 'language' } });
      expect((await t.ctx.content.settings.get()).timezone).toBe('Europe/Sofia');
    });

    it('lets only owners and admins change them, and records who did', async () => {
      await expectOnlyRoles(actors, settingsManagers, (actor, role) => t.ctx.content.settings.update(actor, { description: `Set by ${role}` }));
      expect((await t.ctx.content.settings.get()).description).toBe('Set by admin');
      const entry = (await t.ctx.audit.listRecent(1))[0];
      expect(entry).toMatchObject({ action: 'settings.update', actorId: (actors.admin as { userId: number }).userId });
    });
  });

  describe('comment settings', () => {
    it('names every bad key with a message a form can show beside it', async () => {
      const refused = t.ctx.comments.settings.update(testActor, { retentionDays: 0, moderation: { lowThreshold: Number.NaN, blocklists: { ips: { entries: ['not an ip'], action: 'hold' } } } });
      await expect(refused).rejects.toMatchObject({
        code: 'COMMENTS_SETTINGS_INVALID',
        details: {
          field: 'retentionDays',
          issues: expect.arrayContaining([
            { path: 'retentionDays', message: 'must be at least 1' },
            { path: 'moderation.lowThreshold', message: 'must be a number' },
            { path: 'moderation.blocklists.ips.entries', message: expect.any(String) },
          ]),
        },
      });
      expect((await t.ctx.comments.settings.get()).retentionDays).toBe(30);
    });

    it('lets only owners and admins change them', async () => {
      await expectOnlyRoles(actors, settingsManagers, (actor) => t.ctx.comments.settings.update(actor, { moderation: { mode: 'post' } }));
    });
  });
});
