/**
 * `node --import tsx bench/spam/ablation.ts`: what each part adds. Retrains with one feature
 * group removed at a time, and once without the weight floor, on the four bench splits and
 * prints F1, FPR and ROC AUC per split. Figures are means over three training seeds: on a
 * 350-comment video one seed's threshold alone moves F1 by up to 0.03, more than most parts add.
 */
import { fileURLToPath } from 'node:url';
import { loadDataset, splitExamples } from '../../src/spam/datasets.js';
import { type EvalReport, evaluate } from '../../src/spam/evaluate.js';
import { DEFAULT_FEATURE_OPTIONS, FEATURE_GROUPS } from '../../src/spam/features.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../../src/spam/train.js';

const data = (path: string) => fileURLToPath(new URL(`../../../shared/data/spam/${path}`, import.meta.url));
const videos = ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO'];
const youtube = await Promise.all(videos.map((v) => loadDataset(data(`youtube/${v}.csv`))));
const sms = splitExamples(await loadDataset(data('sms/SMSSpamCollection.tsv')), 0.7, 42);
const splits = [...youtube.map((test, k) => ({ train: youtube.filter((_, i) => i !== k).flat(), test })), sms];
const seeds = [DEFAULT_TRAIN_OPTIONS.seed, 1, 2];

const variants: Array<[string, Partial<TrainOptions>]> = [
  ['all parts', {}],
  ...FEATURE_GROUPS.map((g): [string, Partial<TrainOptions>] => [
    `without ${g}`,
    { features: { ...DEFAULT_FEATURE_OPTIONS, groups: FEATURE_GROUPS.filter((x) => x !== g) } },
  ]),
  ['no weight floor', { learning: { ...DEFAULT_TRAIN_OPTIONS.learning, minWeight: -Number.MAX_VALUE } }],
];
const f3 = (x: number) => x.toFixed(3);
console.log(`variant            F1 Psy/Katy/LMFAO/SMS        FPR Psy/Katy/LMFAO/SMS       AUC Psy/Katy/LMFAO/SMS   (mean of seeds ${seeds.join(', ')})`);
for (const [name, options] of variants) {
  const reports = splits.map((s) => seeds.map((seed) => evaluate(s.train, s.test, { ...options, seed })));
  const col = (pick: (r: EvalReport) => number) => reports.map((rs) => f3(rs.reduce((sum, r) => sum + pick(r), 0) / rs.length)).join(' ');
  console.log(`${name.padEnd(18)} ${col((r) => r.f1)}  ${col((r) => r.fpr)}  ${col((r) => r.auc)}`);
}
