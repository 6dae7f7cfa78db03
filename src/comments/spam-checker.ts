import type { Db } from '../db/dialect.js';

/**
 * Every spam check — the rules below, the built-in classifier in src/spam, a remote Akismet —
 * goes through this interface, so the moderation pipeline never knows which one ran.
 */
export interface SpamCheckInput {
  /** The plain text as submitted (trimmed), not the rendered HTML. */
  content: string;
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  ip: string;
  userAgent?: string;
  referrer?: string;
  articleUrl?: string;
  /** From the signed form token; absent for API submissions without one. */
  secondsToSubmit?: number;
  /** The hidden field people cannot see but bots fill in. */
  honeypotFilled: boolean;
}

export interface SpamCheckResult {
  /** 0 = certainly fine, 1 = certainly spam. */
  score: number;
  /** Human-readable, for moderators; never shown to the Commenter. */
  reasons: string[];
}

export interface SpamChecker {
  /** May reject or hang; run it through `checkWithTimeout`, which turns both into a value. A checker that can cancel work should honour `signal`. */
  check(input: SpamCheckInput, options?: { signal?: AbortSignal }): Promise<SpamCheckResult>;
}

/** The result of running a checker with a deadline: a score, or why there is none. */
export type SpamCheckOutcome =
  | { kind: 'checked'; score: number; reasons: string[] }
  | { kind: 'failed'; reason: string; cause?: unknown };

/**
 * Learns from a moderator's decision (spam / not spam): the spam filter stores the example
 * with its label and updates its model. `source` says where the label came from (`moderator`).
 */
export interface SpamLearner {
  learn(input: SpamCheckInput, label: 'spam' | 'ham', source: string): Promise<void>;
}

/** A training example as an export shows it; `fields` is what the spam filter stores, as stored. */
export interface TrainingExample {
  id: number;
  label: 'spam' | 'ham';
  source: string;
  createdAt: string;
  fields: Readonly<Record<string, unknown>>;
}

/**
 * The personal data a spam filter keeps in its training examples (the learner's and API
 * clients' labelled comments), so the retention job and commenters' export and erase requests
 * reach it too. Each call runs on the connection or transaction it is given; `email` is
 * already trimmed and lower-cased. Every change returns how many examples it touched.
 */
export interface SpamTrainingData {
  /** Erases what the retention rules say goes after the retention days (what an example keeps of it: the referrer) from examples stored before `before`. */
  eraseContextBefore(db: Db, before: string): Promise<number>;
  listByEmail(db: Db, email: string): Promise<TrainingExample[]>;
  /** Name "Anonymous"; e-mail, website, IP address, user agent and referrer dropped; the text stays. */
  anonymiseByEmail(db: Db, email: string): Promise<number>;
  deleteByEmail(db: Db, email: string): Promise<number>;
}
