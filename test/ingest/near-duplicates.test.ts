import { readdirSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  FINGERPRINT_HASHES,
  fingerprintOfTokens,
  fingerprintSimilarity,
  fingerprintText,
  formatFingerprint,
  isFingerprint,
  parseFingerprint,
} from '../../src/ingest/fingerprint.js';
import { createNearDuplicateIndex, LSH_BANDS, LSH_ROWS, NEAR_DUPLICATE_MIN_SIMILARITY } from '../../src/ingest/near-duplicates.js';
import { seededRandom } from '../../src/shared/random.js';
import { sharedData } from '../helpers/shared-data.js';

const ARTICLES = sharedData('articles/');
const texts = Object.fromEntries(
  readdirSync(ARTICLES).map((folder) => {
    const { document } = parseHTML(readFileSync(`${ARTICLES}${folder}/expected.html`, 'utf8'));
    return [folder, (document.documentElement.textContent ?? '').replace(/\s+/g, ' ').trim()];
  }),
);

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/);
const BOILERPLATE = 'Sign up for our newsletter. Copyright 2024 Example Media. All rights reserved. Follow us for breaking news.';

describe('fingerprintText', () => {
  it('is 320 base64url characters, deterministic, and identical for identical text', () => {
    const fp = fingerprintText(texts['wapo-1']);
    expect(fp).toMatch(/^[A-Za-z0-9_-]{320}$/);
    expect(fingerprintText(texts['wapo-1'])).toBe(fp);
    expect(fingerprintSimilarity(fp, fp)).toBe(1);
    expect(formatFingerprint(parseFingerprint(fp))).toBe(fp);
  });

  it('tells its own format from anything else, such as the SimHash values stored before', () => {
    expect(isFingerprint(fingerprintText('one two three'))).toBe(true);
    expect(isFingerprint('0123456789abcdef')).toBe(false);
    expect(() => parseFingerprint('0123456789abcdef')).toThrow(/MinHash fingerprint/);
  });

  it.each(['wapo-1', 'nytimes-1', 'bbc-1', 'guardian-1', 'lemonde-1'])('%s: light rewrites stay at or above the threshold', (name) => {
    const original = fingerprintText(texts[name]);
    const dropped = sentences(texts[name]).filter((_, i) => i % 8 !== 3).join(' ');
    const wrapped = `${BOILERPLATE} ${texts[name]} ${BOILERPLATE}`;
    const reworded = texts[name].replace(/\bsaid\b/g, 'stated').replace(/\bwhen\b/gi, 'as');
    for (const variant of [dropped, wrapped, reworded]) {
      expect(fingerprintSimilarity(original, fingerprintText(variant))).toBeGreaterThanOrEqual(NEAR_DUPLICATE_MIN_SIMILARITY);
    }
  });

  it('keeps different articles, even on similar topics, far apart', () => {
    const names = Object.keys(texts).filter((n) => texts[n].split(' ').length > 100);
    const fps = names.map((n) => fingerprintText(texts[n]));
    for (let i = 0; i < fps.length; i++) {
      for (let j = i + 1; j < fps.length; j++) expect(fingerprintSimilarity(fps[i], fps[j])).toBeLessThan(NEAR_DUPLICATE_MIN_SIMILARITY);
    }
    // Two foreign-affairs stories from the same paper, and two French reports.
    expect(fingerprintSimilarity(fingerprintText(texts['wapo-1']), fingerprintText(texts['wapo-2']))).toBeLessThan(0.1);
    expect(fingerprintSimilarity(fingerprintText(texts['lemonde-1']), fingerprintText(texts['liberation-1']))).toBeLessThan(0.1);
  });

  it('estimates the Jaccard similarity of the two texts’ word pairs', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    // 199 word pairs each, 99 of them shared: Jaccard 99 / 299.
    const estimate = fingerprintSimilarity(fingerprintOfTokens(words.slice(0, 200)), fingerprintOfTokens(words.slice(100, 300)));
    expect(Math.abs(estimate - 99 / 299)).toBeLessThan(0.1);
  });
});

