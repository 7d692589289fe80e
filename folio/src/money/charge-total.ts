// What a room charge comes to (seed 000 "Charge Posting": total_amount = subtotal + tax + tip), written once
// for every place that checks or computes it: the edge's quote, central's admission and PMS adapters, folio.

export interface ChargeParts {
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
}

export function chargeTotalMinor(parts: ChargeParts): number {
  return parts.subtotalMinor + parts.taxMinor + parts.tipMinor;
}

/** True when the charge's stated total is its parts' sum. */
export function chargeAddsUp(charge: ChargeParts & { totalMinor: number }): boolean {
  return chargeTotalMinor(charge) === charge.totalMinor;
}
