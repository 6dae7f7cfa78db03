import { formatDateTime } from '../../views/format.js';

/** How times are shown: the site's language and time zone. */
export interface TimeStyle {
  language: string;
  timeZone: string;
}

/** A time in the site's zone, machine-readable in `datetime`. */
export function When(props: { date: Date; style: TimeStyle }) {
  return <time datetime={props.date.toISOString()}>{formatDateTime(props.date, props.style.language, props.style.timeZone)}</time>;
}
