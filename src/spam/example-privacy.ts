/**
 * What a labelled example keeps of a commenter at each step: when stored, after the retention
 * days, after an erase request. Pure functions over `SpamInput`, applied by the repository.
 */
import { createHmac } from 'node:crypto';
import type { SpamInput } from './features.js';

/**
 * The key an example is filed under for export and erase requests: a keyed hash (HMAC with the
 * site's secret) of the address, trimmed and lower-cased like the comments' own. The example
 * never holds the address itself, yet a request naming it finds the example for as long as it
 * is kept. Null when there is no address or only a domain.
 */
export function exampleKey(secret: string, email: string | undefined): string | null {
  const address = email?.trim().toLowerCase() ?? '';
  if (address === '' || address.startsWith('@')) return null;
  return createHmac('sha256', secret).update(`spam-example:${address}`).digest('base64url');
}

/**
 * What a stored example keeps: the e-mail shrinks to its domain (the only part the features
 * read) and the IP address and user agent are dropped, so the examples kept to retrain the
 * model hold as little as the features allow. The live model still learns from the full input
 * once.
 */
export function forStorage(input: SpamInput): SpamInput {
  const { ip: _ip, userAgent: _userAgent, authorEmail, ...rest } = input;
  const domain = authorEmail?.split('@')[1];
  return domain ? { ...rest, authorEmail: `@${domain}` } : rest;
}

/** After the retention days the referrer goes too (and anything `forStorage` would drop); the key stays, so erase requests still find the example. */
export function withoutContext(input: SpamInput): SpamInput {
  const { referrer: _referrer, ...rest } = forStorage(input);
  return rest;
}

/** On an erase request, as the comments are anonymised: name "Anonymous", nothing else of the author. */
export function anonymised(input: SpamInput): SpamInput {
  const { authorEmail: _e, authorUrl: _u, ip: _ip, userAgent: _ua, referrer: _r, ...rest } = input;
  return { ...rest, authorName: 'Anonymous' };
}
