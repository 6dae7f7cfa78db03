/**
 * Builds models/spam-default.bin from ../shared/data/spam (paths relative to the repo root).
 * Deterministic: the same data gives a byte-identical file (seeded shuffles, fixed options).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../src/spam/datasets.js';
import { DEFAULT_MODEL_URL } from '../../src/spam/default-model.js';
import { serializeModel } from '../../src/spam/serialize.js';
import { trainModel } from '../../src/spam/train.js';

const repo = new URL('../../', import.meta.url);
export const DEFAULT_TRAINING_FILES = [
  '../shared/data/spam/youtube/Youtube01-Psy.csv',
  '../shared/data/spam/youtube/Youtube02-KatyPerry.csv',
  '../shared/data/spam/youtube/Youtube03-LMFAO.csv',
  '../shared/data/spam/sms/SMSSpamCollection.tsv',
];

const examples = (await Promise.all(DEFAULT_TRAINING_FILES.map((f) => loadDataset(fileURLToPath(new URL(f, repo)))))).flat();
const model = trainModel(examples);
const buffer = serializeModel(model);
await mkdir(new URL('./', DEFAULT_MODEL_URL), { recursive: true });
await writeFile(DEFAULT_MODEL_URL, buffer);
const sha = createHash('sha256').update(buffer).digest('hex').slice(0, 16);
console.log(
  `wrote ${fileURLToPath(DEFAULT_MODEL_URL)}: ${examples.length} examples, ${buffer.length} bytes, threshold ${model.threshold.toFixed(3)}, sha256 ${sha}`,
);
