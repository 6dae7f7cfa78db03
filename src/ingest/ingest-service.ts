import type { Kysely } from 'kysely';
import type { ContentServices, Source, WireQueueEntry } from '../content/index.js';
import type { Database } from '../db/schema.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import { InvalidError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { systemActor } from '../shared/actor.js';
import { detectAttribution } from './attribution.js';
import type { FeedFormat } from './feed-types.js';
import { htmlToText } from './feed-text.js';
import type { ItemOutcome } from './file-story.js';
import { createFingerprintStore } from './fingerprint-store.js';
import { decodePage, needsFullText, type PageFetcher } from './full-text.js';
import { createIngestRepository } from './ingest-repository.js';
import { type PollCounts, type PollResult, pollSource } from './poll-source.js';
import { parseFeed } from './parse-feed.js';
import { type HostLookup, safeFetch } from './safe-fetch.js';
import { suggestTags } from './tagging.js';

export interface IngestServiceDeps {
  db: Kysely<Database>;
  content: ContentServices;
  clock: Clock;
  log: Logger;
  changes: ChangeNotifier;
  allowPrivateFeeds: boolean;
  /** Tests resolve hostnames without DNS. */
  lookup?: HostLookup;
  /** Fetch the page of items that carry only a summary (default on). */
  fullText?: boolean;
  maxFullTextPerPoll?: number;
  /** Sources polled at once in one run. */
  concurrency?: number;
}

export interface RunSummary extends PollCounts {
  sources: number;
  results: PollResult[];
}

export interface RunProgress {
  sourcesDone: number;
  sourcesTotal: number;
  totals: PollCounts;
  source?: string;
}

export interface PreviewItem {
  title: string;
  url: string;
  guid: string;
  publishedAt: Date | null;
  originalPublisher: string | null;
  categories: string[];
  tags: string[];
  /** Only a summary: its page would be fetched for the full text. */
  fetchesFullText: boolean;
  words: number;
}

export interface FeedPreview {
  url: string;
  title: string;
  format: FeedFormat;
  items: PreviewItem[];
  skipped: Array<{ index: number; reason: string }>;
}

export interface SourceStatus {
  source: Source;
  lastPolledAt: Date | null;
  nextPollAt: Date | null;
  errorCount: number;
  lastError: string | null;
  lastPoll: (PollCounts & { status: string; startedAt: Date; durationMs: number; error: string | null }) | null;
}

const emptyCounts = (): PollCounts => ({ items: 0, new: 0, updated: 0, duplicate: 0, failed: 0 });

/**
 * Ingest: polls sources' feeds and files their items as articles (see file-story.ts for the
 * rules). Used by the CLI (`ingest`, `source test`), the in-server poller and tests.
 */
