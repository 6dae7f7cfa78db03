import { FINGERPRINT_HASHES, type Fingerprint, mix32, parseFingerprint, signatureSimilarity } from './fingerprint.js';

/**
 * Two fingerprints whose estimated Jaccard similarity is at least this are the same story.
 * Measured by bench/ingest/near-duplicate-threshold.ts through the index on 810 rewritten and
 * 12,060 different pairs from shared/data: at 0.4 precision 0.997 and recall 0.983 (SimHash at
 * 14 bits had 0.999 / 0.919); 0.35 gives 0.998 / 0.991, 0.45 gives 0.999 / 0.956, 0.5 gives
 * 1.000 / 0.904. The false matches from 0.3 to 0.45 are two blog posts announcing one speaker
 * line-up (plain, and both wrapped in the same boilerplate); below 0.3 other pairs sharing a
 * site's boilerplate start to match (5 false matches at 0.25, 19 at 0.2). 0.4 keeps a margin above those and is where the 40 × 3 bands still find 93% of pairs;
 * a lower threshold would need two-row bands, which make a third of the articles that share a
 * site's boilerplate candidates, so lookups would grow with the site.
 */
export const NEAR_DUPLICATE_MIN_SIMILARITY = 0.4;

/**
 * LSH banding of the signature: 40 bands of 3 positions. Two texts with Jaccard similarity s
 * share a band with probability 1 − (1 − s³)⁴⁰, an S-curve that rises through 0.29
 * (≈ (1/40)^(1/3)), just under the threshold: at 0.4 a pair becomes a candidate 93% of the
 * time, at 0.5 99.5%, while at 0.05 (texts on one topic) only 0.5% and at 0.01 (unrelated)
 * 0.004%. Four rows per band lose pairs near the threshold (54% at 0.4 with 30 bands: recall
 * 0.958 against 0.983); two make 38% of the different articles that share a site's boilerplate
 * candidates, against 9% with three (bench/ingest/near-duplicate-threshold.ts).
 */
export const LSH_BANDS = 40;
export const LSH_ROWS = 3;

export interface SimilarFingerprint {
  id: string;
  /** Estimated Jaccard similarity of the two texts' shingle sets. */
  similarity: number;
}

/** What one lookup costs: buckets probed and stored fingerprints compared. */
export interface LookupCost {
  probes: number;
  candidates: number;
}

export interface NearDuplicateIndex {
  readonly size: number;
  readonly minSimilarity: number;
  /** Adds or replaces the fingerprint stored for `id`; throws on a malformed fingerprint. */
  add(id: string, fingerprint: Fingerprint): void;
  remove(id: string): boolean;
  /** Stored fingerprints sharing a band with `fingerprint` and at least `minSimilarity` similar, most similar first. */
  findSimilar(fingerprint: Fingerprint): SimilarFingerprint[];
  inspect(fingerprint: Fingerprint): LookupCost;
}

export interface NearDuplicateIndexOptions {
  /** Defaults to `NEAR_DUPLICATE_MIN_SIMILARITY`. */
  minSimilarity?: number;
  /** Band layout, `LSH_BANDS` × `LSH_ROWS` unless a benchmark compares others; bands × rows ≤ `FINGERPRINT_HASHES`. */
  bands?: number;
  rows?: number;
}

/**
 * An in-memory MinHash LSH index (Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets",
 * ch. 3). Each stored signature is cut into bands; equal bands land in the same bucket, and a
 * lookup compares only the fingerprints found in its own bands' buckets, so its cost follows how
 * many stored texts resemble the query, not how many are stored.
 *
 * Everything lives in typed arrays, since a window of 100k articles makes millions of
 * (article, band) entries, too many for Maps and arrays of arrays: signatures side by side,
 * one chained hash table shared by all bands (`heads`, a power of two, about two entries per
 * bucket when full), and one chain link per entry (`next`). A bucket can hold other bands and
 * other values, so a chain entry counts only if its band's values equal the query's.
 */
