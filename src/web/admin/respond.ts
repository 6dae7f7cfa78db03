import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { AppContext } from '../../boot.js';
import { BroadsheetError, NotFoundError } from '../../shared/errors.js';
import { readCookie, setCookie } from '../cookies.js';
import { renderPage } from '../views/render.js';
import type { AdminChrome } from './views/admin-layout.js';
import type { FieldErrors } from './views/form.js';

const NOTICE_COOKIE = 'bs_notice';

/**
 * Admin pages are personal and change with every action: never stored by any cache, never
 * framed, and with a CSP that allows only our own script and style.
 */
const adminHeaders = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** What every admin page needs to draw its frame; consumes the one-off notice, if any. */
export async function adminChrome(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<AdminChrome> {
  const settings = await ctx.content.settings.get();
  const notice = readCookie(request, NOTICE_COOKIE);
  if (notice) setCookie(request, reply, NOTICE_COOKIE, '', { path: '/admin', maxAgeSeconds: 0 });
  return { siteTitle: settings.title, visitor: request.admin, path: request.url.split('?')[0], notice: notice?.slice(0, 300) };
}

export function sendAdminPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.code(status).headers(adminHeaders).type('text/html; charset=utf-8').send(renderPage(page));
}

/** Post/redirect/get with a short message shown once on the next page. */
export function redirectWithNotice(request: FastifyRequest, reply: FastifyReply, location: string, notice: string): FastifyReply {
  setCookie(request, reply, NOTICE_COOKIE, notice, { path: '/admin', maxAgeSeconds: 60 });
  return reply.redirect(location, 303);
}

/**
 * Turns an expected failure into messages beside the fields (the service names the field in
 * `details.field`) or for the whole form; anything else is rethrown for the error page.
 */
export function fieldErrorsFrom(error: unknown): { errors: FieldErrors; status: number } {
  if (!(error instanceof BroadsheetError) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
  const field = typeof error.details.field === 'string' ? error.details.field : 'form';
  return { errors: { [field]: capitalise(error.userMessage) }, status: error.kind === 'conflict' ? 409 : 400 };
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A form body as strings (a repeated field keeps its first value; use `formList` for lists). */
export function formBody(request: FastifyRequest): Record<string, string> {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}

/** A positive whole-number id from the URL; anything else is a 404, never a 500. */
export function idParam(value: string): number {
  const id = Number(value);
  if (!/^\d{1,9}$/.test(value) || id < 1) throw new NotFoundError('NOT_FOUND', 'There is nothing at this address.');
  return id;
}

/** A field that may be repeated (checkboxes), as a list of strings. */
export function formList(request: FastifyRequest, name: string): string[] {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
}
