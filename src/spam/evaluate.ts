/**
 * Train on some labelled data, score other data, report. The headline figures use the
 * threshold the trained model chose by cross-validation on its own training data: the test
 * set reaches the model as inputs only, and its labels are read afterwards, for counting.
 * `atFpr1` is the oracle view: the best threshold on the test scores that keeps FPR ≤ 1 %.
 */
import { extractFeatures, type SpamInput } from './features.js';
import { confusionAt, type Confusion, rates, rocAuc, thresholdForFpr } from './metrics.js';
import { probability, type SpamModel } from './model.js';
import { loadDataset } from './datasets.js';
import { type LabelledExample, type TrainOptions, trainModel } from './train.js';

export interface EvalReport {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
  auc: number;
  confusion: Confusion;
  atFpr1: { threshold: number; precision: number; recall: number; f1: number; fpr: number };
}

/** Scores inputs with a trained model; no labels involved. */
export function scoreInputs(model: SpamModel, inputs: readonly SpamInput[]): number[] {
  return inputs.map((input) => probability(model, extractFeatures(input, model.features)));
}

/** The report for given scores, truths and the threshold chosen beforehand. */
export function reportFor(scores: readonly number[], isSpam: readonly boolean[], threshold: number): EvalReport {
  const confusion = confusionAt(scores, isSpam, threshold);
  const r = rates(confusion);
  const t1 = Math.min(thresholdForFpr(scores, isSpam, 0.01), 1);
  const at = rates(confusionAt(scores, isSpam, t1));
  return {
    accuracy: r.accuracy,
    precision: r.precision,
    recall: r.recall,
    f1: r.f1,
    fpr: r.fpr,
    auc: rocAuc(scores, isSpam),
    confusion,
    atFpr1: { threshold: t1, precision: at.precision, recall: at.recall, f1: at.f1, fpr: at.fpr },
  };
}

/** Trains a fresh model on `train` and reports on `test`. Deterministic. */
export function evaluate(
  train: readonly LabelledExample[],
  test: readonly LabelledExample[],
  options: Partial<TrainOptions> = {},
): EvalReport {
  const model = trainModel(train, options);
  const scores = scoreInputs(
    model,
    test.map((e) => e.input),
  );
  return reportFor(
    scores,
    test.map((e) => e.label === 'spam'),
    model.threshold,
  );
}

/** Loads the files (format detected per file) and evaluates; loader errors name file and line. */
export async function evaluateFiles(
  files: { train: readonly string[]; test: string },
  options: Partial<TrainOptions> = {},
): Promise<EvalReport> {
  const train = (await Promise.all(files.train.map(loadDataset))).flat();
  const test = await loadDataset(files.test);
  return evaluate(train, test, options);
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

/** A plain-text table of a report, for terminals. */
export function formatEvalReport(report: EvalReport): string {
  const { confusion: c, atFpr1: a } = report;
  const rows: Array<[string, string, string]> = [
    ['', 'chosen threshold', `FPR ≤ 1 % (t=${a.threshold.toFixed(3)})`],
    ['accuracy', pct(report.accuracy), ''],
    ['precision', pct(report.precision), pct(a.precision)],
    ['recall', pct(report.recall), pct(a.recall)],
    ['F1', report.f1.toFixed(4), a.f1.toFixed(4)],
    ['false-positive rate', pct(report.fpr), pct(a.fpr)],
    ['ROC AUC', report.auc.toFixed(4), ''],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = rows.map(([k, v, x]) => `${k.padEnd(w0)}  ${v.padStart(w1)}  ${x}`.trimEnd());
  lines.push('', 'confusion       predicted spam  predicted ham');
  lines.push(`actual spam     ${String(c.tp).padStart(14)}  ${String(c.fn).padStart(13)}`);
  lines.push(`actual ham      ${String(c.fp).padStart(14)}  ${String(c.tn).padStart(13)}`);
  return lines.join('\n');
}
