/**
 * Logistic regression over hashed features, learned by per-coordinate AdaGrad SGD. AdaGrad
 * gives every slot its own step size: a slot never seen before (a new spam phrase) moves
 * fast, a well-known one moves slowly, which is what online learning from moderators needs.
 * L2 shrinkage is applied lazily, only to the slots of the example being learned, so prior
 * weights on context features that training data never shows (honeypot, too-fast posting)
 * survive training. No weight goes below `minWeight` (see `LearningOptions`).
 */
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, type FeatureVector, type FeatureGroup, featureSlot, PRIOR_KEYS } from './features.js';

export type SpamLabel = 'spam' | 'ham';

export interface LearningOptions {
  /** AdaGrad base step. */
  learningRate: number;
  /** L2 shrinkage per update of a slot. */
  l2: number;
  /**
   * The floor of every weight: how far one feature can pull toward ham. Spammers pad their
   * text with ordinary words ("nice song, check out my channel") and a new article brings
   * topic words the model has only seen in ham; with the floor, no such word outweighs real
   * spam evidence on its own. On the bench it raised leave-one-video-out F1 by 0.003–0.005
   * and took the mean false-positive rate on the Psy video from 0.8 % to 0.
   */
  minWeight: number;
}

export const DEFAULT_LEARNING: LearningOptions = { learningRate: 0.5, l2: 1e-3, minWeight: -1 };

/**
 * Maps the raw margin to a probability: p = sigmoid(a·margin + b). Fitted on out-of-fold
 * margins at training time (Platt scaling), so probabilities mean what they say.
 */
export interface Calibration {
  a: number;
  b: number;
}

export interface SpamModel {
  readonly features: FeatureOptions;
  readonly learning: LearningOptions;
  weights: Float32Array;
  /** AdaGrad's sum of squared gradients per slot. */
  squares: Float32Array;
  bias: number;
  biasSquares: number;
  calibration: Calibration;
  /**
   * The spam threshold on the calibrated score chosen from the training data by
   * cross-validation: best F1 at or above the smoothed 99.5th percentile of out-of-fold ham
   * scores (see `chooseThreshold`).
   */
  threshold: number;
  /** Number of examples learned, online or in training. */
  examples: number;
}

/**
 * Prior weights on features that training data rarely or never shows, by the feature group
 * they belong to; learning may move them. The context priors cover what no corpus of comment
 * text holds (a filled honeypot, a two-second post, a script's user agent). Like-farming gets
 * one because corpora disagree: the Psy video labels two "thumbs up if…" comments ham, and a
 * model trained on it and KatyPerry (one like-farming comment in 700) learned nothing about
 * it and let through most of the LMFAO video's like-farming, which that video labels spam.
 * With the prior, mean leave-one-video-out F1 on LMFAO over ten training seeds rose from
 * 0.920 to 0.947 (ROC AUC 0.977 → 0.979); Psy and KatyPerry did not move.
 */
const PRIORS: ReadonlyArray<[FeatureGroup, string, number]> = [
  ['meta', PRIOR_KEYS.honeypot, 6],
  ['meta', PRIOR_KEYS.tooFast, 2],
  ['meta', PRIOR_KEYS.scripted, 1.5],
  ['shape', PRIOR_KEYS.likeBait, 2],
];

/** A fresh model: zero weights except the priors, identity calibration, threshold 0.5. */
export function createModel(
  features: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
  learning: LearningOptions = DEFAULT_LEARNING,
): SpamModel {
  if (!Number.isInteger(features.bits) || features.bits < 8 || features.bits > 24) {
    throw new RangeError(`bits must be an integer in 8…24, got ${features.bits}`);
  }
  const size = 2 ** features.bits;
  const weights = new Float32Array(size);
  for (const [group, key, w] of PRIORS) {
    if (features.groups.includes(group)) weights[featureSlot(key, features.bits)] = w;
  }
  return {
    features: { bits: features.bits, groups: [...features.groups] },
    learning: { ...learning },
    weights,
    squares: new Float32Array(size),
    bias: 0,
    biasSquares: 0,
    calibration: { a: 1, b: 0 },
    threshold: 0.5,
    examples: 0,
  };
}

