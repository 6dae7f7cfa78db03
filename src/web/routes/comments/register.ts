import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { scheduleCommentJobs } from '../../../jobs/comment-jobs.js';
import type { SitePages } from '../../site-pages.js';
import { registerPrivacyRoute } from '../site/privacy.js';
import { registerCommentsApi } from './comments-api.js';
import { registerCommentFormRoute } from './comment-form-route.js';
import { commentsScript } from './comments-script.js';

// buildServer may run more than once on one context (tests); the job is scheduled once.
const scheduled = new WeakSet<AppContext>();

/**
 * Everything comments add to the web app: the form route, the JSON API, /privacy, the
 * progressive-enhancement script, and the daily retention job, which runs in processes that
 * serve (it starts when the server listens, never for `inject`-only tests or one-off commands).
 */
export function registerCommentRoutes(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  app.get('/assets/comments.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(commentsScript),
  );
  registerCommentFormRoute(app, ctx, pages);
  registerCommentsApi(app, ctx);
  registerPrivacyRoute(app, ctx, pages);
  if (!scheduled.has(ctx)) {
    scheduled.add(ctx);
    scheduleCommentJobs(ctx.jobs, ctx.comments, ctx.log);
  }
  app.addHook('onListen', async () => ctx.jobs.start());
  app.addHook('onClose', async () => ctx.jobs.stop());
}
