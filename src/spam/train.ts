/**
 * Training from scratch, by two runs of k-fold cross-validation on the training examples. The
 * out-of-fold margins calibrate the probabilities (Platt scaling) and choose the site
 * threshold; the model is the average of the fold models. Nothing outside `examples` is seen.
 * Deterministic for a given seed.
 */
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions, type FeatureVector, type SpamInput } from './features.js';
import { chooseThreshold } from './metrics.js';
import { type Calibration, createModel, DEFAULT_LEARNING, type LearnerState, type LearningOptions, learnEntries, marginOf, type SpamLabel, type SpamModel, sigmoid } from './model.js';
import { seededRandom, shuffled } from '../shared/random.js';

export interface LabelledExample {
  input: SpamInput;
  label: SpamLabel;
}

export interface TrainOptions {
  seed: number;
  /** Passes over the data. */
  epochs: number;
  /**
   * Cross-validation folds for calibration and the threshold; below 2 skips both and fits one
   * model on all examples. Otherwise the model is the average of the fold models.
   */
  folds: number;
  /** Runs of k-fold cross-validation, each with its own partition (see `crossValidate`). */
  repeats: number;
  /** The share of ham the threshold aims to keep below it, in out-of-fold scores: its floor is the ham scores' (1 − maxFpr) quantile (see `chooseThreshold`). */
  maxFpr: number;
  features: FeatureOptions;
  learning: LearningOptions;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  seed: 20240601,
  epochs: 8,
  folds: 5,
  repeats: 2,
  maxFpr: 0.005,
  features: DEFAULT_FEATURE_OPTIONS,
  learning: DEFAULT_LEARNING,
};

/** Trains a new model from labelled examples only. Refuses an empty list. */
export function trainModel(examples: readonly LabelledExample[], options: Partial<TrainOptions> = {}): SpamModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  if (examples.length === 0) throw new RangeError('trainModel needs at least one example');
  const packed = pack(
    examples.map((e) => extractFeatures(e.input, o.features)),
    o.features.bits,
  );
  const isSpam = examples.map((e) => e.label === 'spam');
  const model = createModel(o.features, o.learning);
  const initial = compactState(model, packed.modelSlots);
  const spamCount = isSpam.filter(Boolean).length;
  if (o.folds < 2 || Math.min(spamCount, isSpam.length - spamCount) < o.folds) {
    const final = copyState(initial);
    fitPacked(
      final,
      packed,
      isSpam,
      isSpam.map((_, i) => i),
      o.epochs,
      o.seed,
    );
    return install(model, packed.modelSlots, final);
  }
  const committee = crossValidate(packed, isSpam, initial, o);
  install(model, packed.modelSlots, { ...committee, examples: initial.examples + isSpam.length * o.epochs });
  model.calibration = fitPlatt(committee.oof, isSpam);
  const probabilities = committee.oof.map((m) => sigmoid(model.calibration.a * m + model.calibration.b));
  model.threshold = chooseThreshold(probabilities, isSpam, o.maxFpr);
  return model;
}

/** Writes learned compact state back into the model's slots. */
function install(
  model: SpamModel,
  modelSlots: Int32Array,
  state: Pick<LearnerState, 'bias' | 'biasSquares' | 'examples'> & { weights: ArrayLike<number>; squares: ArrayLike<number> },
): SpamModel {
  for (let k = 0; k < modelSlots.length; k++) {
    model.weights[modelSlots[k]] = state.weights[k];
    model.squares[modelSlots[k]] = state.squares[k];
  }
  model.bias = state.bias;
  model.biasSquares = state.biasSquares;
  model.examples = state.examples;
  return model;
}

/**
 * The training set's feature vectors in three flat arrays: example e's entries are
 * `offsets[e]`…`offsets[e + 1]`. Slots are renumbered densely in order of first use
 * (`modelSlots` maps them back), so training's weights fit in cache instead of being spread
 * over the model's 2^bits slots; the arithmetic, and so the model, is unchanged.
 */
interface Packed {
  offsets: Int32Array;
  slots: Int32Array;
  values: Float64Array;
  modelSlots: Int32Array;
}