describe('createNearDuplicateIndex', () => {
  it('finds the stored near-duplicate and not the unrelated articles', () => {
    const index = createNearDuplicateIndex();
    for (const [name, text] of Object.entries(texts)) index.add(name, fingerprintText(text));
    const rewrite = `${BOILERPLATE} ${sentences(texts['nytimes-2']).slice(0, -3).join(' ')}`;
    const found = index.findSimilar(fingerprintText(rewrite));
    expect(found.map((f) => f.id)).toEqual(['nytimes-2']);
    expect(found[0].similarity).toBeGreaterThan(0.6);
  });

  it('replaces and removes entries, and refuses a malformed fingerprint', () => {
    const index = createNearDuplicateIndex();
    const first = fingerprintText(texts['bbc-1']);
    const second = fingerprintText(texts['guardian-1']);
    index.add('a', first);
    index.add('a', second);
    expect(index.size).toBe(1);
    expect(index.findSimilar(first)).toEqual([]);
    expect(index.findSimilar(second)).toEqual([{ id: 'a', similarity: 1 }]);
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.findSimilar(second)).toEqual([]);
    expect(() => index.add('c', '0123456789abcdef')).toThrow(/MinHash fingerprint/);
    expect(index.size).toBe(0);
  });

  const random = seededRandom(42);
  const randomValues = () => Uint16Array.from({ length: FINGERPRINT_HASHES }, () => Math.floor(random() * 65536));

  it('finds planted rewrites, comparing few and size-independent candidates', () => {
    /** A signature agreeing with `values` on about 70% of positions, as a light rewrite would. */
    const rewrite = (values: Uint16Array) => formatFingerprint(values.map((v) => (random() < 0.3 ? Math.floor(random() * 65536) : v)));
    for (const size of [1_000, 20_000]) {
      const index = createNearDuplicateIndex();
      const stored = Array.from({ length: size }, randomValues);
      for (const [i, values] of stored.entries()) index.add(`n${i}`, formatFingerprint(values));
      let probes = 0;
      let candidates = 0;
      for (let q = 0; q < 50; q++) {
        const query = rewrite(stored[q * 7]);
        expect(index.findSimilar(query).map((f) => f.id)).toEqual([`n${q * 7}`]);
        const cost = index.inspect(query);
        probes += cost.probes;
        candidates += cost.candidates;
      }
      // One bucket per band, and only the planted entry compared, at either size.
      expect({ probes: probes / 50, candidates: candidates / 50 }).toEqual({ probes: LSH_BANDS, candidates: 1 });
    }
  });

  it('keeps every band of every entry reachable through growth and removals', () => {
    const index = createNearDuplicateIndex({ minSimilarity: 0 });
    const stored = Array.from({ length: 5_000 }, randomValues);
    for (const [i, values] of stored.entries()) index.add(`n${i}`, formatFingerprint(values));
    // Every other entry removed, so bucket chains are relinked around them.
    for (let i = 1; i < stored.length; i += 2) index.remove(`n${i}`);
    stored.forEach((values, i) => {
      // Equal to the stored signature in one band only, so only that band's bucket can find it.
      const query = randomValues();
      const band = i % LSH_BANDS;
      query.set(values.subarray(band * LSH_ROWS, (band + 1) * LSH_ROWS), band * LSH_ROWS);
      expect(index.findSimilar(formatFingerprint(query)).some((f) => f.id === `n${i}`)).toBe(i % 2 === 0);
    });
  });

  it('refuses a band layout the signature cannot hold', () => {
    expect(() => createNearDuplicateIndex({ bands: 61, rows: 2 })).toThrow(RangeError);
    expect(() => createNearDuplicateIndex({ minSimilarity: 1.5 })).toThrow(RangeError);
  });
});
