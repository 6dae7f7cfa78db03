import { findBlockedEmailDomain, findBlockedIp, findBlockedTerms } from '../../blocklist.js';
import type { ModerationContext, ModerationFlag, ModerationPhase, PhaseResult } from '../phase.js';
import type { BlocklistAction } from '../settings.js';

function hits(context: ModerationContext, action: BlocklistAction): Required<Omit<PhaseResult, 'status'>> {
  const { input, settings } = context;
  const { words, ips, emailDomains } = settings.blocklists;
  const reasons: string[] = [];
  const flags: ModerationFlag[] = [];
  if (words.action === action) {
    const found = findBlockedTerms(`${input.authorName}\n${input.content}`, words.entries);
    if (found.length > 0) {
      reasons.push(`Contains blocklisted words: ${found.join(', ')}.`);
      flags.push('blocklisted-word');
    }
  }
  if (ips.action === action) {
    const found = findBlockedIp(input.ip, ips.entries);
    if (found) {
      reasons.push(`Sent from a blocklisted IP address (${found}).`);
      flags.push('blocklisted-ip');
    }
  }
  if (emailDomains.action === action) {
    const found = findBlockedEmailDomain(input.authorEmail, emailDomains.entries);
    if (found) {
      reasons.push(`The email address is on a blocklisted domain (${found}).`);
      flags.push('blocklisted-email-domain');
    }
  }
  return { reasons, flags };
}

/** Any list whose action is `reject` matches → `rejected`, naming every list that matched. */
export const rejectBlocklisted: ModerationPhase = (context) => {
  const found = hits(context, 'reject');
  return found.flags.length > 0 ? { status: 'rejected', ...found } : undefined;
};

/** Any list whose action is `hold` matches → `pending`, naming every list that matched. */
export const holdBlocklisted: ModerationPhase = (context) => {
  const found = hits(context, 'hold');
  return found.flags.length > 0 ? { status: 'pending', ...found } : undefined;
};
