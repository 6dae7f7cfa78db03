/**
 * Types shared by every piece of the comments domain. Ids are the database's integer keys;
 * statuses are the stored ones (ARCHITECTURE.md) — `rejected` exists only as a moderation
 * verdict, never as a stored status.
 */
export type CommentId = number;

export const commentStatuses = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof commentStatuses)[number];

/** What the moderation pipeline decides; `rejected` means "do not keep it" (see moderation/pipeline.ts). */
export type ModerationStatus = 'approved' | 'pending' | 'spam' | 'rejected';
