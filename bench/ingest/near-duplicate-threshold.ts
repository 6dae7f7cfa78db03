/*
 * Chooses the near-duplicate threshold and the LSH band layout: fingerprints every labelled pair
 * from near-duplicate-corpus.ts, looks each pair up through the index (a pair counts as found
 * only if the index makes it a candidate and its estimated similarity reaches the threshold),
 * and prints precision and recall per threshold, per shingle size and per band layout.
 * Run: node --import tsx bench/ingest/near-duplicate-threshold.ts [--shingle=N]
 */
import { DEFAULT_SHINGLE_SIZE, FINGERPRINT_HASHES, fingerprintSimilarity, fingerprintText, fingerprintTokens } from '../../src/ingest/fingerprint.js';
import { createNearDuplicateIndex, LSH_BANDS, LSH_ROWS, NEAR_DUPLICATE_MIN_SIMILARITY } from '../../src/ingest/near-duplicates.js';
import { buildPairs, loadDocs, type Pair } from './near-duplicate-corpus.js';

const shingleArg = process.argv.find((a) => a.startsWith('--shingle='));
const shingleSizes = shingleArg ? [Number(shingleArg.slice(10))] : [1, 2, 3];
const thresholds = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
const layouts: Array<[number, number]> = [
  [FINGERPRINT_HASHES / 4, 4],
  [LSH_BANDS, LSH_ROWS],
  [FINGERPRINT_HASHES / 2, 2],
];

const docs = loadDocs();
const pairs = buildPairs(docs);
const positives = pairs.filter((p) => p.duplicate).length;
console.log(`${docs.length} documents, ${pairs.length} pairs: ${positives} near-duplicates, ${pairs.length - positives} different`);
console.log(`${FINGERPRINT_HASHES} min-hashes; chosen: shingles of ${DEFAULT_SHINGLE_SIZE} words, ${LSH_BANDS} bands × ${LSH_ROWS} rows, similarity ≥ ${NEAR_DUPLICATE_MIN_SIMILARITY}`);

interface Scored extends Pair {
  /** Estimated similarity when the index made the pair a candidate, else -1. */
  found: number;
  /** Estimated similarity without the index, to show what banding loses. */
  estimate: number;
  exact: number;
}

/** Every pair looked up through an index holding every pair's first text. */
function score(shingleSize: number, bands: number, rows: number): Scored[] {
  const ids = new Map<string, string>();
  const fp = memo((text) => fingerprintText(text, { shingleSize }));
  const index = createNearDuplicateIndex({ minSimilarity: 0, bands, rows });
  for (const p of pairs) {
    if (ids.has(p.a)) continue;
    ids.set(p.a, String(ids.size));
    index.add(String(ids.size - 1), fp(p.a));
  }
  const shingles = memo((text: string) => {
    const words = fingerprintTokens(text);
    return new Set(words.slice(0, Math.max(0, words.length - shingleSize + 1)).map((_, i) => words.slice(i, i + shingleSize).join(' ')));
  });
  return pairs.map((p) => {
    const hit = index.findSimilar(fp(p.b)).find((h) => h.id === ids.get(p.a));
    return { ...p, found: hit?.similarity ?? -1, estimate: fingerprintSimilarity(fp(p.a), fp(p.b)), exact: jaccard(shingles(p.a), shingles(p.b)) };
  });
}

