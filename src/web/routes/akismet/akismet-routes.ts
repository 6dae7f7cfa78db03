import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../boot.js';
import { type AkismetAnswer, type AkismetEndpoint, KEY_PATTERN, toFields } from '../../../spam/index.js';

/** Akismet refuses nothing by status except what it cannot read: these are the only non-200s. */
const BODY_LIMIT = 64 * 1024;
const KEY_LABEL = /^[a-z0-9]{12}\./i;

const paths: ReadonlyArray<[string, AkismetEndpoint]> = [
  ['1.1/verify-key', 'verify-key'],
  ['1.1/comment-check', 'comment-check'],
  ['1.1/submit-spam', 'submit-spam'],
  ['1.1/submit-ham', 'submit-ham'],
  ['1.1/get-stats', 'get-stats'],
  ['1.2/usage-limit', 'usage-limit'],
];

function send(reply: FastifyReply, answer: AkismetAnswer) {
  return reply.code(200).header('cache-control', 'no-store').headers(answer.headers).type(answer.type).send(answer.body);
}

/**
 * The Akismet REST API: every path under `/akismet/`, and the same paths at the root when the
 * Host's first label is a key (`KEY.news.example/1.1/comment-check`, as the `akismet-api`
 * client and Discourse call it). The root routes carry a host constraint, so on the site's
 * own name they do not exist and the site's routes answer as before.
 */
export function registerAkismetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const siteHost = new URL(ctx.baseUrl).hostname.toLowerCase();

  const hostKey = (request: FastifyRequest): string | undefined => {
    const host = (request.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (host === siteHost) return undefined;
    const label = host.split('.')[0];
    return KEY_PATTERN.test(label) && host.includes('.') ? label : undefined;
  };

  const errorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const plain = (status: number, body: string) => reply.code(status).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(body);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return plain(413, `Request body larger than ${BODY_LIMIT} bytes.`);
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return plain(400, 'Request body could not be read: send application/x-www-form-urlencoded fields.');
    }
    request.log.error({ err: error }, 'Akismet request failed');
    return plain(500, 'Internal error.');
  };

  for (const [path, endpoint] of paths) {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const fields = toFields(request.body);
      if (!fields) return reply.code(400).type('text/plain; charset=utf-8').send('Request body must be form fields.');
      return send(reply, await ctx.spam.akismet.answer({ endpoint, fields, hostKey: hostKey(request) }));
    };
    app.post(`/akismet/${path}`, { bodyLimit: BODY_LIMIT, errorHandler }, handler);
    app.post(`/${path}`, { bodyLimit: BODY_LIMIT, errorHandler, constraints: { host: KEY_LABEL } }, handler);
  }
}
