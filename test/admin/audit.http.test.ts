import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AdminSession, signInAs } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('admin audit screen', (database) => {
  let t: TestApp;
  let admin: AdminSession;
  let editor: AdminSession;

  beforeAll(async () => {
    t = await buildTestApp(database);
    admin = await signInAs(t, 'admin');
    editor = await signInAs(t, 'editor');
    for (let i = 0; i < 55; i++) await editor.post('/admin/sections', { name: `Audited ${i}` });
  });
  afterAll(() => t.close());

  it('sends a signed-out visitor to the login page and refuses editors', async () => {
    expect((await t.inject({ url: '/admin/audit' })).headers.location).toBe('/admin/login?next=%2Fadmin%2Faudit');
    expect((await editor.get('/admin/audit')).statusCode).toBe(403);
  });

  it('shows the newest entries first with actor name, action, linked subject and details, fifty a page', async () => {
    const first = await admin.get('/admin/audit');
    expect(first.statusCode).toBe(200);
    const rows = first.body.match(/<tr><td><time/g) ?? [];
    expect(rows).toHaveLength(50);
    const newest = await t.ctx.content.sections.byPath('audited-54');
    expect(first.body).toMatch(
      new RegExp(`<a href="/admin/users/${editor.userId}">editor \\d+</a></td><td><code>section.create</code></td><td><a href="/admin/sections/${newest?.id}">section ${newest?.id}</a></td><td class="optional"><dl class="audit-details"><dt>slug</dt><dd>audited-54</dd></dl>`),
    );
    const older = /href="(\/admin\/audit\?before=\d+)" rel="next"/.exec(first.body)?.[1] ?? '';
    const second = await admin.get(older.replaceAll('&amp;', '&'));
    expect(second.body).toContain('<span class="hint">System (test)</span>');
    expect(second.body).not.toContain('rel="next"');
  });

  it('filters by action prefix and by actor', async () => {
    const users = await admin.get('/admin/audit?action=user.');
    expect(users.body).toContain('<code>user.add</code>');
    expect(users.body).not.toContain('<code>section.create</code>');
    expect(users.body).toContain('value="user."');
    const byEditor = await admin.get(`/admin/audit?actor=${editor.userId}`);
    expect(byEditor.body).not.toContain('<code>user.add</code>');
    expect(byEditor.body).toContain(`<option value="${editor.userId}" selected>`);
    const bySystem = await admin.get('/admin/audit?actor=system&action=section.');
    expect(bySystem.body).toContain('No entries match these filters.');
  });

  it('shows a bad action filter beside its field instead of failing', async () => {
    const response = await admin.get('/admin/audit?action=user%25%27--');
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/id="field-action-error">An action is written with letters, digits, dots and hyphens/);
    expect((await admin.get('/admin/audit?actor=nobody&before=x')).statusCode).toBe(200);
  });
});