function pack(vectors: readonly FeatureVector[], bits: number): Packed {
  const offsets = new Int32Array(vectors.length + 1);
  vectors.forEach((x, e) => {
    offsets[e + 1] = offsets[e] + x.indices.length;
  });
  const slots = new Int32Array(offsets[vectors.length]);
  const values = new Float64Array(slots.length);
  const dense = new Int32Array(2 ** bits).fill(-1);
  const modelSlots: number[] = [];
  vectors.forEach((x, e) => {
    for (let i = 0; i < x.indices.length; i++) {
      const s = x.indices[i];
      if (dense[s] < 0) dense[s] = modelSlots.push(s) - 1;
      slots[offsets[e] + i] = dense[s];
    }
    values.set(x.values, offsets[e]);
  });
  return { offsets, slots, values, modelSlots: new Int32Array(modelSlots) };
}

/** A model's learning state restricted to the given slots, in that order. */
function compactState(model: SpamModel, modelSlots: Int32Array): LearnerState {
  return {
    learning: model.learning,
    weights: gather(model.weights, modelSlots),
    squares: gather(model.squares, modelSlots),
    bias: model.bias,
    biasSquares: model.biasSquares,
    examples: model.examples,
  };
}

function gather(array: Float32Array, at: Int32Array): Float32Array {
  const out = new Float32Array(at.length);
  for (let k = 0; k < at.length; k++) out[k] = array[at[k]];
  return out;
}

function copyState(state: LearnerState): LearnerState {
  return { ...state, weights: state.weights.slice(), squares: state.squares.slice() };
}

/**
 * Passes over the `members` examples in a seeded order. Each class carries half the total
 * step weight, so a skewed mix (13 % spam in SMS) does not bias the margin toward the majority.
 */
function fitPacked(state: LearnerState, packed: Packed, isSpam: readonly boolean[], members: readonly number[], epochs: number, seed: number): void {
  const spam = members.filter((i) => isSpam[i]).length;
  const ham = members.length - spam;
  const spamWeight = spam ? members.length / (2 * spam) : 1;
  const hamWeight = ham ? members.length / (2 * ham) : 1;
  const random = seededRandom(seed);
  const { offsets, slots, values } = packed;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const i of shuffled(members, random)) {
      learnEntries(state, slots, values, offsets[i], offsets[i + 1], isSpam[i], isSpam[i] ? spamWeight : hamWeight);
    }
  }
}

/**
 * `repeats` runs of stratified k-fold cross-validation, each with its own partition. Returns
 * the average of all fold models (a committee: each saw (k-1)/k of the data, and averaging
 * them smooths out the noise of any one shuffle and partition) and each example's mean margin
 * from the models that never saw it. One partition decides the threshold by where two or three
 * outlying ham land; the mean over partitions does not hinge on that. Each example's margin
 * averages two fold models where the site model averages ten, so the calibrated scores spread
 * a little wider in training than in use: the threshold errs toward fewer false positives.
 */
function crossValidate(
  packed: Packed,
  isSpam: readonly boolean[],
  initial: LearnerState,
  o: Pick<TrainOptions, 'seed' | 'epochs' | 'folds' | 'repeats'>,
): { weights: Float64Array; squares: Float64Array; bias: number; biasSquares: number; oof: number[] } {
  const n = isSpam.length;
  const repeats = Math.max(1, o.repeats);
  const weights = new Float64Array(initial.weights.length);
  const squares = new Float64Array(initial.weights.length);
  let bias = 0;
  let biasSquares = 0;
  const oof = new Array<number>(n).fill(0);
  for (let r = 0; r < repeats; r++) {
    const random = seededRandom((o.seed ^ 0x5bd1e995) + r * 0x3c6ef372);
    const fold = new Array<number>(n);
    for (const spam of [true, false]) {
      const members = isSpam.flatMap((s, i) => (s === spam ? [i] : []));
      shuffled(members, random).forEach((i, k) => {
        fold[i] = k % o.folds;
      });
    }
    for (let f = 0; f < o.folds; f++) {
      const state = copyState(initial);
      const members = fold.flatMap((g, i) => (g === f ? [] : [i]));
      fitPacked(state, packed, isSpam, members, o.epochs, o.seed + r * 101 + f + 1);
      for (let k = 0; k < weights.length; k++) {
        weights[k] += state.weights[k];
        squares[k] += state.squares[k];
      }
      bias += state.bias;
      biasSquares += state.biasSquares;
      fold.forEach((g, i) => {
        if (g === f) oof[i] += marginOf(state.bias, state.weights, packed.slots, packed.values, packed.offsets[i], packed.offsets[i + 1]);
      });
    }
  }
  const fits = repeats * o.folds;
  for (let k = 0; k < weights.length; k++) {
    weights[k] /= fits;
    squares[k] /= fits;
  }
  return { weights, squares, bias: bias / fits, biasSquares: biasSquares / fits, oof: oof.map((m) => m / repeats) };
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
