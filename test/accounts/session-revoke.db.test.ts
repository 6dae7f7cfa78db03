import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/shared/actor.js';
import { allRoles } from '../../src/shared/permissions.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { actorsByRole, expectOnlyRoles } from '../helpers/role-matrix.js';

forEachDatabase('listing and revoking staff sessions', (database) => {
  let t: TestApp;
  let actors: Record<Role, Actor>;
  let otherId: number;

  beforeAll(async () => {
    t = await buildTestApp(database);
    actors = await actorsByRole(t.ctx);
    otherId = (await t.ctx.users.addUser(testActor, { email: 'other@example.com', role: 'author' })).id;
  });
  afterAll(() => t.close());

  const newSessionRef = async (userId: number) => {
    const { token } = await t.ctx.sessions.start(userId, { userAgent: 'Test browser' });
    return (await t.ctx.sessions.resume(token))?.ref ?? '';
  };

  it('lets every role list and revoke its own sessions, with an audit entry', async () => {
    for (const role of allRoles) {
      const actor = actors[role] as { userId: number };
      const ref = await newSessionRef(actor.userId);
      expect((await t.ctx.sessions.listFor(actors[role], actor.userId)).map((s) => s.ref)).toContain(ref);
      await t.ctx.sessions.revoke(actors[role], actor.userId, ref);
      expect((await t.ctx.sessions.list(actor.userId)).map((s) => s.ref)).not.toContain(ref);
      expect((await t.ctx.audit.listRecent(1))[0]).toMatchObject({ action: 'user.session.revoke', actorId: actor.userId, subjectId: String(actor.userId) });
    }
  });

  it('lets only owners and admins list and revoke someone else’s sessions', async () => {
    await expectOnlyRoles(actors, ['owner', 'admin'], (actor) => t.ctx.sessions.listFor(actor, otherId));
    await expectOnlyRoles(actors, ['owner', 'admin'], async (actor) => t.ctx.sessions.revoke(actor, otherId, await newSessionRef(otherId)));
    // The refused revocations left their sessions alone.
    expect(await t.ctx.sessions.list(otherId)).toHaveLength(3);
  });

  it('says so when the session has already ended', async () => {
    await expect(t.ctx.sessions.revoke(testActor, otherId, '0123456789abcdef')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    await expect(t.ctx.sessions.revoke(testActor, otherId, 'not-a-ref')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });
});
