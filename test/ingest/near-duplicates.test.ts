import { readdirSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { fingerprintSimilarity, fingerprintText, hammingDistance } from '../../src/ingest/fingerprint.js';
import { createNearDuplicateIndex, NEAR_DUPLICATE_MAX_DISTANCE } from '../../src/ingest/near-duplicates.js';

const ARTICLES = '/work/shared/data/articles/';
const texts = Object.fromEntries(
  readdirSync(ARTICLES).map((folder) => {
    const { document } = parseHTML(readFileSync(`${ARTICLES}${folder}/expected.html`, 'utf8'));
    return [folder, (document.documentElement.textContent ?? '').replace(/\s+/g, ' ').trim()];
  }),
);

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/);
const BOILERPLATE = 'Sign up for our newsletter. Copyright 2024 Example Media. All rights reserved. Follow us for breaking news.';

describe('fingerprintText', () => {
  it('is 16 hex characters, deterministic, and identical for identical text', () => {
    const fp = fingerprintText(texts['wapo-1']);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintText(texts['wapo-1'])).toBe(fp);
    expect(fingerprintSimilarity(fp, fp)).toBe(1);
  });

  it.each(['wapo-1', 'nytimes-1', 'bbc-1', 'guardian-1', 'lemonde-1'])('%s: light rewrites stay within the threshold', (name) => {
    const original = fingerprintText(texts[name]);
    const dropped = sentences(texts[name]).filter((_, i) => i % 8 !== 3).join(' ');
    const wrapped = `${BOILERPLATE} ${texts[name]} ${BOILERPLATE}`;
    const reworded = texts[name].replace(/\bthe\b/gi, 'that').replace(/\bsaid\b/g, 'stated');
    for (const variant of [dropped, wrapped, reworded]) {
      expect(hammingDistance(original, fingerprintText(variant))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    }
  });

  it('keeps different articles, even on similar topics, far apart', () => {
    const names = Object.keys(texts).filter((n) => texts[n].split(' ').length > 100);
    const fps = names.map((n) => fingerprintText(texts[n]));
    for (let i = 0; i < fps.length; i++) {
      for (let j = i + 1; j < fps.length; j++) expect(hammingDistance(fps[i], fps[j])).toBeGreaterThan(NEAR_DUPLICATE_MAX_DISTANCE);
    }
    // Two foreign-affairs stories from the same paper, and two French reports.
    expect(hammingDistance(fingerprintText(texts['wapo-1']), fingerprintText(texts['wapo-2']))).toBeGreaterThan(20);
    expect(hammingDistance(fingerprintText(texts['lemonde-1']), fingerprintText(texts['liberation-1']))).toBeGreaterThan(20);
  });
});

describe('createNearDuplicateIndex', () => {
  it('finds the stored near-duplicate and not the unrelated articles', () => {
    const index = createNearDuplicateIndex();
    for (const [name, text] of Object.entries(texts)) index.add(name, fingerprintText(text));
    const rewrite = `${BOILERPLATE} ${sentences(texts['nytimes-2']).slice(0, -3).join(' ')}`;
    const found = index.findSimilar(fingerprintText(rewrite));
    expect(found.map((f) => f.id)).toEqual(['nytimes-2']);
    expect(found[0].similarity).toBeGreaterThan(0.78);
  });

  it('round-trips through its plain form and supports replace and remove', () => {
    const index = createNearDuplicateIndex({ entries: [['a', '0123456789abcdef'], ['b', 'ffffffffffffffff']] });
    index.add('a', '0123456789abcdee');
    expect(index.remove('b')).toBe(true);
    expect(index.remove('b')).toBe(false);
    const copy = createNearDuplicateIndex({ entries: index.toJSON() });
    expect(copy.toJSON()).toEqual([['a', '0123456789abcdee']]);
    expect(copy.findSimilar('0123456789abcdef')).toEqual([{ id: 'a', distance: 1, similarity: 1 - 1 / 64 }]);
    expect(() => copy.add('c', 'not-hex')).toThrow(/16-hex-character/);
  });

  it('finds every planted match exactly, comparing a small, size-independent share of entries', () => {
    let seed = 42;
    const next = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed;
    };
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const costs: Array<{ size: number; probes: number; candidates: number }> = [];
    for (const size of [1_000, 20_000]) {
      const index = createNearDuplicateIndex();
      const stored: string[] = [];
      for (let i = 0; i < size; i++) {
        stored.push(hex(next()) + hex(next()));
        index.add(`n${i}`, stored[i]);
      }
      let probes = 0;
      let candidates = 0;
      for (let q = 0; q < 50; q++) {
        // Flip exactly NEAR_DUPLICATE_MAX_DISTANCE distinct bits of a stored fingerprint.
        const target = q * 7;
        const bits = new Set<number>();
        while (bits.size < NEAR_DUPLICATE_MAX_DISTANCE) bits.add(next() % 64);
        let hi = Number.parseInt(stored[target].slice(0, 8), 16);
        let lo = Number.parseInt(stored[target].slice(8), 16);
        for (const b of bits) {
          if (b < 32) hi ^= 1 << b;
          else lo ^= 1 << (b - 32);
        }
        const query = hex(hi >>> 0) + hex(lo >>> 0);
        expect(index.findSimilar(query).map((f) => f.id)).toContain(`n${target}`);
        const cost = index.inspect(query);
        probes += cost.probes;
        candidates += cost.candidates;
      }
      costs.push({ size, probes: probes / 50, candidates: candidates / 50 });
    }
    expect(costs[0].probes).toBe(costs[1].probes);
    for (const cost of costs) expect(cost.candidates / cost.size).toBeLessThan(0.06);
  });
});
