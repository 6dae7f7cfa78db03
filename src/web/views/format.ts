/** Date formatting in the site's time zone, for `<time>` elements and feeds. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "24 November 2026, 17:40" in the site's zone and language. */
export function formatDateTime(date: Date, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

export function formatDate(date: Date, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { dateStyle: 'medium' }).format(date);
}

/** ISO-8601 with the site zone's offset, e.g. 2026-11-24T17:40:00+02:00, for `datetime` attributes. */
export function isoInZone(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter('en-US', timeZone, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}
