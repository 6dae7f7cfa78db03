/**
 * `node --import tsx bench/spam/ablation.ts`: what each feature group adds. Retrains with one
 * group removed at a time on the four bench splits and prints F1, FPR and ROC AUC per split.
 */
import { fileURLToPath } from 'node:url';
import { loadDataset, splitExamples } from '../../src/spam/datasets.js';
import { evaluate } from '../../src/spam/evaluate.js';
import { FEATURE_GROUPS, type FeatureGroup } from '../../src/spam/features.js';

const data = (path: string) => fileURLToPath(new URL(`../../../shared/data/spam/${path}`, import.meta.url));
const videos = ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO'];
const youtube = await Promise.all(videos.map((v) => loadDataset(data(`youtube/${v}.csv`))));
const sms = splitExamples(await loadDataset(data('sms/SMSSpamCollection.tsv')), 0.7, 42);
const splits = [...youtube.map((test, k) => ({ train: youtube.filter((_, i) => i !== k).flat(), test })), sms];

const variants: Array<[string, readonly FeatureGroup[]]> = [
  ['all groups', FEATURE_GROUPS],
  ...FEATURE_GROUPS.map((g): [string, FeatureGroup[]] => [`without ${g}`, FEATURE_GROUPS.filter((x) => x !== g)]),
];
const f3 = (x: number) => x.toFixed(3);
console.log('variant          F1 Psy/Katy/LMFAO/SMS        FPR Psy/Katy/LMFAO/SMS       AUC Psy/Katy/LMFAO/SMS');
for (const [name, groups] of variants) {
  const reports = splits.map((s) => evaluate(s.train, s.test, { features: { bits: 20, groups } }));
  const col = (pick: (r: (typeof reports)[number]) => number) => reports.map((r) => f3(pick(r))).join(' ');
  console.log(`${name.padEnd(16)} ${col((r) => r.f1)}  ${col((r) => r.fpr)}  ${col((r) => r.auc)}`);
}
