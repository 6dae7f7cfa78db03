import { describe, expect, it } from 'vitest';
import { chooseThreshold, confusionAt, rates, rocAuc, thresholdForFpr } from '../../src/spam/metrics.js';

const scores = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.05];
const isSpam = [true, true, false, true, false, true, false, false, false, false];

describe('metrics', () => {
  it('counts the confusion matrix by hand', () => {
    expect(confusionAt(scores, isSpam, 0.5)).toEqual({ tp: 3, fp: 2, tn: 4, fn: 1 });
    expect(confusionAt(scores, isSpam, 0.6)).toEqual({ tp: 3, fp: 1, tn: 5, fn: 1 });
  });

  it('derives the rates', () => {
    const r = rates({ tp: 3, fp: 2, tn: 4, fn: 1 });
    expect(r.accuracy).toBeCloseTo(0.7);
    expect(r.precision).toBeCloseTo(0.6);
    expect(r.recall).toBeCloseTo(0.75);
    expect(r.f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35);
    expect(r.fpr).toBeCloseTo(2 / 6);
    expect(rates({ tp: 0, fp: 0, tn: 5, fn: 0 })).toEqual({ accuracy: 1, precision: 0, recall: 0, f1: 0, fpr: 0 });
  });

  it('computes ROC AUC as the share of correctly ordered pairs, ties counting half', () => {
    // Spam scores 0.9, 0.8, 0.6, 0.4 against 6 hams: pairs won 6 + 6 + 5 + 4 = 21 of 24.
    expect(rocAuc(scores, isSpam)).toBeCloseTo(21 / 24);
    expect(rocAuc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(rocAuc([1, 0], [true, false])).toBe(1);
    expect(rocAuc([0.2, 0.3], [false, false])).toBe(0.5);
  });

  it('finds the threshold for a false-positive budget and the best F1 under it', () => {
    const t0 = thresholdForFpr(scores, isSpam, 0);
    expect(confusionAt(scores, isSpam, t0)).toEqual({ tp: 2, fp: 0, tn: 6, fn: 2 });
    // The floor is the Harrell–Davis estimate of the ham scores' 80th percentile, 0.5756: the
    // midpoint 0.575, which would flag the 0.7 ham, is just under it.
    expect(confusionAt(scores, isSpam, chooseThreshold(scores, isSpam, 0.2))).toEqual({ tp: 2, fp: 0, tn: 6, fn: 2 });
    // At the median (0.281) the best F1 above the floor catches every spam for two ham.
    const t = chooseThreshold(scores, isSpam, 0.5);
    expect(confusionAt(scores, isSpam, t)).toEqual({ tp: 4, fp: 2, tn: 4, fn: 0 });
    expect(t).toBeCloseTo(0.35);
  });
});
