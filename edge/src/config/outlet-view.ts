import type { OutletView } from '@roompost/sync';
import { signatureRule } from '../charges/signature.js';
import { deliveryView, receiptOptionsOf } from '../receipts/receipt-options.js';
import type { EdgeConfig } from './edge-config.js';

/** What the kiosk is told about its outlet (`GET /api/outlet`): the settings a screen shows or obeys. */
export function outletView(config: EdgeConfig): OutletView {
  return {
    code: config.outlet.code,
    name: config.outlet.name,
    currency: config.outlet.currency,
    locale: config.outlet.locale,
    timeZone: config.outlet.timeZone,
    mode: config.outlet.mode,
    tipPercentPresets: config.outlet.tipPercentPresets,
    signature: signatureRule(config.outlet),
    delivery: deliveryView(config.outlet),
    receiptOptions: receiptOptionsOf(config.outlet),
    simulatedCards: config.devices.reader.kind === 'simulated' ? config.devices.reader.cards : null,
  };
}
