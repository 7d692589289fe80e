// Tip choices offered on the guest screen. The tip is the guest's choice, so the kiosk turns a
// preset percentage into minor units, with folio's one rounding function; tax and the total still
// come from the edge's quote.
import { percentOfMinor } from '@roompost/folio/money';

export interface TipOption {
  /** null: "No tip". */
  percent: number | null;
  tipMinor: number;
}

/** `percent` of `baseMinor`, rounded half up to a whole minor unit (18 % of 87.50 → 15.75). */
export function tipForPercent(baseMinor: number, percent: number): number {
  if (!Number.isSafeInteger(baseMinor) || baseMinor <= 0 || !isPreset(percent)) return 0;
  return percentOfMinor(baseMinor, String(percent), 'HALF_UP');
}

/** "No tip" first, then the outlet's presets in the order configured (duplicates and junk dropped). */
export function tipOptions(baseMinor: number, presets: readonly number[]): TipOption[] {
  const seen = new Set<number>();
  const options: TipOption[] = [{ percent: null, tipMinor: 0 }];
  for (const percent of presets) {
    if (!isPreset(percent) || seen.has(percent)) continue;
    seen.add(percent);
    options.push({ percent, tipMinor: tipForPercent(baseMinor, percent) });
  }
  return options;
}

/** A usable preset: above 0, at most 100, and written without an exponent (folio's rate shape). */
function isPreset(percent: number): boolean {
  return Number.isFinite(percent) && percent > 0 && percent <= 100 && /^\d+(\.\d+)?$/.test(String(percent));
}
