import { describe, expect, it } from 'vitest';
import { InvalidError } from '../../src/shared/errors.js';
import { createClassifier, verdictFor } from '../../src/spam/classifier.js';
import { loadDefaultModel } from '../../src/spam/default-model.js';
import { seededRandom, shuffled } from '../../src/shared/random.js';
import { extractFeatures } from '../../src/spam/features.js';
import { createModel, DEFAULT_LEARNING, learnOne, type SpamModel } from '../../src/spam/model.js';
import { deserializeModel, MODEL_FORMAT_VERSION, serializeModel } from '../../src/spam/serialize.js';
import { type LabelledExample, trainModel } from '../../src/spam/train.js';

const hams = ['great article, thanks', 'I disagree with the second point', 'the mayor should resign', 'nice photos of the match', 'this is a fair summary of the vote', 'what a game last night', 'thanks for the clear explanation', 'my town had the same flood'];
const spams = ['check out my channel and subscribe', 'cheap pills at http://pills.example.com', 'win a free iphone now, click http://bit.ly/win', 'subscribe to my channel please!!!', 'earn money from home http://cash.example.net', 'FREE GIFT CARDS CLICK HERE NOW', 'visit my page for free followers', 'make $500 a day, see http://rich.example.org'];
const examples: LabelledExample[] = [
  ...hams.map((content) => ({ input: { content }, label: 'ham' as const })),
  ...spams.map((content) => ({ input: { content }, label: 'spam' as const })),
];

describe('online learning', () => {
  it('flips a new spam phrase in the shipped model to spam after a few updates', async () => {
    const classifier = createClassifier(await loadDefaultModel());
    const novel = { content: 'rolex replicas wholesale from zzq' };
    const before = classifier.classify(novel).score;
    expect(before).toBeLessThan(0.5);
    let updates = 0;
    while (classifier.classify(novel).score < 0.9 && updates < 10) {
      classifier.learn({ content: `genuine rolex replicas wholesale from zzq ${updates}` }, 'spam');
      updates++;
    }
    expect(updates).toBeLessThanOrEqual(5);
    expect(classifier.classify(novel).score).toBeGreaterThan(0.9);
    expect(classifier.classify(novel).reasons.join(' ')).toMatch(/rolex|replicas|zzq/);
    expect(classifier.classify({ content: 'the mayor gave a fair summary of the flood' }).score).toBeLessThan(0.2);
    expect(classifier.model.examples).toBe(6712 * 8 + updates);
  });

  it('keeps every weight at or above the floor, however often a word is learned as ham', () => {
    const lowest = (model: SpamModel) => model.weights.reduce((m, w) => Math.min(m, w), 0);
    const classifier = createClassifier(trainModel(examples, { folds: 0, learning: { ...DEFAULT_LEARNING, minWeight: -0.05 } }));
    for (let i = 0; i < 20; i++) classifier.learn({ content: 'great article, thanks' }, 'ham');
    expect(lowest(classifier.model)).toBe(Math.fround(-0.05));
    expect(lowest(trainModel(examples, { folds: 0 }))).toBeGreaterThanOrEqual(DEFAULT_LEARNING.minWeight);
  });

  it('honours the honeypot prior without any training data showing it', () => {
    const classifier = createClassifier(trainModel(examples, { folds: 0 }));
    const text = { content: 'what a game last night' };
    expect(classifier.classify({ ...text, honeypotFilled: true }).score).toBeGreaterThan(classifier.classify(text).score + 0.4);
    expect(classifier.classify({ ...text, honeypotFilled: true }).reasons[0]).toBe('hidden field filled in');
  });
  it('flags a comment that asks readers to like it, from the prior alone', () => {
    const classifier = createClassifier(trainModel(examples, { folds: 0 }));
    const bait = classifier.classify({ content: 'like this comment if you are reading this in 2026' });
    const agreeing = classifier.classify({ content: 'I like this comment if you are reading this in 2026' });
    expect(bait.score).toBeGreaterThan(agreeing.score + 0.3);
    expect(bait.reasons[0]).toBe('asks for likes');
  });
});

describe('serialisation', () => {
  it('round-trips to identical scores, byte-identical output and resumable learning', () => {
    const model = trainModel(examples);
    const buffer = serializeModel(model);
    const copy = deserializeModel(buffer);
    const probes = [...hams, ...spams, 'something else entirely', 'v1agra'].map((content) => ({ content }));
    const a = createClassifier(model);
    const b = createClassifier(copy);
    for (const probe of probes) expect(b.classify(probe)).toEqual(a.classify(probe));
    expect(serializeModel(copy).equals(buffer)).toBe(true);
    expect(copy.threshold).toBe(model.threshold);
    a.learn({ content: 'zzq' }, 'spam');
    b.learn({ content: 'zzq' }, 'spam');
    expect(Math.abs(b.classify({ content: 'zzq' }).score - a.classify({ content: 'zzq' }).score)).toBeLessThan(1e-3);
  });

  it('is compact: an untrained model is a few bytes, a trained one far smaller than its arrays', () => {
    expect(serializeModel(createModel()).length).toBeLessThan(1000);
    expect(serializeModel(trainModel(examples)).length).toBeLessThan(50_000);
  });

  it('trains deterministically', () => {
    expect(serializeModel(trainModel(examples)).equals(serializeModel(trainModel(examples)))).toBe(true);
  });

  it('trains exactly as the same online steps on a fresh model would', () => {
    // Training runs on packed, renumbered copies of the vectors; the result must not show it.
    const trained = trainModel(examples, { folds: 0, epochs: 3, seed: 5 });
    const online = createModel();
    const vectors = examples.map((e) => extractFeatures(e.input));
    const random = seededRandom(5);
    for (let epoch = 0; epoch < 3; epoch++) {
      // Eight of each class: both class weights are 1.
      for (const i of shuffled(examples.map((_, k) => k), random)) learnOne(online, vectors[i], examples[i].label);
    }
    expect(trained.weights).toEqual(online.weights);
    expect(trained.squares).toEqual(online.squares);
    expect([trained.bias, trained.biasSquares, trained.examples]).toEqual([online.bias, online.biasSquares, online.examples]);
  });

  it('refuses bytes that are not a model, and names a model of an older format as outdated', () => {
    expect(() => deserializeModel(Buffer.from('not a model'))).toThrow(InvalidError);
    const buffer = serializeModel(trainModel(examples));
    expect(() => deserializeModel(buffer.subarray(0, buffer.length - 10))).toThrow(InvalidError);
    const older = Buffer.from(buffer);
    older[4] = MODEL_FORMAT_VERSION - 1;
    expect(() => deserializeModel(older)).toThrow(expect.objectContaining({ code: 'SPAM_MODEL_OUTDATED' }));
    const newer = Buffer.from(buffer);
    newer[4] = MODEL_FORMAT_VERSION + 1;
    expect(() => deserializeModel(newer)).toThrow(expect.objectContaining({ code: 'SPAM_MODEL_INVALID' }));
  });
});

describe('verdictFor', () => {
  it('maps scores to ham, hold and spam with the caller thresholds', () => {
    const t = { low: 0.3, high: 0.9 };
    expect(verdictFor(0.1, t)).toBe('ham');
    expect(verdictFor(0.3, t)).toBe('hold');
    expect(verdictFor(0.89, t)).toBe('hold');
    expect(verdictFor(0.9, t)).toBe('spam');
    expect(() => verdictFor(0.5, { low: 0.8, high: 0.2 })).toThrow(InvalidError);
  });
});
