// What makes two deliveries of one charge id "the same charge". Only the fields that decide where the
// money goes and how much it is: a replay may differ in who pressed retry, not in the amount.
import { createHash } from 'node:crypto';
import type { PostChargeInput } from './post-charge.js';

export function chargeContentHash(input: PostChargeInput): string {
  const canonical = JSON.stringify([
    'charge/v1',
    input.stayRef,
    input.outletCode,
    input.checkNumber,
    input.currency,
    input.subtotalMinor,
    input.taxMinor,
    input.tipMinor,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
