import type { ModerationStatus } from '../comment.js';
import { holdBlocklisted, rejectBlocklisted } from './phases/blocklists.js';
import { approveKnownCommenter } from './phases/known-commenter.js';
import { holdTooManyLinks } from './phases/link-limit.js';
import { applyModerationMode } from './phases/moderation-mode.js';
import { holdFailedCheck, markSpam } from './phases/spam-verdict.js';
import type { ModerationFlag, ModerationContext, ModerationPhase } from './phase.js';

export interface ModerationDecision {
  status: ModerationStatus;
  /** For moderators and the audit log, never for the Commenter. */
  reasons: string[];
  flags: ModerationFlag[];
}

/** The policy, in order. The first phase to name a status decides it. */
export const moderationPhases: readonly ModerationPhase[] = [
  // Lists a moderator wrote outrank any score.
  rejectBlocklisted,
  // Clear spam goes to the spam folder whatever the mode; no moderator needs to queue it.
  markSpam,
  // Without a score nothing may be approved automatically, not even a known Commenter.
  holdFailedCheck,
  holdBlocklisted,
  holdTooManyLinks,
  // Only now may a trusted Commenter skip the pre-moderation hold.
  approveKnownCommenter,
  applyModerationMode,
];

/**
 * Decides what happens to a stored comment. Phases run in order; reasons and flags accumulate
 * and the first phase returning a status ends the run (as Coral's pipeline does). If no phase
 * decides, the comment stays pending. `rejected` means the service should not keep the
 * comment (move it to trash) and tell the Commenter it was not accepted.
 */
export function moderateComment(
  context: ModerationContext,
  phases: readonly ModerationPhase[] = moderationPhases,
): ModerationDecision {
  const reasons: string[] = [];
  const flags: ModerationFlag[] = [];
  for (const phase of phases) {
    const result = phase(context);
    if (!result) continue;
    reasons.push(...(result.reasons ?? []));
    for (const flag of result.flags ?? []) if (!flags.includes(flag)) flags.push(flag);
    if (result.status) return { status: result.status, reasons, flags };
  }
  return { status: 'pending', reasons: [...reasons, 'No moderation rule decided; held for a moderator.'], flags };
}
