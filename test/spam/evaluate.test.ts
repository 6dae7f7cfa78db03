import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerSpamEval } from '../../src/cli/commands/spam-eval.js';
import { loadDataset } from '../../src/spam/datasets.js';
import { evaluate, evaluateFiles, formatEvalReport } from '../../src/spam/evaluate.js';
import type { LabelledExample } from '../../src/spam/train.js';
import { sharedData } from '../helpers/shared-data.js';

const data = (path: string) => sharedData(`spam/${path}`);
const psy = data('youtube/Youtube01-Psy.csv');
const katy = data('youtube/Youtube02-KatyPerry.csv');
const flip = (examples: LabelledExample[]) =>
  examples.map((e) => ({ input: e.input, label: e.label === 'spam' ? ('ham' as const) : ('spam' as const) }));

describe('evaluate', () => {
  it('reports exactly the promised JSON shape with sane figures', async () => {
    const report = await evaluateFiles({ train: [psy], test: katy });
    const json = JSON.parse(JSON.stringify(report));
    expect(Object.keys(json)).toEqual(['accuracy', 'precision', 'recall', 'f1', 'fpr', 'auc', 'confusion', 'atFpr1']);
    expect(Object.keys(json.confusion)).toEqual(['tp', 'fp', 'tn', 'fn']);
    expect(Object.keys(json.atFpr1)).toEqual(['threshold', 'precision', 'recall', 'f1', 'fpr']);
    const { tp, fp, tn, fn } = report.confusion;
    expect(tp + fp + tn + fn).toBe(350);
    expect(report.accuracy).toBeCloseTo((tp + tn) / 350);
    expect(report.atFpr1.fpr).toBeLessThanOrEqual(0.01);
    expect(report.auc).toBeGreaterThan(0.9);
    expect(formatEvalReport(report)).toMatch(/F1\s+0\.\d{4}/);
    expect(formatEvalReport(report)).toContain(`actual ham      ${String(fp).padStart(14)}`);
  });

  it('chooses the threshold without the test labels: flipping them only mirrors the matrix', async () => {
    const [train, test] = await Promise.all([loadDataset(psy), loadDataset(katy)]);
    const honest = evaluate(train, test);
    const flipped = evaluate(train, flip(test));
    expect(flipped.confusion).toEqual({ tp: honest.confusion.fp, fp: honest.confusion.tp, tn: honest.confusion.fn, fn: honest.confusion.tn });
    expect(flipped.auc).toBeCloseTo(1 - honest.auc, 10);
  });
});

describe('broadsheet spam eval', () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
    const program = new Command('broadsheet').exitOverride();
    registerSpamEval(program.command('spam'));
    await program.parseAsync(['spam', 'eval', ...args], { from: 'user' });
    vi.restoreAllMocks();
    return { out: out.join(''), err: err.join('') };
  };
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('prints one JSON object with --json', async () => {
    const { out } = await run('--train', psy, '--test', katy, '--json');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toEqual(await evaluateFiles({ train: [psy], test: katy }));
  });

  it('prints one stderr line naming file and line, exit code 1, on bad input', async () => {
    const bad = fileURLToPath(new URL('../fixtures/spam/sms-bad-label.tsv', import.meta.url));
    const { out, err } = await run('--train', `${psy},${bad}`, '--test', katy);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(`${bad}:3:`);
    expect(process.exitCode).toBe(1);
  });
});