/** The raw margin (log-odds before calibration). */
export function margin(model: SpamModel, x: FeatureVector): number {
  return marginOf(model.bias, model.weights, x.indices, x.values, 0, x.indices.length);
}

/**
 * `bias` plus weights·values over entries `from`…`to` of parallel index and value arrays: the
 * margin of one vector, or of one example inside training's packed arrays.
 */
export function marginOf(bias: number, weights: Float32Array, indices: Int32Array, values: Float64Array, from: number, to: number): number {
  let sum = bias;
  for (let i = from; i < to; i++) sum += weights[indices[i]] * values[i];
  return sum;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Calibrated probability of spam, in [0, 1]. */
export function probability(model: SpamModel, x: FeatureVector): number {
  return sigmoid(model.calibration.a * margin(model, x) + model.calibration.b);
}

/**
 * What one learning step reads and changes. A `SpamModel` is one; training runs on compact
 * ones whose arrays hold only the slots its examples use (see train.ts).
 */
export interface LearnerState {
  readonly learning: LearningOptions;
  weights: Float32Array;
  squares: Float32Array;
  bias: number;
  biasSquares: number;
  examples: number;
}

/**
 * The bias's step relative to the weights'. At 0.1 the bias stayed near −0.45 after training on
 * YouTube comments, short of the −1.6 it settles at when free, and the word weights made up the
 * difference: more of them leant toward ham, so comments of unseen words scored near the
 * threshold. At 0.3 the bias says "ham until there is spam evidence" and leave-one-video-out
 * ROC AUC on LMFAO rose from 0.968 to 0.973 (means over 5 training seeds).
 */
const BIAS_RATE = 0.3;

/**
 * One AdaGrad step on the log-loss of one example, in place. `weight` scales the step (class
 * balancing in batch training). Returns the probability before the step.
 */
export function learnOne(model: SpamModel, x: FeatureVector, label: SpamLabel, weight = 1): number {
  return learnEntries(model, x.indices, x.values, 0, x.indices.length, label === 'spam', weight);
}

/** `learnOne` on entries `from`…`to` of parallel index and value arrays. */
export function learnEntries(
  state: LearnerState,
  indices: Int32Array,
  values: Float64Array,
  from: number,
  to: number,
  isSpam: boolean,
  weight: number,
): number {
  const p = sigmoid(marginOf(state.bias, state.weights, indices, values, from, to));
  const g = (p - (isSpam ? 1 : 0)) * weight;
  const { weights, squares } = state;
  const { learningRate, l2, minWeight } = state.learning;
  for (let i = from; i < to; i++) {
    const j = indices[i];
    const w = weights[j];
    const grad = g * values[i] + l2 * w;
    if (grad === 0) continue;
    // The float32 the array stores, computed rather than read back: the same value, and
    // measurably faster in training's innermost loop.
    const square = Math.fround(squares[j] + grad * grad);
    squares[j] = square;
    weights[j] = Math.max(w - (learningRate * grad) / Math.sqrt(square), minWeight);
  }
  if (g !== 0) {
    state.biasSquares += g * g;
    state.bias -= (learningRate * BIAS_RATE * g) / Math.sqrt(state.biasSquares);
  }
  state.examples++;
  return p;
}

/**
 * The features that pushed the score toward spam, grouped by their human reason, strongest
 * first; at most `limit`, and only those adding at least `minimum` to the margin.
 */
export function topReasons(model: SpamModel, x: FeatureVector, limit = 5, minimum = 0.15): string[] {
  const byReason = new Map<string, number>();
  for (let i = 0; i < x.indices.length; i++) {
    const c = model.weights[x.indices[i]] * x.values[i];
    byReason.set(x.reasons[i], (byReason.get(x.reasons[i]) ?? 0) + c);
  }
  return [...byReason]
    .filter(([, c]) => c * model.calibration.a >= minimum)
    .sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))
    .slice(0, limit)
    .map(([reason]) => reason);
}

/** Bytes held by the model's arrays (the bulk of its memory). */
export function modelBytes(model: SpamModel): number {
  return model.weights.byteLength + model.squares.byteLength;
}
