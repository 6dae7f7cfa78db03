import { type Fingerprint, fingerprintHalves, popcount32 } from './fingerprint.js';

/**
 * Two fingerprints at most this many bits apart are the same story. Measured by
 * bench/ingest/near-duplicate-threshold.ts on 810 rewritten and 12,060 different pairs from
 * shared/data: at 14 bits precision 0.999 (1 false match: two short, unrelated blog posts) and
 * recall 0.919; 13 bits gives 1.000 / 0.878, 15 gives 0.999 / 0.942, and from 16 false
 * matches climb (10, then 18, 39). We stop one step before that knee because a false match
 * hides a distinct story, while a missed duplicate only shows a story twice.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 14;

const BANDS = 4;
const BAND_BITS = 16;

export interface SimilarFingerprint {
  id: string;
  /** 1 − distance/64. */
  similarity: number;
  distance: number;
}

/** What one lookup costs: buckets probed and stored fingerprints compared. */
export interface LookupCost {
  probes: number;
  candidates: number;
}

export interface NearDuplicateIndex {
  readonly size: number;
  readonly maxDistance: number;
  /** Adds or replaces the fingerprint stored for `id`. */
  add(id: string, fingerprint: Fingerprint): void;
  remove(id: string): boolean;
  /** Every stored fingerprint within `maxDistance` bits, nearest first. */
  findSimilar(fingerprint: Fingerprint): SimilarFingerprint[];
  inspect(fingerprint: Fingerprint): LookupCost;
  /** The plain form to persist: one `[id, fingerprint]` per entry (the fingerprint is 16 hex chars). */
  toJSON(): Array<[string, Fingerprint]>;
}

export interface NearDuplicateIndexOptions {
  /** Defaults to `NEAR_DUPLICATE_MAX_DISTANCE`; at most 19 (four bands, radius 4 each). */
  maxDistance?: number;
  /** Entries to load, e.g. the (id, fingerprint) rows of recent articles. */
  entries?: Iterable<readonly [string, Fingerprint]>;
}

/**
 * An in-memory multi-index over 64-bit fingerprints (Norouzi et al., "Fast Search in Hamming
 * Space with Multi-Index Hashing"). The 64 bits are cut into four 16-bit bands, each a hash table.
 * If two fingerprints are within d bits, some band differs in at most ⌊d/4⌋ bits (pigeonhole), so
 * probing each band's value and its neighbours within that radius finds every match exactly,
 * while comparing only the fingerprints in those buckets instead of all of them. With random
 * fingerprints a lookup at 14 bits compares about 4% of the stored ones, each a two-word
 * XOR and popcount; past about a million entries wider bands (three of ~21 bits) would pay off.
 */
export function createNearDuplicateIndex(options: NearDuplicateIndexOptions = {}): NearDuplicateIndex {
  const maxDistance = options.maxDistance ?? NEAR_DUPLICATE_MAX_DISTANCE;
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance >= BANDS * 5) {
    throw new RangeError(`maxDistance must be an integer from 0 to ${BANDS * 5 - 1}`);
  }
  const masks = masksWithin(Math.floor(maxDistance / BANDS));
  // Slots hold the entries; the band tables are plain arrays indexed by the 16-bit band value.
  const tables = Array.from({ length: BANDS }, () => new Array<number[] | undefined>(1 << BAND_BITS));
  const ids: Array<string | undefined> = [];
  // Typed arrays: halves above 2^31 would otherwise be boxed doubles, one pointer chase each.
  let his: Uint32Array = new Uint32Array(1024);
  let los: Uint32Array = new Uint32Array(1024);
  const fingerprints: string[] = [];
  const freeSlots: number[] = [];
  const slotOf = new Map<string, number>();

  const bandsOf = (hi: number, lo: number): number[] => [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];

  /** Calls `visit` for every slot in a probed bucket (a slot can come up once per band). */
  function probe(fingerprint: Fingerprint, visit: (slot: number, hi: number, lo: number) => void): number {
    const [hi, lo] = fingerprintHalves(fingerprint);
    let probes = 0;
    bandsOf(hi, lo).forEach((value, band) => {
      const table = tables[band];
      for (const mask of masks) {
        probes++;
        const bucket = table[value ^ mask];
        if (bucket) for (const slot of bucket) visit(slot, hi, lo);
      }
    });
    return probes;
  }

  const index: NearDuplicateIndex = {
    get size() {
      return slotOf.size;
    },
    maxDistance,
    add(id, fingerprint) {
      index.remove(id);
      const [hi, lo] = fingerprintHalves(fingerprint);
      const slot = freeSlots.pop() ?? ids.length;
      if (slot >= his.length) {
        his = grow(his);
        los = grow(los);
      }
      ids[slot] = id;
      his[slot] = hi;
      los[slot] = lo;
      fingerprints[slot] = fingerprint.toLowerCase();
      slotOf.set(id, slot);
      bandsOf(hi, lo).forEach((value, band) => {
        const bucket = tables[band][value];
        if (bucket) bucket.push(slot);
        else tables[band][value] = [slot];
      });
    },
    remove(id) {
      const slot = slotOf.get(id);
      if (slot === undefined) return false;
      bandsOf(his[slot], los[slot]).forEach((value, band) => {
        const bucket = tables[band][value]!;
        bucket.splice(bucket.indexOf(slot), 1);
        if (bucket.length === 0) tables[band][value] = undefined;
      });
      ids[slot] = undefined;
      slotOf.delete(id);
      freeSlots.push(slot);
      return true;
    },
    findSimilar(fingerprint) {
      const found = new Map<number, number>();
      probe(fingerprint, (slot, hi, lo) => {
        const distance = popcount32(hi ^ his[slot]) + popcount32(lo ^ los[slot]);
        if (distance <= maxDistance) found.set(slot, distance);
      });
      return [...found]
        .map(([slot, distance]) => ({ id: ids[slot]!, distance, similarity: 1 - distance / 64 }))
        .sort((a, b) => a.distance - b.distance || a.id.localeCompare(b.id));
    },
    inspect(fingerprint) {
      const seen = new Set<number>();
      const probes = probe(fingerprint, (slot) => seen.add(slot));
      return { probes, candidates: seen.size };
    },
    toJSON() {
      return [...slotOf].map(([id, slot]) => [id, fingerprints[slot]]);
    },
  };
  for (const [id, fingerprint] of options.entries ?? []) index.add(id, fingerprint);
  return index;
}

function grow(array: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Every 16-bit mask with at most `radius` bits set. */
function masksWithin(radius: number): number[] {
  const masks: number[] = [];
  for (let mask = 0; mask < 1 << BAND_BITS; mask++) if (popcount32(mask) <= radius) masks.push(mask);
  return masks;
}
