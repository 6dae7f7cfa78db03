import type PgBoss from 'pg-boss';
import type { Logger } from '../shared/logger.js';
import type { Scheduler } from './scheduler.js';

export interface PgBossSchedulerOptions {
  connectionString: string;
  /** PostgreSQL schema for pg-boss's own tables; every process of one site must use the same. */
  schema: string;
  log: Logger;
  /** How often each process asks for work (seconds, at least 0.5). */
  pollingIntervalSeconds?: number;
}

/**
 * Scheduler for several processes over one PostgreSQL database, on pg-boss. Every process
 * offers one job per task per interval, but pg-boss throttles them (`singletonKey` +
 * `singletonSeconds`: one job per task per time slot, cluster-wide) and the queue is `stately`
 * (at most one job queued and one running per task), so each round runs in exactly one process
 * and rounds never overlap. A process that dies mid-round leaves its job to expire (pg-boss
 * `expireInSeconds`); tasks must be safe to redo.
 */
export function createPgBossScheduler(options: PgBossSchedulerOptions): Scheduler & { ready(): Promise<void> } {
  const tasks: Array<{ queue: string; intervalMs: number; task: () => Promise<void> }> = [];
  const timers: NodeJS.Timeout[] = [];
  let boss: PgBoss | undefined;
  let starting: Promise<void> | undefined;

  async function offer(boss: PgBoss, entry: (typeof tasks)[number]): Promise<void> {
    try {
      await boss.send(entry.queue, {}, { singletonKey: entry.queue, singletonSeconds: Math.max(1, Math.round(entry.intervalMs / 1000)) });
    } catch (error) {
      options.log.warn({ err: error, task: entry.queue }, 'could not queue a scheduled task');
    }
  }

  return {
    schedule(name, intervalMs, task) {
      const entry = { queue: `broadsheet-${name.replace(/[^\w-]/g, '-')}`, intervalMs, task };
      tasks.push(entry);
      // Scheduled after start: set up once pg-boss is running.
      if (starting) starting = starting.then(() => (boss ? setUp(boss, entry) : undefined)).catch((error) => options.log.error({ err: error }, 'could not schedule a task'));
    },

    start() {
      starting ??= startBoss().catch((error) => options.log.error({ err: error }, 'pg-boss scheduler did not start; background jobs are not running'));
    },

    async stop() {
      await starting;
      for (const timer of timers.splice(0)) clearInterval(timer);
      const current = boss;
      boss = undefined;
      await current?.stop({ graceful: true, wait: true, timeout: 30_000 });
    },

    /** Resolves once pg-boss is started and every task's worker is listening. */
    ready(): Promise<void> {
      return starting ?? Promise.resolve();
    },
  };

  async function startBoss(): Promise<void> {
    const initial = [...tasks];
    // Loaded here, not at the top: a site on SQLite never runs pg-boss and should not hold it in memory.
    const { default: PgBossClass } = await import('pg-boss').catch((error: unknown) => {
      throw new Error(`the PostgreSQL job scheduler needs the "pg-boss" package, which could not be loaded: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    });
    const started = new PgBossClass({ connectionString: options.connectionString, schema: options.schema, max: 3, schedule: false });
    started.on('error', (error) => options.log.error({ err: error }, 'pg-boss error'));
    await started.start();
    boss = started;
    for (const entry of initial) await setUp(started, entry);
  }

  async function setUp(started: PgBoss, entry: (typeof tasks)[number]): Promise<void> {
    await started.createQueue(entry.queue, { name: entry.queue, policy: 'stately', retryLimit: 0, expireInSeconds: Math.max(900, Math.round((entry.intervalMs * 10) / 1000)) });
    await started.work(entry.queue, { pollingIntervalSeconds: Math.max(0.5, options.pollingIntervalSeconds ?? 2) }, async () => {
      try {
        await entry.task();
      } catch (error) {
        options.log.error({ err: error, task: entry.queue }, 'scheduled task failed');
      }
    });
    await offer(started, entry);
    const timer = setInterval(() => void offer(started, entry), entry.intervalMs);
    timer.unref();
    timers.push(timer);
  }
}
