import { describe, expect, it } from 'vitest';
import type { ModerationContext } from '../../../src/comments/moderation/phase.js';
import { holdBlocklisted, rejectBlocklisted } from '../../../src/comments/moderation/phases/blocklists.js';
import { approveKnownCommenter } from '../../../src/comments/moderation/phases/known-commenter.js';
import { holdTooManyLinks } from '../../../src/comments/moderation/phases/link-limit.js';
import { applyModerationMode } from '../../../src/comments/moderation/phases/moderation-mode.js';
import { holdFailedCheck, markSpam } from '../../../src/comments/moderation/phases/spam-verdict.js';
import { defaultModerationSettings } from '../../../src/comments/moderation/settings.js';

function ctx(overrides: Partial<ModerationContext> = {}): ModerationContext {
  return {
    input: { content: 'Fine words.', authorName: 'Ana', authorEmail: 'ana@example.com', ip: '203.0.113.7' },
    settings: defaultModerationSettings,
    now: new Date('2025-01-01T00:00:00Z'),
    priorApprovedCount: 0,
    checkResult: { kind: 'checked', score: 0, reasons: [] },
    ...overrides,
  };
}

describe('moderation phases', () => {
  it('pass (return nothing) on an ordinary comment, except the mode', () => {
    for (const phase of [rejectBlocklisted, holdBlocklisted, markSpam, holdFailedCheck, holdTooManyLinks, approveKnownCommenter]) {
      expect(phase(ctx())).toBeUndefined();
    }
    expect(applyModerationMode(ctx())?.status).toBe('pending');
  });

  it('blocklist phases act only on lists with their own action, checking the name too', () => {
    const settings = {
      ...defaultModerationSettings,
      blocklists: { ...defaultModerationSettings.blocklists, words: { entries: ['spammer'], action: 'reject' as const } },
    };
    const c = ctx({ settings, input: { ...ctx().input, authorName: 'Top Spammer' } });
    expect(holdBlocklisted(c)).toBeUndefined();
    expect(rejectBlocklisted(c)).toEqual({ status: 'rejected', reasons: ['Contains blocklisted words: spammer.'], flags: ['blocklisted-word'] });
  });

  it('the link limit counts links as the renderer does, with trailing punctuation ignored', () => {
    const input = { ...ctx().input, content: 'https://a.example, https://b.example. www.c.example!' };
    expect(holdTooManyLinks(ctx({ input }))?.status).toBe('pending');
    const settings = { ...defaultModerationSettings, linkLimit: 3 };
    expect(holdTooManyLinks(ctx({ input, settings }))).toBeUndefined();
  });

  it('the mode phase holds a failed check even when run on its own', () => {
    const failed = { kind: 'failed' as const, reason: 'x' };
    for (const mode of ['post', 'auto'] as const) {
      const settings = { ...defaultModerationSettings, mode };
      expect(applyModerationMode(ctx({ settings, checkResult: failed }))).toMatchObject({ status: 'pending', flags: ['spam-check-failed'] });
    }
  });

  it('known commenter only flags outside pre mode', () => {
    const post = { ...defaultModerationSettings, mode: 'post' as const };
    expect(approveKnownCommenter(ctx({ settings: post, priorApprovedCount: 4 }))).toEqual({ flags: ['known-commenter'] });
    expect(approveKnownCommenter(ctx({ priorApprovedCount: 1 }))).toEqual({
      status: 'approved',
      reasons: ['Known commenter: 1 approved comment before.'],
      flags: ['known-commenter'],
    });
  });
});
