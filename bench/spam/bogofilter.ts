/**
 * Bogofilter as a baseline on the same splits: train a throw-away wordlist with -s/-n from
 * mbox files, classify the test mbox with -T. Its own cutoff (from its config, 0.99 by
 * default) makes the spam decision; its scores give AUC and the FPR ≤ 1 % figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EvalReport, reportFor } from '../../src/spam/evaluate.js';
import type { LabelledExample } from '../../src/spam/train.js';

export const BOGOFILTER = '/usr/bin/bogofilter';

function mbox(examples: readonly LabelledExample[]): string {
  return examples
    .map((e) => {
      const name = (e.input.authorName ?? 'anonymous').replace(/[\r\n]/g, ' ');
      const body = e.input.content.replace(/\r/g, '').replace(/^(>*From )/gm, '>$1');
      return `From bench@localhost Mon Jan  1 00:00:00 2024\nFrom: ${name}\nSubject: comment\n\n${body}\n\n`;
    })
    .join('');
}

export function bogofilterEvaluate(train: readonly LabelledExample[], test: readonly LabelledExample[]): EvalReport {
  const dir = mkdtempSync(join(tmpdir(), 'bogo-'));
  try {
    const run = (args: string[], input: string) =>
      execFileSync(BOGOFILTER, ['-d', dir, ...args], { input, maxBuffer: 64 * 1024 * 1024 }).toString();
    run(['-s', '-M'], mbox(train.filter((e) => e.label === 'spam')));
    run(['-n', '-M'], mbox(train.filter((e) => e.label === 'ham')));
    const testFile = join(dir, 'test.mbox');
    writeFileSync(testFile, mbox(test));
    let output: string;
    try {
      output = execFileSync(BOGOFILTER, ['-d', dir, '-M', '-T', '-I', testFile], { maxBuffer: 64 * 1024 * 1024 }).toString();
    } catch (error) {
      // Exit status 0/1/2 encodes the last verdict; only 3 is a failure.
      const e = error as { status?: number; stdout?: Buffer };
      if (e.status === 3 || !e.stdout) throw error;
      output = e.stdout.toString();
    }
    const lines = output.trim().split('\n');
    if (lines.length !== test.length) throw new Error(`bogofilter classified ${lines.length} of ${test.length} messages`);
    const verdicts = lines.map((l) => l.split(' ')[0] === 'S');
    const scores = lines.map((l) => Number(l.split(' ')[1]));
    const isSpam = test.map((e) => e.label === 'spam');
    const report = reportFor(
      verdicts.map((v) => (v ? 1 : 0)),
      isSpam,
      0.5,
    );
    const byScore = reportFor(scores, isSpam, 0.5);
    return { ...report, auc: byScore.auc, atFpr1: byScore.atFpr1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
