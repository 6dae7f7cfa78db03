/**
 * The classifier on the real corpora (a few seconds). SMS meets the product target (F1 ≥ 0.95
 * with FPR ≤ 1 %), and so do the Psy and KatyPerry videos left out at the default training
 * seed (0.955 both). LMFAO does not: 0.947 at FPR 1.0 % (see src/spam/README.md). These
 * floors, on means over five seeds just under the measured figures, guard against
 * regressions; the target is reported by `npm run bench:spam`.
 */
import { describe, expect, it } from 'vitest';
import { loadDataset, splitExamples } from '../../src/spam/datasets.js';
import { createClassifier } from '../../src/spam/classifier.js';
import { loadDefaultModel } from '../../src/spam/default-model.js';
import { type EvalReport, evaluate } from '../../src/spam/evaluate.js';
import { DEFAULT_TRAIN_OPTIONS, type LabelledExample } from '../../src/spam/train.js';
import { sharedData } from '../helpers/shared-data.js';

const data = (path: string) => sharedData(`spam/${path}`);
const videos = ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO'].map((v) => data(`youtube/${v}.csv`));

/** Means over the five training seeds `npm run bench:spam` prints: one seed moves F1 by ±0.01. */
const SEEDS = [DEFAULT_TRAIN_OPTIONS.seed, 1, 2, 3, 4];
function meanOverSeeds(train: LabelledExample[], test: LabelledExample[]) {
  const reports = SEEDS.map((seed) => evaluate(train, test, { seed }));
  const mean = (pick: (r: EvalReport) => number) => reports.reduce((sum, r) => sum + pick(r), 0) / reports.length;
  return { f1: mean((r) => r.f1), fpr: mean((r) => r.fpr), auc: mean((r) => r.auc) };
}

describe('quality on the real corpora', () => {
  it('meets F1 ≥ 0.95 with FPR ≤ 1 % on SMS, seeded 70/30 split', async () => {
    const { train, test } = splitExamples(await loadDataset(data('sms/SMSSpamCollection.tsv')), 0.7, 42);
    const report = meanOverSeeds(train, test);
    expect(report.f1).toBeGreaterThanOrEqual(0.96);
    expect(report.fpr).toBeLessThanOrEqual(0.01);
    expect(report.auc).toBeGreaterThan(0.995);
  });

  // Floors just under the five-seed means bench:spam printed when written: 0.951, 0.952, 0.944.
  it.each([
    { k: 0, video: 'Psy', f1: 0.945 },
    { k: 1, video: 'KatyPerry', f1: 0.945 },
    { k: 2, video: 'LMFAO', f1: 0.935 },
  ])('keeps mean FPR ≤ 1 percent and mean F1 ≥ $f1 leaving the $video video out', async ({ k, f1 }) => {
    const [train, test] = await Promise.all([Promise.all(videos.filter((_, i) => i !== k).map(loadDataset)), loadDataset(videos[k])]);
    const report = meanOverSeeds(train.flat(), test);
    expect(report.fpr).toBeLessThanOrEqual(0.01);
    expect(report.f1).toBeGreaterThanOrEqual(f1);
    expect(report.auc).toBeGreaterThan(0.975);
  });

  it("ships a default model that holds a link to another site but not a link to the comment's own", async () => {
    const classifier = createClassifier(await loadDefaultModel());
    const content = 'Your own report from March says otherwise: https://news.example.org/world/2026/03/vote-count';
    const own = classifier.classify({ content, permalink: 'https://news.example.org/world/2026/11/vote' });
    const other = classifier.classify({ content: content.replace('news.example.org', 'cheap-deals.example.com') });
    expect(own.score).toBeLessThan(0.2);
    expect(other.score).toBeGreaterThan(own.score + 0.3);
  });

  it('ships a default model that separates obvious cases and explains itself', async () => {
    const classifier = createClassifier(await loadDefaultModel());
    const spam = classifier.classify({ content: 'ch3ck out my ch4nnel and SUBSCRIBE!!! http://bit.ly/free-v1agra' });
    const ham = classifier.classify({ content: 'The council vote was closer than this article suggests.' });
    expect(spam.score).toBeGreaterThan(0.95);
    expect(ham.score).toBeLessThan(0.1);
    expect(spam.reasons.length).toBeGreaterThan(0);
    expect(spam.reasons.join('; ')).toMatch(/bit\.ly|subscribe|ch4nnel|ch3ck/);
  });
});
