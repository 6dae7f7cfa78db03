/**
 * The classifier the product calls: score a comment, learn from a moderator's decision, and
 * turn a score into a verdict with the site's thresholds.
 */
import { InvalidError } from '../shared/errors.js';
import { extractFeatures, type SpamInput } from './features.js';
import { learnOne, probability, type SpamLabel, type SpamModel, topReasons } from './model.js';

export interface SpamResult {
  /** Calibrated probability of spam, 0…1. */
  score: number;
  /** Up to five human reasons that pushed the score toward spam, strongest first. */
  reasons: string[];
}

export interface SpamClassifier {
  readonly model: SpamModel;
  classify(input: SpamInput): SpamResult;
  /** Learns one labelled example in place (one online step); later scores reflect it. */
  learn(input: SpamInput, label: SpamLabel): void;
}

/** Wraps a model (which `learn` mutates; serialise it to keep what was learned). */
export function createClassifier(model: SpamModel): SpamClassifier {
  return {
    model,
    classify(input) {
      const x = extractFeatures(input, model.features);
      return { score: probability(model, x), reasons: topReasons(model, x) };
    },
    learn(input, label) {
      learnOne(model, extractFeatures(input, model.features), label);
    },
  };
}

export type SpamVerdict = 'ham' | 'hold' | 'spam';

export interface Thresholds {
  /** Below this score: ham. */
  low: number;
  /** At or above this score: spam. In between: hold for a moderator. */
  high: number;
}

/** Score → verdict. Refuses thresholds outside 0…1 or with low above high. */
export function verdictFor(score: number, { low, high }: Thresholds): SpamVerdict {
  if (!(low >= 0 && high <= 1 && low <= high)) {
    throw new InvalidError('SPAM_THRESHOLDS_INVALID', `spam thresholds must satisfy 0 ≤ low ≤ high ≤ 1 (got ${low}, ${high})`);
  }
  if (score >= high) return 'spam';
  return score < low ? 'ham' : 'hold';
}