export function createNearDuplicateIndex(options: NearDuplicateIndexOptions = {}): NearDuplicateIndex {
  const minSimilarity = options.minSimilarity ?? NEAR_DUPLICATE_MIN_SIMILARITY;
  const bands = options.bands ?? LSH_BANDS;
  const rows = options.rows ?? LSH_ROWS;
  if (!(minSimilarity >= 0 && minSimilarity <= 1)) throw new RangeError('minSimilarity must be from 0 to 1');
  if (!Number.isInteger(bands) || !Number.isInteger(rows) || bands < 1 || rows < 1 || bands * rows > FINGERPRINT_HASHES) {
    throw new RangeError(`bands and rows must be positive integers with bands × rows ≤ ${FINGERPRINT_HASHES}`);
  }
  const ids: Array<string | undefined> = [];
  const slotOf = new Map<string, number>();
  const freeSlots: number[] = [];
  let capacity = 0;
  let signatures = new Uint16Array(0);
  // Entry e = slot × bands + band. Both arrays hold an entry plus one, so 0 ends a chain.
  let heads = new Int32Array(0);
  let next = new Int32Array(0);
  // seenBy[slot] === lookup number: that slot was already compared in this lookup (a slot can share several bands).
  let seenBy = new Int32Array(0);
  let lookupNumber = 0;

  function bucketOf(signature: Uint16Array, offset: number, band: number): number {
    let h = band + 1;
    for (let j = offset + band * rows, end = j + rows; j < end; j++) h = mix32(Math.imul(h, 0x9e3779b1) ^ signature[j]);
    return h & (heads.length - 1);
  }

  function sameBand(slot: number, query: Uint16Array, band: number): boolean {
    const base = slot * FINGERPRINT_HASHES + band * rows;
    for (let j = 0; j < rows; j++) if (signatures[base + j] !== query[band * rows + j]) return false;
    return true;
  }

  function link(slot: number): void {
    for (let band = 0; band < bands; band++) {
      const bucket = bucketOf(signatures, slot * FINGERPRINT_HASHES, band);
      const entry = slot * bands + band;
      next[entry] = heads[bucket];
      heads[bucket] = entry + 1;
    }
  }

  function unlink(slot: number): void {
    for (let band = 0; band < bands; band++) {
      const bucket = bucketOf(signatures, slot * FINGERPRINT_HASHES, band);
      const entry = slot * bands + band;
      if (heads[bucket] === entry + 1) {
        heads[bucket] = next[entry];
        continue;
      }
      let before = heads[bucket] - 1;
      while (next[before] !== entry + 1) before = next[before] - 1;
      next[before] = next[entry];
    }
  }

  /** Doubles the slots and rebuilds the table for them, keeping chains short. */
  function grow(): void {
    capacity = Math.max(1024, capacity * 2);
    const grown = new Uint16Array(capacity * FINGERPRINT_HASHES);
    grown.set(signatures);
    signatures = grown;
    const grownSeen = new Int32Array(capacity);
    grownSeen.set(seenBy);
    seenBy = grownSeen;
    next = new Int32Array(capacity * bands);
    heads = new Int32Array(2 ** Math.ceil(Math.log2((capacity * bands) / 2)));
    ids.forEach((id, slot) => {
      if (id !== undefined) link(slot);
    });
  }

  /** Calls `visit` once for each stored slot that shares a band with `query`; returns the buckets probed. */
  function eachCandidate(query: Uint16Array, visit: (slot: number) => void): number {
    if (capacity === 0) return 0;
    if (lookupNumber === 0x7fffffff) {
      seenBy.fill(0);
      lookupNumber = 0;
    }
    const stamp = ++lookupNumber;
    for (let band = 0; band < bands; band++) {
      for (let entry = heads[bucketOf(query, 0, band)] - 1; entry >= 0; entry = next[entry] - 1) {
        const slot = (entry / bands) | 0;
        if (entry - slot * bands !== band || seenBy[slot] === stamp || !sameBand(slot, query, band)) continue;
        seenBy[slot] = stamp;
        visit(slot);
      }
    }
    return bands;
  }

  const index: NearDuplicateIndex = {
    get size() {
      return slotOf.size;
    },
    minSimilarity,
    add(id, fingerprint) {
      const values = parseFingerprint(fingerprint);
      index.remove(id);
      const slot = freeSlots.pop() ?? ids.length;
      if (slot >= capacity) grow();
      ids[slot] = id;
      signatures.set(values, slot * FINGERPRINT_HASHES);
      slotOf.set(id, slot);
      link(slot);
    },
    remove(id) {
      const slot = slotOf.get(id);
      if (slot === undefined) return false;
      unlink(slot);
      ids[slot] = undefined;
      slotOf.delete(id);
      freeSlots.push(slot);
      return true;
    },
    findSimilar(fingerprint) {
      const query = parseFingerprint(fingerprint);
      const found: SimilarFingerprint[] = [];
      eachCandidate(query, (slot) => {
        const similarity = signatureSimilarity(signatures, query, slot * FINGERPRINT_HASHES);
        if (similarity >= minSimilarity) found.push({ id: ids[slot]!, similarity });
      });
      return found.sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id));
    },
    inspect(fingerprint) {
      let candidates = 0;
      const probes = eachCandidate(parseFingerprint(fingerprint), () => candidates++);
      return { probes, candidates };
    },
  };
  return index;
}
