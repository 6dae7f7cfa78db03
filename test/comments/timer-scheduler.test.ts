import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTimerScheduler } from '../../src/jobs/timer-scheduler.js';

const log = pino({ level: 'silent' });

describe('timer scheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a task after start and then every interval, never overlapping, and stops', async () => {
    vi.useFakeTimers();
    const scheduler = createTimerScheduler({ log, firstRunDelayMs: 10 });
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    scheduler.schedule('slow', 100, async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      runs++;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      running--;
    });
    await vi.advanceTimersByTimeAsync(50);
    expect(runs).toBe(0);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    // The first run is still going: no second run however long we wait.
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
    const stopped = scheduler.stop();
    release();
    await stopped;
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
  });

  it('keeps the schedule after a failing run and refuses duplicate names', async () => {
    vi.useFakeTimers();
    const scheduler = createTimerScheduler({ log, firstRunDelayMs: 0 });
    let runs = 0;
    scheduler.schedule('flaky', 100, async () => {
      runs++;
      throw new Error('boom');
    });
    expect(() => scheduler.schedule('flaky', 100, async () => undefined)).toThrow(/already scheduled/);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(250);
    expect(runs).toBe(3);
    await scheduler.stop();
  });
});
