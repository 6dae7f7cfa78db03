import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/shared/actor.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { actorsByRole, expectOnlyRoles } from '../helpers/role-matrix.js';

const managers = ['owner', 'admin', 'editor'] as const;

forEachDatabase('source service', (database) => {
  let t: TestApp;
  let actors: Record<Role, Actor>;
  let sectionId: number;

  beforeAll(async () => {
    t = await buildTestApp(database);
    actors = await actorsByRole(t.ctx);
    sectionId = (await t.ctx.content.sections.create(testActor, { name: 'Wires' })).id;
  });
  afterAll(() => t.close());

  it('edits every setting and renames a source without changing its address', async () => {
    const source = await t.ctx.content.sources.create(testActor, { name: 'Agency One', feedUrl: 'https://one.example/feed.xml' });
    const edited = await t.ctx.content.sources.updateSettings(testActor, source.id, {
      name: 'Agency One Wire',
      feedUrl: ' https://one.example/rss ',
      homepage: '',
      defaultSectionId: sectionId,
      policy: 'publish',
      attributionTemplate: 'Via {name}',
      pollIntervalSeconds: 900,
      isEnabled: false,
      isLocal: true,
      rules: [{ field: 'keyword', value: 'election', sectionId }],
    });
    expect(edited).toMatchObject({
      name: 'Agency One Wire',
      slug: source.slug,
      feedUrl: 'https://one.example/rss',
      homepage: null,
      defaultSectionId: sectionId,
      policy: 'publish',
      attributionTemplate: 'Via {name}',
      pollIntervalSeconds: 900,
      isEnabled: false,
      isLocal: true,
      rules: [{ field: 'keyword', value: 'election', sectionId }],
    });
  });

  it('refuses bad settings with the field at fault, and changes nothing', async () => {
    const source = await t.ctx.content.sources.create(testActor, { name: 'Agency Two' });
    const refusals: [Parameters<typeof t.ctx.content.sources.updateSettings>[2], string][] = [
      [{ feedUrl: 'ftp://two.example/feed' }, 'feedUrl'],
      [{ homepage: 'not a url' }, 'homepage'],
      [{ pollIntervalSeconds: 5 }, 'pollIntervalSeconds'],
      [{ pollIntervalSeconds: Number.NaN }, 'pollIntervalSeconds'],
      [{ defaultSectionId: 999_999 }, 'defaultSectionId'],
      [{ policy: 'whatever' as 'review' }, 'policy'],
      [{ rules: [{ field: 'category', value: 'Sport', sectionId: 999_999 }] }, 'rules'],
      [{ name: '' }, 'name'],
      [{ name: 'Agency One Wire' }, 'name'],
    ];
    for (const [changes, field] of refusals) {
      await expect(t.ctx.content.sources.updateSettings(testActor, source.id, changes), field).rejects.toMatchObject({ details: { field } });
    }
    expect(await t.ctx.content.sources.byId(source.id)).toEqual(source);
  });

  it('refuses a new source whose name would take another source’s address, before writing anything', async () => {
    await t.ctx.content.sources.create(testActor, { name: 'Sofia News' });
    const before = (await t.ctx.content.sources.list()).length;
    await expect(t.ctx.content.sources.create(testActor, { name: 'Sofia  news!' })).rejects.toMatchObject({ kind: 'conflict', details: { field: 'name' } });
    expect((await t.ctx.content.sources.list()).length).toBe(before);
  });

  it('lets only owners, admins and editors add, change and delete sources', async () => {
    await expectOnlyRoles(actors, managers, (actor, role) => t.ctx.content.sources.create(actor, { name: `Role wire ${role}` }));
    const target = await t.ctx.content.sources.create(testActor, { name: 'Role target' });
    await expectOnlyRoles(actors, managers, (actor, role) => t.ctx.content.sources.updateSettings(actor, target.id, { attributionTemplate: `By ${role}` }));
    await expectOnlyRoles(actors, managers, async (actor, role) => t.ctx.content.sources.remove(actor, (await t.ctx.content.sources.create(testActor, { name: `Doomed ${role}` })).id));
  });
});
