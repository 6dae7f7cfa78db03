import type { SessionService } from '../accounts/index.js';
import { DAY_MS, type Scheduler } from './scheduler.js';

/** Daily: deletes sessions past their expiry (they no longer work; this only keeps the table small). */
export function scheduleAccountJobs(scheduler: Scheduler, sessions: SessionService): void {
  scheduler.schedule('session-cleanup', DAY_MS, () => sessions.purgeExpired());
}
