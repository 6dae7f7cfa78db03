import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../../boot.js';
import { registerArticleEditorRoutes } from './article-editor-routes.js';
import { registerArticleListRoute } from './article-list-route.js';
import { registerRevisionRestoreRoute } from './revision-restore-route.js';

/** The Articles screens: the list, the editor, and restoring revisions. */
export function registerArticleRoutes(app: FastifyInstance, ctx: AppContext): void {
  registerArticleListRoute(app, ctx);
  registerArticleEditorRoutes(app, ctx);
  registerRevisionRestoreRoute(app, ctx);
}
