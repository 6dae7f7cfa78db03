import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/shared/actor.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { actorsByRole, expectOnlyRoles } from '../helpers/role-matrix.js';

forEachDatabase('audit log listing', (database) => {
  let t: TestApp;
  let actors: Record<Role, Actor>;
  let editorId: number;

  beforeAll(async () => {
    t = await buildTestApp(database);
    actors = await actorsByRole(t.ctx);
    editorId = (actors.editor as { userId: number }).userId;
    for (let i = 0; i < 5; i++) await t.ctx.content.sections.create(actors.editor, { name: `Audited ${i}` });
    await t.ctx.content.tags.listForAdmin(actors.editor, { offset: 0, limit: 1 });
  });
  afterAll(() => t.close());

  it('pages through the log newest first', async () => {
    const first = await t.ctx.audit.list(testActor, { limit: 3 });
    expect(first.entries).toHaveLength(3);
    expect(first.entries[0].id).toBeGreaterThan(first.entries[1].id);
    expect(first.nextBefore).toBe(first.entries[2].id);
    const all = await t.ctx.audit.list(testActor, { limit: 200 });
    const rest = await t.ctx.audit.list(testActor, { before: first.nextBefore ?? 0, limit: 200 });
    expect([...first.entries, ...rest.entries].map((e) => e.id)).toEqual(all.entries.map((e) => e.id));
    expect(rest.nextBefore).toBeNull();
  });

  it('filters by action prefix and by actor, a user or the system', async () => {
    const sections = await t.ctx.audit.list(testActor, { actionPrefix: 'Section.' });
    expect(sections.entries).toHaveLength(5);
    expect(sections.entries.every((e) => e.action === 'section.create' && e.actorId === editorId)).toBe(true);
    expect((await t.ctx.audit.list(testActor, { actor: editorId })).entries).toHaveLength(5);
    const system = await t.ctx.audit.list(testActor, { actor: 'system' });
    expect(system.entries.length).toBeGreaterThan(0);
    expect(system.entries.every((e) => e.actorId === null && e.action === 'user.add')).toBe(true);
    expect(await t.ctx.audit.actionGroups(testActor)).toEqual(['section', 'user']);
  });

  it('refuses an action filter that is not an action name, beside the field', async () => {
    await expect(t.ctx.audit.list(testActor, { actionPrefix: 'user%' })).rejects.toMatchObject({ kind: 'invalid', details: { field: 'action' } });
  });

  it('lets only owners and admins read it', async () => {
    await expectOnlyRoles(actors, ['owner', 'admin'], (actor) => t.ctx.audit.list(actor, {}));
    await expectOnlyRoles(actors, ['owner', 'admin'], (actor) => t.ctx.audit.actionGroups(actor));
  });
});
