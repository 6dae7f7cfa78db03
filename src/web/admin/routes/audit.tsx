import type { FastifyInstance } from 'fastify';
import type { AuditFilter } from '../../../audit/index.js';
import type { AppContext } from '../../../boot.js';
import { actorOf, requirePermission } from '../auth.js';
import { adminChrome, fieldErrorsFrom, sendAdminPage } from '../respond.js';
import { type AuditQuery, AuditPage } from '../views/audit/audit-page.js';

function auditQuery(raw: Record<string, string | undefined>): AuditQuery {
  const before = Number(raw.before);
  const actor = raw.actor === 'system' || /^\d{1,9}$/.test(raw.actor ?? '') ? (raw.actor as string) : '';
  return { action: (raw.action ?? '').trim().slice(0, 60), actor, before: Number.isInteger(before) && before > 0 ? before : undefined };
}

function auditFilter(query: AuditQuery): AuditFilter {
  return { actionPrefix: query.action || undefined, actor: query.actor === 'system' ? 'system' : query.actor ? Number(query.actor) : undefined, before: query.before };
}

/** /admin/audit: the log, newest first, with actor names; a bad filter is shown beside its field. */
export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/admin/audit', { preHandler: requirePermission('audit.view') }, async (request, reply) => {
    const actor = actorOf(request);
    const query = auditQuery(request.query);
    const [users, groups, settings, chrome] = await Promise.all([ctx.users.list(), ctx.audit.actionGroups(actor), ctx.content.settings.get(), adminChrome(ctx, request, reply)]);
    let page: Awaited<ReturnType<typeof ctx.audit.list>> = { entries: [], nextBefore: null };
    let failure: ReturnType<typeof fieldErrorsFrom> = { errors: {}, status: 200 };
    try {
      page = await ctx.audit.list(actor, auditFilter(query));
    } catch (error) {
      failure = fieldErrorsFrom(error);
    }
    const names = new Map(users.map((u) => [u.id, u.name]));
    const style = { language: settings.language, timeZone: settings.timezone };
    return sendAdminPage(reply, <AuditPage chrome={chrome} page={page} names={names} groups={groups} query={query} errors={failure.errors} style={style} />, failure.status);
  });
}
