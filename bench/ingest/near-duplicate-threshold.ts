/*
 * Chooses the near-duplicate threshold: fingerprints every labelled pair from
 * near-duplicate-corpus.ts and prints precision and recall per Hamming distance.
 * Run: node --import tsx bench/ingest/near-duplicate-threshold.ts [--shingle=N]
 */
import { DEFAULT_SHINGLE_SIZE, fingerprintText, hammingDistance } from '../../src/ingest/fingerprint.js';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../../src/ingest/near-duplicates.js';
import { buildPairs, loadDocs } from './near-duplicate-corpus.js';

const shingleArg = process.argv.find((a) => a.startsWith('--shingle='));
const shingleSizes = shingleArg ? [Number(shingleArg.slice(10))] : [1, 2, 3];

const docs = loadDocs();
const pairs = buildPairs(docs);
const positives = pairs.filter((p) => p.duplicate).length;
console.log(`${docs.length} documents, ${pairs.length} pairs: ${positives} near-duplicates, ${pairs.length - positives} different`);

for (const shingleSize of shingleSizes) {
  const cache = new Map<string, string>();
  const fp = (text: string) => {
    const known = cache.get(text);
    if (known !== undefined) return known;
    const value = fingerprintText(text, { shingleSize });
    cache.set(text, value);
    return value;
  };
  const scored = pairs.map((p) => ({ ...p, distance: hammingDistance(fp(p.a), fp(p.b)) }));
  const mark = shingleSize === DEFAULT_SHINGLE_SIZE ? ' (default)' : '';
  console.log(`\nshingle size ${shingleSize}${mark}`);
  console.log('max distance | TP  | FP | FN  | precision | recall | F1');
  for (let k = 0; k <= 24; k += 1) {
    const tp = scored.filter((p) => p.duplicate && p.distance <= k).length;
    const fp = scored.filter((p) => !p.duplicate && p.distance <= k).length;
    const fn = positives - tp;
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp / positives;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const chosen = k === NEAR_DUPLICATE_MAX_DISTANCE && shingleSize === DEFAULT_SHINGLE_SIZE ? '  <- chosen' : '';
    console.log(
      `${String(k).padStart(12)} | ${String(tp).padStart(3)} | ${String(fp).padStart(2)} | ${String(fn).padStart(3)} | ${precision.toFixed(3).padStart(9)} | ${recall.toFixed(3).padStart(6)} | ${f1.toFixed(3)}${chosen}`,
    );
  }
  console.log('\nrecall by kind at the chosen distance, and the distance spread:');
  const kinds = [...new Set(scored.map((p) => p.kind))];
  for (const kind of kinds) {
    const group = scored.filter((p) => p.kind === kind).map((p) => p.distance).sort((a, b) => a - b);
    const within = group.filter((d) => d <= NEAR_DUPLICATE_MAX_DISTANCE).length;
    const pct = (q: number) => group[Math.min(group.length - 1, Math.floor(q * group.length))];
    console.log(
      `  ${kind.padEnd(46)} n=${String(group.length).padStart(5)}  within=${(within / group.length).toFixed(3)}  min=${group[0]} p10=${pct(0.1)} median=${pct(0.5)} p90=${pct(0.9)} max=${group[group.length - 1]}`,
    );
  }
}
