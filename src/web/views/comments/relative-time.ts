const formatters = new Map<string, Intl.RelativeTimeFormat>();
// Per language, the text for each (value, unit): a page of comments asks for the same few.
const texts = new Map<string, Map<number, string>>();

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** The unit shown for a difference: its index in `units`, or -1 for "this minute". */
function unitFor(diff: number): number {
  const size = Math.abs(diff);
  return units.findIndex(([, ms]) => size >= ms);
}

/** "3 hours ago" in the site's language; comments.js refreshes it in the browser on cached pages. */
export function relativeTime(date: Date, now: Date, locale: string): string {
  const diff = date.getTime() - now.getTime();
  const unit = unitFor(diff);
  // Never 0 when a unit is chosen: |diff| is at least one of it.
  const value = unit < 0 ? 0 : Math.round(diff / units[unit][1]);
  let byValue = texts.get(locale);
  if (!byValue) {
    byValue = new Map();
    texts.set(locale, byValue);
  }
  const key = value * 8 + unit + 1;
  let text = byValue.get(key);
  if (text === undefined) {
    let f = formatters.get(locale);
    if (!f) {
      f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
      formatters.set(locale, f);
    }
    text = unit < 0 ? f.format(0, 'minute') : f.format(value, units[unit][0]);
    if (byValue.size >= 10_000) byValue.clear();
    byValue.set(key, text);
  }
  return text;
}

/**
 * The first instant (ms since the epoch) at or after which `relativeTime(date, ·)` may read
 * differently from how it reads at `now`: when the rounded value or the unit changes. Until
 * then the text is exactly what it is now.
 */
export function relativeTimeChangesAt(date: Date, now: Date): number {
  const at = date.getTime();
  const diff = at - now.getTime();
  const unit = unitFor(diff);
  if (unit < 0) return at + units[units.length - 1][1];
  const ms = units[unit][1];
  // Math.round(x) is floor(x + 0.5): the value drops once diff / ms falls below value − 0.5.
  const value = Math.round(diff / ms);
  let next = at - (value - 0.5) * ms;
  // In the past the next larger unit takes over; in the future this one gives way to a smaller one.
  if (diff < 0 && unit > 0) next = Math.min(next, at + units[unit - 1][1]);
  if (diff > 0) next = Math.min(next, at - ms);
  return next;
}
