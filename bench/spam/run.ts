/**
 * `npm run bench:spam`: the four quality evaluations (three leave-one-video-out YouTube
 * rotations, SMS with a seeded stratified 70/30 split) for our classifier and bogofilter side
 * by side, then speed and size. Targets: F1 ≥ 0.95 with FPR ≤ 1 %, ≥ 5,000 classifications/s,
 * training 5,000 examples < 2 s, model memory < 50 MB.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClassifier } from '../../src/spam/classifier.js';
import { loadDataset, splitExamples } from '../../src/spam/datasets.js';
import { type EvalReport, evaluate, reportFor, scoreInputs } from '../../src/spam/evaluate.js';
import { confusionAt, rates, thresholdForFpr } from '../../src/spam/metrics.js';
import { modelBytes } from '../../src/spam/model.js';
import { seededRandom, shuffled } from '../../src/shared/random.js';
import { serializeModel } from '../../src/spam/serialize.js';
import { DEFAULT_TRAIN_OPTIONS, type LabelledExample, trainModel } from '../../src/spam/train.js';
import { BOGOFILTER, bogofilterEvaluate } from './bogofilter.js';

const data = (path: string) => fileURLToPath(new URL(`../../../shared/data/spam/${path}`, import.meta.url));
const videos = ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO'];
const youtube = await Promise.all(videos.map((v) => loadDataset(data(`youtube/${v}.csv`))));
const sms = await loadDataset(data('sms/SMSSpamCollection.tsv'));

interface Split {
  name: string;
  train: LabelledExample[];
  test: LabelledExample[];
}
const smsSplit = splitExamples(sms, 0.7, 42);
const splits: Split[] = [
  ...videos.map((v, k) => ({
    name: `YouTube → ${v.replace(/^Youtube0\d-/, '')}`,
    train: youtube.filter((_, i) => i !== k).flat(),
    test: youtube[k],
  })),
  { name: 'SMS 70/30 (seed 42)', ...smsSplit },
];

const hasBogofilter = existsSync(BOGOFILTER);
const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const cells = (r: EvalReport) => [f3(r.f1), f3(r.precision), f3(r.recall), pct(r.fpr), f3(r.auc), f3(r.atFpr1.f1), f3(r.atFpr1.recall)];
const header = ['split', 'engine', 'F1', 'P', 'R', 'FPR', 'AUC', 'F1@FPR1%', 'R@FPR1%', 'target'];
const rows: string[][] = [header];
let allMet = true;
for (const split of splits) {
  const trained = trainModel(split.train);
  const scores = scoreInputs(
    trained,
    split.test.map((e) => e.input),
  );
  const isSpam = split.test.map((e) => e.label === 'spam');
  const ours = reportFor(scores, isSpam, trained.threshold);
  const met = ours.f1 >= 0.95 && ours.fpr <= 0.01;
  allMet &&= met;
  rows.push([split.name, 'broadsheet', ...cells(ours), met ? 'met' : 'NOT met']);
  if (hasBogofilter) {
    const bogo = bogofilterEvaluate(split.train, split.test);
    // Where our chosen threshold has a higher FPR than bogofilter's, also compare at its FPR.
    const same = rates(confusionAt(scores, isSpam, Math.min(thresholdForFpr(scores, isSpam, bogo.fpr), 1)));
    const beaten = ours.f1 > bogo.f1 && ours.fpr <= bogo.fpr;
    const beatenAtSame = same.f1 > bogo.f1 && same.fpr <= bogo.fpr;
    const verdict = beaten ? 'beaten' : beatenAtSame ? `beaten at its FPR (our F1 ${f3(same.f1)})` : 'NOT beaten';
    rows.push(['', 'bogofilter', ...cells(bogo), verdict]);
  }
}
// One training seed's threshold moves F1 by up to 0.03 on a 350-comment video, so the
// headline seed alone can flatter or wrong the classifier: show the spread over five seeds.
const seeds = [DEFAULT_TRAIN_OPTIONS.seed, 1, 2, 3, 4];
const spread = splits.map((split) => {
  const reports = seeds.map((seed) => evaluate(split.train, split.test, { seed }));
  const f1s = reports.map((r) => r.f1);
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  return `${split.name}: F1 mean ${f3(mean)} (${f3(Math.min(...f1s))}–${f3(Math.max(...f1s))}), FPR up to ${pct(Math.max(...reports.map((r) => r.fpr)))}`;
});
const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log('Quality (headline figures at the threshold chosen on training data only)\n');
for (const [i, row] of rows.entries()) {
  console.log(row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`\nBroadsheet over training seeds ${seeds.join(', ')}:`);
for (const line of spread) console.log(`  ${line}`);
if (!hasBogofilter) console.log(`\n(bogofilter not found at ${BOGOFILTER}; baseline skipped)`);

// Speed and size, on one core (Node runs this loop on one thread).
const pool = shuffled([...youtube.flat(), ...sms], seededRandom(7));
const trainSet = pool.slice(0, 5000);
// One warm-up run (the JIT), then the median of five timed runs: other work on a shared
// machine makes a single timing jump by ±50 %.
let model = trainModel(trainSet);
const trainRuns: number[] = [];
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  model = trainModel(trainSet);
  trainRuns.push(performance.now() - started);
}
const trainMs = [...trainRuns].sort((a, b) => a - b)[2];

const classifier = createClassifier(model);
const comments = pool.slice(5000).map((e) => e.input);
for (const input of comments) classifier.classify(input);
let count = 0;
const start = performance.now();
while (performance.now() - start < 2000) {
  for (const input of comments) classifier.classify(input);
  count += comments.length;
}
const perSecond = count / ((performance.now() - start) / 1000);
const meanChars = comments.reduce((s, c) => s + c.content.length, 0) / comments.length;
// The largest bodies the Akismet API accepts (64 KB), shaped to make a regular expression
// retry from every position: each should cost a few milliseconds, as a linear pass does.
const hostile: Record<string, string> = {
  '"a." repeated': 'a.'.repeat(32_768),
  'letters, then one "@"': `${'a'.repeat(65_000)}@x`,
  '"word." repeated': 'word.'.repeat(13_000),
  '"like this " repeated': 'like this '.repeat(6_500),
};
const hostileMs = Object.entries(hostile).map(([name, content]) => {
  const started = performance.now();
  classifier.classify({ content });
  return { name, ms: performance.now() - started };
});
const slowest = hostileMs.reduce((a, b) => (b.ms > a.ms ? b : a));
const bytes = serializeModel(model).length;
const memoryMb = modelBytes(model) / 2 ** 20;
console.log(`
Speed and size (${trainSet.length} training examples, ${comments.length} held-out comments of ${meanChars.toFixed(0)} characters on average)
classifications per second (one core, with reasons): ${Math.round(perSecond).toLocaleString('en')}   target ≥ 5,000  ${perSecond >= 5000 ? 'met' : 'NOT met'}
training 5,000 examples (two runs of 5-fold cross-validation, fold models averaged; median of 5 runs after a warm-up, ${(Math.min(...trainRuns) / 1000).toFixed(2)}–${(Math.max(...trainRuns) / 1000).toFixed(2)} s): ${(trainMs / 1000).toFixed(2)} s   target < 2 s  ${trainMs < 2000 ? 'met' : 'NOT met'}
model memory (weight + AdaGrad arrays): ${memoryMb.toFixed(1)} MB   target < 50 MB  ${memoryMb < 50 ? 'met' : 'NOT met'}
serialised model: ${(bytes / 1024).toFixed(0)} KiB
slowest hostile 64 KB comment (${slowest.name}): ${slowest.ms.toFixed(1)} ms, ${(slowest.ms / ((1000 / perSecond) * (65_536 / meanChars))).toFixed(1)}× a typical comment scaled to the same length
quality targets: ${allMet ? 'all met' : 'NOT all met (see table)'}`);
