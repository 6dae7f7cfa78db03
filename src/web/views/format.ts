/**
 * Date formatting in the site's time zone, for `<time>` elements and feeds. Every page shows
 * dates, and asking Intl costs microseconds each time, so formatters are made once and the
 * strings they produce (pure functions of the instant, language and zone) are remembered.
 */
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

// Formatted strings by style, language, zone and instant: nested maps, so that a lookup builds
// no key string. Bounded per style, language and zone.
const remembered = new Map<string, Map<string, Map<string, Map<number, string>>>>();
function remember(style: string, locale: string, timeZone: string, date: Date, make: () => string): string {
  let byLocale = remembered.get(style);
  if (!byLocale) {
    byLocale = new Map();
    remembered.set(style, byLocale);
  }
  let byZone = byLocale.get(locale);
  if (!byZone) {
    byZone = new Map();
    byLocale.set(locale, byZone);
  }
  let byInstant = byZone.get(timeZone);
  if (!byInstant) {
    byInstant = new Map();
    byZone.set(timeZone, byInstant);
  }
  const at = date.getTime();
  let value = byInstant.get(at);
  if (value === undefined) {
    value = make();
    if (byInstant.size >= 20_000) byInstant.clear();
    byInstant.set(at, value);
  }
  return value;
}

const dateTimeStyle: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };
const dateStyle: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

/** "24 November 2026, 17:40" in the site's zone and language. */
export function formatDateTime(date: Date, locale: string, timeZone: string): string {
  return remember('dateTime', locale, timeZone, date, () => formatter(locale, timeZone, dateTimeStyle).format(date));
}

export function formatDate(date: Date, locale: string, timeZone: string): string {
  return remember('date', locale, timeZone, date, () => formatter(locale, timeZone, dateStyle).format(date));
}

interface ZoneOffset {
  /** As ISO-8601 writes it: `+02:00`. */
  text: string;
  ms: number;
}

// Offsets change only at transitions, which fall on quarter hours (some zones are 30 or 45
// minutes off UTC, so an hour is too coarse), so one lookup serves each zone and quarter hour.
const offsets = new Map<string, ZoneOffset>();

function offsetAt(date: Date, timeZone: string): ZoneOffset {
  const key = `${timeZone}|${Math.floor(date.getTime() / 900_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const name = formatter('en-US', timeZone, { timeZoneName: 'longOffset' }).formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
    const seconds = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0)) : 0;
    offset = { text: match ? name.slice(3) : '+00:00', ms: seconds * 1000 };
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** ISO-8601 with the site zone's offset, e.g. 2026-11-24T17:40:00+02:00, for `datetime` attributes. */
export function isoInZone(date: Date, timeZone: string): string {
  return remember('iso', '', timeZone, date, () => {
    const offset = offsetAt(date, timeZone);
    return `${new Date(date.getTime() + offset.ms).toISOString().slice(0, 19)}${offset.text}`;
  });
}
