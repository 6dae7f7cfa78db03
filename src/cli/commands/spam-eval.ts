import type { Command } from 'commander';
import { evaluateFiles, formatEvalReport } from '../../spam/index.js';
import { runAction } from '../exit-codes.js';

/**
 * `broadsheet spam eval --train A[,B…] --test C [--json]`: trains a fresh spam model on the
 * training files and reports on the test file (the threshold comes from the training files
 * alone). Bad input → one stderr line naming the file and line, exit code 1.
 */
export function registerSpamEval(spam: Command): Command {
  return spam
    .command('eval')
    .description('train a fresh spam model on some labelled files and report on another')
    .requiredOption('--train <files>', 'comma-separated training files (YouTube CSV or SMS TSV)')
    .requiredOption('--test <file>', 'the labelled file to report on')
    .option('--json', 'print one JSON object instead of a table')
    .action((options: { train: string; test: string; json?: boolean }) =>
      runAction(async () => {
        const train = options.train
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean);
        const report = await evaluateFiles({ train, test: options.test });
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatEvalReport(report)}\n`);
      }),
    );
}
