// "Today" at the property: the UTC instants where the local calendar day (IANA time zone) starts
// and ends, so a list of today's charges follows the hotel's clock, not the server's.
import { dateTimeFormat } from '@roompost/folio/money';

/** [from, to) of the local day holding `now`, as ISO instants. */
export function localDayBounds(now: Date, timeZone: string): { date: string; from: string; to: string } {
  const date = localDate(now, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return {
    date,
    from: new Date(localMidnight(y, m, d, timeZone)).toISOString(),
    to: new Date(localMidnight(y, m, d + 1, timeZone)).toISOString(),
  };
}

/** YYYY-MM-DD of `at` in the time zone. */
export function localDate(at: Date, timeZone: string): string {
  return dateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** The instant (ms) of 00:00 local time on y-m-d (d may overflow into the next month). */
function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even when the day starts next to a DST change.
  let at = guess - offsetMs(guess, timeZone);
  at = guess - offsetMs(at, timeZone);
  return at;
}

/** How far the zone's wall clock is ahead of UTC at `instant`. */
function offsetMs(instant: number, timeZone: string): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
