import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../boot.js';
import { pingDatabase } from '../../db/ping.js';

/** 200 when the database answers, 503 when it does not: what a load balancer probes. */
export function registerHealthRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await pingDatabase(ctx.db);
      return { status: 'ok', database: 'ok' };
    } catch (error) {
      ctx.log.warn({ err: error }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });
}
