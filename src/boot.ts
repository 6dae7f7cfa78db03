import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createAccounts, type SessionService, type SignIn, type UserService } from './accounts/index.js';
import { type AuditService, createAuditService } from './audit/index.js';
import { type CommentService, createCommentService } from './comments/index.js';
import type { Config } from './config/schema.js';
import { type ContentServices, createContentServices } from './content/index.js';
import { startPostgresChangeRelay } from './db/change-relay.js';
import { connectDatabase } from './db/connect.js';
import { engineOf } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import { createIngestService, type IngestService } from './ingest/index.js';
import type { Database } from './db/schema.js';
import { type ChangeNotifier, createChangeNotifier } from './shared/change-notifier.js';
import { type Clock, systemClock } from './shared/clock.js';
import type { Scheduler } from './jobs/scheduler.js';
import { createPgBossScheduler } from './jobs/pg-boss-scheduler.js';
import { createTimerScheduler } from './jobs/timer-scheduler.js';
import { BroadsheetError, UnavailableError } from './shared/errors.js';
import { createLogger, type Logger } from './shared/logger.js';
import { createRateLimits, type RateLimiterFactory } from './shared/rate-limit/rate-limits.js';
import {
  createAkismetKeyVerifier,
  createClassifierSpamChecker,
  createClassifierSpamLearner,
  createSpamServices,
  createSpamTrainingData,
  type SpamServices,
} from './spam/index.js';

/** Everything the web server, the CLI, jobs and tests share: built once, in one place. */
export interface AppContext {
  config: Readonly<Config>;
  /** Public address of the site, without a trailing slash. */
  baseUrl: string;
  secret: string;
  log: Logger;
  db: Kysely<Database>;
  clock: Clock;
  changes: ChangeNotifier;
  audit: AuditService;
  content: ContentServices;
  users: UserService;
  /** Staff sign-in sessions (the admin's cookie). */
  sessions: SessionService;
  /** Email and password → a session, with failed attempts counted towards a lockout. */
  signIn: SignIn;
  /** Rate limiters for this process, shared through Redis when configured. */
  rateLimiter: RateLimiterFactory;
  /** Reader comments: submission, threads, moderation, retention, commenter data. */
  comments: CommentService;
  /** Repeating background work; started by the process that serves (see web/server.ts). */
  jobs: Scheduler;
  /** The site's spam filter (model, examples, learning) and its Akismet-compatible API. */
  spam: SpamServices;
  /** Wire ingest: polls sources' feeds and files their items. Polling itself is started by `serve`. */
  ingest: IngestService;
  close(): Promise<void>;
}

export interface BootOptions {
  config: Readonly<Config>;
  log?: Logger;
  clock?: Clock;
  /** PostgreSQL schema to use (tests isolate each file in its own). */
  schema?: string;
}

/** Connects, migrates and wires the services. Throws a BroadsheetError naming what failed. */
export async function boot(options: BootOptions): Promise<AppContext> {
  const { config } = options;
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const db = await connectDatabase(config.databaseUrl, { schema: options.schema });
  try {
    const outcome = await migrateToLatest(db);
    if (outcome.failed) {
      throw new UnavailableError('MIGRATION_FAILED', `Migration ${outcome.failed.name} failed and was rolled back: ${outcome.failed.error.message}`, {
        cause: outcome.failed.error,
      });
    }
    if (outcome.applied.length) log.info({ applied: outcome.applied }, 'database migrated');
  } catch (error) {
    await db.destroy();
    if (error instanceof BroadsheetError) throw error;
    throw new UnavailableError('DATABASE_UNAVAILABLE', `Cannot prepare the database: ${(error as Error).message}`, { cause: error });
  }

  const baseUrl = (config.baseUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  const changes = createChangeNotifier();
  const audit = createAuditService({ db, clock });
  const content = createContentServices({ db, clock, audit, changes, baseUrl });
  const { users, sessions, signIn } = createAccounts({ db, clock, audit });
  const secret = config.secret ?? (await storedSecret(content));
  const spam = createSpamServices({ db, clock, log: log.child({ module: 'spam' }), secret });
  const ingest = createIngestService({ db, content, clock, log, changes, allowPrivateFeeds: config.allowPrivateFeeds });
  const rateLimits = createRateLimits({ redisUrl: config.redisUrl, clock, log });
  const comments = createCommentService({
    db,
    clock,
    audit,
    content,
    // Our own classifier scores every comment; moderators' spam / not-spam decisions teach it.
    checker: createClassifierSpamChecker(spam),
    learner: createClassifierSpamLearner(spam),
    // The examples it keeps hold commenters' data, so retention, export and erase cover them.
    trainingData: createSpamTrainingData(secret),
    // API clients holding an Akismet-compatible key may post without the form's token and honeypot.
    apiKeys: createAkismetKeyVerifier(spam.akismet.keys),
    rateLimiter: rateLimits.limiterFor,
    secret,
    log: log.child({ module: 'comments' }),
    changes,
    baseUrl,
  });
  // PostgreSQL may have several processes: pg-boss runs each round of a job in exactly one.
  const jobs =
    engineOf(db) === 'postgres'
      ? createPgBossScheduler({ connectionString: config.databaseUrl, schema: options.schema ? `${options.schema}_jobs` : 'broadsheet_jobs', log: log.child({ module: 'jobs' }) })
      : createTimerScheduler({ log: log.child({ module: 'jobs' }) });
  const stopRelay = engineOf(db) === 'postgres' ? await startPostgresChangeRelay({ url: config.databaseUrl, schema: options.schema, changes, log }) : undefined;

  return {
    config,
    baseUrl,
    secret,
    log,
    db,
    clock,
    changes,
    audit,
    content,
    users,
    sessions,
    signIn,
    rateLimiter: rateLimits.limiterFor,
    comments,
    jobs,
    spam,
    ingest,
    async close() {
      await stopRelay?.();
      // Unsaved online learning is written before the connection goes.
      await spam.close().catch((error) => log.error({ err: error, module: 'spam' }, 'saving the spam model on close failed'));
      await jobs.stop();
      await rateLimits.close();
      await db.destroy();
    },
  };
}

/** The signing secret generated on first start and kept in the database for later ones. */
async function storedSecret(content: ContentServices): Promise<string> {
  const existing = await content.settings.readInternal('secret');
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  await content.settings.writeInternal('secret', secret);
  return secret;
}
