import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginThrottlePolicy, SESSION_LIFETIME_MS } from '../../src/accounts/index.js';
import { csrfIn, formPayload, mergeCookies, signInAs, testPassword } from '../helpers/admin-session.js';
import { buildTestApp, type TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';
import { forEachDatabase } from '../helpers/for-each-database.js';

forEachDatabase('admin sign-in', (database) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp(database);
  });
  afterEach(async () => t.close());

  async function loginForm(ip = '203.0.113.9') {
    const page = await t.inject({ url: '/admin/login', remoteAddress: ip });
    return { cookie: mergeCookies('', page.headers['set-cookie']), csrf: csrfIn(page.body) };
  }

  async function attempt(email: string, password: string, ip = '203.0.113.9') {
    const { cookie, csrf } = await loginForm(ip);
    return t.inject({
      method: 'POST',
      url: '/admin/login',
      remoteAddress: ip,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formPayload({ _csrf: csrf, email, password, next: '/admin/articles' }),
    });
  }

  it('redirects a signed-out visitor to the login page, keeping where they were going', async () => {
    const response = await t.inject({ url: '/admin' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/login?next=%2Fadmin');
  });

  it('signs in with email and password into an HttpOnly, SameSite=Lax session cookie', async () => {
    await t.ctx.users.addUser(testActor, { email: 'ed@example.com', role: 'editor', password: testPassword });
    const response = await attempt('ED@example.com', testPassword);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/articles');
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('bs_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(new RegExp(`Max-Age=${SESSION_LIFETIME_MS / 1000}`));
    expect(cookie).not.toMatch(/Secure/);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    await t.close();
    t = await buildTestApp(database, { trustProxy: true });
    await t.ctx.users.addUser(testActor, { email: 'ed@example.com', role: 'editor', password: testPassword });
    const { cookie, csrf } = await loginForm();
    const response = await t.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
      payload: formPayload({ _csrf: csrf, email: 'ed@example.com', password: testPassword }),
    });
    expect([response.headers['set-cookie']].flat().find((c) => c?.startsWith('bs_session='))).toMatch(/Secure/);
  });

  it('refuses a wrong password without saying whether the email exists, keeping the email typed', async () => {
    await t.ctx.users.addUser(testActor, { email: 'ed@example.com', role: 'editor', password: testPassword });
    const wrong = await attempt('ed@example.com', 'not the password');
    const unknown = await attempt('nobody@example.com', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('do not match an active account');
    expect(wrong.body).toContain('value="ed@example.com"');
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toContain('bs_session=');
  });

  it('locks an account after repeated failures, even for the right password, until the lock expires', async () => {
    await t.ctx.users.addUser(testActor, { email: 'ed@example.com', role: 'editor', password: testPassword });
    for (let i = 0; i < loginThrottlePolicy.failuresPerEmail; i++) {
      // A different address each time: the lock is per account, not only per address.
      expect((await attempt('ed@example.com', `guess ${i}`, `198.51.100.${i + 1}`)).statusCode).toBe(401);
    }
    const locked = await attempt('ed@example.com', testPassword, '198.51.100.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('locked for 15 minutes');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(loginThrottlePolicy.lockMs + 1000);
    expect((await attempt('ed@example.com', testPassword, '198.51.100.99')).statusCode).toBe(303);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt(`user${i}@example.com`, 'whatever', '198.51.100.200')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('rejects a form posted without, or with another visitor’s, CSRF token', async () => {
    const session = await signInAs(t, 'editor');
    const other = await signInAs(t, 'editor');
    const missing = await t.inject({
      method: 'POST',
      url: '/admin/logout',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('did not come from this site');
    const foreign = await session.post('/admin/logout', { _csrf: other.csrf });
    expect(foreign.statusCode).toBe(403);
    // Still signed in: nothing happened.
    expect((await session.get('/admin')).statusCode).toBe(200);
    const loginWithout = await t.inject({ method: 'POST', url: '/admin/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a@b.c&password=x' });
    expect(loginWithout.statusCode).toBe(403);
  });

  it('ends a session after 14 days without use and slides the expiry while it is used', async () => {
    const session = await signInAs(t, 'moderator');
    t.clock.advance(SESSION_LIFETIME_MS - 60_000);
    expect((await session.get('/admin')).statusCode).toBe(200);
    t.clock.advance(SESSION_LIFETIME_MS - 60_000);
    expect((await session.get('/admin')).statusCode).toBe(200);
    t.clock.advance(SESSION_LIFETIME_MS + 1000);
    const expired = await session.get('/admin');
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toMatch(/^\/admin\/login/);
    expect([expired.headers['set-cookie']].flat().some((c) => c?.startsWith('bs_session=;') && c.includes('Max-Age=0'))).toBe(true);
  });

  it('logs out: the session is gone from the database, not only from the browser', async () => {
    const session = await signInAs(t, 'author');
    const out = await session.post('/admin/logout');
    expect(out.statusCode).toBe(303);
    expect((await session.get('/admin')).statusCode).toBe(303);
    expect(await t.ctx.sessions.list(session.userId)).toEqual([]);
  });

  it('signs a deactivated user out at once', async () => {
    const session = await signInAs(t, 'author');
    await t.ctx.users.setActive(testActor, session.userId, false);
    expect((await session.get('/admin')).statusCode).toBe(303);
  });

  it('only follows a local admin path after sign-in', async () => {
    await t.ctx.users.addUser(testActor, { email: 'ed@example.com', role: 'editor', password: testPassword });
    const { cookie, csrf } = await loginForm();
    const response = await t.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formPayload({ _csrf: csrf, email: 'ed@example.com', password: testPassword, next: '//evil.example/admin' }),
    });
    expect(response.headers.location).toBe('/admin');
  });

  describe('password reset link', () => {
    it('sets a new password once, signs out other sessions, and cannot be reused', async () => {
      const session = await signInAs(t, 'editor');
      const { token } = await t.ctx.users.resetLink(testActor, session.email);
      const page = await t.inject({ url: `/admin/reset/${token}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(session.email);
      const cookie = mergeCookies('', page.headers['set-cookie']);
      const short = await t.inject({
        method: 'POST',
        url: `/admin/reset/${token}`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formPayload({ _csrf: csrfIn(page.body), password: 'short' }),
      });
      expect(short.statusCode).toBe(400);
      expect(short.body).toContain('at least 10 characters');
      const done = await t.inject({
        method: 'POST',
        url: `/admin/reset/${token}`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formPayload({ _csrf: csrfIn(page.body), password: 'a brand new password' }),
      });
      expect(done.statusCode).toBe(303);
      expect((await session.get('/admin')).statusCode).toBe(303);
      expect(await t.ctx.users.authenticate(session.email, 'a brand new password')).toMatchObject({ email: session.email });
      expect((await t.inject({ url: `/admin/reset/${token}` })).statusCode).toBe(410);
    });

    it('expires after an hour', async () => {
      const session = await signInAs(t, 'editor');
      const { token } = await t.ctx.users.resetLink(testActor, session.email);
      t.clock.advance(60 * 60_000 + 1);
      expect((await t.inject({ url: `/admin/reset/${token}` })).statusCode).toBe(410);
    });
  });
});
