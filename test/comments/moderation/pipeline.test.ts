import { describe, expect, it } from 'vitest';
import type { ModerationStatus } from '../../../src/comments/comment.js';
import type { ModerationContext } from '../../../src/comments/moderation/phase.js';
import { moderateComment } from '../../../src/comments/moderation/pipeline.js';
import { type ModerationMode, parseModerationSettings } from '../../../src/comments/moderation/settings.js';
import type { SpamCheckOutcome } from '../../../src/comments/spam-checker.js';

type Score = 'low' | 'middle' | 'high' | 'failed';
type Listed = 'none' | 'hold' | 'reject';

const outcomes: Record<Score, SpamCheckOutcome> = {
  low: { kind: 'checked', score: 0.1, reasons: [] },
  middle: { kind: 'checked', score: 0.5, reasons: ['Contains 3 links.'] },
  high: { kind: 'checked', score: 0.95, reasons: ['The hidden form field was filled in, as bots do.'] },
  failed: { kind: 'failed', reason: 'The spam check did not answer within 500 ms.' },
};

function context(mode: ModerationMode, score: Score, known: boolean, listed: Listed, content = 'A reasonable comment.'): ModerationContext {
  const action = listed === 'reject' ? 'reject' : 'hold';
  return {
    input: { content, authorName: 'Ana', authorEmail: 'ana@example.com', ip: '203.0.113.7' },
    settings: parseModerationSettings({
      mode,
      blocklists: { words: { entries: listed === 'none' ? [] : ['reasonable'], action } },
    }),
    now: new Date('2025-01-01T12:00:00Z'),
    priorApprovedCount: known ? 1 : 0,
    checkResult: outcomes[score],
  };
}

/** The policy as the brief states it, written independently of the phase list. */
function expected(mode: ModerationMode, score: Score, known: boolean, listed: Listed): ModerationStatus {
  if (listed === 'reject') return 'rejected';
  if (score === 'high') return 'spam';
  if (score === 'failed' || listed === 'hold') return 'pending';
  if (mode === 'pre') return known ? 'approved' : 'pending';
  if (mode === 'post') return 'approved';
  return score === 'low' ? 'approved' : 'pending';
}

const cases = (['pre', 'post', 'auto'] as const).flatMap((mode) =>
  (['low', 'middle', 'high', 'failed'] as const).flatMap((score) =>
    [false, true].flatMap((known) => (['none', 'hold', 'reject'] as const).map((listed) => ({ mode, score, known, listed }))),
  ),
);

describe('moderateComment: mode × spam score × known commenter × blocklist', () => {
  it('covers all 72 combinations', () => expect(cases).toHaveLength(72));

  it.each(cases)('$mode, score $score, known $known, blocklist $listed', ({ mode, score, known, listed }) => {
    const decision = moderateComment(context(mode, score, known, listed));
    expect(decision.status).toBe(expected(mode, score, known, listed));
    expect(decision.reasons.length).toBeGreaterThan(0);
    // Phases after the deciding one do not run, so a hold list only shows when it decided.
    const listDecided = listed === 'reject' || (listed === 'hold' && (score === 'low' || score === 'middle'));
    expect(decision.flags.includes('blocklisted-word')).toBe(listDecided);
    if (score === 'failed' && listed !== 'reject') expect(decision.flags).toContain('spam-check-failed');
    if (score === 'failed') expect(decision.status).not.toBe('approved');
  });
});

describe('moderateComment: details', () => {
  it('never approves after a failed check, in any mode, even for a known commenter', () => {
    for (const mode of ['pre', 'post', 'auto'] as const) {
      expect(moderateComment(context(mode, 'failed', true, 'none'))).toEqual({
        status: 'pending',
        reasons: ['The spam check did not answer within 500 ms.', 'Held because the spam check could not run.'],
        flags: ['spam-check-failed'],
      });
    }
  });

  it('puts the checker reasons behind a spam verdict', () => {
    expect(moderateComment(context('post', 'high', false, 'none'))).toEqual({
      status: 'spam',
      reasons: ['Spam score 0.95 is at or above 0.90.', 'The hidden form field was filled in, as bots do.'],
      flags: [],
    });
  });

  it('flags a middle score as possible spam even when post mode publishes it', () => {
    const decision = moderateComment(context('post', 'middle', false, 'none'));
    expect(decision.status).toBe('approved');
    expect(decision.flags).toEqual(['possible-spam']);
    expect(decision.reasons).toContain('Contains 3 links.');
  });

  it('uses the thresholds at their boundaries: low is held in auto, high is spam', () => {
    const at = (score: number) => {
      const ctx = context('auto', 'low', false, 'none');
      return moderateComment({ ...ctx, checkResult: { kind: 'checked', score, reasons: [] } }).status;
    };
    expect([at(0.29), at(0.3), at(0.89), at(0.9)]).toEqual(['approved', 'pending', 'pending', 'spam']);
  });

  it('holds more links than the limit, before a known commenter is approved', () => {
    const links = 'https://a.example https://b.example https://c.example';
    const decision = moderateComment(context('pre', 'low', true, 'none', links));
    expect(decision.status).toBe('pending');
    expect(decision.flags).toEqual(['too-many-links']);
    expect(moderateComment(context('post', 'low', false, 'none', 'https://a.example https://b.example')).status).toBe('approved');
  });

  it('counts approvals against a configurable threshold, and can switch known commenters off', () => {
    const base = context('pre', 'low', true, 'none');
    const withN = (n: number | null, prior: number) =>
      moderateComment({ ...base, priorApprovedCount: prior, settings: { ...base.settings, knownCommenterApprovals: n } }).status;
    expect([withN(3, 2), withN(3, 3), withN(null, 100)]).toEqual(['pending', 'approved', 'pending']);
  });

  it('lets a known commenter through only the pre hold, not the auto middle band', () => {
    const decision = moderateComment(context('auto', 'middle', true, 'none'));
    expect(decision.status).toBe('pending');
    expect(decision.flags).toEqual(['possible-spam', 'known-commenter']);
  });

  it('applies IP and email-domain lists with their own actions, naming every list that matched', () => {
    const ctx = context('post', 'low', false, 'none');
    const settings = parseModerationSettings({
      mode: 'post',
      blocklists: { ips: { entries: ['203.0.113.0/24'], action: 'reject' }, emailDomains: { entries: ['example.com'], action: 'hold' } },
    });
    expect(moderateComment({ ...ctx, settings })).toMatchObject({ status: 'rejected', flags: ['blocklisted-ip'] });
    const holdOnly = { ...settings, blocklists: { ...settings.blocklists, ips: { entries: [], action: 'reject' as const } } };
    expect(moderateComment({ ...ctx, settings: holdOnly })).toMatchObject({ status: 'pending', flags: ['blocklisted-email-domain'] });
  });

  it('keeps a comment pending when no phase decides', () => {
    expect(moderateComment(context('post', 'low', false, 'none'), [() => ({ flags: ['known-commenter'] })])).toEqual({
      status: 'pending',
      reasons: ['No moderation rule decided; held for a moderator.'],
      flags: ['known-commenter'],
    });
  });
});
