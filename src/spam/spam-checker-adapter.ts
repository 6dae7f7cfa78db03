/**
 * Plugs the site's classifier into the comments domain: a `SpamChecker` for the moderation
 * pipeline, a learner for moderator decisions and the stored examples' personal data for
 * retention, export and erase. The checker and learner map the comments' `SpamCheckInput` to
 * the classifier's `SpamInput` the same way, so what is learned matches what is scored.
 */
import type { ApiKeyVerifier, SpamChecker, SpamCheckInput, SpamLearner, SpamTrainingData } from '../comments/index.js';
import type { AkismetKeyService } from './akismet/akismet-keys.js';
import { exampleKey } from './example-privacy.js';
import type { SpamInput } from './features.js';
import { createSpamRepository, type ExampleSource } from './spam-repository.js';
import type { SpamService } from './spam-service.js';

export function toSpamInput(input: SpamCheckInput): SpamInput {
  return {
    content: input.content,
    authorName: input.authorName,
    authorEmail: input.authorEmail,
    authorUrl: input.authorUrl,
    ip: input.ip,
    userAgent: input.userAgent,
    referrer: input.referrer,
    permalink: input.articleUrl,
    commentType: 'comment',
    secondsToSubmit: input.secondsToSubmit,
    honeypotFilled: input.honeypotFilled,
  };
}

/** The classifier as the comments pipeline's checker. Honours an already-aborted signal. */
export function createClassifierSpamChecker(spam: Pick<SpamService, 'classify'>): SpamChecker {
  return {
    async check(input, options) {
      options?.signal?.throwIfAborted();
      const { score, reasons } = await spam.classify(toSpamInput(input));
      return { score, reasons };
    },
  };
}

const sources: readonly ExampleSource[] = ['moderator', 'api', 'import'];

/**
 * What the comments service calls when a moderator marks a comment spam or not spam: stores
 * the labelled example and learns from it (see SpamService.learn). An unknown `source` is
 * recorded as `moderator`.
 */
export function createClassifierSpamLearner(spam: Pick<SpamService, 'learn'>): SpamLearner {
  return {
    learn: (input, label, source) => spam.learn(toSpamInput(input), label, (sources as readonly string[]).includes(source) ? (source as ExampleSource) : 'moderator'),
  };
}

/**
 * The labelled examples (`spam_example`) as the comments' training-data port, on the caller's
 * connection or transaction. Examples are filed under a keyed hash of the address, made with
 * the same `secret` the spam service stores them with.
 */
export function createSpamTrainingData(secret: string): SpamTrainingData {
  // An address without a key (none, or a bare domain) has no examples.
  const byEmail = async <T>(email: string, none: T, act: (key: string) => Promise<T>): Promise<T> => {
    const key = exampleKey(secret, email);
    return key === null ? none : act(key);
  };
  return {
    eraseContextBefore: (db, before) => createSpamRepository(db).eraseContextBefore(before),
    listByEmail: (db, email) =>
      byEmail(email, [], async (key) =>
        (await createSpamRepository(db).listExamplesByKey(key)).map((e) => ({ id: e.id, label: e.label, source: e.source, createdAt: e.createdAt, fields: { ...e.input } })),
      ),
    anonymiseByEmail: (db, email) => byEmail(email, 0, (key) => createSpamRepository(db).anonymiseExamplesByKey(key)),
    deleteByEmail: (db, email) => byEmail(email, 0, (key) => createSpamRepository(db).deleteExamplesByKey(key)),
  };
}

/** Akismet keys as the comments API's trusted-client keys: valid means issued and not revoked. */
export function createAkismetKeyVerifier(keys: Pick<AkismetKeyService, 'check'>): ApiKeyVerifier {
  return { verify: async (key) => (await keys.check(key)).kind === 'valid' };
}
