import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/shared/actor.js';
import { allRoles, type Permission, permissions } from '../../src/shared/permissions.js';
import { seedComment } from '../comments/moderation-queue-seed.js';
import { signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { publishArticle, seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { actorsByRole, expectOnlyRoles } from '../helpers/role-matrix.js';

/**
 * Every cell of the README's role table, against the services: for each permission one
 * representative action that needs it, run as each role. The allowed roles must succeed and
 * the rest must be refused with FORBIDDEN. (Each area's own tests cover its other actions.)
 */
forEachDatabase('the role table, cell by cell', (database) => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof seedNewsroom>>;
  let actors: Record<Role, Extract<Actor, { kind: 'user' }>>;
  let serial = 0;

  beforeAll(async () => {
    t = await buildTestApp(database);
    n = await seedNewsroom(t.ctx);
    actors = await actorsByRole(t.ctx);
  });
  afterAll(() => t.close());

  const unique = () => `${++serial}`;
  const articles = () => t.ctx.content.articles;

  const actions: Record<Exclude<Permission, 'admin.enter'>, (actor: Actor) => Promise<unknown>> = {
    'articles.write-own': (actor) => articles().create(actor, { title: `Draft ${unique()}`, body: 'Text.', sectionId: n.world.id }),
    'articles.edit-any': async (actor) => {
      const other = await articles().create(testActor, { title: `Someone else's ${unique()}`, body: 'Text.', sectionId: n.world.id, authorId: n.author.id });
      return articles().update(actor, other.id, other.version, { title: 'Edited by another' });
    },
    'articles.publish': (actor) => articles().create(actor, { title: `Live ${unique()}`, body: 'Text.', sectionId: n.world.id, status: 'published' }),
    'sections.manage': (actor) => t.ctx.content.sections.create(actor, { name: `Section ${unique()}` }),
    'tags.manage': async (actor) => {
      const tagged = await publishArticle(t.ctx, { sectionId: n.world.id, tags: [`Tag ${unique()}`] });
      return t.ctx.content.tags.rename(actor, tagged.tags[0].id, `Renamed ${unique()}`);
    },
    'sources.manage': (actor) => t.ctx.content.sources.create(actor, { name: `Agency ${unique()}` }),
    'comments.moderate': async (actor) => {
      const article = await publishArticle(t.ctx, { sectionId: n.world.id });
      return t.ctx.comments.moderate(actor, await seedComment(t, { articleId: article.id }), 'approve');
    },
    'commenters.manage': (actor) => t.ctx.comments.exportCommenterData(actor, 'reader@example.com'),
    'users.manage': (actor) => t.ctx.users.invite(actor, { email: `invitee${unique()}@example.com`, role: 'author' }),
    'settings.manage': (actor) => t.ctx.content.settings.update(actor, { description: `Described ${unique()}` }),
    'audit.view': (actor) => t.ctx.audit.list(actor, {}),
  };

  for (const [permission, action] of Object.entries(actions) as [Exclude<Permission, 'admin.enter'>, (actor: Actor) => Promise<unknown>][]) {
    it(`${permission}: ${permissions[permission].roles.join(', ')} only`, async () => {
      await expectOnlyRoles(actors, permissions[permission].roles, action);
    });
  }

  it(`admin.enter: every role (${allRoles.join(', ')}) reaches the dashboard`, async () => {
    for (const role of allRoles) {
      const session = await signInAs(t, role);
      expect((await session.get('/admin')).statusCode, role).toBe(200);
    }
  });
});
