// What makes two deliveries of one charge id "the same charge". Only the fields that decide where the
// money goes and how much it is: a replay may differ in who pressed retry, not in the amount.
import { createHash } from 'node:crypto';
import type { PostChargeInput } from './post-charge.js';

export function chargeContentHash(input: PostChargeInput): string {
  // A tip folded into the outlet's line is the same money as subtotal + tip with no tip: hashed alike, so a
  // charge first posted folded by its caller replays after the folding moved into folio.
  const fold = input.tipAsSeparateLine === false;
  const canonical = JSON.stringify([
    'charge/v1',
    input.stayRef,
    input.outletCode,
    input.checkNumber,
    input.currency,
    fold ? input.subtotalMinor + input.tipMinor : input.subtotalMinor,
    input.taxMinor,
    fold ? 0 : input.tipMinor,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
