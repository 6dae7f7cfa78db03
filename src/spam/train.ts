/**
 * Training from scratch. Out-of-fold margins from k-fold cross-validation on the training
 * examples calibrate the probabilities (Platt scaling) and choose the site threshold; then
 * one model is fitted on all examples. Nothing outside `examples` is seen. Deterministic for a
 * given seed.
 */
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions, type FeatureVector, type SpamInput } from './features.js';
import { chooseThreshold } from './metrics.js';
import { type Calibration, createModel, DEFAULT_LEARNING, type LearningOptions, learnOne, margin, type SpamLabel, type SpamModel, sigmoid } from './model.js';
import { seededRandom, shuffled } from '../shared/random.js';

export interface LabelledExample {
  input: SpamInput;
  label: SpamLabel;
}

export interface TrainOptions {
  seed: number;
  /** Passes over the data. */
  epochs: number;
  /** Cross-validation folds for calibration and the threshold; below 2 skips both. */
  folds: number;
  /** Out-of-fold false-positive rate the chosen threshold may reach. */
  maxFpr: number;
  features: FeatureOptions;
  learning: LearningOptions;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 20240601,
  epochs: 8,
  folds: 5,
  maxFpr: 0.005,
  features: DEFAULT_FEATURE_OPTIONS,
  learning: DEFAULT_LEARNING,
};

/** Trains a new model from labelled examples only. Refuses an empty list. */
export function trainModel(examples: readonly LabelledExample[], options: Partial<TrainOptions> = {}): SpamModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  if (examples.length === 0) throw new RangeError('trainModel needs at least one example');
  const vectors = examples.map((e) => extractFeatures(e.input, o.features));
  const labels = examples.map((e) => e.label);
  const model = createModel(o.features, o.learning);
  fitVectors(model, vectors, labels, o.epochs, o.seed);
  const spamCount = labels.filter((l) => l === 'spam').length;
  if (o.folds >= 2 && Math.min(spamCount, labels.length - spamCount) >= o.folds) {
    const oof = outOfFoldMargins(vectors, labels, o);
    const isSpam = labels.map((l) => l === 'spam');
    model.calibration = fitPlatt(oof, isSpam);
    const probabilities = oof.map((m) => sigmoid(model.calibration.a * m + model.calibration.b));
    model.threshold = chooseThreshold(probabilities, isSpam, o.maxFpr);
  }
  return model;
}

/**
 * Passes over the examples in a seeded order. Each class carries half the total step weight,
 * so a skewed mix (13 % spam in SMS) does not bias the margin toward the majority.
 */
export function fitVectors(
  model: SpamModel,
  vectors: readonly FeatureVector[],
  labels: readonly SpamLabel[],
  epochs: number,
  seed: number,
): void {
  const spam = labels.filter((l) => l === 'spam').length;
  const ham = labels.length - spam;
  const weight = { spam: spam ? labels.length / (2 * spam) : 1, ham: ham ? labels.length / (2 * ham) : 1 };
  const random = seededRandom(seed);
  const order = labels.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const i of shuffled(order, random)) learnOne(model, vectors[i], labels[i], weight[labels[i]]);
  }
}

/** Margins of each example from a model that never saw it (stratified k-fold). */
export function outOfFoldMargins(
  vectors: readonly FeatureVector[],
  labels: readonly SpamLabel[],
  o: Pick<TrainOptions, 'seed' | 'epochs' | 'folds' | 'features' | 'learning'>,
): number[] {
  const random = seededRandom(o.seed ^ 0x5bd1e995);
  const fold = new Array<number>(labels.length);
  for (const label of ['spam', 'ham'] as const) {
    const members = labels.flatMap((l, i) => (l === label ? [i] : []));
    shuffled(members, random).forEach((i, k) => {
      fold[i] = k % o.folds;
    });
  }
  const out = new Array<number>(labels.length).fill(0);
  for (let f = 0; f < o.folds; f++) {
    const trainIdx = labels.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const model = createModel(o.features, o.learning);
    fitVectors(
      model,
      trainIdx.map((i) => vectors[i]),
      trainIdx.map((i) => labels[i]),
      o.epochs,
      o.seed + f + 1,
    );
    labels.forEach((_, i) => {
      if (fold[i] === f) out[i] = margin(model, vectors[i]);
    });
  }
  return out;
}

/**
 * Platt scaling: the a, b minimising log-loss of sigmoid(a·m + b) against the truths, with
 * Platt's smoothed targets so a separable training set does not push `a` to infinity.
 */
export function fitPlatt(margins: readonly number[], isSpam: readonly boolean[]): Calibration {
  const pos = isSpam.filter(Boolean).length;
  const neg = isSpam.length - pos;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    margins.forEach((m, i) => {
      const p = sigmoid(a * m + b);
      const d = p - (isSpam[i] ? hi : lo);
      const w = p * (1 - p);
      ga += d * m;
      gb += d;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    });
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) && a > 0 ? { a, b } : { a: 1, b: 0 };
}
