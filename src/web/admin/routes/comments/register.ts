import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../boot.js';
import { registerCommentEditRoutes } from './edit-routes.js';
import { registerQueueRoutes } from './queue-routes.js';

/** The comment moderation screens under /admin/comments. */
export function registerCommentRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerQueueRoutes(app, ctx);
  registerCommentEditRoutes(app, ctx);
}
