/**
 * 64-bit SimHash of an article's text, written as 16 lowercase hex characters so it fits a plain
 * text column. Texts that differ a little (a dropped sentence, a changed word, a site's
 * boilerplate around them) get fingerprints a few bits apart; unrelated texts land about 32
 * bits apart. Features are the words and the overlapping word pairs (shingles of 1 and 2),
 * weighted by count: words tolerate substitutions, pairs keep some word order so two texts on
 * the same topic in the same vocabulary still differ. bench/ingest/near-duplicate-threshold.ts
 * compares shingle sizes 1, 2 and 3 on labelled pairs.
 */
export type Fingerprint = string;

export const FINGERPRINT_HEX_LENGTH = 16;
export const DEFAULT_SHINGLE_SIZE = 2;

export interface FingerprintOptions {
  /** Longest shingle, in words: features are all shingles of 1 to this many words. */
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

/** Lowercased words of the text, accents kept, stop words dropped. */
export function fingerprintTokens(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** SimHash fingerprint of `text`. An empty text gives all zeros; under ~20 words it is unreliable. */
export function fingerprintText(text: string, options: FingerprintOptions = {}): Fingerprint {
  return fingerprintOfTokens(fingerprintTokens(text), options);
}

/** SimHash fingerprint of words from `fingerprintTokens`, for callers that already have them. */
export function fingerprintOfTokens(words: readonly string[], options: FingerprintOptions = {}): Fingerprint {
  const size = options.shingleSize ?? DEFAULT_SHINGLE_SIZE;
  const weights = new Map<string, number>();
  for (let n = 1; n <= size; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      const shingle = n === 1 ? words[i] : words.slice(i, i + n).join(' ');
      weights.set(shingle, (weights.get(shingle) ?? 0) + 1);
    }
  }
  const sums = new Float64Array(64);
  for (const [shingle, weight] of weights) {
    const hi = hash32(shingle, 0x9747b28c);
    const lo = hash32(shingle, 0x1b873593);
    for (let bit = 0; bit < 32; bit++) {
      sums[bit] += (hi >>> bit) & 1 ? weight : -weight;
      sums[bit + 32] += (lo >>> bit) & 1 ? weight : -weight;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (sums[bit] > 0) hi |= 1 << bit;
    if (sums[bit + 32] > 0) lo |= 1 << bit;
  }
  return toHex(hi >>> 0) + toHex(lo >>> 0);
}

/** Number of differing bits between two fingerprints (0–64). */
export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  const [ah, al] = fingerprintHalves(a);
  const [bh, bl] = fingerprintHalves(b);
  return popcount32(ah ^ bh) + popcount32(al ^ bl);
}

/** 1 for identical fingerprints, about 0.5 for unrelated texts. */
export function fingerprintSimilarity(a: Fingerprint, b: Fingerprint): number {
  return 1 - hammingDistance(a, b) / 64;
}

/** The fingerprint as two unsigned 32-bit halves; throws on anything but 16 hex characters. */
export function fingerprintHalves(fingerprint: Fingerprint): [number, number] {
  if (!/^[0-9a-f]{16}$/i.test(fingerprint)) throw new TypeError(`not a 16-hex-character fingerprint: ${fingerprint}`);
  return [Number.parseInt(fingerprint.slice(0, 8), 16), Number.parseInt(fingerprint.slice(8), 16)];
}

export function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function toHex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

/** MurmurHash3-style 32-bit mix, one UTF-16 code unit per round; stable across runs and platforms. */
function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = Math.imul(text.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
