import { z } from 'zod';
import { isValidIpEntry } from '../blocklist.js';
import { invalidSettingsError } from '../errors.js';

/**
 * `pre`: nothing is published without a moderator (except known Commenters).
 * `post`: published unless the spam check says spam.
 * `auto`: the spam score decides — below `lowThreshold` published, at or above `highThreshold`
 * spam, in between held.
 */
export type ModerationMode = 'pre' | 'post' | 'auto';
export type BlocklistAction = 'hold' | 'reject';

export interface Blocklist {
  entries: string[];
  /** `hold`: keep it for a moderator; `reject`: do not keep it at all. */
  action: BlocklistAction;
}

export interface ModerationSettings {
  mode: ModerationMode;
  /** Scores below this are fine. Default 0.3. */
  lowThreshold: number;
  /** Scores at or above this are spam, in every mode. Default 0.9. */
  highThreshold: number;
  /** Approved comments under the same email that let a Commenter skip the `pre` hold. Default 1; null turns it off. */
  knownCommenterApprovals: number | null;
  /** More links than this hold a comment. Default 2. */
  linkLimit: number;
  blocklists: {
    /** Words and phrases, matched as whole words, case-insensitively, in the content and name. */
    words: Blocklist;
    /** Addresses or CIDR ranges. */
    ips: Blocklist;
    /** A domain covers its subdomains. */
    emailDomains: Blocklist;
  };
}

const entries = z.array(z.string().trim().min(1)).default([]);
const action = z.enum(['hold', 'reject']).default('hold');

export const moderationSettingsSchema = z
  .object({
    mode: z.enum(['pre', 'post', 'auto']).default('pre'),
    lowThreshold: z.number().min(0).max(1).default(0.3),
    highThreshold: z.number().min(0).max(1).default(0.9),
    knownCommenterApprovals: z.number().int().min(1).nullable().default(1),
    linkLimit: z.number().int().min(0).default(2),
    blocklists: z
      .object({
        words: z.object({ entries, action }).prefault({}),
        ips: z
          .object({ entries: entries.refine((list) => list.every(isValidIpEntry), 'Not an IP address or CIDR range.'), action })
          .prefault({}),
        emailDomains: z.object({ entries, action }).prefault({}),
      })
      .prefault({}),
  })
  .refine((s) => s.lowThreshold <= s.highThreshold, {
    error: 'The low threshold must not be above the high threshold.',
    path: ['lowThreshold'],
  });

/** Settings with defaults filled in. Throws InvalidError (`COMMENTS_SETTINGS_INVALID`) listing the bad keys. */
export function parseModerationSettings(raw: unknown = {}): ModerationSettings {
  const result = moderationSettingsSchema.safeParse(raw);
  if (result.success) return result.data;
  throw invalidSettingsError({
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

export const defaultModerationSettings: ModerationSettings = parseModerationSettings({});
