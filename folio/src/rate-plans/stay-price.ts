// Pricing a stay from a rate plan: each night's room rate plus extras above base occupancy. Pure.
import { FolioError } from '../errors.js';
import type { RatePlanRow } from './rate-plan.repository.js';

export interface Occupancy {
  baseOccupancy: number;
  adults: number;
  children: number;
  extraBeds: number;
}

export interface NightPrice {
  stayDate: string;
  roomMinor: number;
  extraMinor: number;
}

/**
 * Seed 003 §5.1: extra person surcharge above the room type's base occupancy (adults fill it first),
 * extra bed surcharge per bed. A night without a rate is VALIDATION_FAILED: nothing is guessed.
 */
export function priceNights(
  plan: RatePlanRow,
  rates: ReadonlyMap<string, number>,
  nights: readonly string[],
  occupancy: Occupancy,
): NightPrice[] {
  const extraAdults = Math.max(0, occupancy.adults - occupancy.baseOccupancy);
  const freeForChildren = Math.max(0, occupancy.baseOccupancy - occupancy.adults);
  const extraChildren = Math.max(0, occupancy.children - freeForChildren);
  const extraMinor =
    extraAdults * plan.extra_adult_minor +
    extraChildren * plan.extra_child_minor +
    occupancy.extraBeds * plan.extra_bed_minor;
  const missing = nights.filter((night) => !rates.has(night));
  if (missing.length > 0) {
    throw new FolioError('VALIDATION_FAILED', 'the rate plan has no rate for some nights', {
      field: 'ratePlanCode',
      ratePlanCode: plan.code,
      missingNights: missing,
    });
  }
  return nights.map((stayDate) => ({ stayDate, roomMinor: rates.get(stayDate)!, extraMinor }));
}

export function extrasRule(occupancy: Occupancy): string {
  return `EXTRA base ${occupancy.baseOccupancy}: ${occupancy.adults}A ${occupancy.children}C ${occupancy.extraBeds} bed(s)`;
}
