import type { ModerationPhase } from '../phase.js';

/**
 * A Commenter with at least `knownCommenterApprovals` approved comments under the same email is
 * known: in `pre` mode that approves the comment; in other modes it only adds a flag.
 *
 * Guest emails are not verified, so whoever knows a known Commenter's address can skip the
 * `pre` hold (WordPress's "previously approved" rule has the same hole). Every earlier phase —
 * blocklists, spam score, link limit — still applies to such a comment.
 */
export const approveKnownCommenter: ModerationPhase = ({ settings, priorApprovedCount }) => {
  const needed = settings.knownCommenterApprovals;
  if (needed === null || priorApprovedCount < needed) return undefined;
  const reason = `Known commenter: ${priorApprovedCount} approved comment${priorApprovedCount === 1 ? '' : 's'} before.`;
  return settings.mode === 'pre'
    ? { status: 'approved', reasons: [reason], flags: ['known-commenter'] }
    : { flags: ['known-commenter'] };
};
