/**
 * MinHash signature of an article's text: the text's set of shingles (overlapping runs of
 * `DEFAULT_SHINGLE_SIZE` content words) goes through `FINGERPRINT_HASHES` seeded hash functions
 * and keeps each one's minimum. Two texts agree on a position with probability equal to the
 * Jaccard similarity of their shingle sets, so the share of agreeing positions estimates it:
 * a dropped sentence or a site's boilerplate costs a little, unrelated texts share almost no
 * word pairs and land near 0. bench/ingest/near-duplicate-threshold.ts compares shingle sizes on
 * labelled pairs: single words are shared by texts on one topic (two different articles reach
 * 0.56, and 64 times as many become index candidates); with triples a changed word costs three
 * shingles, so rewrites score lower (recall 0.960 against 0.983 at the 0.4 threshold).
 *
 * Each minimum keeps its low 16 bits (a minimum's high bits are mostly zeros): two different
 * minima then agree by chance with probability 2⁻¹⁶, far below what the estimate can resolve,
 * at half the size. The signature is written as
 * base64url (320 characters) so it fits the article's plain text fingerprint column.
 */
export type Fingerprint = string;

/** Positions of a signature: enough that the estimate's spread (±0.045 at 0.4) stays below the gap between near-duplicates and different stories. */
export const FINGERPRINT_HASHES = 120;
export const DEFAULT_SHINGLE_SIZE = 2;

const FINGERPRINT_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${(FINGERPRINT_HASHES * 2 * 4) / 3}}$`);

export interface FingerprintOptions {
  /** Shingle length, in words. */
  shingleSize?: number;
}

/** Words that carry no topic; dropping them makes shingles of content words. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by for from had has have he her his i in into is it its of on or our she ' +
    'that the their them they this to was we were which who will with would you your not no so than then there ' +
    'der die das und ist ein eine le la les et des un une el los las y en de del que por para o os da do'
  ).split(' '),
);

/** One seed per hash function, from a fixed LCG so signatures are the same in every process and release. */
const SEEDS = new Int32Array(FINGERPRINT_HASHES);
for (let i = 0, s = 1; i < FINGERPRINT_HASHES; i++) {
  s = (Math.imul(s, 1664525) + 1013904223) | 0;
  SEEDS[i] = s;
}

/** Lowercased words of the text, accents kept, stop words dropped. */
export function fingerprintTokens(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** MinHash fingerprint of `text`. A text shorter than one shingle gives a fixed signature; under ~20 words it is unreliable. */
export function fingerprintText(text: string, options: FingerprintOptions = {}): Fingerprint {
  return fingerprintOfTokens(fingerprintTokens(text), options);
}

/** MinHash fingerprint of words from `fingerprintTokens`, for callers that already have them. */
export function fingerprintOfTokens(words: readonly string[], options: FingerprintOptions = {}): Fingerprint {
  const size = options.shingleSize ?? DEFAULT_SHINGLE_SIZE;
  const wordHashes = words.map((w) => hash32(w));
  // Signed minima: any fixed order of the hash values serves as the random permutation.
  const minima = new Int32Array(FINGERPRINT_HASHES).fill(0x7fffffff);
  for (let i = 0; i + size <= wordHashes.length; i++) {
    let shingle = wordHashes[i];
    for (let j = 1; j < size; j++) shingle = mix32(Math.imul(shingle, 0x9e3779b1) ^ wordHashes[i + j]);
    for (let k = 0; k < FINGERPRINT_HASHES; k++) {
      const h = mix32(shingle ^ SEEDS[k]);
      if (h < minima[k]) minima[k] = h;
    }
  }
  const values = new Uint16Array(FINGERPRINT_HASHES);
  for (let k = 0; k < FINGERPRINT_HASHES; k++) values[k] = minima[k] & 0xffff;
  return formatFingerprint(values);
}

/** The stored form of a signature's `FINGERPRINT_HASHES` 16-bit values (big-endian, base64url). */
export function formatFingerprint(values: Uint16Array): Fingerprint {
  const bytes = Buffer.alloc(FINGERPRINT_HASHES * 2);
  for (let k = 0; k < FINGERPRINT_HASHES; k++) bytes.writeUInt16BE(values[k], k * 2);
  return bytes.toString('base64url');
}

/** False for anything `formatFingerprint` cannot have made, such as the 16-hex SimHash values stored before MinHash. */
export function isFingerprint(value: string): boolean {
  return FINGERPRINT_PATTERN.test(value);
}

/** The signature's 16-bit values; throws on anything `isFingerprint` rejects. */
export function parseFingerprint(fingerprint: Fingerprint): Uint16Array {
  if (!isFingerprint(fingerprint)) throw new TypeError(`not a ${FINGERPRINT_HASHES}-value MinHash fingerprint: ${fingerprint.slice(0, 40)}`);
  const bytes = Buffer.from(fingerprint, 'base64url');
  const values = new Uint16Array(FINGERPRINT_HASHES);
  for (let k = 0; k < FINGERPRINT_HASHES; k++) values[k] = bytes.readUInt16BE(k * 2);
  return values;
}

/** Share of positions where two signatures agree, from `offset` in `a`: the estimated Jaccard similarity. */
export function signatureSimilarity(a: Uint16Array, b: Uint16Array, offset = 0): number {
  let same = 0;
  for (let k = 0; k < FINGERPRINT_HASHES; k++) if (a[offset + k] === b[k]) same++;
  return same / FINGERPRINT_HASHES;
}

/** Estimated Jaccard similarity of the two texts' shingle sets: 1 for identical texts, near 0 for unrelated ones. */
export function fingerprintSimilarity(a: Fingerprint, b: Fingerprint): number {
  return signatureSimilarity(parseFingerprint(a), parseFingerprint(b));
}

/** MurmurHash3's 32-bit finalizer: every input bit flips about half the output bits. */
export function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** MurmurHash3-style 32-bit hash, one UTF-16 code unit per round; stable across runs and platforms. */
function hash32(text: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return mix32(h ^ text.length);
}
