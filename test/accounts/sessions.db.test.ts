import { afterEach, beforeEach, expect, it } from 'vitest';
import { SESSION_LIFETIME_MS } from '../../src/accounts/index.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('staff sessions', (database) => {
  let t: TestApp;
  let userId: number;
  beforeEach(async () => {
    t = await buildTestApp(database);
    userId = (await t.ctx.users.addUser(testActor, { email: 'ed@example.com', role: 'editor' })).id;
  });
  afterEach(async () => t.close());

  it('lists a user’s live sessions by a reference that is not the token, and revokes one', async () => {
    const first = await t.ctx.sessions.start(userId, { ip: '203.0.113.1', userAgent: 'Firefox' });
    const second = await t.ctx.sessions.start(userId, { ip: '203.0.113.2', userAgent: 'Safari' });
    const listed = await t.ctx.sessions.list(userId);
    expect(listed.map((s) => s.userAgent).sort()).toEqual(['Firefox', 'Safari']);
    for (const s of listed) {
      expect(s.ref).toMatch(/^[0-9a-f]{16}$/);
      expect([first.token, second.token].some((token) => token.includes(s.ref))).toBe(false);
    }
    const firefox = listed.find((s) => s.userAgent === 'Firefox');
    await t.ctx.sessions.revoke(testActor, userId, firefox?.ref ?? '');
    expect(await t.ctx.sessions.resume(first.token)).toBeNull();
    expect(await t.ctx.sessions.resume(second.token)).toMatchObject({ user: { id: userId, role: 'editor' } });
    await expect(t.ctx.sessions.revoke(testActor, userId, firefox?.ref ?? '')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  it('purges expired sessions and keeps live ones', async () => {
    const old = await t.ctx.sessions.start(userId);
    t.clock.advance(SESSION_LIFETIME_MS / 2);
    const recent = await t.ctx.sessions.start(userId);
    t.clock.advance(SESSION_LIFETIME_MS / 2 + 1000);
    const stored = async () => (await t.ctx.db.selectFrom('user_session').select('user_id').execute()).length;
    expect(await stored()).toBe(2);
    await t.ctx.sessions.purgeExpired();
    expect(await stored()).toBe(1);
    expect(await t.ctx.sessions.resume(old.token)).toBeNull();
    expect(await t.ctx.sessions.resume(recent.token)).not.toBeNull();
  });
});
