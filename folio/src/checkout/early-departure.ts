// Seed 003 §6: the early-departure surcharge, by the rate plan's configured rule. Pure.
import { percentOfMinor } from '../money/index.js';
import type { EarlyDepartureKind } from '../rate-plans/rate-plan.table.js';

export interface EarlyDepartureFee {
  amountMinor: number;
  rule: string;
}

/** `removedRoomMinor`: the room rate of each removed night, in stay-date order. Null when no fee is due. */
export function earlyDepartureFee(
  kind: EarlyDepartureKind,
  value: string | null,
  removedRoomMinor: readonly number[],
): EarlyDepartureFee | null {
  if (removedRoomMinor.length === 0 || kind === 'NONE' || value === null) return null;
  let amountMinor: number;
  let rule: string;
  switch (kind) {
    case 'FIXED':
      amountMinor = Number(value);
      rule = `EARLY_DEPARTURE FIXED ${value}`;
      break;
    case 'PERCENT_OF_REMOVED': {
      const removed = removedRoomMinor.reduce((sum, n) => sum + n, 0);
      amountMinor = percentOfMinor(removed, value, 'HALF_UP');
      rule = `EARLY_DEPARTURE ${value}% of ${removedRoomMinor.length} removed night(s)`;
      break;
    }
    case 'NIGHTS': {
      const count = Math.min(Number(value), removedRoomMinor.length);
      amountMinor = removedRoomMinor.slice(0, count).reduce((sum, n) => sum + n, 0);
      rule = `EARLY_DEPARTURE ${count} night(s) at the booked rate`;
      break;
    }
  }
  return amountMinor > 0 ? { amountMinor, rule } : null;
}
