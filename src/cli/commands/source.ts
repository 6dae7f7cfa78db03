import type { Command } from 'commander';
import type { AppContext } from '../../boot.js';
import type { SourceRule } from '../../content/index.js';
import type { FeedPreview, SourceStatus } from '../../ingest/index.js';
import { systemActor } from '../../shared/actor.js';
import { InvalidError, NotFoundError } from '../../shared/errors.js';
import { withContext } from '../context.js';
import { runAction } from '../exit-codes.js';
import { formatTable } from './ingest.js';

interface AddOptions {
  name: string;
  url: string;
  section?: string;
  policy?: string;
  homepage?: string;
  template?: string;
  interval?: string;
  local?: boolean;
  disabled?: boolean;
  rule?: string[];
}

async function sectionId(ctx: AppContext, path: string): Promise<number> {
  const section = await ctx.content.sections.byPath(path.replace(/^\/+|\/+$/g, ''));
  if (!section) throw new NotFoundError('SECTION_NOT_FOUND', `No section at "${path}" (use its slug path, e.g. world or world/europe)`);
  return section.id;
}

/** "category:Sport=sport" or "keyword:election=world/politics". */
async function parseRule(ctx: AppContext, text: string): Promise<SourceRule> {
  const match = /^(category|keyword):(.+)=([^=]+)$/.exec(text.trim());
  if (!match) throw new InvalidError('SOURCE_RULE_INVALID', `Invalid rule "${text}": write category:VALUE=SECTION or keyword:WORD=SECTION`);
  return { field: match[1] as SourceRule['field'], value: match[2].trim(), sectionId: await sectionId(ctx, match[3].trim()) };
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const when = (date: Date | null) => (date ? date.toISOString().replace('T', ' ').slice(0, 16) : '—');

function statusRow(s: SourceStatus, sectionNames: Map<number, string>): string[] {
  const poll = s.lastPoll;
  const result = !poll
    ? 'never polled'
    : poll.status === 'failed'
      ? `failed: ${poll.error ?? ''}`
      : poll.status === 'not-modified'
        ? 'not modified'
        : `${poll.items} items: ${poll.new} new, ${poll.updated} updated, ${poll.duplicate} duplicate, ${poll.failed} failed`;
  return [
    s.source.name,
    s.source.feedUrl ?? '—',
    s.source.policy,
    s.source.defaultSectionId ? (sectionNames.get(s.source.defaultSectionId) ?? '?') : '—',
    `${Math.round(s.source.pollIntervalSeconds / 60)} min`,
    s.source.isEnabled ? 'yes' : 'no',
    when(s.lastPolledAt),
    poll ? `${poll.durationMs} ms` : '—',
    result,
    s.errorCount ? `${s.errorCount} (retry ${when(s.nextPollAt)})` : '0',
  ];
}

function printPreview(preview: FeedPreview): void {
  const out = process.stdout;
  out.write(`${preview.title || '(untitled feed)'} — ${preview.format}, ${preview.items.length} items${preview.skipped.length ? `, ${preview.skipped.length} skipped` : ''}\n`);
  out.write('Nothing was saved.\n\n');
  for (const item of preview.items) {
    out.write(`• ${item.title || '(no title)'}\n`);
    out.write(`  ${item.url}\n`);
    const facts = [
      item.publishedAt ? item.publishedAt.toISOString() : 'no date (fetch time)',
      `${item.words} words${item.fetchesFullText ? ', full text fetched from the page' : ''}`,
      item.originalPublisher ? `credits ${item.originalPublisher}` : '',
      item.categories.length ? `categories: ${item.categories.join(', ')}` : '',
    ].filter(Boolean);
    out.write(`  ${facts.join(' · ')}\n`);
    if (item.tags.length) out.write(`  tags: ${item.tags.join(', ')}\n`);
  }
  for (const skipped of preview.skipped) out.write(`✗ item ${skipped.index + 1} skipped: ${skipped.reason}\n`);
}

export function registerSource(program: Command): void {
  const source = program.command('source').description('Manage the sources (agencies and sites) whose feeds are ingested');
  const actor = systemActor('cli');

  source
    .command('add')
    .description('Add a source with a feed')
    .requiredOption('--name <name>', 'name shown in attributions, e.g. BGNES')
    .requiredOption('--url <url>', 'feed URL (RSS, Atom, RDF or JSON Feed)')
    .option('--section <path>', 'default section slug path, e.g. world or world/europe (default: the first section)')
    .option('--policy <policy>', 'review (drafts in the Wire queue) or publish', 'review')
    .option('--homepage <url>', 'home page of the source')
    .option('--template <text>', 'attribution line, {name} is replaced', 'According to {name}')
    .option('--interval <minutes>', 'minutes between polls', '10')
    .option('--local', 'the feed is on a private or loopback address (intranet wire)')
    .option('--disabled', 'add it without polling it yet')
    .option('--rule <rule>', 'file matching items elsewhere: category:VALUE=SECTION or keyword:WORD=SECTION (repeatable)', collect)
    .action((options: AddOptions) =>
      runAction(async () => {
        if (options.policy !== 'review' && options.policy !== 'publish') throw new InvalidError('SOURCE_POLICY_INVALID', `Invalid --policy "${options.policy}": use review or publish`);
        const minutes = Number(options.interval);
        if (!Number.isFinite(minutes)) throw new InvalidError('SOURCE_INTERVAL_INVALID', `Invalid --interval "${options.interval}": give minutes, e.g. 10`);
        try {
          new URL(options.url);
        } catch {
          throw new InvalidError('SOURCE_URL_INVALID', `Invalid --url "${options.url}": give the feed's full http(s) URL`);
        }
        await withContext({}, async (ctx) => {
          const rules = await Promise.all((options.rule ?? []).map((r) => parseRule(ctx, r)));
          const created = await ctx.content.sources.create(actor, {
            name: options.name,
            feedUrl: options.url,
            homepage: options.homepage,
            defaultSectionId: options.section ? await sectionId(ctx, options.section) : undefined,
            policy: options.policy as 'review' | 'publish',
            attributionTemplate: options.template,
            pollIntervalSeconds: Math.round(minutes * 60),
            isLocal: options.local === true,
            isEnabled: options.disabled !== true,
            rules,
          });
          process.stdout.write(`added source ${created.name} (${created.slug}), polled every ${minutes} min, policy ${created.policy}\n`);
        });
      }),
    );

  source
    .command('list')
    .description('List sources with their last poll, errors and next poll')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) =>
      runAction(() =>
        withContext({}, async (ctx) => {
          const statuses = await ctx.ingest.sourceStatuses();
          if (options.json) {
            process.stdout.write(`${JSON.stringify(statuses)}\n`);
            return;
          }
          if (statuses.length === 0) {
            process.stdout.write('No sources yet. Add one with: broadsheet source add --name NAME --url FEED_URL\n');
            return;
          }
          const tree = await ctx.content.sections.tree();
          const names = new Map([...tree.all.values()].map((s) => [s.id, s.path]));
          process.stdout.write(
            formatTable(
              ['source', 'feed', 'policy', 'section', 'every', 'enabled', 'last poll', 'took', 'result', 'errors'],
              statuses.map((s) => statusRow(s, names)),
            ),
          );
        }),
      ),
    );

  source
    .command('remove <name>')
    .description('Remove a source and its polling history (its articles stay)')
    .action((name: string) =>
      runAction(() =>
        withContext({}, async (ctx) => {
          const found = await ctx.content.sources.byName(name);
          await ctx.content.sources.remove(actor, found.id);
          process.stdout.write(`removed source ${found.name}\n`);
        }),
      ),
    );

  source
    .command('test <url>')
    .description('Fetch a feed and show what would be ingested, saving nothing')
    .option('--local', 'allow a private or loopback address for this feed')
    .option('--json', 'print JSON instead of text')
    .action((url: string, options: { local?: boolean; json?: boolean }) =>
      runAction(() =>
        withContext({}, async (ctx) => {
          const preview = await ctx.ingest.preview(url, { isLocal: options.local === true });
          if (options.json) process.stdout.write(`${JSON.stringify(preview)}\n`);
          else printPreview(preview);
        }),
      ),
    );
}
