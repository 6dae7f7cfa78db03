import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow, pageText } from '../helpers/admin-follow.js';
import { type AdminSession, signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

/** Every field of the comment settings form, as the page shows them for the defaults. */
async function commentForm(session: AdminSession): Promise<Record<string, string>> {
  const html = (await session.get('/admin/settings')).body;
  const form = html.slice(html.indexOf('action="/admin/settings/comments"'));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input id="[^"]+" name="([^"]+)"[^>]*? value="([^"]*)"/g)) fields[m[1]] = pageText(m[2]);
  for (const m of form.matchAll(/<input id="[^"]+" name="([^"]+)"[^>]*? value\/>/g)) fields[m[1]] = '';
  for (const m of form.matchAll(/<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]] = pageText(m[2]);
  for (const m of form.matchAll(/<select id="[^"]+" name="([^"]+)"[^>]*>.*?<option value="([^"]*)" selected>/gs)) fields[m[1]] = m[2];
  return fields;
}

forEachDatabase('admin settings screen', (database) => {
  let t: TestApp;
  let admin: AdminSession;

  beforeAll(async () => {
    t = await buildTestApp(database);
    admin = await signInAs(t, 'admin');
  });
  afterAll(() => t.close());

  it('sends a signed-out visitor to the login page and refuses editors, whose posts change nothing', async () => {
    expect((await t.inject({ url: '/admin/settings' })).headers.location).toBe('/admin/login?next=%2Fadmin%2Fsettings');
    const editor = await signInAs(t, 'editor');
    expect((await editor.get('/admin/settings')).statusCode).toBe(403);
    expect((await editor.post('/admin/settings/site', { title: 'Taken over', description: '', timezone: 'UTC', language: 'en' })).statusCode).toBe(403);
    expect((await t.ctx.content.settings.get()).title).toBe('Broadsheet');
  });

  describe('site settings', () => {
    it('saves title, description, time zone and language', async () => {
      const saved = await admin.post('/admin/settings/site', { title: 'The Sofia Ledger', description: 'News from Sofia', timezone: 'Europe/Sofia', language: 'bg' });
      const page = await follow(t, admin, saved);
      expect(page.body).toContain('Site settings saved.');
      expect(page.body).toContain('<option value="Europe/Sofia" selected>Europe/Sofia</option>');
      expect(await t.ctx.content.settings.get()).toMatchObject({ title: 'The Sofia Ledger', description: 'News from Sofia', timezone: 'Europe/Sofia', language: 'bg' });
    });

    it('shows a time zone that is not an IANA name beside its field, keeping the rest typed', async () => {
      const response = await admin.post('/admin/settings/site', { title: 'Kept title', description: 'Kept description', timezone: 'Mars/Olympus', language: 'en' });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(/id="field-timezone-error">Time zone must be an IANA time zone such as Europe\/Sofia/);
      expect(response.body).toContain('value="Kept title"');
      expect(response.body).toContain('Kept description</textarea>');
      expect((await t.ctx.content.settings.get()).title).toBe('The Sofia Ledger');
    });
  });

  it('saves the ingest policies and paging, and refuses a page size out of range beside its field', async () => {
    const saved = await admin.post('/admin/settings/site', { nearDuplicatePolicy: 'keep', ingestTagStyle: 'title-words', publisherName: 'Ledger Media Ltd', articlesPerPage: '30' });
    expect(saved.statusCode).toBe(303);
    expect(await t.ctx.content.settings.get()).toMatchObject({ nearDuplicatePolicy: 'keep', ingestTagStyle: 'title-words', publisherName: 'Ledger Media Ltd', articlesPerPage: 30 });
    const page = (await admin.get('/admin/settings')).body;
    expect(page).toContain('<option value="keep" selected>');
    const refused = await admin.post('/admin/settings/site', { articlesPerPage: '1000', publisherName: 'Typed but not saved' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/id="field-articlesPerPage-error">Articles per page must be a whole number from 5 to 100</);
    expect(refused.body).toContain('value="Typed but not saved"');
    expect((await t.ctx.content.settings.get()).articlesPerPage).toBe(30);
  });

  describe('comment settings', () => {
    it('saves policy, moderation mode, thresholds, retention, privacy text and blocklists', async () => {
      const fields = await commentForm(admin);
      expect(fields).toMatchObject({ policy: 'open', 'moderation.mode': 'pre', 'moderation.lowThreshold': '0.3', retentionDays: '30' });
      const saved = await admin.post('/admin/settings/comments', {
        ...fields,
        policy: 'closed',
        closeAfterDays: '14',
        'moderation.mode': 'auto',
        'moderation.lowThreshold': '0.25',
        'moderation.highThreshold': '0.8',
        'moderation.knownCommenterApprovals': '',
        retentionDays: '10',
        privacyText: '## Our promise\nWe keep addresses {retentionDays} days.',
        'moderation.blocklists.words.entries': 'casino\n\n  cheap pills  \n',
        'moderation.blocklists.words.action': 'reject',
        'moderation.blocklists.ips.entries': '203.0.113.0/24',
        'moderation.blocklists.emailDomains.entries': 'spam.test',
      });
      expect((await follow(t, admin, saved)).body).toContain('Comment settings saved.');
      const settings = await t.ctx.comments.settings.get();
      expect(settings).toMatchObject({ policy: 'closed', closeAfterDays: 14, retentionDays: 10, privacyText: '## Our promise\nWe keep addresses {retentionDays} days.' });
      expect(settings.moderation).toMatchObject({ mode: 'auto', lowThreshold: 0.25, highThreshold: 0.8, knownCommenterApprovals: null });
      expect(settings.moderation.blocklists).toEqual({
        words: { entries: ['casino', 'cheap pills'], action: 'reject' },
        ips: { entries: ['203.0.113.0/24'], action: 'hold' },
        emailDomains: { entries: ['spam.test'], action: 'hold' },
      });
      expect((await commentForm(admin))['moderation.blocklists.words.entries']).toBe('casino\ncheap pills');
    });

    it('puts each bad value’s error beside its own field and keeps everything typed', async () => {
      const before = await t.ctx.comments.settings.get();
      const response = await admin.post('/admin/settings/comments', {
        ...(await commentForm(admin)),
        retentionDays: '0',
        'moderation.lowThreshold': 'lots',
        'moderation.blocklists.ips.entries': '203.0.113.7\nnot an address',
        privacyContact: 'kept@example.com',
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(/id="field-retentionDays-error">Must be at least 1/);
      expect(response.body).toMatch(/id="field-moderation.lowThreshold-error">Must be a number/);
      expect(response.body).toMatch(/id="field-moderation.blocklists.ips.entries-error">Not an IP address or CIDR range\./);
      expect(response.body).toContain('value="lots"');
      expect(response.body).toContain('203.0.113.7\nnot an address</textarea>');
      expect(response.body).toContain('value="kept@example.com"');
      expect(await t.ctx.comments.settings.get()).toEqual(before);
    });
  });
});
