import type { Kysely } from 'kysely';
import type { ArticleFilingService, Source } from '../content/index.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { FeedItem } from './feed-types.js';
import { type FilingContext, fileItem, type ItemOutcome, type NearDuplicatePolicy, retryFullText } from './file-story.js';
import type { FingerprintStore } from './fingerprint-store.js';
import type { PageFetcher } from './full-text.js';
import { createIngestRepository } from './ingest-repository.js';
import { parseFeed } from './parse-feed.js';
import type { FetchValidator, SafeFetchResult } from './safe-fetch.js';
import { sectionForItem } from './section-rules.js';
import type { SuggestTagsOptions } from './tagging.js';

/** A poll holds its source this long; a process killed mid-poll frees it when the lease runs out. */
export const POLL_LEASE_MS = 5 * 60_000;
/** A failing source waits interval × 2^errors, at most this long. */
export const MAX_BACKOFF_MS = 24 * 3_600_000;

export interface PollCounts {
  items: number;
  new: number;
  updated: number;
  duplicate: number;
  failed: number;
}

export interface PollResult extends PollCounts {
  sourceId: number;
  sourceName: string;
  /** `busy`: another poll of the source holds its lease, so this one did nothing. */
  status: 'ok' | 'not-modified' | 'failed' | 'busy';
  durationMs: number;
  error?: string;
}

export interface PollDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  filing: ArticleFilingService;
  fingerprints: FingerprintStore;
  actor: Actor;
  fetchFeed(url: string, validator: FetchValidator, allowPrivate: boolean): Promise<SafeFetchResult>;
  /** Undefined when full-text fetching is off. */
  pageFetcher?(allowPrivate: boolean): PageFetcher;
  policy: NearDuplicatePolicy;
  tagOptions: SuggestTagsOptions;
  fallbackSectionId: number | undefined;
  allowPrivateFeeds: boolean;
  maxFullTextPerPoll: number;
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  onItem?(outcome: ItemOutcome | 'failed'): void;
}

export function backoffMs(intervalSeconds: number, errorCount: number): number {
  return Math.min(intervalSeconds * 1000 * 2 ** Math.min(errorCount, 20), MAX_BACKOFF_MS);
}

/**
 * Polls one source: takes its lease (unless another poll holds it: `busy`), fetches the feed with
 * the stored validators, files every item, retries pending full texts, records the poll, and
 * schedules the next one (interval, or exponential backoff after a failure). The validators are
 * stored only once every item was filed, so a poll cut short is redone in full next time.
 * `force` polls even if the source is not due yet.
 */
export async function pollSource(deps: PollDeps, source: Source, options: { force: boolean }): Promise<PollResult> {
  const repo = createIngestRepository(deps.db);
  const startedAt = deps.clock.now();
  const started = performance.now();
  const counts: PollCounts = { items: 0, new: 0, updated: 0, duplicate: 0, failed: 0 };
  const base = { sourceId: source.id, sourceName: source.name };
  await repo.ensureStates([source.id], startedAt.toISOString());
  const claimed = await repo.claim(source.id, startedAt.toISOString(), new Date(startedAt.getTime() + POLL_LEASE_MS).toISOString(), options.force);
  if (!claimed) return { ...base, ...counts, status: 'busy', durationMs: 0 };

  const state = await repo.findState(source.id);
  const log = deps.log.child({ source: source.name });
  let status: 'ok' | 'not-modified' | 'failed' = 'ok';
  let error: string | undefined;
  let validators: { etag: string | null; last_modified: string | null } | undefined;
  try {
    if (!source.feedUrl) throw new Error('the source has no feed URL');
    const allowPrivate = deps.allowPrivateFeeds || source.isLocal;
    const fetched = await deps.fetchFeed(source.feedUrl, { etag: state?.etag ?? undefined, lastModified: state?.last_modified ?? undefined }, allowPrivate);
    const filing: FilingContext = {
      db: deps.db,
      filing: deps.filing,
      fingerprints: deps.fingerprints,
      actor: deps.actor,
      source,
      sectionId: (item: FeedItem) => sectionForItem(source, item, deps.fallbackSectionId),
      policy: deps.policy,
      tagOptions: deps.tagOptions,
      now: startedAt,
      fetchPage: deps.pageFetcher?.(allowPrivate),
      fullTextBudget: { remaining: deps.maxFullTextPerPoll },
      seen: new Set(),
      exclusive: deps.exclusive,
    };
    let itemErrors = 0;
    if (fetched.status === 'not-modified') {
      status = 'not-modified';
    } else {
      const feed = parseFeed(fetched.body, { feedUrl: fetched.url, contentType: fetched.contentType });
      counts.items = feed.items.length + feed.skipped.length;
      counts.failed += feed.skipped.length;
      for (const skipped of feed.skipped) {
        log.warn({ index: skipped.index, reason: skipped.reason }, 'feed item skipped');
        deps.onItem?.('failed');
      }
      for (const item of feed.items) {
        try {
          const outcome = await fileItem(filing, item);
          counts[outcome]++;
          deps.onItem?.(outcome);
        } catch (cause) {
          counts.failed++;
          itemErrors++;
          deps.onItem?.('failed');
          log.warn({ guid: item.guid, err: cause }, 'item not filed');
        }
      }
      validators = itemErrors === 0 ? { etag: fetched.etag ?? null, last_modified: fetched.lastModified ?? null } : { etag: null, last_modified: null };
    }
    if (filing.fetchPage) {
      const pending = await repo.pendingFullText(source.id, startedAt.toISOString(), Math.max(0, filing.fullTextBudget.remaining));
      for (const row of pending) {
        try {
          await retryFullText({ ...filing, fetchPage: filing.fetchPage }, row);
        } catch (cause) {
          log.warn({ guid: row.guid, err: cause }, 'full-text retry failed');
        }
      }
    }
  } catch (cause) {
    status = 'failed';
    error = cause instanceof Error ? cause.message : String(cause);
    log.warn({ err: cause }, 'poll failed');
  }

  const errorCount = status === 'failed' ? (state?.error_count ?? 0) + 1 : 0;
  const durationMs = Math.round(performance.now() - started);
  const finishedAt = deps.clock.now();
  const delay = status === 'failed' ? backoffMs(source.pollIntervalSeconds, errorCount) : source.pollIntervalSeconds * 1000;
  await repo.finishPoll(source.id, {
    ...(validators ?? {}),
    last_polled_at: finishedAt.toISOString(),
    next_poll_at: new Date(finishedAt.getTime() + delay).toISOString(),
    error_count: errorCount,
    last_error: error ?? null,
  });
  await repo.recordPoll({
    source_id: source.id,
    started_at: startedAt.toISOString(),
    duration_ms: durationMs,
    status,
    item_count: counts.items,
    new_count: counts.new,
    updated_count: counts.updated,
    duplicate_count: counts.duplicate,
    failed_count: counts.failed,
    error: error ?? null,
  });
  return { ...base, ...counts, status, durationMs, ...(error ? { error } : {}) };
}
