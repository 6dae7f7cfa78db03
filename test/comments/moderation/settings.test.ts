import { describe, expect, it } from 'vitest';
import { defaultModerationSettings, parseModerationSettings } from '../../../src/comments/moderation/settings.js';
import { isBroadsheetError } from '../../../src/shared/errors.js';

describe('parseModerationSettings', () => {
  it('fills in the documented defaults', () => {
    expect(defaultModerationSettings).toEqual({
      mode: 'pre',
      lowThreshold: 0.3,
      highThreshold: 0.9,
      knownCommenterApprovals: 1,
      linkLimit: 2,
      blocklists: {
        words: { entries: [], action: 'hold' },
        ips: { entries: [], action: 'hold' },
        emailDomains: { entries: [], action: 'hold' },
      },
    });
  });

  it('keeps given values and defaults the rest of a partial list', () => {
    const settings = parseModerationSettings({ mode: 'auto', blocklists: { ips: { entries: [' 10.0.0.0/8 '] } } });
    expect(settings.mode).toBe('auto');
    expect(settings.blocklists.ips).toEqual({ entries: ['10.0.0.0/8'], action: 'hold' });
    expect(settings.blocklists.words).toEqual({ entries: [], action: 'hold' });
  });

  it.each([
    [{ lowThreshold: 0.95 }, 'lowThreshold'],
    [{ highThreshold: 1.5 }, 'highThreshold'],
    [{ mode: 'none' }, 'mode'],
    [{ knownCommenterApprovals: 0 }, 'knownCommenterApprovals'],
    [{ blocklists: { ips: { entries: ['not-an-ip'] } } }, 'blocklists.ips.entries'],
  ])('refuses %o, naming %s', (raw, path) => {
    try {
      parseModerationSettings(raw);
      expect.unreachable();
    } catch (error) {
      expect(isBroadsheetError(error) && error.code).toBe('COMMENTS_SETTINGS_INVALID');
      const issues = isBroadsheetError(error) ? (error.details.issues as { path: string }[]) : [];
      expect(issues.map((i) => i.path)).toContain(path);
    }
  });
});
