import type { BulkOutcome, ModerationAction } from '../../../../comments/index.js';

const done: Record<ModerationAction, string> = {
  approve: 'approved',
  unapprove: 'unapproved',
  spam: 'marked as spam',
  'not-spam': 'marked as not spam',
  trash: 'moved to the trash',
  restore: 'restored',
};

function comments(n: number): string {
  return `${n} comment${n === 1 ? '' : 's'}`;
}

/** "3 comments marked as spam." plus, when some could not take the action, how many and the first reason. */
export function bulkNotice(action: ModerationAction, outcome: BulkOutcome): string {
  const changed = outcome.done > 0 ? `${comments(outcome.done)} ${done[action]}.` : 'No comments changed.';
  const [first, ...rest] = outcome.skipped;
  if (!first) return changed;
  const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
  return `${changed} ${comments(outcome.skipped.length)} skipped: ${first.message}${more}`;
}
