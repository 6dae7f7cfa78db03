import type { Logger } from '../shared/logger.js';
import type { Scheduler } from './scheduler.js';

interface Job {
  name: string;
  intervalMs: number;
  task: () => Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
}

export interface TimerSchedulerOptions {
  log: Logger;
  /** Delay before each task's first run after start(); default 5 s, so start-up is not slowed. */
  firstRunDelayMs?: number;
}

/**
 * Runs tasks on timers in this process. Each run is scheduled only after the previous one has
 * finished, so runs of one task never overlap however long they take. Timers are unref'd: a
 * schedule alone never keeps the process alive.
 */
export function createTimerScheduler(options: TimerSchedulerOptions): Scheduler {
  const jobs = new Map<string, Job>();
  const firstRunDelayMs = options.firstRunDelayMs ?? 5000;
  let started = false;

  const arm = (job: Job, delayMs: number) => {
    job.timer = setTimeout(() => {
      job.timer = undefined;
      job.running = (async () => {
        const startedAt = Date.now();
        try {
          await job.task();
          options.log.info({ job: job.name, ms: Date.now() - startedAt }, 'job finished');
        } catch (error) {
          options.log.error({ err: error, job: job.name }, 'job failed');
        }
      })().finally(() => {
        job.running = undefined;
        if (started) arm(job, job.intervalMs);
      });
    }, delayMs);
    job.timer.unref?.();
  };

  return {
    schedule(name, intervalMs, task) {
      if (jobs.has(name)) throw new Error(`A job named ${name} is already scheduled.`);
      if (!(intervalMs > 0)) throw new Error(`Job ${name} needs a positive interval.`);
      const job: Job = { name, intervalMs, task };
      jobs.set(name, job);
      if (started) arm(job, firstRunDelayMs);
    },
    start() {
      if (started) return;
      started = true;
      for (const job of jobs.values()) arm(job, firstRunDelayMs);
    },
    async stop() {
      started = false;
      for (const job of jobs.values()) if (job.timer) clearTimeout(job.timer);
      await Promise.all([...jobs.values()].map((job) => job.running));
    },
  };
}
