import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow, pageText } from '../helpers/admin-follow.js';
import { type AdminSession, csrfIn, formPayload, mergeCookies, signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('admin users screen', (database) => {
  let t: TestApp;
  let admin: AdminSession;
  let owner: AdminSession;

  beforeAll(async () => {
    t = await buildTestApp(database);
    owner = await signInAs(t, 'owner');
    admin = await signInAs(t, 'admin');
  });
  afterAll(() => t.close());

  /** Posts a form as a visitor who is not signed in, as a browser opening a link would. */
  async function postAsVisitor(url: string, fields: Record<string, string>) {
    const page = await t.inject({ url });
    const cookie = mergeCookies('', page.headers['set-cookie']);
    return t.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formPayload({ _csrf: csrfIn(page.body), ...fields }) });
  }

  it('sends a signed-out visitor to the login page and refuses editors', async () => {
    expect((await t.inject({ url: '/admin/users' })).headers.location).toBe('/admin/login?next=%2Fadmin%2Fusers');
    const editor = await signInAs(t, 'editor');
    expect((await editor.get('/admin/users')).statusCode).toBe(403);
    expect((await editor.post('/admin/users/invite', { email: 'sneaky@example.com', role: 'admin' })).statusCode).toBe(403);
    expect((await t.ctx.users.list()).some((u) => u.email === 'sneaky@example.com')).toBe(false);
  });

  it('lists staff with email, role and whether they are active', async () => {
    const page = await admin.get('/admin/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<a href="/admin/users/${owner.userId}">`);
    expect(page.body).toContain(`<td class="optional">${owner.email}</td><td>owner</td><td>active</td>`);
  });

  it('invites with a one-time link that sets a password, after which the invitee signs in', async () => {
    const invited = await admin.post('/admin/users/invite', { email: 'New.Reporter@example.com', name: 'New Reporter', role: 'author' });
    expect(invited.statusCode).toBe(201);
    const link = /id="invitation-link" type="text" readonly value="([^"]+)"/.exec(invited.body)?.[1] ?? '';
    expect(link).toMatch(/^http:\/\/news\.test\/admin\/invite\/[A-Za-z0-9_-]+$/);
    const path = new URL(link).pathname;
    const accept = await t.inject({ url: path });
    expect(accept.statusCode).toBe(200);
    expect(accept.body).toContain('new.reporter@example.com');
    const accepted = await postAsVisitor(path, { name: 'Nadia Reporter', password: 'a long enough password' });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/admin/login');
    expect((await t.inject({ url: path })).statusCode).toBe(410);
    const login = await postAsVisitor('/admin/login', { email: 'new.reporter@example.com', password: 'a long enough password', next: '/admin' });
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/admin');
    expect((await t.ctx.users.list()).find((u) => u.email === 'new.reporter@example.com')).toMatchObject({ name: 'Nadia Reporter', role: 'author', active: true });
  });

  describe('invitation errors', () => {
    it('shows a bad email beside its field, keeping what was typed', async () => {
      const response = await admin.post('/admin/users/invite', { email: 'not-an-email', name: 'Kept Name', role: 'editor' });
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(/id="field-email-error">Email is not a valid email address/);
      expect(response.body).toContain('value="not-an-email"');
      expect(response.body).toContain('value="Kept Name"');
      expect(response.body).toContain('<option value="editor" selected>');
    });

    it('tells an admin beside the role that only an owner makes owners', async () => {
      const response = await admin.post('/admin/users/invite', { email: 'boss@example.com', name: '', role: 'owner' });
      expect(response.statusCode).toBe(403);
      expect(response.body).toMatch(/id="field-role-error">Only an owner may make someone an owner\./);
      expect((await t.ctx.users.list()).some((u) => u.email === 'boss@example.com')).toBe(false);
    });
  });

  describe('role changes', () => {
    it('changes a role', async () => {
      const author = await signInAs(t, 'author');
      const changed = await admin.post(`/admin/users/${author.userId}/role`, { role: 'editor' });
      expect((await follow(t, admin, changed)).body).toContain("role is now editor.");
      expect((await t.ctx.users.byId(author.userId)).role).toBe('editor');
      // The new role applies to the open session at once.
      expect((await author.get('/admin/sections')).statusCode).toBe(200);
    });

    it('shows the owner rules beside the role field', async () => {
      const refused = await admin.post(`/admin/users/${owner.userId}/role`, { role: 'editor' });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toMatch(/id="field-role-error">Only an owner may change an owner/);
      const last = await owner.post(`/admin/users/${owner.userId}/role`, { role: 'admin' });
      expect(last.statusCode).toBe(409);
      expect(last.body).toMatch(/id="field-role-error">The site must keep at least one active owner\./);
      expect((await t.ctx.users.byId(owner.userId)).role).toBe('owner');
    });
  });

  it('deactivates a user, which signs them out at once, and reactivates them', async () => {
    const moderator = await signInAs(t, 'moderator');
    expect((await moderator.get('/admin')).statusCode).toBe(200);
    const off = await admin.post(`/admin/users/${moderator.userId}/active`, { active: '0' });
    expect((await follow(t, admin, off)).body).toContain('is deactivated and signed out everywhere.');
    const after = await moderator.get('/admin');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/admin\/login/);
    await admin.post(`/admin/users/${moderator.userId}/active`, { active: '1' });
    expect((await t.ctx.users.byId(moderator.userId)).active).toBe(true);
    const self = await admin.post(`/admin/users/${admin.userId}/active`, { active: '0' });
    expect(self.statusCode).toBe(409);
    expect(self.body).toContain('You cannot deactivate your own account.');
  });

  describe('a user’s own page', () => {
    it('is reachable from the header by every role, shows only their own account, and saves their profile', async () => {
      const moderator = await signInAs(t, 'moderator');
      const page = await moderator.get('/admin');
      expect(page.body).toContain(`<a href="/admin/users/${moderator.userId}">`);
      const own = await moderator.get(`/admin/users/${moderator.userId}`);
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('Your account');
      expect(own.body).not.toContain('Change role');
      expect((await moderator.get(`/admin/users/${owner.userId}`)).statusCode).toBe(403);
      const empty = await moderator.post(`/admin/users/${moderator.userId}/profile`, { name: ' ', bio: 'Kept bio' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toMatch(/id="field-name-error">Name is required/);
      expect(empty.body).toContain('Kept bio</textarea>');
      const saved = await moderator.post(`/admin/users/${moderator.userId}/profile`, { name: 'Mo Derator', bio: 'Keeps the peace.' });
      expect((await follow(t, moderator, saved)).body).toContain('Profile saved.');
      expect(await t.ctx.users.byId(moderator.userId)).toMatchObject({ name: 'Mo Derator', bio: 'Keeps the peace.' });
      expect((await moderator.post(`/admin/users/${owner.userId}/profile`, { name: 'Hacked', bio: '' })).statusCode).toBe(403);
    });

    it('signs out one of their other browsers', async () => {
      const author = await signInAs(t, 'author');
      const phone = await t.ctx.sessions.start(author.userId, { ip: '198.51.100.7', userAgent: 'Phone browser' });
      const page = await author.get(`/admin/users/${author.userId}`);
      expect(page.body).toContain('(this browser)');
      const phoneRef = /Phone browser<\/td><td class="optional">198\.51\.100\.7<\/td><td><time[^>]*>[^<]*<\/time><\/td><td><form method="post" action="\/admin\/users\/\d+\/sessions\/([0-9a-f]{16})\/revoke"/.exec(page.body)?.[1];
      expect(phoneRef).toBeDefined();
      const revoked = await author.post(`/admin/users/${author.userId}/sessions/${phoneRef}/revoke`);
      expect((await follow(t, author, revoked)).body).toContain('That browser is signed out.');
      expect(await t.ctx.sessions.resume(phone.token)).toBeNull();
      expect((await author.get('/admin')).statusCode).toBe(200);
      const again = await author.post(`/admin/users/${author.userId}/sessions/${phoneRef}/revoke`);
      expect(pageText((await follow(t, author, again)).body)).toContain('That session has already ended.');
    });

    it('lets an admin sign out someone else’s browser, and nobody else', async () => {
      const editor = await signInAs(t, 'editor');
      const other = await signInAs(t, 'editor');
      const ref = /sessions\/([0-9a-f]{16})\/revoke/.exec((await admin.get(`/admin/users/${editor.userId}`)).body)?.[1];
      expect((await other.post(`/admin/users/${editor.userId}/sessions/${ref}/revoke`)).statusCode).toBe(403);
      expect((await editor.get('/admin')).statusCode).toBe(200);
      await admin.post(`/admin/users/${editor.userId}/sessions/${ref}/revoke`);
      expect((await editor.get('/admin')).statusCode).toBe(303);
    });
  });
});
