import type { CommentService } from '../comments/index.js';
import type { Logger } from '../shared/logger.js';
import { DAY_MS, type Scheduler } from './scheduler.js';

/** The daily comment privacy job: erase old IPs and user agents, purge old spam and trash. */
export function scheduleCommentJobs(scheduler: Scheduler, comments: CommentService, log: Logger): void {
  scheduler.schedule('comment-retention', DAY_MS, async () => {
    const result = await comments.runRetention();
    log.info({ job: 'comment-retention', ...result }, 'comment retention done');
  });
}
