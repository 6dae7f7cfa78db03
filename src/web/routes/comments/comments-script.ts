import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** assets/comments.js, served with a content hash in its URL so it can be cached for good. */
export const commentsScript = readFileSync(new URL('../../../../assets/comments.js', import.meta.url), 'utf8');
export const commentsScriptHref = `/assets/comments.js?v=${createHash('sha1').update(commentsScript).digest('hex').slice(0, 10)}`;
