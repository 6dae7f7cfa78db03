/**
 * The Akismet REST API's behaviour over the site's classifier: the wire format out. Every
 * answer is a value the HTTP layer sends with status 200, as Akismet does: failures are in the
 * body (`invalid`, `false`) and in `X-akismet-debug-help` / `X-akismet-error` headers.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/dialect.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { SpamService } from '../spam-service.js';
import type { AkismetKeyRow } from './akismet-key-repository.js';
import { type AkismetKeyService, createAkismetKeyService, type StatsPeriod } from './akismet-keys.js';
import { type AkismetFields, keyFromFields, toCommentRequest } from './wire-format.js';

export const AKISMET_ENDPOINTS = ['verify-key', 'comment-check', 'submit-spam', 'submit-ham', 'get-stats', 'usage-limit'] as const;
export type AkismetEndpoint = (typeof AKISMET_ENDPOINTS)[number];

export interface AkismetRequest {
  endpoint: AkismetEndpoint;
  fields: AkismetFields;
  /** The first label of the Host header when it has a key's shape. */
  hostKey?: string;
}

export interface AkismetAnswer {
  body: string;
  type: 'text/plain; charset=utf-8' | 'application/json; charset=utf-8';
  headers: Record<string, string>;
}

export const THANKS = 'Thanks for making the web a better place.';
const PERIODS: readonly StatsPeriod[] = ['60-days', '6-months', 'all'];

const plain = (body: string, headers: Record<string, string> = {}): AkismetAnswer => ({ body, type: 'text/plain; charset=utf-8', headers });
const json = (value: unknown): AkismetAnswer => ({ body: JSON.stringify(value), type: 'application/json; charset=utf-8', headers: {} });

export interface AkismetService {
  readonly keys: AkismetKeyService;
  answer(request: AkismetRequest): Promise<AkismetAnswer>;
}

export function createAkismetService(deps: { db: Db; clock: Clock; log: Logger; spam: Pick<SpamService, 'classify' | 'learn'> }): AkismetService {
  const { spam } = deps;
  const log = deps.log.child({ module: 'akismet' });
  const keys = createAkismetKeyService(deps);

  /** The key or the answer refusing it. */
  async function authenticate(request: AkismetRequest): Promise<{ key: AkismetKeyRow } | { refused: AkismetAnswer }> {
    const given = keyFromFields(request.fields) ?? request.hostKey;
    if (!given) {
      return { refused: plain('invalid', { 'x-akismet-debug-help': 'Empty "api_key" value: send the key as api_key, key, or the first label of the Host name.' }) };
    }
    const found = await keys.check(given);
    if (found.kind === 'unknown') return { refused: plain('invalid', { 'x-akismet-debug-help': 'We were unable to verify your API key.' }) };
    if (found.kind === 'revoked') return { refused: plain('invalid', { 'x-akismet-error': 'This API key has been revoked.' }) };
    if (!keys.take(found.key)) {
      const help = `Rate limit of ${found.key.rateLimit} requests a minute exceeded for this key; try again in a minute.`;
      return { refused: plain(request.endpoint === 'comment-check' ? 'false' : 'invalid', { 'x-akismet-debug-help': help }) };
    }
    return { key: found.key };
  }

  // A counter that fails to update is logged, never a reason to fail the answer.
  async function record(key: AkismetKeyRow, delta: Parameters<AkismetKeyService['record']>[1]): Promise<void> {
    try {
      await keys.record(key, delta);
    } catch (error) {
      log.error({ err: error, keyId: key.id }, 'Akismet key counters not updated');
    }
  }

  function missing(fields: AkismetFields, names: readonly string[]): AkismetAnswer | undefined {
    const name = names.find((n) => !fields[n]?.trim());
    return name ? plain(`Missing required field: ${name}.`, { 'x-akismet-debug-help': `Empty "${name}" value` }) : undefined;
  }

  async function commentCheck(key: AkismetKeyRow, fields: AkismetFields): Promise<AkismetAnswer> {
    const lacking = missing(fields, ['blog', 'user_ip']);
    if (lacking) return lacking;
    const request = toCommentRequest(fields);
    let isSpam: boolean;
    let isBlatant = false;
    const headers: Record<string, string> = {};
    if (request.isAdministrator) {
      isSpam = false;
    } else if (request.isTestSpam) {
      isSpam = true;
    } else {
      try {
        const result = await spam.classify(request.input);
        isSpam = result.isSpam || !!request.input.honeypotFilled;
        isBlatant = result.isBlatant;
      } catch (error) {
        log.error({ err: error }, 'spam classifier failed; answered false');
        return plain('false', { 'x-akismet-debug-help': 'The spam classifier failed on this request; the comment was not checked.' });
      }
    }
    if (isBlatant) headers['x-akismet-pro-tip'] = 'discard';
    if (!request.isTest && !request.recheckReason) await record(key, { checks: 1, [isSpam ? 'spam' : 'ham']: 1 });
    return plain(isSpam ? 'true' : 'false', headers);
  }

  async function submit(key: AkismetKeyRow, fields: AkismetFields, label: 'spam' | 'ham'): Promise<AkismetAnswer> {
    const lacking = missing(fields, ['blog']);
    if (lacking) return lacking;
    const request = toCommentRequest(fields);
    if (request.isTest) return plain(THANKS);
    await spam.learn(request.input, label, 'api');
    await record(key, label === 'spam' ? { missed_spam: 1 } : { false_positives: 1 });
    return plain(THANKS);
  }

  async function answer(request: AkismetRequest): Promise<AkismetAnswer> {
    const auth = await authenticate(request);
    if ('refused' in auth) return auth.refused;
    const { key } = auth;
    const { fields } = request;
    switch (request.endpoint) {
      case 'verify-key':
        return plain('valid');
      case 'comment-check':
        return commentCheck(key, fields);
      case 'submit-spam':
        return submit(key, fields, 'spam');
      case 'submit-ham':
        return submit(key, fields, 'ham');
      case 'get-stats': {
        const period = (fields.from ?? 'all') as StatsPeriod;
        if (!PERIODS.includes(period)) {
          return plain('invalid', { 'x-akismet-debug-help': `Unknown "from" value "${fields.from}": use 60-days, 6-months or all.` });
        }
        return json(await keys.stats(key, period));
      }
      case 'usage-limit':
        return json(await keys.usage(key));
    }
  }

  return {
    keys,
    async answer(request) {
      let answered: AkismetAnswer;
      try {
        answered = await answer(request);
      } catch (error) {
        // A comment-check is answered whatever fails (the database, say); the rest may fail loudly.
        if (request.endpoint !== 'comment-check') throw error;
        log.error({ err: error }, 'comment-check failed; answered false');
        answered = plain('false', { 'x-akismet-debug-help': 'The comment could not be checked; try again later.' });
      }
      // Every comment-check carries a GUID, refusals included, as Akismet's do.
      if (request.endpoint === 'comment-check') answered.headers['x-akismet-guid'] = randomUUID();
      return answered;
    },
  };
}
