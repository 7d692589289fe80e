import { applyRate, chargeTotalMinor, sumMinor } from '@roompost/folio/money';
import type { ChargeItem, CheckItem } from '@roompost/sync';
import { EdgeError } from '../edge-error.js';
import { addToTaxGroups, type TaxGroup } from '../receipts/tax-breakdown.js';
import type { CatalogItemRow } from './catalog.repository.js';

export interface QuoteRequest {
  items: CheckItem[];
  tipMinor: number;
  /** "Delivery to room": add the outlet's delivery charge (never an amount from the kiosk). */
  delivery?: boolean;
}

/** The outlet's configured delivery charge (edge config `outlet.delivery`). */
export interface DeliveryRule {
  chargeMinor: number;
  /** Decimal string, "0" = untaxed. */
  taxRate: string;
  name: string;
}

/** The delivery rule of an outlet config (`outlet.delivery`), defaults filled in; null: none. */
export function deliveryRule(outlet: {
  delivery?: { chargeMinor: number; taxRate?: string | undefined; name?: string | undefined } | undefined;
}): DeliveryRule | null {
  const d = outlet.delivery;
  return d
    ? { chargeMinor: d.chargeMinor, taxRate: d.taxRate ?? '0', name: d.name ?? 'Delivery charge' }
    : null;
}

const outOfRange = (field: string) =>
  new EdgeError('AMOUNT_OUT_OF_RANGE', `the check's amounts pass ${Number.MAX_SAFE_INTEGER} minor units`, {
    field,
  });

/** The delivery line's SKU on the check, the receipt and the charge message to central. */
export const DELIVERY_SKU = 'DELIVERY';

export interface Quote {
  lines: ChargeItem[];
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  totalMinor: number;
  /** The tax per tax class and rate (for the CGST/SGST lines of an Indian bill). */
  taxGroups: TaxGroup[];
}

/**
 * Prices a check at the outlet: line amount = quantity × price, line tax = amount × the item's rate,
 * rounded half-up per line (the POS rule; the PMS side checks totals, it does not recompute).
 * The same SKU twice becomes one line.
 */
export function quoteCheck(
  request: QuoteRequest,
  catalog: ReadonlyMap<string, CatalogItemRow>,
  delivery: DeliveryRule | null = null,
): Quote {
  if (request.delivery && !delivery) {
    throw new EdgeError('VALIDATION_FAILED', 'this outlet has no delivery charge', { field: 'delivery' });
  }
  const quantities = new Map<string, number>();
  const custom: ChargeItem[] = [];
  request.items.forEach((item, index) => {
    if ('custom' in item) {
      // Staff enter what the guest pays: the price is tax-inclusive, so no tax is added on top.
      const { name, unitPriceMinor } = item.custom;
      const amountMinor = unitPriceMinor * item.quantity;
      if (!Number.isSafeInteger(amountMinor)) throw outOfRange(`items.${index}.custom.unitPriceMinor`);
      custom.push({
        sku: `CUSTOM-${custom.length + 1}`,
        name,
        quantity: item.quantity,
        unitPriceMinor,
        amountMinor,
        taxMinor: 0,
      });
      return;
    }
    if (!catalog.has(item.sku)) {
      throw new EdgeError('VALIDATION_FAILED', `no item ${item.sku} on this outlet's menu`, {
        field: `items.${index}.sku`,
      });
    }
    quantities.set(item.sku, (quantities.get(item.sku) ?? 0) + item.quantity);
  });
  const menuLines: ChargeItem[] = [...quantities].map(([sku, quantity]) => {
    const item = catalog.get(sku)!;
    const amountMinor = item.price_minor * quantity;
    if (!Number.isSafeInteger(amountMinor)) throw outOfRange('items');
    return {
      sku,
      name: item.name,
      quantity,
      unitPriceMinor: item.price_minor,
      amountMinor,
      taxMinor: applyRate(amountMinor, item.tax_rate, 'HALF_UP'),
      // The folio's invoice names the item's tax from these (VAT on alcohol, GST on food).
      taxClass: item.tax_class,
      taxRate: item.tax_rate,
    };
  });
  // Last, so the kiosk's lines keep their places; taxed at the configured rate (tips never are).
  const deliveryLines: ChargeItem[] =
    request.delivery && delivery
      ? [
          {
            sku: DELIVERY_SKU,
            name: delivery.name,
            quantity: 1,
            unitPriceMinor: delivery.chargeMinor,
            amountMinor: delivery.chargeMinor,
            taxMinor: applyRate(delivery.chargeMinor, delivery.taxRate, 'HALF_UP'),
          },
        ]
      : [];
  const lines = [...menuLines, ...custom, ...deliveryLines];
  const taxGroups: TaxGroup[] = [];
  for (const l of menuLines) {
    const item = catalog.get(l.sku)!;
    addToTaxGroups(taxGroups, item.tax_class, item.tax_rate, l.amountMinor, l.taxMinor);
  }
  for (const l of custom) addToTaxGroups(taxGroups, 'CUSTOM', '0', l.amountMinor, 0);
  for (const l of deliveryLines) {
    addToTaxGroups(taxGroups, DELIVERY_SKU, delivery?.taxRate ?? '0', l.amountMinor, l.taxMinor);
  }
  // Every amount and sum stays an exact integer (Number.MAX_SAFE_INTEGER minor units at most):
  // past that the arithmetic is wrong, so the check is refused before anything is written.
  lines.forEach((l, index) => {
    if (!Number.isSafeInteger(l.amountMinor) || !Number.isSafeInteger(l.taxMinor))
      throw outOfRange(`items.${index}`);
  });
  const subtotalMinor = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const taxMinor = lines.reduce((sum, l) => sum + l.taxMinor, 0);
  if (!Number.isSafeInteger(subtotalMinor) || !Number.isSafeInteger(taxMinor)) throw outOfRange('items');
  const totalMinor = chargeTotalMinor({ subtotalMinor, taxMinor, tipMinor: request.tipMinor });
  if (!Number.isSafeInteger(totalMinor)) throw outOfRange('tipMinor');
  return {
    lines,
    subtotalMinor: sumMinor([subtotalMinor]),
    taxMinor: sumMinor([taxMinor]),
    tipMinor: request.tipMinor,
    totalMinor,
    taxGroups,
  };
}
