import type { ModerationPhase } from '../phase.js';

/**
 * The last word, reached only when no earlier phase decided. `pre` holds; `post` approves (a
 * spam score has already been dealt with by `markSpam`); `auto` approves below `lowThreshold`
 * and holds the rest. A failed check never gets here (`holdFailedCheck`), but if a custom
 * phase list lets one through, `post` and `auto` still hold it.
 */
export const applyModerationMode: ModerationPhase = ({ settings, checkResult }) => {
  if (settings.mode === 'pre') return { status: 'pending', reasons: ['Pre-moderation: held for a moderator.'] };
  if (checkResult.kind !== 'checked') {
    return { status: 'pending', reasons: ['Held because the spam check could not run.'], flags: ['spam-check-failed'] };
  }
  if (settings.mode === 'post') return { status: 'approved', reasons: ['Post-moderation: published.'] };
  return checkResult.score < settings.lowThreshold
    ? { status: 'approved', reasons: ['Automatic moderation: spam score below the low threshold.'] }
    : { status: 'pending', reasons: ['Automatic moderation: spam score between the thresholds; held for a moderator.'] };
};
