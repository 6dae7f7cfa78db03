import type { LightMyRequestResponse } from 'fastify';
import type { AdminSession } from './admin-session.js';
import { mergeCookies } from './admin-session.js';
import type { TestApp } from './build-test-app.js';

/** Follows a post/redirect/get answer as the browser would, with the one-off notice cookie it set. */
export function follow(t: TestApp, session: Pick<AdminSession, 'cookie'>, response: LightMyRequestResponse): Promise<LightMyRequestResponse> {
  const location = response.headers.location;
  if (response.statusCode !== 303 || typeof location !== 'string') throw new Error(`expected a 303 redirect, got ${response.statusCode}: ${response.body.slice(0, 300)}`);
  return t.inject({ url: location, headers: { cookie: mergeCookies(session.cookie, response.headers['set-cookie']) } });
}

/** Page text with the entities preact writes for quotes and ampersands turned back. */
export function pageText(html: string): string {
  return html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
