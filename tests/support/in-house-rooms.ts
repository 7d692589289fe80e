// Extra in-house guests for tests and benchmarks that charge many stays at once (no credit limit).

import type { FolioService } from '@roompost/folio';

/**
 * Checks guests into `n` extra rooms (B001…, no credit limit) of a seeded demo hotel, as the
 * table's figures were measured with: charges spread over many stays as at a real property.
 */
export async function extraInHouseRooms(
  folio: FolioService,
  n: number,
  today: string,
): Promise<Array<{ room: string; stayRef: string }>> {
  const out: Array<{ room: string; stayRef: string }> = [];
  for (let i = 1; i <= n; i++) {
    const room = `B${String(i).padStart(3, '0')}`;
    await folio.createRoom({ number: room, roomTypeCode: 'DK' });
    const guestId = await folio.createGuest({ firstName: 'Bench', lastName: `Guest${i}` });
    const stayRef = await folio.checkIn({
      roomNumber: room,
      guestId,
      confirmation: `BENCH${i}`,
      arrival: today,
      departure: addDays(today, 2),
      adults: 1,
      creditLimitMinor: null,
      noPost: false,
    });
    out.push({ room, stayRef });
  }
  return out;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
