/*
 * Per-lookup cost of the near-duplicate index with 1k, 10k and 100k stored fingerprints:
 * buckets probed, fingerprints compared, wall time per lookup (informative only) and the
 * index's memory (its typed arrays, after a garbage collection). Stored texts are synthetic
 * articles of 200–400 content words drawn from a Zipf-distributed vocabulary, so common word
 * pairs recur across texts as they do in news.
 * Run: node --import tsx bench/ingest/near-duplicate-lookup.ts
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fingerprintOfTokens } from '../../src/ingest/fingerprint.js';
import { createNearDuplicateIndex, LSH_BANDS, LSH_ROWS, NEAR_DUPLICATE_MIN_SIMILARITY } from '../../src/ingest/near-duplicates.js';
import { random } from './near-duplicate-corpus.js';

const VOCABULARY = 30_000;
const LOOKUPS = 1_000;
const ROUNDS = 5;
const rnd = random(7);
const vocabulary = Array.from({ length: VOCABULARY }, (_, i) => `w${i.toString(36)}`);
// Zipf with exponent 1 past the ten most frequent ranks (stop words, which fingerprints drop):
// word i is drawn with weight 1/(i+11), by binary search over the cumulative weights.
const cumulative = new Float64Array(VOCABULARY);
for (let i = 0, sum = 0; i < VOCABULARY; i++) cumulative[i] = sum += 1 / (i + 11);
// The bench is started without --expose-gc; this makes `gc` available so the memory column counts live arrays only.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function word(): string {
  const target = rnd() * cumulative[VOCABULARY - 1];
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo];
}

const article = () => Array.from({ length: 200 + Math.floor(rnd() * 200) }, word);
/** Another source's version: a tenth of the words dropped and a tenth replaced (Jaccard ≈ 0.55 over word pairs). */
const rewrite = (words: string[]) => words.filter(() => rnd() >= 0.1).map((w) => (rnd() < 0.1 ? word() : w));

console.log(
  `similarity ≥ ${NEAR_DUPLICATE_MIN_SIMILARITY}, ${LSH_BANDS} bands × ${LSH_ROWS} rows; ${LOOKUPS} lookups per size (half of them rewrites of a stored text), fastest of ${ROUNDS} timed rounds`,
);
console.log('stored  | probes/lookup | compared/lookup | compared/stored | µs/lookup | planted found | index MB');
const index = createNearDuplicateIndex();
const stored: string[][] = [];
gc();
const baseline = process.memoryUsage().arrayBuffers;
for (const size of [1_000, 10_000, 100_000]) {
  while (stored.length < size) {
    const words = article();
    index.add(`a${stored.length}`, fingerprintOfTokens(words));
    stored.push(words);
  }
  const queries = Array.from({ length: LOOKUPS }, (_, i) => {
    const target = Math.floor(rnd() * size);
    return i % 2 === 0 ? { fp: fingerprintOfTokens(rewrite(stored[target])), planted: `a${target}` } : { fp: fingerprintOfTokens(article()), planted: undefined };
  });
  let probes = 0;
  let compared = 0;
  for (const q of queries) {
    const cost = index.inspect(q.fp);
    probes += cost.probes;
    compared += cost.candidates;
  }
  let found = 0;
  for (const q of queries) if (q.planted && index.findSimilar(q.fp).some((hit) => hit.id === q.planted)) found++;
  // The fastest round: other work on a shared machine only ever adds time.
  let micros = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (const q of queries) index.findSimilar(q.fp);
    micros = Math.min(micros, Number(process.hrtime.bigint() - start) / 1000 / LOOKUPS);
  }
  gc();
  gc();
  const megabytes = (process.memoryUsage().arrayBuffers - baseline) / 1024 / 1024;
  console.log(
    `${String(size).padStart(7)} | ${String(probes / LOOKUPS).padStart(13)} | ${(compared / LOOKUPS).toFixed(2).padStart(15)} | ${(compared / LOOKUPS / size).toFixed(6).padStart(15)} | ${micros.toFixed(1).padStart(9)} | ${`${found}/${LOOKUPS / 2}`.padStart(13)} | ${megabytes.toFixed(1).padStart(8)}`,
  );
}
