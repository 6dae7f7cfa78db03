import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/index.js';
import type { ContentServices } from '../content/index.js';
import type { Database } from '../db/schema.js';
import type { ChangeNotifier } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Timer } from './check-with-timeout.js';
import type { RateLimiterFactory } from '../shared/rate-limit/rate-limits.js';
import type { SpamChecker, SpamLearner, SpamTrainingData } from './spam-checker.js';


/** Answers whether an API key belongs to a trusted client (which may skip the form's honeypot and timing). */
export interface ApiKeyVerifier {
  verify(key: string): Promise<boolean>;
}

/** Everything the comments service needs, spelled out (see createCommentService). */
export interface CommentServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  content: ContentServices;
  checker: SpamChecker;
  learner?: SpamLearner;
  /** Where the learner's examples keep personal data, for retention, export and erase. */
  trainingData?: SpamTrainingData;
  rateLimiter: RateLimiterFactory;
  /** Signs form tokens and pending-comment cookies. */
  secret: string;
  log: Logger;
  changes: ChangeNotifier;
  /** Public address without a trailing slash, for the article URL handed to the spam check. */
  baseUrl?: string;
  apiKeys?: ApiKeyVerifier;
  /** Spam check deadline; default 500 ms. */
  checkTimeoutMs?: number;
  timer?: Timer;
}
