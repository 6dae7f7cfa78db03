/**
 * Plugs the site's classifier into the comments domain: a `SpamChecker` for the moderation
 * pipeline and a learner for moderator decisions. Both map the comments' `SpamCheckInput` to
 * the classifier's `SpamInput` the same way, so what is learned matches what is scored.
 */
import type { ApiKeyVerifier, SpamChecker, SpamCheckInput, SpamLearner } from '../comments/index.js';
import type { AkismetKeyService } from './akismet/akismet-keys.js';
import type { SpamInput } from './features.js';
import type { ExampleSource } from './spam-repository.js';
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

/** Akismet keys as the comments API's trusted-client keys: valid means issued and not revoked. */
export function createAkismetKeyVerifier(keys: Pick<AkismetKeyService, 'check'>): ApiKeyVerifier {
  return { verify: async (key) => (await keys.check(key)).kind === 'valid' };
}
