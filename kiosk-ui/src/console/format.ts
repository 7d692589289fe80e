import { formatMinor } from '@roompost/folio/money';

/** Money in the property's currency and format (Indian grouping for INR). */
export function money(minor: number, currency: string): string {
  try {
    return formatMinor(
      minor,
      currency as Parameters<typeof formatMinor>[1],
      currency === 'INR' ? 'en-IN' : 'en-US',
    );
  } catch {
    return `${currency} ${minor}`;
  }
}

export const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '—';
export const dateTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
