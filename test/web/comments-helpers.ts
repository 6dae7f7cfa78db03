import { parseHTML } from 'linkedom';
import type { TestApp } from '../helpers/build-test-app.js';

export function dom(html: string) {
  return parseHTML(html).document;
}

export function tokenIn(html: string): string {
  const match = /name="formToken" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no comment form on the page');
  return match[1];
}

let ipCounter = 10;
/** A fresh client address, so one test's posts never count against another's rate limit. */
export function freshIp(): string {
  ipCounter++;
  return `10.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}.${process.pid % 250}`;
}

export interface PostOptions {
  ip?: string;
  cookie?: string;
  /** Seconds the "reader" takes before sending; default 5. */
  wait?: number;
  token?: string;
}

/** Loads the article page for a token, waits, and posts the form as a browser would. */
export async function postComment(t: TestApp, articlePath: string, articleId: number, fields: Record<string, string>, options: PostOptions = {}) {
  const token = options.token ?? tokenIn((await t.inject({ url: articlePath })).body);
  t.clock.advance((options.wait ?? 5) * 1000);
  const body = new URLSearchParams({ articleId: String(articleId), formToken: token, url: '', parentId: '', authorUrl: '', ...fields });
  return t.inject({
    method: 'POST',
    url: '/comments',
    remoteAddress: options.ip ?? '198.51.100.1',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.cookie ? { cookie: options.cookie } : {}) },
    payload: body.toString(),
  });
}

export function cookieFrom(setCookie: string | string[] | number | undefined): string {
  const value = Array.isArray(setCookie) ? setCookie[0] : String(setCookie ?? '');
  return value.split(';')[0];
}

export function basicAuth(email: string, password: string): string {
  return `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
}

export function commentIdsOn(html: string): number[] {
  return [...dom(html).querySelectorAll('li.comment')].map((li) => Number(li.getAttribute('id')?.replace('comment-', '')));
}
