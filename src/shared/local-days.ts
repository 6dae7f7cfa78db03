/**
 * Calendar days in a time zone. "Today" and "per day" on the admin mean the site's days, not
 * UTC's: each day is known by its local date and the instant it starts, which moves with
 * daylight-saving time (a local day can last 23 or 25 hours).
 */
export interface LocalDay {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** The instant the day starts: local midnight, or the first local time after a skipped midnight. */
  start: Date;
  /** The instant the next day starts. */
  end: Date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instant: number, timeZone: string): { year: number; month: number; day: number; msOfDay: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, msOfDay: ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + (instant % 1000) };
}

/** How far the zone's clocks are ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const local = wallClock(instant, timeZone);
  return Date.UTC(local.year, local.month - 1, local.day) + local.msOfDay - instant;
}

function isoDate(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

function startOf(utcMidnight: number, timeZone: string): Date {
  // The offset at the guess can differ from the offset at the answer near a change: look twice.
  let start = utcMidnight - offsetAt(utcMidnight, timeZone);
  start = utcMidnight - offsetAt(start, timeZone);
  const local = wallClock(start, timeZone);
  // Where the clocks skip midnight the guess lands on the evening before: the day starts at the jump.
  if (Date.UTC(local.year, local.month - 1, local.day) < utcMidnight) start += 86_400_000 - local.msOfDay;
  return new Date(start);
}

/** The last `count` local days up to and including the one `now` falls in, oldest first. */
export function lastLocalDays(now: Date, timeZone: string, count: number): LocalDay[] {
  const today = wallClock(now.getTime(), timeZone);
  const days: LocalDay[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const utcMidnight = Date.UTC(today.year, today.month - 1, today.day - back);
    days.push({ date: isoDate(utcMidnight), start: startOf(utcMidnight, timeZone), end: startOf(utcMidnight + 86_400_000, timeZone) });
  }
  return days;
}

/** When the local day `now` falls in started. */
export function startOfLocalDay(now: Date, timeZone: string): Date {
  return lastLocalDays(now, timeZone, 1)[0].start;
}
