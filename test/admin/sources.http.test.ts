import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow } from '../helpers/admin-follow.js';
import { type AdminSession, signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';
import { type FeedServer, rss, startFeedServer } from '../ingest/feed-server.js';

const form = (fields: Record<string, string> = {}) => ({
  name: 'Balkan Wire',
  feedUrl: 'https://balkan.example/feed.xml',
  homepage: 'https://balkan.example/',
  defaultSectionId: '',
  policy: 'review',
  attributionTemplate: 'According to {name}',
  pollIntervalSeconds: '600',
  isEnabled: '1',
  rules: '',
  ...fields,
});

forEachDatabase('admin sources screen', (database) => {
  let t: TestApp;
  let editor: AdminSession;
  let feeds: FeedServer;
  let sport: { id: number };

  beforeAll(async () => {
    t = await buildTestApp(database);
    feeds = await startFeedServer();
    editor = await signInAs(t, 'editor');
    sport = await t.ctx.content.sections.create(testActor, { name: 'Sport' });
  });
  afterAll(async () => {
    await feeds.close();
    await t.close();
  });

  it('sends a signed-out visitor to the login page and refuses authors and moderators', async () => {
    expect((await t.inject({ url: '/admin/sources/new' })).headers.location).toBe('/admin/login?next=%2Fadmin%2Fsources%2Fnew');
    const moderator = await signInAs(t, 'moderator');
    expect((await moderator.get('/admin/sources')).statusCode).toBe(403);
    const author = await signInAs(t, 'author');
    expect((await author.post('/admin/sources', form({ name: 'Author Wire' }))).statusCode).toBe(403);
    await expect(t.ctx.content.sources.byName('Author Wire')).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
  });

  it('adds a source with section rules written one a line, and edits it', async () => {
    const added = await editor.post('/admin/sources', form({ defaultSectionId: String(sport.id), policy: 'publish', rules: 'category: Football -> sport\nkeyword: derby -> sport' }));
    expect((await follow(t, editor, added)).body).toContain('Added the source Balkan Wire.');
    const source = await t.ctx.content.sources.byName('Balkan Wire');
    expect(source).toMatchObject({ policy: 'publish', defaultSectionId: sport.id, isEnabled: true, isLocal: false, pollIntervalSeconds: 600 });
    expect(source.rules).toEqual([
      { field: 'category', value: 'Football', sectionId: sport.id },
      { field: 'keyword', value: 'derby', sectionId: sport.id },
    ]);
    const edit = await editor.get(`/admin/sources/${source.id}`);
    expect(edit.body).toContain('category: Football -> sport\nkeyword: derby -> sport</textarea>');
    // An unticked checkbox is not sent at all.
    const { isEnabled: _, ...disabled } = form({ name: 'Balkan Wire Service', rules: '' });
    await editor.post(`/admin/sources/${source.id}`, disabled);
    expect(await t.ctx.content.sources.byId(source.id)).toMatchObject({ name: 'Balkan Wire Service', slug: source.slug, isEnabled: false, rules: [] });
  });

  describe('validation', () => {
    it('shows a bad feed URL beside its field, keeping everything typed', async () => {
      const response = await editor.post('/admin/sources', form({ name: 'Typo Wire', feedUrl: 'balkan.example/feed', attributionTemplate: 'Kept {name}' }));
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(/id="field-feedUrl-error">Enter a full web address starting with http:\/\/ or https:\/\//);
      expect(response.body).toContain('value="balkan.example/feed"');
      expect(response.body).toContain('value="Kept {name}"');
      expect(response.body).toContain('value="Typo Wire"');
    });

    it('names the rule line at fault, and a poll interval out of range', async () => {
      const rules = await editor.post('/admin/sources', form({ name: 'Rule Wire', rules: 'category: Football -> sport\ncategory: Chess -> games' }));
      expect(rules.statusCode).toBe(400);
      expect(rules.body).toMatch(/id="field-rules-error">Line 2: there is no section at &quot;games&quot;/);
      const interval = await editor.post('/admin/sources', form({ name: 'Fast Wire', pollIntervalSeconds: '5' }));
      expect(interval.body).toMatch(/id="field-pollIntervalSeconds-error">The poll interval must be/);
      await expect(t.ctx.content.sources.byName('Rule Wire')).rejects.toMatchObject({ code: 'SOURCE_NOT_FOUND' });
    });
  });

  it('polls a source now and lists its last ingest result: time, status, counts and error', async () => {
    feeds.feed(
      '/wire.xml',
      rss('Local wire', [
        { guid: 'w-1', title: 'Derby ends in a draw', link: 'https://wire.example/1', content: '<p>Both sides scored twice in the derby.</p>' },
        { guid: 'w-2', title: 'Cup final moved', link: 'https://wire.example/2', content: '<p>The cup final is moved to Sunday.</p>' },
      ]),
    );
    const local = await t.ctx.content.sources.create(testActor, { name: 'Local Wire', feedUrl: feeds.url('/wire.xml'), isLocal: true });
    const broken = await t.ctx.content.sources.create(testActor, { name: 'Broken Wire', feedUrl: feeds.url('/missing.xml'), isLocal: true });
    const polled = await editor.post(`/admin/sources/${local.id}/poll`);
    expect((await follow(t, editor, polled)).body).toContain('Polled Local Wire: 2 items, 2 new, 0 updated, 0 duplicate, 0 failed.');
    const failed = await editor.post(`/admin/sources/${broken.id}/poll`);
    expect((await follow(t, editor, failed)).body).toMatch(/Polling Broken Wire failed: .*404/);
    const list = await editor.get('/admin/sources');
    expect(list.body).toMatch(/Local Wire<\/a>.*?<time datetime="2026-11-24T12:00:00.000Z">[^<]+<\/time> <span class="status poll-ok">ok<\/span><br\/><span class="count">2 items: 2 new, 0 updated, 0 duplicate, 0 failed/s);
    expect(list.body).toMatch(/Broken Wire<\/a>.*?poll-failed">failed<\/span>.*?<p class="error">[^<]*404/s);
  });
});