export function createIngestService(deps: IngestServiceDeps) {
  const log = deps.log.child({ module: 'ingest' });
  const actor = systemActor('ingest');
  const fingerprints = createFingerprintStore(deps.content.filing, deps.clock);
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  };

  const fetchFeed = (url: string, validator: { etag?: string; lastModified?: string }, allowPrivate: boolean) =>
    safeFetch(url, { validator, allowPrivate, lookup: deps.lookup });
  const pageFetcher =
    deps.fullText === false
      ? undefined
      : (allowPrivate: boolean): PageFetcher =>
          async (url) => {
            const page = await safeFetch(url, { allowPrivate, lookup: deps.lookup, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
            if (page.status !== 'ok') throw new Error(`GET ${url} answered 304 without a validator`);
            return { html: decodePage(page.body, page.contentType), url: page.url };
          };

  async function pollAll(sources: Source[], force: boolean, onProgress?: (progress: RunProgress) => void): Promise<RunSummary> {
    const settings = await deps.content.settings.get();
    const tree = await deps.content.sections.tree();
    const fallbackSectionId = tree.roots[0]?.id;
    const existing = (await deps.content.tags.listPopular(deps.clock.now(), 2000)).map((t) => t.name);
    await fingerprints.refresh();
    const totals = emptyCounts();
    const results: PollResult[] = [];
    let sourcesDone = 0;
    let current: string | undefined;
    const report = () => onProgress?.({ sourcesDone, sourcesTotal: sources.length, totals: { ...totals }, source: current });
    const pollDeps = {
      db: deps.db,
      clock: deps.clock,
      log,
      filing: deps.content.filing,
      fingerprints,
      actor,
      fetchFeed,
      pageFetcher,
      policy: settings.nearDuplicatePolicy,
      tagOptions: { existing, style: settings.ingestTagStyle },
      fallbackSectionId,
      allowPrivateFeeds: deps.allowPrivateFeeds,
      maxFullTextPerPoll: deps.maxFullTextPerPoll ?? 20,
      exclusive,
      onItem(outcome: ItemOutcome | 'failed') {
        totals.items++;
        totals[outcome]++;
        report();
      },
    };
    const queue = [...sources];
    const worker = async () => {
      for (let source = queue.shift(); source; source = queue.shift()) {
        current = source.name;
        const result = await pollSource(pollDeps, source, { force });
        results.push(result);
        sourcesDone++;
        report();
      }
    };
    await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, Math.max(1, sources.length)) }, worker));
    if (results.some((r) => r.new > 0 || r.updated > 0)) deps.changes.notify('content');
    results.sort((a, b) => a.sourceName.localeCompare(b.sourceName));
    return { sources: results.length, ...totals, results };
  }

  const service = {
    /**
     * One pass now over every enabled source with a feed (or the one named, enabled or not),
     * due or not. A source another process is polling is reported `busy` and left alone.
     */
    async run(options: { sourceName?: string; onProgress?: (progress: RunProgress) => void } = {}): Promise<RunSummary> {
      const sources = options.sourceName
        ? [await deps.content.sources.byName(options.sourceName)]
        : (await deps.content.sources.list()).filter((s) => s.isEnabled && s.feedUrl);
      if (options.sourceName && !sources[0].feedUrl) throw new InvalidError('SOURCE_NO_FEED', `Source ${sources[0].name} has no feed URL`);
      return pollAll(sources, true, options.onProgress);
    },

    /** Polls the enabled sources that are due; what the in-server poller runs on each tick. */
    async pollDue(): Promise<RunSummary> {
      const now = deps.clock.now();
      const sources = (await deps.content.sources.list()).filter((s) => s.isEnabled && s.feedUrl);
      const repo = createIngestRepository(deps.db);
      await repo.ensureStates(
        sources.map((s) => s.id),
        now.toISOString(),
      );
      const states = new Map((await repo.listStates()).map((s) => [s.source_id, s]));
      const due = sources.filter((s) => {
        const state = states.get(s.id);
        return !state || (state.next_poll_at <= now.toISOString() && (!state.lease_until || state.lease_until < now.toISOString()));
      });
      if (due.length === 0) return { sources: 0, ...emptyCounts(), results: [] };
      const summary = await pollAll(due, false);
      const polled = summary.results.filter((r) => r.status !== 'busy');
      if (polled.length) log.info({ sources: polled.length, new: summary.new, updated: summary.updated, failed: summary.failed }, 'polled sources');
      return summary;
    },

    /**
     * Fetches a feed and shows what would be ingested from it, saving nothing. Private
     * addresses are refused unless allowed in the settings or `isLocal` is given.
     */
    async preview(url: string, options: { isLocal?: boolean } = {}): Promise<FeedPreview> {
      const fetched = await safeFetch(url, { allowPrivate: deps.allowPrivateFeeds || options.isLocal === true, lookup: deps.lookup });
      if (fetched.status !== 'ok') throw new InvalidError('INGEST_FEED_NOT_MODIFIED', `${url} answered 304 Not Modified to a plain GET`);
      const feed = parseFeed(fetched.body, { feedUrl: fetched.url, contentType: fetched.contentType });
      const settings = await deps.content.settings.get();
      const existing = (await deps.content.tags.listPopular(deps.clock.now(), 2000)).map((t) => t.name);
      return {
        url: fetched.url,
        title: feed.title,
        format: feed.format,
        skipped: feed.skipped,
        items: await Promise.all(
          feed.items.map(async (item) => {
            const text = htmlToText(item.contentHtml ?? item.summaryHtml ?? '');
            const credit = detectAttribution(item.title);
            return {
              title: credit?.cleanTitle ?? item.title,
              url: item.url,
              guid: item.guid,
              publishedAt: item.publishedAt ?? null,
              originalPublisher: credit?.originalPublisher ?? null,
              categories: item.categories,
              tags: await suggestTags(item.title, text, { existing, style: settings.ingestTagStyle }),
              fetchesFullText: deps.fullText !== false && needsFullText(item),
              words: text ? text.split(' ').length : 0,
            };
          }),
        ),
      };
    },

    /** Every source with its polling state and latest poll, by name. */
    async sourceStatuses(): Promise<SourceStatus[]> {
      const repo = createIngestRepository(deps.db);
      const [sources, states, polls] = await Promise.all([deps.content.sources.list(), repo.listStates(), repo.latestPolls()]);
      const stateOf = new Map(states.map((s) => [s.source_id, s]));
      const pollOf = new Map(polls.map((p) => [p.source_id, p]));
      return sources.map((source) => {
        const state = stateOf.get(source.id);
        const poll = pollOf.get(source.id);
        return {
          source,
          lastPolledAt: state?.last_polled_at ? new Date(state.last_polled_at) : null,
          nextPollAt: state?.next_poll_at ? new Date(state.next_poll_at) : null,
          errorCount: state?.error_count ?? 0,
          lastError: state?.last_error ?? null,
          lastPoll: poll
            ? {
                status: poll.status,
                startedAt: new Date(poll.started_at),
                durationMs: poll.duration_ms,
                items: poll.item_count,
                new: poll.new_count,
                updated: poll.updated_count,
                duplicate: poll.duplicate_count,
                failed: poll.failed_count,
                error: poll.error,
              }
            : null,
        };
      });
    },

    /** The recorded polls of a source, newest first. */
    async pollHistory(sourceId: number, limit = 20) {
      const rows = await createIngestRepository(deps.db).pollsOf(sourceId, limit);
      return rows.map((p) => ({
        status: p.status,
        startedAt: new Date(p.started_at),
        durationMs: p.duration_ms,
        items: p.item_count,
        new: p.new_count,
        updated: p.updated_count,
        duplicate: p.duplicate_count,
        failed: p.failed_count,
        error: p.error,
      }));
    },

    /** The Wire queue: drafts from sources awaiting review, newest first. */
    wireQueue(page: { limit: number; offset?: number } = { limit: 50 }): Promise<WireQueueEntry[]> {
      return deps.content.filing.wireQueue(page);
    },
  };
  return service;
}

export type IngestService = ReturnType<typeof createIngestService>;
