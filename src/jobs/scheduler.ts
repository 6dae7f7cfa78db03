/**
 * Background work that repeats: the comment retention job today, feed polling later. An
 * implementation runs each named task every `intervalMs`, never two runs of the same task at
 * once, and logs a failed run without stopping the schedule. The in-process timer scheduler
 * serves one machine; a pg-boss one can share the work among several processes.
 */
export interface Scheduler {
  /** Runs `task` soon after `start()` and then every `intervalMs`. Names are unique. */
  schedule(name: string, intervalMs: number, task: () => Promise<void>): void;
  start(): void;
  /** Cancels future runs and waits for runs under way to finish. */
  stop(): Promise<void>;
}

export const DAY_MS = 86_400_000;
