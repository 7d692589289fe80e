// The hotel's calendar: a property's day is its local calendar date in its IANA time zone, so a
// charge at 23:30 in New York belongs to today, not tomorrow. Edge (today's charges, the daily
// summary), central (reconciliation, scheduled jobs) and the folio engine all ask here.

/** A business or calendar date as YYYY-MM-DD. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** One formatter per zone and shape: building an Intl.DateTimeFormat costs far more than using it. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(kind: 'date' | 'minute' | 'offset', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format =
      kind === 'date'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        : new Intl.DateTimeFormat('en-CA', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            ...(kind === 'offset' ? { second: '2-digit' } : {}),
          });
    formats.set(key, format);
  }
  return format;
}

function partsOf(at: Date | number, kind: 'minute' | 'offset', timeZone: string): Record<string, string> {
  return Object.fromEntries(
    formatIn(kind, timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
}

/** YYYY-MM-DD of `at` in the time zone. */
export function localDate(at: Date | string, timeZone: string): string {
  return formatIn('date', timeZone).format(typeof at === 'string' ? new Date(at) : at);
}

/** "HH:MM" of `at` in the time zone (24-hour clock). */
export function localTime(at: Date, timeZone: string): string {
  return localMinute(at, timeZone).slice(11);
}

/** "YYYY-MM-DDTHH:MM" of `at` in the time zone. */
export function localMinute(at: Date, timeZone: string): string {
  const p = partsOf(at, 'minute', timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** [from, to) of the local day `date` as ISO instants. */
export function dayBounds(date: string, timeZone: string): { from: string; to: string } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return {
    from: new Date(localMidnight(y, m, d, timeZone)).toISOString(),
    to: new Date(localMidnight(y, m, d + 1, timeZone)).toISOString(),
  };
}

/** The local day holding `now`: its date and [from, to) as ISO instants. */
export function localDayBounds(now: Date, timeZone: string): { date: string; from: string; to: string } {
  const date = localDate(now, timeZone);
  return { date, ...dayBounds(date, timeZone) };
}

/** The calendar date `days` after `date` (negative: before). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The date before `date`. */
export const previousDate = (date: string): string => shiftDate(date, -1);

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
  const p = partsOf(instant, 'offset', timeZone);
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}
