import type { IngestService } from '../ingest/index.js';
import type { Scheduler } from './scheduler.js';

/** How often the poller looks for due sources; each source keeps its own interval. */
export const INGEST_TICK_MS = 30_000;

/**
 * Polls due sources on every tick. The scheduler never runs two ticks at once (in this process
 * with timers, or in the whole cluster with pg-boss), and each source is leased while it is
 * polled, so no source is ever polled twice at the same time.
 */
export function scheduleIngestJobs(scheduler: Scheduler, ingest: IngestService, tickMs = INGEST_TICK_MS): void {
  scheduler.schedule('ingest-poll', tickMs, async () => {
    await ingest.pollDue();
  });
}
