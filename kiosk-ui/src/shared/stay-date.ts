// Stay dates arrive as calendar dates (YYYY-MM-DD, the hotel's own dates). They are formatted as
// dates, not instants, so no time zone can move them a day.

export function formatStayDate(isoDate: string | null, locale: string): string {
  // A PMS that does not tell the dates (FIAS without GA/GD): a dash, never a made-up date.
  if (isoDate === null) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(utc);
  } catch {
    return isoDate; // an unknown locale tag: show the date as sent rather than nothing
  }
}
