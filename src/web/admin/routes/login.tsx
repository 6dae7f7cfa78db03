import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { readCookie } from '../../cookies.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.js';
import { adminChrome, formBody, redirectWithNotice, sendAdminPage } from '../respond.js';
import { AdminLayout } from '../views/admin-layout.js';
import { AdminForm, Field, type FieldErrors, FormError } from '../views/form.js';

/** Sign-in attempts from one address, whatever their outcome: slows scripted guessing. */
const signInRateRules = [
  { limit: 10, windowSeconds: 60 },
  { limit: 100, windowSeconds: 3600 },
];

/** Only a local admin path may follow sign-in, so the login page cannot send anyone elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(?:[/?#]|$)/.test(next) && !next.startsWith('//') ? next : '/admin';
}

export function registerLoginRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limiter = ctx.rateLimiter(signInRateRules);

  const renderLogin = async (request: Parameters<typeof adminChrome>[1], reply: Parameters<typeof adminChrome>[2], values: { email?: string; next: string }, errors: FieldErrors, status = 200) => {
    const chrome = await adminChrome(ctx, request, reply);
    return sendAdminPage(
      reply,
      <AdminLayout chrome={chrome} title="Log in" scripts={false}>
        <AdminForm action="/admin/login" csrf={request.admin.csrf} class="login-form">
          <FormError errors={errors} />
          <input type="hidden" name="next" value={values.next} />
          <Field label="Email" name="email" type="email" value={values.email} errors={errors} required autocomplete="username" />
          <Field label="Password" name="password" type="password" errors={errors} required autocomplete="current-password" />
          <button type="submit" class="primary">
            Log in
          </button>
        </AdminForm>
        <p class="hint">Forgot your password? An administrator can print a reset link with <code>broadsheet user reset-password --email you@example.com</code>.</p>
      </AdminLayout>,
      status,
    );
  };

  app.get<{ Querystring: { next?: string } }>('/admin/login', async (request, reply) => {
    if (request.admin.actor) return reply.redirect(safeNext(request.query.next), 303);
    return renderLogin(request, reply, { next: safeNext(request.query.next) }, {});
  });

  app.post('/admin/login', async (request, reply) => {
    const form = formBody(request);
    const values = { email: form.email ?? '', next: safeNext(form.next) };
    if (!values.email || !form.password) return renderLogin(request, reply, values, { form: 'Enter your email and password.' }, 400);
    const rate = await limiter.hit(`sign-in:ip:${request.ip}`);
    if (!rate.allowed) {
      reply.header('retry-after', String(rate.retryAfterSeconds));
      return renderLogin(request, reply, values, { form: `Too many sign-in attempts from your network. Try again in ${rate.retryAfterSeconds} seconds.` }, 429);
    }
    const outcome = await ctx.signIn(values.email, form.password, { ip: request.ip, userAgent: request.headers['user-agent'] });
    if (outcome.kind === 'locked') {
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
      return renderLogin(request, reply, values, { form: `Too many failed sign-ins. This account is locked for ${minutes} minute${minutes === 1 ? '' : 's'}.` }, 429);
    }
    if (outcome.kind === 'refused') return renderLogin(request, reply, values, { form: 'That email and password do not match an active account.' }, 401);
    setSessionCookie(request, reply, outcome.token, outcome.expiresAt, ctx.clock.now());
    return reply.redirect(values.next, 303);
  });

  app.post('/admin/logout', async (request, reply) => {
    const token = readCookie(request, SESSION_COOKIE);
    if (token) await ctx.sessions.end(token);
    clearSessionCookie(request, reply);
    return redirectWithNotice(request, reply, '/admin/login', 'You are logged out.');
  });
}
