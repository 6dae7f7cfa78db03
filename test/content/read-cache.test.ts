import { describe, expect, it } from 'vitest';
import { createContentReadCache } from '../../src/content/read-cache.js';
import { commentsChanged, createChangeNotifier } from '../../src/shared/change-notifier.js';
import { fixedClock } from '../../src/shared/clock.js';

const start = new Date('2026-11-24T12:00:00.000Z');

function setup(scheduled: Date | null = null, lookUp?: () => Promise<Date | null>) {
  const changes = createChangeNotifier();
  const clock = fixedClock(start);
  let lookups = 0;
  const cache = createContentReadCache({
    changes,
    clock,
    nextScheduledAfter: async (now) => {
      lookups++;
      if (lookUp) return lookUp();
      return scheduled && scheduled > now ? scheduled : null;
    },
  });
  let loads = 0;
  const load = async () => ({ value: ++loads, nested: { list: [1, 2] } });
  // The first read after every emptying waits for the schedule lookup, so it is never kept.
  const ready = async () => {
    cache.isCurrent();
    await Promise.resolve();
  };
  return { changes, clock, cache, load, ready, loads: () => loads, lookups: () => lookups };
}

describe('content read cache', () => {
  it('loads once while content is unchanged, concurrent readers sharing the load, and freezes what it hands out', async () => {
    const s = setup();
    await s.ready();
    const [a, b] = await Promise.all([s.cache.through('k', s.load), s.cache.through('k', s.load)]);
    expect(a).toBe(b);
    expect(await s.cache.through('k', s.load)).toBe(a);
    expect(s.loads()).toBe(1);
    expect(Object.isFrozen(a.nested.list)).toBe(true);
  });

  it('empties on a content change, in this process or relayed from another, and tells its followers', async () => {
    const s = setup();
    let cleared = 0;
    s.cache.onClear(() => cleared++);
    await s.ready();
    await s.cache.through('k', s.load);
    s.changes.notify('content');
    expect(cleared).toBe(1);
    await s.ready();
    expect((await s.cache.through('k', s.load)).value).toBe(2);
    s.changes.deliver('relay-reconnected');
    await s.ready();
    expect((await s.cache.through('k', s.load)).value).toBe(3);
  });

  it('keeps its contents through changes to comments only', async () => {
    const s = setup();
    await s.ready();
    await s.cache.through('k', s.load);
    for (const reason of ['comments', commentsChanged(7), 'comment-settings']) s.changes.notify(reason);
    expect((await s.cache.through('k', s.load)).value).toBe(1);
  });

  it('empties when the next scheduled publication time passes, and when the clock goes back', async () => {
    const s = setup(new Date(start.getTime() + 60_000));
    await s.ready();
    await s.cache.through('k', s.load);
    s.clock.advance(59_999);
    expect((await s.cache.through('k', s.load)).value).toBe(1);
    s.clock.advance(1);
    expect(s.cache.isCurrent()).toBe(false);
    expect(s.cache.size).toBe(0);
    await Promise.resolve();
    expect((await s.cache.through('k', s.load)).value).toBe(2);
    s.clock.set(start);
    expect(s.cache.isCurrent()).toBe(false);
    expect(s.lookups()).toBe(3);
  });

  it('serves nothing from memory until it knows when the next article goes live', async () => {
    const s = setup(null, () => new Promise(() => undefined));
    expect(s.cache.isCurrent()).toBe(false);
    await s.cache.through('k', s.load);
    await s.cache.through('k', s.load);
    expect(s.loads()).toBe(2);
    expect(s.cache.size).toBe(0);
  });

  it('does not remember a failed load', async () => {
    const s = setup();
    await s.ready();
    await expect(s.cache.through('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect((await s.cache.through('k', s.load)).value).toBe(1);
  });

  it('does not keep a load that was under way when content changed', async () => {
    const s = setup();
    await s.ready();
    let finish: (value: { value: number }) => void = () => undefined;
    const slow = s.cache.through('k', () => new Promise<{ value: number }>((resolve) => (finish = resolve)));
    s.changes.notify('content');
    finish({ value: 0 });
    expect((await slow).value).toBe(0);
    await s.ready();
    expect((await s.cache.through('k', s.load)).value).toBe(1);
  });
});
