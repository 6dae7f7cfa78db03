import { z } from 'zod';
import { invalidSettingsError } from './errors.js';
import { type ModerationSettings, moderationSettingsSchema } from './moderation/settings.js';
import type { RateLimitRule } from '../shared/rate-limit/rate-limit.js';

export type CommentPolicy = 'open' | 'closed';

/**
 * Site settings of the comments domain, kept as one JSON document beside the site settings
 * (see comment-settings-store.ts). Every number the privacy page quotes comes from here.
 */
export interface CommentSettings {
  /** `closed` closes comments on every Article; `open` leaves it to each Article and `closeAfterDays`. */
  policy: CommentPolicy;
  /** Comments close this many days after publication; null keeps them open. */
  closeAfterDays: number | null;
  /** Thread depth shown, counting top-level comments as 1. Default 3. */
  maxDepth: number;
  /** Top-level comments per page. Default 50. */
  perPage: number;
  /** A form sent sooner than this after it was shown is refused as too fast. Default 3. */
  minSecondsToSubmit: number;
  /** Days after which a comment's IP address, user agent and referrer are erased. Default 30. */
  retentionDays: number;
  /** Days after which spam and trash are deleted for good. Default 30. */
  purgeAfterDays: number;
  /** Per-IP limits for guest comments. */
  rateLimits: { perMinute: number; perHour: number };
  /** Who to write to for an export or erasure (shown on /privacy); empty: "the site's editors". */
  privacyContact: string;
  /** The /privacy text; empty uses the built-in text. Placeholders are filled from these settings. */
  privacyText: string;
  moderation: ModerationSettings;
}

export const commentSettingsSchema = z.object({
  policy: z.enum(['open', 'closed']).default('open'),
  closeAfterDays: z.number().int().min(1).max(36500).nullable().default(null),
  maxDepth: z.number().int().min(1).max(10).default(3),
  perPage: z.number().int().min(5).max(500).default(50),
  minSecondsToSubmit: z.number().min(0).max(600).default(3),
  retentionDays: z.number().int().min(1).max(3650).default(30),
  purgeAfterDays: z.number().int().min(1).max(3650).default(30),
  rateLimits: z
    .object({
      perMinute: z.number().int().min(1).max(1_000_000).default(5),
      perHour: z.number().int().min(1).max(10_000_000).default(30),
    })
    .prefault({}),
  privacyContact: z.string().trim().max(300).default(''),
  privacyText: z.string().max(20_000).default(''),
  moderation: moderationSettingsSchema.prefault({}),
});

/** Messages a settings form can show beside its field ("must be at most 3650"); others keep zod's. */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const unit = issue.origin === 'string' ? ' characters' : '';
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'must be a whole number' : issue.expected === 'number' ? 'must be a number' : undefined;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) === 1 ? 'is required' : `must be at least ${issue.minimum}${unit}`;
    case 'too_big':
      return `must be at most ${issue.maximum}${unit}`;
    case 'invalid_value':
      return `must be one of ${issue.values.join(', ')}`;
    default:
      return undefined;
  }
}

/**
 * Settings with defaults filled in. Throws InvalidError (`COMMENTS_SETTINGS_INVALID`) listing
 * each bad key in `details.issues` as a dotted path (`moderation.lowThreshold`) with a message.
 */
export function parseCommentSettings(raw: unknown = {}): CommentSettings {
  const result = commentSettingsSchema.safeParse(raw, { error: plainMessage });
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw invalidSettingsError({ field: issues[0]?.path, issues });
}

export const defaultCommentSettings: CommentSettings = parseCommentSettings({});

export function rateLimitRules(settings: CommentSettings): RateLimitRule[] {
  return [
    { limit: settings.rateLimits.perMinute, windowSeconds: 60 },
    { limit: settings.rateLimits.perHour, windowSeconds: 3600 },
  ];
}

export type CommentSettingsPatch = Partial<Omit<CommentSettings, 'moderation' | 'rateLimits'>> & {
  rateLimits?: Partial<CommentSettings['rateLimits']>;
  moderation?: Partial<Omit<ModerationSettings, 'blocklists'>> & { blocklists?: Partial<ModerationSettings['blocklists']> };
};

/** `patch` over `current`, one level deep for the nested groups. */
export function mergeCommentSettings(current: CommentSettings, patch: CommentSettingsPatch): unknown {
  return {
    ...current,
    ...patch,
    rateLimits: { ...current.rateLimits, ...patch.rateLimits },
    moderation: {
      ...current.moderation,
      ...patch.moderation,
      blocklists: { ...current.moderation.blocklists, ...patch.moderation?.blocklists },
    },
  };
}

/** Whether an Article takes new comments, and if not, why (for the notice under its comments). */
export function commentsOpenFor(
  article: { commentsEnabled: boolean; publishedAt: Date | null },
  settings: Pick<CommentSettings, 'policy' | 'closeAfterDays'>,
  now: Date,
): { open: true } | { open: false; reason: 'site' | 'article' | 'age' } {
  if (settings.policy === 'closed') return { open: false, reason: 'site' };
  if (!article.commentsEnabled) return { open: false, reason: 'article' };
  if (settings.closeAfterDays !== null && article.publishedAt) {
    const closesAt = article.publishedAt.getTime() + settings.closeAfterDays * 86_400_000;
    if (now.getTime() >= closesAt) return { open: false, reason: 'age' };
  }
  return { open: true };
}
