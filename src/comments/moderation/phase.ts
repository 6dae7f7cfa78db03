import type { ModerationStatus } from '../comment.js';
import type { SpamCheckOutcome } from '../spam-checker.js';
import type { ModerationSettings } from './settings.js';

/** What moderation looks at: the submission as stored (plain text, lowercased email). */
export interface ModerationInput {
  content: string;
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  ip: string;
}

export interface ModerationContext {
  input: ModerationInput;
  settings: ModerationSettings;
  now: Date;
  /** Approved comments by the same email before this one. */
  priorApprovedCount: number;
  checkResult: SpamCheckOutcome;
}

/** Stable, kebab-case markers for the moderation queue's filters. */
export type ModerationFlag =
  | 'blocklisted-word'
  | 'blocklisted-ip'
  | 'blocklisted-email-domain'
  | 'spam-check-failed'
  | 'possible-spam'
  | 'too-many-links'
  | 'known-commenter';

export interface PhaseResult {
  status?: ModerationStatus;
  reasons?: string[];
  flags?: ModerationFlag[];
}

/** A pure step: looks at the context and returns a partial result, or nothing to pass. */
export type ModerationPhase = (context: ModerationContext) => PhaseResult | undefined;
