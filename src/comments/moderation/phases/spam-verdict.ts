import type { ModerationPhase } from '../phase.js';

const format = (score: number) => score.toFixed(2);

/**
 * Score at or above `highThreshold` → `spam`, in every mode, with the checker's reasons. A score
 * between the thresholds only adds the `possible-spam` flag; the mode decides what it means.
 */
export const markSpam: ModerationPhase = ({ checkResult, settings }) => {
  if (checkResult.kind !== 'checked') return undefined;
  const { score, reasons } = checkResult;
  if (score >= settings.highThreshold) {
    return {
      status: 'spam',
      reasons: [`Spam score ${format(score)} is at or above ${format(settings.highThreshold)}.`, ...reasons],
    };
  }
  if (score >= settings.lowThreshold) {
    return {
      reasons: [`Spam score ${format(score)} is between ${format(settings.lowThreshold)} and ${format(settings.highThreshold)}.`, ...reasons],
      flags: ['possible-spam'],
    };
  }
  return undefined;
};

/** A failed check (throw or timeout) → `pending` with the `spam-check-failed` flag, in every mode. */
export const holdFailedCheck: ModerationPhase = ({ checkResult }) =>
  checkResult.kind === 'failed'
    ? { status: 'pending', reasons: [checkResult.reason, 'Held because the spam check could not run.'], flags: ['spam-check-failed'] }
    : undefined;
