/**
 * The Harrell–Davis quantile estimator: a weighted mean of every order statistic, with Beta
 * weights centred on the asked quantile. The site threshold sits near the 99.5th percentile
 * of out-of-fold ham scores, which in a few hundred ham is the second or third highest score:
 * one order statistic swung the threshold from 0.81 to 0.93 between training seeds, and on
 * one seed it left half of the spam through. The weighted mean moves far less.
 */
import jStat from 'jstat';

/** The estimate of the `p` quantile (0 < p < 1) of `values`; NaN for none. */
export function harrellDavisQuantile(values: readonly number[], p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  const sorted = [...values].sort((x, y) => x - y);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const a = (n + 1) * p;
  const b = (n + 1) * (1 - p);
  let estimate = 0;
  let below = 0;
  for (let i = 1; i <= n; i++) {
    const upTo = i === n ? 1 : jStat.ibeta(i / n, a, b);
    estimate += (upTo - below) * sorted[i - 1];
    below = upTo;
  }
  return estimate;
}
