import lightMyRequest, { type InjectOptions, type Response } from 'light-my-request';
import type { BroadsheetServer } from '../../src/web/server.js';

/**
 * Injects a request the way a listening server receives it: through the page cache's front,
 * then Fastify. Fastify's own `app.inject` starts at Fastify, so it would never see a cached page.
 */
export async function inject(app: BroadsheetServer, options: InjectOptions | string): Promise<Response> {
  // As app.inject does: plugins and routes are loaded on the first request.
  await app.ready();
  return lightMyRequest(app.dispatch, options);
}
