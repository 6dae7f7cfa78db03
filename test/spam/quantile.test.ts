import { describe, expect, it } from 'vitest';
import { chooseThreshold } from '../../src/spam/metrics.js';
import { harrellDavisQuantile } from '../../src/spam/quantile.js';
import { seededRandom } from '../../src/shared/random.js';

/** The plain sample quantile: one order statistic, what the threshold used to rest on. */
const orderStatistic = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1];
const spread = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
};

describe('Harrell–Davis quantile', () => {
  it('gives the median of a symmetric sample and stays inside the data', () => {
    expect(harrellDavisQuantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBeCloseTo(5.5, 9);
    const grid = Array.from({ length: 1001 }, (_, i) => i / 1000);
    expect(harrellDavisQuantile(grid, 0.995)).toBeCloseTo(0.995, 3);
    expect(harrellDavisQuantile([3], 0.9)).toBe(3);
    expect(harrellDavisQuantile([], 0.5)).toBeNaN();
    expect(() => harrellDavisQuantile([1, 2], 1)).toThrow(RangeError);
  });

  it('varies less between samples than the order statistic it replaces', () => {
    const random = seededRandom(7);
    const hd: number[] = [];
    const plain: number[] = [];
    for (let k = 0; k < 200; k++) {
      const sample = Array.from({ length: 400 }, () => random() ** 3);
      hd.push(harrellDavisQuantile(sample, 0.995));
      plain.push(orderStatistic(sample, 0.995));
    }
    expect(spread(hd)).toBeLessThan(0.9 * spread(plain));
  });
});

describe('chooseThreshold', () => {
  it('stays above the smoothed ham tail, not just above the one highest ham', () => {
    // 400 ham: 396 low and four outliers; 100 spam spread across the top.
    const ham = [...Array.from({ length: 396 }, (_, i) => (i / 396) * 0.5), 0.8, 0.85, 0.9, 0.95];
    const spam = Array.from({ length: 100 }, (_, i) => 0.6 + (i / 100) * 0.4);
    const scores = [...ham, ...spam];
    const isSpam = [...ham.map(() => false), ...spam.map(() => true)];
    const t = chooseThreshold(scores, isSpam, 0.005);
    expect(t).toBeGreaterThan(harrellDavisQuantile(ham, 0.995) - 1e-12);
    expect(ham.filter((s) => s >= t).length).toBeLessThanOrEqual(3);
    expect(chooseThreshold(scores, isSpam, 0)).toBeGreaterThan(0.95);
    expect(chooseThreshold(scores, isSpam, 1)).toBeLessThan(0.8);
  });

  it('keeps ham tied at the floor below the threshold, and refuses what it cannot rank', () => {
    const t = chooseThreshold([0.7, 0.7, 0.7, 0.7], [false, true, false, true], 0.005);
    expect(t).toBeGreaterThan(0.7);
    expect(() => chooseThreshold([0.1, 0.9], [false, true], Number.NaN)).toThrow(RangeError);
    expect(() => chooseThreshold([0.1, Number.NaN, 0.9], [false, false, true], 0.005)).toThrow(/NaN/);
  });
});
