import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppContext } from '../boot.js';
import { registerAdmin } from './admin/admin-routes.js';
import { registerErrorHandling } from './error-handler.js';
import { createCacheFront } from './plugins/cache-front.js';
import { createHttpMetrics, registerMetrics } from './plugins/metrics.js';
import { createPageCache, type PageCache } from './plugins/page-cache.js';
import { registerAkismetRoutes } from './routes/akismet/akismet-routes.js';
import { registerContentApi } from './routes/api/content-api.js';
import { registerCommentRoutes } from './routes/comments/register.js';
import { registerFeedRoutes } from './routes/feeds/feeds.js';
import { registerSitemapRoutes } from './routes/feeds/sitemaps.js';
import { registerHealthRoute } from './routes/health.js';
import { registerHomeRoute } from './routes/site/home.js';
import { registerListRoutes } from './routes/site/lists.js';
import { registerSectionAndArticleRoutes } from './routes/site/sections-and-articles.js';
import { createSitePages, stylesheet } from './site-pages.js';

export type BroadsheetServer = FastifyInstance & {
  pageCache: PageCache;
  /**
   * What the HTTP server runs for each request: the page cache's front, then Fastify. Tests
   * inject requests here (see test/helpers/build-test-app.ts): Fastify's own `inject` would
   * skip the front.
   */
  dispatch(request: IncomingMessage, response: ServerResponse): void;
};

export interface ServerOptions {
  /** Log each request (off in tests and benchmarks). */
  logRequests?: boolean;
}

/** Builds the Fastify app from an AppContext. Never listens: `serve` and tests decide that. */
export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<BroadsheetServer> {
  const metrics = createHttpMetrics();
  const pageCache = createPageCache({
    enabled: ctx.config.pageCache,
    changes: ctx.changes,
    content: ctx.content.readCache,
  });
  const front = createCacheFront(pageCache, metrics);
  const dispatch = (request: IncomingMessage, response: ServerResponse) => {
    if (!front(request, response)) app.routing(request, response);
  };
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: !options.logRequests }),
    // Without request logging a per-request child logger (a few % of a cached page's CPU)
    // buys nothing; errors are still logged with the URL by the error handler.
    ...(options.logRequests ? {} : { childLoggerFactory: (logger: FastifyBaseLogger) => logger }),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 500 },
    // Cached pages are answered before Fastify sees the request: the hot path.
    serverFactory: () => {
      const server = createServer(dispatch);
      // Fastify's default, which it sets only on servers it creates itself: longer than the
      // 60 s idle timeout of common load balancers, so they never reuse a closing connection.
      server.keepAliveTimeout = 72_000;
      return server;
    },
  });
  await app.register(formbody);

  const pages = createSitePages(ctx, pageCache);

  registerMetrics(app, metrics);
  // Notes when rendering starts, so that a page rendered across a change is not kept. A
  // callback hook rather than an async one: no promise per request.
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'GET') pageCache.begin(request);
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

  return Object.assign(app as FastifyInstance, { pageCache, dispatch });
}
