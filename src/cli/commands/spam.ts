import type { Command } from 'commander';
import { defaultModerationSettings } from '../../comments/index.js';
import { InvalidError } from '../../shared/errors.js';
import type { TrainProgress } from '../../spam/index.js';
import { withContext } from '../context.js';
import { runAction } from '../exit-codes.js';

function progressLine(p: TrainProgress): string {
  if (p.phase === 'read') return `read ${p.file}: ${p.examples} examples`;
  if (p.phase === 'store') return `storing ${p.examples} examples`;
  return `training on ${p.examples} stored examples…`;
}

function threshold(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidError('SPAM_THRESHOLDS_INVALID', `${flag} must be a number from 0 to 1 (got "${value}")`);
  return n;
}

/**
 * `broadsheet spam train FILE…` adds the files' labelled examples to the site's and retrains
 * its model from all of them (progress on stderr, summary on stdout); `broadsheet spam check
 * TEXT` scores one comment with the site's model and prints score, verdict and reasons.
 */
export function registerSpamTrainAndCheck(spam: Command): void {
  spam
    .command('train')
    .description("add labelled files (YouTube CSV or SMS TSV) to the site's examples and retrain its spam model")
    .argument('<files...>', 'labelled files')
    .action((files: string[]) =>
      runAction(() =>
        withContext({}, async (ctx) => {
          const summary = await ctx.spam.trainFromFiles(files, (p) => process.stderr.write(`${progressLine(p)}\n`));
          process.stdout.write(
            `trained the site's spam model (version ${summary.version}) on ${summary.examples} examples ` +
              `(${summary.spam} spam, ${summary.ham} ham) in ${(summary.milliseconds / 1000).toFixed(1)} s; spam threshold ${summary.threshold.toFixed(3)}\n`,
          );
        }),
      ),
    );

  spam
    .command('check')
    .description("score a comment with the site's spam model and show why")
    .argument('<text>', 'the comment text')
    .option('--author-name <name>', "the commenter's name")
    .option('--author-email <email>', "the commenter's e-mail address")
    .option('--author-url <url>', "the commenter's website")
    .option('--low <score>', 'scores below this are ham (default: the comments default)')
    .option('--high <score>', 'scores at or above this are spam (default: the comments default)')
    .action((text: string, options: { authorName?: string; authorEmail?: string; authorUrl?: string; low?: string; high?: string }) =>
      runAction(async () => {
        const low = threshold(options.low, defaultModerationSettings.lowThreshold, '--low');
        const high = threshold(options.high, defaultModerationSettings.highThreshold, '--high');
        await withContext({}, async (ctx) => {
          const verdict = (score: number) => ctx.spam.verdict(score, { low, high });
          const result = await ctx.spam.classify({ content: text, authorName: options.authorName, authorEmail: options.authorEmail, authorUrl: options.authorUrl });
          const model = await ctx.spam.modelInfo();
          const lines = [
            `score    ${result.score.toFixed(3)}`,
            `verdict  ${verdict(result.score)} (ham below ${low.toFixed(2)}, spam at ${high.toFixed(2)} or above)`,
            `model    ${model.origin === 'site' ? `the site's model, version ${model.version}` : 'the shipped default model'} (its own spam threshold ${model.threshold.toFixed(3)})`,
            result.reasons.length ? 'reasons' : 'reasons  none pushed the score toward spam',
            ...result.reasons.map((r) => `  - ${r}`),
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
        });
      }),
    );
}
