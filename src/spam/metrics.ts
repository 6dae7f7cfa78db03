/**
 * Classification figures from scores and truths. Pure; spam is the positive class and a
 * score at or above the threshold means "spam". Undefined ratios (0/0) are reported as 0.
 */
import { harrellDavisQuantile } from './quantile.js';

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface Rates {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** False-positive rate: share of ham marked spam. */
  fpr: number;
}

export function confusionAt(scores: readonly number[], isSpam: readonly boolean[], threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    if (isSpam[i]) predicted ? c.tp++ : c.fn++;
    else predicted ? c.fp++ : c.tn++;
  });
  return c;
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);

export function rates(c: Confusion): Rates {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return {
    accuracy: ratio(c.tp + c.tn, c.tp + c.fp + c.tn + c.fn),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    fpr: ratio(c.fp, c.fp + c.tn),
  };
}

/** ROC AUC as the Mann–Whitney statistic: ties count one half. 0.5 when a class is absent. */
export function rocAuc(scores: readonly number[], isSpam: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (isSpam[order[k][1]]) {
        positives++;
        rankSum += rank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Candidate thresholds with their confusion matrices, from "everything spam" to "nothing
 * spam". Each threshold sits midway between two adjacent distinct scores, so it does not
 * sit exactly on a score seen in the data.
 */
function sweep(scores: readonly number[], isSpam: readonly boolean[]): Array<{ threshold: number; c: Confusion }> {
  if (scores.some(Number.isNaN)) throw new RangeError('scores must be numbers, found NaN');
  const order = scores.map((s, i) => [s, isSpam[i]] as const).sort((a, b) => b[0] - a[0]);
  const totalSpam = isSpam.filter(Boolean).length;
  const totalHam = isSpam.length - totalSpam;
  const out = [{ threshold: Number.POSITIVE_INFINITY, c: { tp: 0, fp: 0, tn: totalHam, fn: totalSpam } }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) {
      if (order[j][1]) tp++;
      else fp++;
      j++;
    }
    const next = j < order.length ? order[j][0] : order[i][0] - 1e-6;
    out.push({ threshold: (order[i][0] + next) / 2, c: { tp, fp, tn: totalHam - fp, fn: totalSpam - tp } });
    i = j;
  }
  return out;
}

/**
 * The threshold with the best F1 (ties: the higher threshold) among those at or above a
 * floor: the Harrell–Davis estimate of the ham scores' (1 − maxFpr) quantile, where new ham
 * like this would put a share `maxFpr` above. Meant for held-out scores of the training data
 * only. The floor smooths over the few highest ham scores instead of resting on one (see
 * quantile.ts); a budget of 0 puts it above every ham score, of 1 removes it. Candidates sit
 * midway between adjacent scores, so ham tied at the floor stay below the threshold.
 */
export function chooseThreshold(scores: readonly number[], isSpam: readonly boolean[], maxFpr: number): number {
  if (!(maxFpr >= 0)) throw new RangeError(`maxFpr must be 0 or more, got ${maxFpr}`);
  const hamScores = scores.filter((_, i) => !isSpam[i]);
  const floor =
    maxFpr >= 1 || hamScores.length === 0
      ? Number.NEGATIVE_INFINITY
      : maxFpr === 0
        ? thresholdForFpr(scores, isSpam, 0)
        : harrellDavisQuantile(hamScores, 1 - maxFpr);
  let best = { threshold: 0.5, f1: -1 };
  for (const { threshold, c } of sweep(scores, isSpam)) {
    if (threshold < floor) break;
    const f1 = rates(c).f1;
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return Math.min(Math.max(best.threshold, 0), 1);
}

/** The lowest threshold (highest recall) whose false-positive rate is at most `maxFpr`. */
export function thresholdForFpr(scores: readonly number[], isSpam: readonly boolean[], maxFpr: number): number {
  let chosen = Number.POSITIVE_INFINITY;
  for (const { threshold, c } of sweep(scores, isSpam)) {
    if (rates(c).fpr <= maxFpr) chosen = threshold;
  }
  return chosen;
}
