import type { ArticleFilingService } from '../content/index.js';
import type { Clock } from '../shared/clock.js';
import { type Fingerprint, isFingerprint } from './fingerprint.js';
import { createNearDuplicateIndex, type NearDuplicateIndex } from './near-duplicates.js';

/**
 * Only articles this recent are compared: agencies send the same story within days, and the
 * window bounds the index's memory (about 0.7 KB an article, bench/ingest/near-duplicate-lookup.ts)
 * and keeps an old story from swallowing a new one that repeats much of it.
 */
export const NEAR_DUPLICATE_WINDOW_DAYS = 7;

export interface NearDuplicateMatch {
  articleId: number;
  sourceId: number | null;
  similarity: number;
}

/**
 * The near-duplicate index over recent articles' fingerprints, filled from the database on
 * first use and topped up before each poll with articles added since (by id, so other
 * processes' articles are seen too); articles older than the window are dropped. An article
 * whose insert committed out of id order in another process can be missed until restart; that
 * only risks showing a story twice. Fingerprints in another format (the 16-hex SimHash stored
 * before MinHash) are left out: those articles go unmatched until they leave the window.
 */
export function createFingerprintStore(filing: Pick<ArticleFilingService, 'fingerprintsAfter'>, clock: Clock, windowDays = NEAR_DUPLICATE_WINDOW_DAYS) {
  const index: NearDuplicateIndex = createNearDuplicateIndex();
  const sourceOf = new Map<number, number | null>();
  // In the order added (ids and times both grow), so the oldest are at the front.
  const added: Array<{ id: number; at: number }> = [];
  let loadedUpTo = 0;
  const windowMs = windowDays * 86_400_000;

  function evict(): void {
    const cutoff = clock.now().getTime() - windowMs;
    let drop = 0;
    while (drop < added.length && added[drop].at < cutoff) {
      index.remove(String(added[drop].id));
      sourceOf.delete(added[drop].id);
      drop++;
    }
    if (drop) added.splice(0, drop);
  }

  function put(articleId: number, fingerprint: Fingerprint, sourceId: number | null, at: number): void {
    index.add(String(articleId), fingerprint);
    sourceOf.set(articleId, sourceId);
    added.push({ id: articleId, at });
  }

  return {
    get size() {
      return index.size;
    },

    async refresh(): Promise<void> {
      const since = new Date(clock.now().getTime() - windowMs);
      for (;;) {
        const batch = await filing.fingerprintsAfter(loadedUpTo, since, 5000);
        for (const row of batch) {
          if (isFingerprint(row.fingerprint)) put(row.id, row.fingerprint, row.sourceId, row.createdAt.getTime());
          loadedUpTo = Math.max(loadedUpTo, row.id);
        }
        if (batch.length < 5000) break;
      }
      evict();
    },

    /** The most similar stored article at or above the threshold, other than `excludeId`. */
    nearest(fingerprint: Fingerprint, excludeId?: number): NearDuplicateMatch | undefined {
      for (const hit of index.findSimilar(fingerprint)) {
        const articleId = Number(hit.id);
        if (articleId === excludeId) continue;
        return { articleId, sourceId: sourceOf.get(articleId) ?? null, similarity: hit.similarity };
      }
      return undefined;
    },

    /** Records an article this process just wrote (the next refresh may add it again: harmless). */
    add(articleId: number, fingerprint: Fingerprint | null, sourceId: number): void {
      if (fingerprint) put(articleId, fingerprint, sourceId, clock.now().getTime());
    },
  };
}

export type FingerprintStore = ReturnType<typeof createFingerprintStore>;
