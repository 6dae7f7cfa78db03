import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/shared/actor.js';
import type { TestApp } from './build-test-app.js';
import { testActor } from './factories.js';

export interface AdminSession {
  userId: number;
  email: string;
  /** Cookie header to send with every request of this session. */
  cookie: string;
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form with this session's CSRF token (unless `_csrf` is given). */
  post(url: string, fields?: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
}

let counter = 0;
const password = 'correct horse battery staple';

export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1];
}

/** Cookies a response sets, as a Cookie header merged over `previous`. */
export function mergeCookies(previous: string, setCookie: string | string[] | undefined): string {
  const jar = new Map(previous ? previous.split('; ').map((c) => c.split('=') as [string, string]) : []);
  for (const line of [setCookie ?? []].flat()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
    if (/Max-Age=0/.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
}

export function formPayload(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) params.append(k, item);
  return params.toString();
}

/** Adds a staff account with `role` and signs it in through the login form, as a browser would. */
export async function signInAs(t: TestApp, role: Role, options: { email?: string; ip?: string } = {}): Promise<AdminSession> {
  counter++;
  const email = options.email ?? `${role}${counter}@example.com`;
  const user = await t.ctx.users.addUser(testActor, { email, role, name: `${role} ${counter}`, password });
  const remoteAddress = options.ip ?? `192.0.2.${counter % 250}`;
  const loginPage = await t.inject({ url: '/admin/login', remoteAddress });
  let cookie = mergeCookies('', loginPage.headers['set-cookie']);
  const login = await t.inject({
    method: 'POST',
    url: '/admin/login',
    remoteAddress,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: formPayload({ _csrf: csrfIn(loginPage.body), email, password, next: '/admin' }),
  });
  if (login.statusCode !== 303) throw new Error(`sign-in as ${role} failed: ${login.statusCode} ${login.body.slice(0, 300)}`);
  cookie = mergeCookies(cookie, login.headers['set-cookie']);
  const dashboard = await t.inject({ url: '/admin', headers: { cookie }, remoteAddress });
  const csrf = csrfIn(dashboard.body);
  return {
    userId: user.id,
    email,
    cookie,
    csrf,
    get: (url) => t.inject({ url, headers: { cookie }, remoteAddress }),
    post: (url, fields = {}) =>
      t.inject({ method: 'POST', url, remoteAddress, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formPayload({ _csrf: csrf, ...fields }) }),
  };
}

export const testPassword = password;
