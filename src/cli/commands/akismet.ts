import type { Command } from 'commander';
import { InvalidError } from '../../shared/errors.js';
import { withContext } from '../context.js';
import { runAction } from '../exit-codes.js';

/** `broadsheet akismet key add|list|revoke`: keys for Akismet clients of this site's spam filter. */
export function registerAkismet(program: Command): void {
  const akismet = program.command('akismet').description('Akismet-compatible API for other sites');
  const key = akismet.command('key').description('Manage API keys');

  key
    .command('add')
    .description('make a key for a site; prints the key alone on stdout (it is shown only once)')
    .requiredOption('--site <url>', 'address of the site that will use the key')
    .option('--rate-limit <n>', 'requests a minute allowed with this key', '600')
    .action((options: { site: string; rateLimit: string }) =>
      runAction(async () => {
        const rateLimit = Number(options.rateLimit);
        if (!Number.isInteger(rateLimit) || rateLimit < 1) {
          throw new InvalidError('AKISMET_RATE_LIMIT_INVALID', `--rate-limit must be a whole number of at least 1 (got "${options.rateLimit}")`);
        }
        await withContext({}, async (ctx) => {
          const made = await ctx.spam.akismet.keys.add(options.site, rateLimit);
          process.stdout.write(`${made.key}\n`);
        });
      }),
    );

  key
    .command('list')
    .description('list keys with their sites, limits and counters')
    .action(() =>
      runAction(() =>
        withContext({}, async (ctx) => {
          const keys = await ctx.spam.akismet.keys.list();
          if (keys.length === 0) {
            process.stdout.write('no keys; add one with: broadsheet akismet key add --site URL\n');
            return;
          }
          const rows = [
            ['key', 'site', 'per minute', 'created', 'status', 'checks', 'spam', 'ham', 'missed spam', 'false positives'],
            ...keys.map((k) => [
              `${k.hint}…`,
              k.siteUrl,
              String(k.rateLimit),
              k.createdAt.slice(0, 10),
              k.revokedAt ? `revoked ${k.revokedAt.slice(0, 10)}` : 'active',
              ...[k.counts.checks, k.counts.spam, k.counts.ham, k.counts.missed_spam, k.counts.false_positives].map(String),
            ]),
          ];
          const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
          process.stdout.write(`${rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n')}\n`);
        }),
      ),
    );

  key
    .command('revoke')
    .description('revoke a key: its clients get "invalid" from then on')
    .argument('<key>', 'the 12-character key')
    .action((value: string) =>
      runAction(() =>
        withContext({}, async (ctx) => {
          await ctx.spam.akismet.keys.revoke(value);
          process.stdout.write(`revoked ${value}\n`);
        }),
      ),
    );
}
