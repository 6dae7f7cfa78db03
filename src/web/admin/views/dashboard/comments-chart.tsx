import type { CommentActivity } from '../../../../comments/index.js';

type Day = CommentActivity['days'][number];

// The drawing's own units; CSS scales the SVG to the page width.
const WIDTH = 720;
const HEIGHT = 260;
const LEFT = 44;
const RIGHT = 28;
const TOP = 12;
const BOTTOM = 30;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
const GRID_STEPS = 4;
/** A date label under every fifth bar, counted back from today so today is always labelled. */
const LABEL_EVERY = 5;

/** The smallest 1, 2 or 5 × 10ⁿ step whose GRID_STEPS steps reach `max`, so gridlines fall on round numbers. */
function gridStep(max: number): number {
  const rough = Math.max(max, 1) / GRID_STEPS;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return Math.max(1, step);
}

function dayLabel(date: string, language: string): string {
  // The date is already the site's local date: format it as is, without shifting it again.
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function sum(days: readonly Day[], key: 'approved' | 'spam'): number {
  return days.reduce((total, d) => total + d[key], 0);
}

/** The colour key, shared by the chart and its legend (fills come from admin.css). */
function Swatch(props: { kind: 'approved' | 'spam' }) {
  return (
    <svg class="chart-swatch" viewBox="0 0 10 10" width="12" height="12" aria-hidden="true" focusable="false">
      <rect class={`chart-${props.kind}`} width="10" height="10" />
    </svg>
  );
}

/**
 * Comments per day as a server-rendered SVG of stacked bars (approved below, spam above). For
 * assistive technology the SVG is one image with a title and a summary, and the same numbers are
 * in a table below it. No style attributes: the CSP forbids them, so colours are classes.
 */
export function CommentsChart(props: { days: readonly Day[]; language: string }) {
  const { days, language } = props;
  const step = gridStep(Math.max(0, ...days.map((d) => d.approved + d.spam)));
  const top = step * GRID_STEPS;
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
  const slot = PLOT_WIDTH / Math.max(days.length, 1);
  const barWidth = slot * 0.7;
  const first = days[0];
  const last = days[days.length - 1];
  const range = first && last ? `From ${dayLabel(first.date, language)} to ${dayLabel(last.date, language)}` : 'No days';
  return (
    <figure class="dash-chart">
      <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">{`Comments per day, last ${days.length} days`}</title>
        <desc id="chart-desc">{`${range}: ${sum(days, 'approved')} approved and ${sum(days, 'spam')} spam. The table below lists every day.`}</desc>
        {Array.from({ length: GRID_STEPS + 1 }, (_, i) => (
          <g>
            <line class="chart-grid" x1={LEFT} x2={WIDTH - RIGHT} y1={y(i * step)} y2={y(i * step)} />
            <text class="chart-label" x={LEFT - 6} y={y(i * step) + 4} text-anchor="end">
              {String(i * step)}
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          const x = LEFT + i * slot + (slot - barWidth) / 2;
          const labelled = (days.length - 1 - i) % LABEL_EVERY === 0;
          return (
            <g>
              <title>{`${dayLabel(day.date, language)}: ${day.approved} approved, ${day.spam} spam`}</title>
              {day.approved > 0 && <rect class="chart-approved" x={x} width={barWidth} y={y(day.approved)} height={y(0) - y(day.approved)} />}
              {day.spam > 0 && <rect class="chart-spam" x={x} width={barWidth} y={y(day.approved + day.spam)} height={y(day.approved) - y(day.approved + day.spam)} />}
              {labelled && (
                <text class="chart-label" x={x + barWidth / 2} y={HEIGHT - 10} text-anchor="middle">
                  {dayLabel(day.date, language)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="chart-legend">
          <li>
            <Swatch kind="approved" /> Approved
          </li>
          <li>
            <Swatch kind="spam" /> Spam
          </li>
        </ul>
      </figcaption>
      <details class="chart-table">
        <summary>The numbers per day</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Approved</th>
              <th scope="col">Spam</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr>
                <th scope="row">
                  <time datetime={day.date}>{dayLabel(day.date, language)}</time>
                </th>
                <td>{day.approved}</td>
                <td>{day.spam}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
