/*
 * Per-lookup cost of the near-duplicate index with 1k, 10k and 100k stored fingerprints:
 * buckets probed, fingerprints compared, and wall time per lookup (informative only).
 * Run: node --import tsx bench/ingest/near-duplicate-lookup.ts
 */
import { createNearDuplicateIndex, NEAR_DUPLICATE_MAX_DISTANCE } from '../../src/ingest/near-duplicates.js';
import { random } from './near-duplicate-corpus.js';

const rnd = random(7);
const randomFingerprint = () =>
  Math.floor(rnd() * 2 ** 32).toString(16).padStart(8, '0') + Math.floor(rnd() * 2 ** 32).toString(16).padStart(8, '0');

/** A fingerprint `bits` bits away from `fp`, to check near matches are still found. */
function flip(fp: string, bits: number): string {
  let hi = Number.parseInt(fp.slice(0, 8), 16);
  let lo = Number.parseInt(fp.slice(8), 16);
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(rnd() * 64));
  for (const bit of chosen) {
    if (bit < 32) hi ^= 1 << bit;
    else lo ^= 1 << (bit - 32);
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

console.log(`max distance ${NEAR_DUPLICATE_MAX_DISTANCE}; 1,000 lookups per size (half of them have a planted near-duplicate)`);
console.log('stored  | probes/lookup | compared/lookup | compared/stored | µs/lookup | planted found');
for (const size of [1_000, 10_000, 100_000]) {
  const index = createNearDuplicateIndex();
  const stored: string[] = [];
  for (let i = 0; i < size; i++) {
    const fp = randomFingerprint();
    stored.push(fp);
    index.add(`a${i}`, fp);
  }
  const queries = Array.from({ length: 1_000 }, (_, i) =>
    i % 2 === 0 ? { fp: flip(stored[Math.floor(rnd() * size)], 1 + (i % NEAR_DUPLICATE_MAX_DISTANCE)), planted: true } : { fp: randomFingerprint(), planted: false },
  );
  let probes = 0;
  let compared = 0;
  for (const q of queries) {
    const cost = index.inspect(q.fp);
    probes += cost.probes;
    compared += cost.candidates;
  }
  const start = process.hrtime.bigint();
  let found = 0;
  for (const q of queries) if (index.findSimilar(q.fp).length > 0 && q.planted) found++;
  const micros = Number(process.hrtime.bigint() - start) / 1000 / queries.length;
  console.log(
    `${String(size).padStart(7)} | ${String(probes / queries.length).padStart(13)} | ${(compared / queries.length).toFixed(1).padStart(15)} | ${(compared / queries.length / size).toFixed(4).padStart(15)} | ${micros.toFixed(1).padStart(9)} | ${found}/500`,
  );
}
