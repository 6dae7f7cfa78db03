import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { RunProgress, RunSummary } from '../../ingest/index.js';
import { withContext } from '../context.js';
import { runAction } from '../exit-codes.js';

/** A plain-text table with aligned columns. */
export function formatTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd()}\n`;
  return line(head) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}

function summaryTable(summary: RunSummary): string {
  const rows = summary.results.map((r) => [
    r.sourceName,
    r.status,
    String(r.items),
    String(r.new),
    String(r.updated),
    String(r.duplicate),
    String(r.failed),
    `${r.durationMs} ms`,
    r.status === 'busy' ? 'another process is polling it' : (r.error ?? ''),
  ]);
  rows.push(['total', '', String(summary.items), String(summary.new), String(summary.updated), String(summary.duplicate), String(summary.failed), '', '']);
  return formatTable(['source', 'status', 'items', 'new', 'updated', 'duplicate', 'failed', 'took', 'error'], rows);
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('Poll every enabled source now (or one) and file new items')
    .option('--source <name>', 'only this source')
    .option('--json', 'print one JSON object with the counts as the last line, and no progress bar')
    .action((options: { source?: string; json?: boolean }) =>
      runAction(() =>
        withContext({}, async (ctx) => {
          // The bar goes to stderr, and only on a terminal, so stdout stays parseable.
          const bar =
            !options.json && process.stderr.isTTY
              ? new cliProgress.SingleBar(
                  {
                    stream: process.stderr,
                    format: 'sources {bar} {value}/{total} | items {items} | new {new} · updated {updated} · duplicate {duplicate} · failed {failed}',
                    hideCursor: true,
                    clearOnComplete: true,
                  },
                  cliProgress.Presets.shades_classic,
                )
              : undefined;
          let started = false;
          const onProgress = (p: RunProgress) => {
            if (!bar) return;
            if (!started) {
              bar.start(p.sourcesTotal, 0, p.totals);
              started = true;
            }
            bar.update(p.sourcesDone, p.totals);
          };
          let summary: RunSummary;
          try {
            summary = await ctx.ingest.run({ sourceName: options.source, onProgress });
          } finally {
            if (started) bar?.stop();
          }
          if (options.json) {
            const { sources, items, new: created, updated, duplicate, failed } = summary;
            process.stdout.write(`${JSON.stringify({ sources, items, new: created, updated, duplicate, failed })}\n`);
            return;
          }
          if (summary.sources === 0) {
            process.stdout.write('No enabled sources with a feed. Add one with: broadsheet source add --name NAME --url FEED_URL\n');
            return;
          }
          process.stdout.write(summaryTable(summary));
        }),
      ),
    );
}
