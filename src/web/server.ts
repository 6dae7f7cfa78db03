import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppContext } from '../boot.js';
import { registerAdmin } from './admin/admin-routes.js';
import { registerErrorHandling } from './error-handler.js';
import { registerMetrics } from './plugins/metrics.js';
import { createPageCache, type PageCache, sendCachedPage } from './plugins/page-cache.js';
import { registerAkismetRoutes } from './routes/akismet/akismet-routes.js';
import { registerContentApi } from './routes/api/content-api.js';
import { hasPendingCommentCookie } from './routes/comments/cookies.js';
import { registerCommentRoutes } from './routes/comments/register.js';
import { registerFeedRoutes } from './routes/feeds/feeds.js';
import { registerSitemapRoutes } from './routes/feeds/sitemaps.js';
import { registerHealthRoute } from './routes/health.js';
import { registerHomeRoute } from './routes/site/home.js';
import { registerListRoutes } from './routes/site/lists.js';
import { registerSectionAndArticleRoutes } from './routes/site/sections-and-articles.js';
import { createSitePages, stylesheet } from './site-pages.js';

export type BroadsheetServer = FastifyInstance & { pageCache: PageCache };

export interface ServerOptions {
  /** Log each request (off in tests and benchmarks). */
  logRequests?: boolean;
}

/** Builds the Fastify app from an AppContext. Never listens: `serve` and tests decide that. */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<BroadsheetServer> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    // Without request logging a per-request child logger (a few % of a cached page's CPU)
    // buys nothing; errors are still logged with the URL by the error handler.
    ...(options.logRequests ? {} : { childLoggerFactory: (logger: FastifyBaseLogger) => logger }),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
  });
  await app.register(formbody);

  const pageCache = createPageCache({
    enabled: ctx.config.pageCache,
    changes: ctx.changes,
    content: ctx.content.readCache,
  });
  const pages = createSitePages(ctx, pageCache);

  registerMetrics(app);
  // Cached pages are answered before routing work, parsing or rendering: the hot path.
  // A callback hook rather than an async one: no promise per request. Answering ends the hook
  // chain without calling `done`.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      // A reader with a pending-comment cookie may see their own comment: never a shared page.
      const page = hasPendingCommentCookie(request) ? undefined : pageCache.lookup(request);
      if (page) {
        sendCachedPage(request, reply, page);
        return;
      }
    }
    done();
  });
  registerErrorHandling(app, ctx, pages);

  app.get('/assets/site.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(stylesheet),
  );
  registerHealthRoute(app, ctx);
  registerContentApi(app, ctx);
  registerAkismetRoutes(app, ctx);
  registerFeedRoutes(app, ctx, pages);
  registerSitemapRoutes(app, ctx, pages);
  registerHomeRoute(app, ctx, pages);
  registerListRoutes(app, ctx, pages);
  registerCommentRoutes(app, ctx, pages);
  registerSectionAndArticleRoutes(app, ctx, pages);
  await registerAdmin(app, ctx);

  return Object.assign(app as FastifyInstance, { pageCache });
}
