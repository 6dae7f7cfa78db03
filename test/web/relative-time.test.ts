import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/shared/random.js';
import { relativeTime, relativeTimeChangesAt } from '../../src/web/views/comments/relative-time.js';

const now = new Date('2026-11-24T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('relative time', () => {
  it('reads as Intl writes it', () => {
    expect(relativeTime(ago(10_000), now, 'en')).toBe('this minute');
    expect(relativeTime(ago(160_000), now, 'en')).toBe('3 minutes ago');
    expect(relativeTime(ago(26 * 3_600_000), now, 'en')).toBe('yesterday');
    expect(relativeTime(ago(3 * 86_400_000), now, 'bg')).toBe(new Intl.RelativeTimeFormat('bg', { numeric: 'auto' }).format(-3, 'day'));
    expect(relativeTime(new Date(now.getTime() + 2 * 3_600_000), now, 'en')).toBe('in 2 hours');
  });

  it('says when the text next changes: at the rounding boundary or the next unit', () => {
    // 2 h 10 min ago reads "2 hours ago" until 2 h 30 min have passed.
    expect(relativeTimeChangesAt(ago(130 * 60_000), now)).toBe(now.getTime() + 20 * 60_000);
    // 23 h 50 min ago turns into "yesterday" at 24 h, before rounding would make it "24 hours ago".
    expect(relativeTimeChangesAt(ago((23 * 60 + 50) * 60_000), now)).toBe(now.getTime() + 10 * 60_000);
    expect(relativeTimeChangesAt(ago(10_000), now)).toBe(now.getTime() + 50_000);
  });

  it('never changes before the instant it gives', () => {
    const random = seededRandom(20261124);
    const spans = [60_000, 3_600_000, 86_400_000, 40 * 86_400_000, 900 * 86_400_000];
    for (let i = 0; i < 2000; i++) {
      const date = new Date(now.getTime() + Math.round((random() - 0.9) * spans[i % spans.length]));
      const text = relativeTime(date, now, 'en');
      const changesAt = relativeTimeChangesAt(date, now);
      expect(changesAt).toBeGreaterThanOrEqual(now.getTime());
      for (const fraction of [0.25, 0.5, 0.75, 0.999]) {
        const at = new Date(Math.floor(now.getTime() + (changesAt - now.getTime()) * fraction));
        expect(relativeTime(date, at, 'en'), `${date.toISOString()} at ${at.toISOString()}`).toBe(text);
      }
    }
  });
});
