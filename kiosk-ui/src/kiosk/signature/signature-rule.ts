// When the signature pad shows (seed 000 "Signature Threshold"): the outlet's threshold from
// /api/outlet. `required`: the edge refuses the charge unsigned; `optional`: the guest may skip.
import type { OutletView } from '@roompost/sync/contract';

export type SignatureNeed = 'required' | 'optional' | null;

export function signatureNeed(outlet: Pick<OutletView, 'signature'>, totalMinor: number): SignatureNeed {
  const rule = outlet.signature;
  if (!rule || totalMinor < rule.thresholdMinor) return null;
  return rule.required ? 'required' : 'optional';
}

/** The printable box when the outlet does not say (the edge's /api/outlet always does). */
export const DEFAULT_MAX = { maxWidth: 384, maxHeight: 240 };

/**
 * The size the drawn signature is saved at: the pad's aspect, within the printable box the outlet
 * gives (the receipt printer's), never larger than drawn.
 */
export function exportSize(
  width: number,
  height: number,
  box: { maxWidth: number; maxHeight: number } = DEFAULT_MAX,
): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 1, height: 1 };
  const scale = Math.min(1, box.maxWidth / width, box.maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
