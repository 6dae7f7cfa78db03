const formatters = new Map<string, Intl.RelativeTimeFormat>();

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hours ago" in the site's language; comments.js refreshes it in the browser on cached pages. */
export function relativeTime(date: Date, now: Date, locale: string): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    formatters.set(locale, f);
  }
  const diff = date.getTime() - now.getTime();
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return f.format(Math.round(diff / ms), unit);
  }
  return f.format(0, 'minute');
}
