import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../boot.js';
import { BroadsheetError, type ErrorKind } from '../shared/errors.js';
import type { SitePages } from './site-pages.js';
import { ErrorPage } from './views/error-page.js';
import { renderPage } from './views/render.js';

const statusByKind: Record<ErrorKind, number> = {
  not_found: 404,
  invalid: 400,
  forbidden: 403,
  conflict: 409,
  unavailable: 503,
};

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

/**
 * One place turns errors into answers: a BroadsheetError's kind picks the status and its
 * userMessage is shown; anything else is a 500 whose details stay in the log.
 */
export function registerErrorHandling(app: FastifyInstance, ctx: AppContext, pages: SitePages): void {
  const respond = async (request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string | undefined) => {
    if (wantsJson(request)) {
      return reply.code(status).header('cache-control', 'no-store').send({ error: { code, message: message ?? 'Internal error' } });
    }
    let body: string;
    try {
      body = renderPage(<ErrorPage chrome={await pages.chrome()} status={status} message={message} />);
    } catch {
      body = `<!doctype html><title>Error ${status}</title><h1>Error ${status}</h1>`;
    }
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  };

  app.setErrorHandler(async (error: FastifyError | BroadsheetError, request, reply) => {
    if (error instanceof BroadsheetError) {
      const status = statusByKind[error.kind];
      if (status >= 500) request.log.warn({ err: error, code: error.code }, error.message);
      return respond(request, reply, status, error.code, error.userMessage);
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) ctx.log.error({ err: error, url: request.url }, 'request failed');
    return respond(request, reply, status, error.code ?? 'INTERNAL', status < 500 ? error.message : undefined);
  });

  app.setNotFoundHandler(async (request, reply) => respond(request, reply, 404, 'NOT_FOUND', wantsJson(request) ? 'No such resource' : undefined));
}
