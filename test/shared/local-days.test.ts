import { describe, expect, it } from 'vitest';
import { lastLocalDays, startOfLocalDay } from '../../src/shared/local-days.js';

describe('local days', () => {
  it('starts a day at local midnight, so late UTC evenings belong to the next day east of Greenwich', () => {
    expect(startOfLocalDay(new Date('2026-11-24T23:30:00Z'), 'Europe/Sofia').toISOString()).toBe('2026-11-24T22:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-24T21:30:00Z'), 'Europe/Sofia').toISOString()).toBe('2026-11-23T22:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-24T03:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-23T05:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-24T12:00:00.123Z'), 'UTC').toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-11-24T12:00:00Z'), 'Asia/Kathmandu').toISOString()).toBe('2026-11-23T18:15:00.000Z');
  });

  it('lists consecutive days oldest first, each ending where the next starts, across a daylight-saving change', () => {
    // Sofia leaves summer time on 25 October 2026: that day lasts 25 hours.
    const days = lastLocalDays(new Date('2026-10-26T10:00:00Z'), 'Europe/Sofia', 3);
    expect(days.map((d) => d.date)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(days.map((d) => d.start.toISOString())).toEqual(['2026-10-23T21:00:00.000Z', '2026-10-24T21:00:00.000Z', '2026-10-25T22:00:00.000Z']);
    expect(days[1].end.getTime() - days[1].start.getTime()).toBe(25 * 3_600_000);
    expect(days[0].end).toEqual(days[1].start);
    expect(days[2].end.toISOString()).toBe('2026-10-26T22:00:00.000Z');
  });

  it('starts a day whose midnight the clocks skip at the first time that exists', () => {
    // Chile moves to summer time at midnight on 6 September 2026: 00:00 becomes 01:00 (-03).
    expect(startOfLocalDay(new Date('2026-09-06T12:00:00Z'), 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('crosses month and year ends', () => {
    expect(lastLocalDays(new Date('2027-01-01T05:00:00Z'), 'UTC', 3).map((d) => d.date)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
  });
});