function memo<T>(make: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (!cache.has(text)) cache.set(text, make(text));
    return cache.get(text)!;
  };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const s of a) if (b.has(s)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

const count = (scored: Scored[], duplicate: boolean, t: number) => scored.filter((p) => p.duplicate === duplicate && p.found >= t).length;
/** Share of a kind of pair the index makes candidates: what lookups pay to compare. */
const candidateRate = (scored: Scored[], kind: string) => {
  const group = scored.filter((p) => p.kind === kind);
  return (group.filter((p) => p.found >= 0).length / group.length).toFixed(4);
};
const sCurve = (s: number, bands: number, rows: number) => 1 - (1 - s ** rows) ** bands;

for (const shingleSize of shingleSizes) {
  const scored = score(shingleSize, LSH_BANDS, LSH_ROWS);
  const chosenSize = shingleSize === DEFAULT_SHINGLE_SIZE;
  const error = scored.reduce((sum, p) => sum + Math.abs(p.estimate - p.exact), 0) / scored.length;
  console.log(`\nshingle size ${shingleSize}${chosenSize ? ' (default)' : ''}: mean |estimated − exact Jaccard| ${error.toFixed(4)}`);
  console.log(`candidates: ${candidateRate(scored, 'different articles')} of different articles, ${candidateRate(scored, 'different articles, same boilerplate')} of those sharing boilerplate`);
  console.log('similarity ≥ | TP  | FP | FN  | precision | recall | F1    | recall without LSH');
  for (const t of thresholds) {
    const tp = count(scored, true, t);
    const fp = count(scored, false, t);
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp / positives;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const unbanded = scored.filter((p) => p.duplicate && p.estimate >= t).length / positives;
    const chosen = chosenSize && t === NEAR_DUPLICATE_MIN_SIMILARITY ? '  <- chosen' : '';
    console.log(
      `${t.toFixed(2).padStart(12)} | ${String(tp).padStart(3)} | ${String(fp).padStart(2)} | ${String(positives - tp).padStart(3)} | ${precision.toFixed(3).padStart(9)} | ${recall.toFixed(3).padStart(6)} | ${f1.toFixed(3)} | ${unbanded.toFixed(3)}${chosen}`,
    );
  }
  if (!chosenSize) continue;

  console.log(`\nby kind at ≥ ${NEAR_DUPLICATE_MIN_SIMILARITY} (found: candidate and similar enough), and the estimate's spread:`);
  for (const kind of [...new Set(scored.map((p) => p.kind))]) {
    const group = scored.filter((p) => p.kind === kind);
    const estimates = group.map((p) => p.estimate).sort((a, b) => a - b);
    const pct = (q: number) => estimates[Math.min(estimates.length - 1, Math.floor(q * estimates.length))].toFixed(2);
    const found = group.filter((p) => p.found >= NEAR_DUPLICATE_MIN_SIMILARITY).length / group.length;
    console.log(`  ${kind.padEnd(46)} n=${String(group.length).padStart(5)}  found=${found.toFixed(3)}  min=${pct(0)} p10=${pct(0.1)} median=${pct(0.5)} p90=${pct(0.9)} max=${pct(1)}`);
  }

  console.log(`\nband layouts (bands × rows = ${FINGERPRINT_HASHES} min-hashes): S-curve P(candidate | Jaccard s), measured recall at ≥ ${NEAR_DUPLICATE_MIN_SIMILARITY}, and how often different articles become candidates`);
  console.log('layout | s=0.01  | s=0.05 | s=0.3 | s=0.4 | s=0.5 | recall | candidates: different | same boilerplate');
  for (const [bands, rows] of layouts) {
    const layoutScored = bands === LSH_BANDS && rows === LSH_ROWS ? scored : score(shingleSize, bands, rows);
    const curve = [0.01, 0.05, 0.3, 0.4, 0.5].map((s) => sCurve(s, bands, rows).toFixed(s < 0.1 ? 5 : 3));
    console.log(
      `${`${bands}×${rows}`.padStart(6)} | ${curve[0]} | ${curve[1]}| ${curve[2]} | ${curve[3]} | ${curve[4]} | ${(count(layoutScored, true, NEAR_DUPLICATE_MIN_SIMILARITY) / positives).toFixed(3).padStart(6)} | ${candidateRate(layoutScored, 'different articles').padStart(21)} | ${candidateRate(layoutScored, 'different articles, same boilerplate').padStart(16)}`,
    );
  }
}
