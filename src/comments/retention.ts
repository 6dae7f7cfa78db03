import { systemActor } from '../shared/actor.js';
import type { CommentServiceDeps } from './comment-deps.js';
import { createCommentRepository } from './comment-repository.js';
import type { CommentSettingsStore } from './comment-settings-store.js';

const DAY_MS = 86_400_000;

export interface RetentionResult {
  /** Comments whose IP address, user agent and referrer were erased. */
  networkDataErased: number;
  /** Spam and trash deleted for good. */
  purged: number;
  /** Spam filter training examples whose referrer was erased (they never keep the IP address, user agent or e-mail local part). */
  spamExamplesErased: number;
}

/**
 * The daily privacy job: erases IP, user agent and referrer from comments older than
 * `retentionDays`, and the referrer from spam filter training examples stored before then
 * (they never keep the rest, see src/spam/example-privacy.ts); deletes spam and trash that has
 * been there longer than `purgeAfterDays` (counted from when it was moved there, or from its
 * arrival if it was never moderated).
 * Idempotent: a second run the same day changes nothing. Audited when it changed anything.
 */
export async function runCommentRetention(deps: CommentServiceDeps, settingsStore: CommentSettingsStore, now = deps.clock.now()): Promise<RetentionResult> {
  const settings = await settingsStore.get();
  const eraseBefore = new Date(now.getTime() - settings.retentionDays * DAY_MS).toISOString();
  const purgeBefore = new Date(now.getTime() - settings.purgeAfterDays * DAY_MS).toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const repo = createCommentRepository(trx);
    const networkDataErased = await repo.eraseNetworkDataBefore(eraseBefore);
    const purged = await repo.deleteWithReparent(await repo.idsOfDiscardedBefore(purgeBefore));
    const spamExamplesErased = (await deps.trainingData?.eraseContextBefore(trx, eraseBefore)) ?? 0;
    const counts = { networkDataErased, purged, spamExamplesErased };
    if (networkDataErased + purged + spamExamplesErased > 0) {
      await deps.audit.record(trx, systemActor('comment-retention'), 'comments.retention', { type: 'comments', id: 'retention' }, counts);
    }
    return counts;
  });
  // Purged comments may have had replies that now hang elsewhere.
  if (result.purged > 0) deps.changes.notify('comments');
  return result;
}
