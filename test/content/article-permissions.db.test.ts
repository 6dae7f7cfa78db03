import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../src/shared/actor.js';
import { allRoles } from '../../src/shared/permissions.js';
import { buildTestApp, type TestApp, testNow } from '../helpers/build-test-app.js';
import { seedNewsroom, testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

const writers: Role[] = ['owner', 'admin', 'editor', 'author'];
const editors: Role[] = ['owner', 'admin', 'editor'];
const tomorrow = new Date(testNow.getTime() + 86_400_000);

forEachDatabase('article permissions', (database) => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof seedNewsroom>>;
  const actors = new Map<Role, UserActor>();

  beforeAll(async () => {
    t = await buildTestApp(database);
    n = await seedNewsroom(t.ctx);
    for (const role of allRoles) {
      const user = await t.ctx.users.addUser(testActor, { email: `${role}@example.com`, role, name: `The ${role}` });
      actors.set(role, { kind: 'user', userId: user.id, role });
    }
  });
  afterAll(() => t.close());

  const articles = () => t.ctx.content.articles;
  const draftBy = (authorId: number | null) => articles().create(testActor, { title: 'A draft', body: 'Some text.', sectionId: n.world.id, authorId });
  const publishedBy = (authorId: number) => articles().create(testActor, { title: 'A story', body: 'Some text.', sectionId: n.world.id, authorId, status: 'published' });

  /** What a refused write must leave exactly as it was. */
  async function snapshot(articleId: number | null) {
    if (articleId === null) return (await articles().adminList(testActor, {}, { offset: 0, limit: 1 })).total;
    const a = await articles().byIdForEdit(testActor, articleId);
    return { version: a.version, title: a.title, status: a.status, submittedAt: a.submittedAt, revisions: (await articles().revisions(testActor, articleId)).length };
  }

  /** Each action sets up its article (by the system) and returns the attempt `actor` makes. */
  const actions: { name: string; allowed: Role[]; prepare(actor: UserActor): Promise<{ articleId: number | null; attempt: () => Promise<unknown> }> }[] = [
    {
      name: 'create a draft',
      allowed: writers,
      prepare: async (actor) => ({ articleId: null, attempt: () => articles().create(actor, { title: 'New', body: 'Text.', sectionId: n.world.id }) }),
    },
    {
      name: 'edit their own draft',
      allowed: writers,
      prepare: async (actor) => {
        const a = await draftBy(actor.userId);
        return { articleId: a.id, attempt: () => articles().update(actor, a.id, a.version, { title: 'Edited' }) };
      },
    },
    {
      name: "edit someone else's draft",
      allowed: editors,
      prepare: async (actor) => {
        const a = await draftBy(n.author.id);
        return { articleId: a.id, attempt: () => articles().update(actor, a.id, a.version, { title: 'Edited' }) };
      },
    },
    {
      name: 'publish their own draft',
      allowed: editors,
      prepare: async (actor) => {
        const a = await draftBy(actor.userId);
        return { articleId: a.id, attempt: () => articles().update(actor, a.id, a.version, { status: 'published' }) };
      },
    },
    {
      name: 'schedule their own draft',
      allowed: editors,
      prepare: async (actor) => {
        const a = await draftBy(actor.userId);
        return { articleId: a.id, attempt: () => articles().update(actor, a.id, a.version, { status: 'scheduled', publishedAt: tomorrow }) };
      },
    },
    {
      name: 'unpublish their own published article',
      allowed: editors,
      prepare: async (actor) => {
        const a = await publishedBy(actor.userId);
        return { articleId: a.id, attempt: () => articles().update(actor, a.id, a.version, { status: 'draft', publishedAt: null }) };
      },
    },
    {
      name: 'submit their own draft for review',
      allowed: writers,
      prepare: async (actor) => {
        const a = await draftBy(actor.userId);
        return { articleId: a.id, attempt: () => articles().update(actor, a.id, a.version, { submitted: true }) };
      },
    },
    {
      name: 'restore a revision of their own draft',
      allowed: writers,
      prepare: async (actor) => {
        const a = await draftBy(actor.userId);
        const edited = await articles().update(testActor, a.id, a.version, { title: 'Second version' });
        const [, first] = await articles().revisions(testActor, a.id);
        return { articleId: a.id, attempt: () => articles().restoreRevision(actor, a.id, first.id, edited.version) };
      },
    },
    {
      name: "restore a revision of someone else's draft",
      allowed: editors,
      prepare: async (actor) => {
        const a = await draftBy(n.author.id);
        const edited = await articles().update(testActor, a.id, a.version, { title: 'Second version' });
        const [, first] = await articles().revisions(testActor, a.id);
        return { articleId: a.id, attempt: () => articles().restoreRevision(actor, a.id, first.id, edited.version) };
      },
    },
  ];

  for (const action of actions) {
    describe(action.name, () => {
      for (const role of allRoles) {
        const allowed = action.allowed.includes(role);
        it(`${allowed ? 'is allowed' : 'is refused, changing nothing,'} for ${role === 'admin' ? 'an' : 'a'} ${role}`, async () => {
          const { articleId, attempt } = await action.prepare(actors.get(role)!);
          const before = await snapshot(articleId);
          if (allowed) {
            await expect(attempt()).resolves.toBeDefined();
          } else {
            await expect(attempt()).rejects.toMatchObject({ kind: 'forbidden' });
            expect(await snapshot(articleId)).toEqual(before);
          }
        });
      }
    });
  }

  describe('authors', () => {
    const author = () => actors.get('author')!;

    it('always create their own article, whatever author they name', async () => {
      const a = await articles().create(author(), { title: 'Mine', body: 'Text.', sectionId: n.world.id, authorId: n.author.id });
      expect(a.author?.id).toBe(author().userId);
      expect(a.status).toBe('draft');
    });

    it('cannot create an article that is published or scheduled', async () => {
      await expect(articles().create(author(), { title: 'Live', body: 'Text.', sectionId: n.world.id, status: 'published' })).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(articles().create(author(), { title: 'Later', body: 'Text.', sectionId: n.world.id, status: 'scheduled', publishedAt: tomorrow })).rejects.toMatchObject({ kind: 'forbidden' });
    });

    it('cannot hand their draft to someone else, nor edit it once published', async () => {
      const draft = await draftBy(author().userId);
      await expect(articles().update(author(), draft.id, draft.version, { authorId: n.author.id })).rejects.toMatchObject({ kind: 'forbidden' });
      const live = await publishedBy(author().userId);
      await expect(articles().update(author(), live.id, live.version, { title: 'Sneaky fix' })).rejects.toMatchObject({ kind: 'forbidden' });
      expect((await articles().byId(live.id)).title).toBe('A story');
    });

    it("cannot open someone else's article, its history or list it", async () => {
      const theirs = await draftBy(n.author.id);
      await expect(articles().byIdForEdit(author(), theirs.id)).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(articles().revisions(author(), theirs.id)).rejects.toMatchObject({ kind: 'forbidden' });
      const listed = await articles().adminList(author(), { authorId: n.author.id }, { offset: 0, limit: 500 });
      expect(listed.articles.length).toBeGreaterThan(0);
      expect(listed.articles.every((a) => a.author?.id === author().userId)).toBe(true);
    });

    it('submit for review; an editor sees it in the submitted filter and publishing ends the wait', async () => {
      const draft = await articles().create(author(), { title: 'Please review me', body: 'Text.', sectionId: n.world.id, submitted: true });
      const editor = actors.get('editor')!;
      const waiting = await articles().adminList(editor, { status: 'submitted' }, { offset: 0, limit: 500 });
      expect(waiting.articles.map((a) => a.id)).toContain(draft.id);
      expect((await articles().byIdForEdit(editor, draft.id)).submittedAt).toEqual(testNow);
      await articles().update(editor, draft.id, draft.version, { status: 'published' });
      expect((await articles().byIdForEdit(editor, draft.id)).submittedAt).toBeNull();
      const after = await articles().adminList(editor, { status: 'submitted' }, { offset: 0, limit: 500 });
      expect(after.articles.map((a) => a.id)).not.toContain(draft.id);
    });
  });

  describe('moderators', () => {
    it('cannot list, open or preview articles', async () => {
      const moderator = actors.get('moderator')!;
      const a = await draftBy(moderator.userId);
      await expect(articles().adminList(moderator, {}, { offset: 0, limit: 10 })).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(articles().byIdForEdit(moderator, a.id)).rejects.toMatchObject({ kind: 'forbidden' });
      expect(() => articles().preview(moderator, 'text', 'markdown')).toThrow(/may not/);
    });
  });

  describe('system actors (ingest, CLI, seed)', () => {
    it('keep doing everything, including articles without an author', async () => {
      const a = await articles().create(testActor, { title: 'From the wire', body: 'Text.', sectionId: n.world.id, status: 'published' });
      expect(a.author).toBeNull();
      const b = await articles().update(testActor, a.id, a.version, { authorId: n.author.id, status: 'archived' });
      expect(b.author?.id).toBe(n.author.id);
      expect(b.status).toBe('archived');
    });
  });
});
