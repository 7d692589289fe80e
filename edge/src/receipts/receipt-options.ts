import type { OutletView, ReceiptOption } from '@roompost/sync';
import { deliveryRule } from '../catalog/quote.js';
import type { EdgeConfig } from '../config/edge-config.js';

/**
 * What the kiosk offers after a charge: the configured `receiptOptions`, except 'email' when the
 * property has no SMTP relay configured (`emailRelay`): nobody could deliver the mail.
 */
export function receiptOptionsOf(outlet: EdgeConfig['outlet']): ReceiptOption[] {
  const options = [...new Set(outlet.receiptOptions ?? [])];
  return outlet.emailRelay ? options : options.filter((o) => o !== 'email');
}

/** `OutletView.delivery`: the delivery charge a "delivery to room" check gets, or null. */
export function deliveryView(outlet: EdgeConfig['outlet']): OutletView['delivery'] {
  const rule = deliveryRule(outlet);
  if (!rule) return null;
  return { chargeMinor: rule.chargeMinor, name: rule.name, defaultOn: outlet.delivery?.defaultOn ?? true };
}
