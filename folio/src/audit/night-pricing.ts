// What a night costs a room: the pricing context of a run (rules, tax regime, promo codes, the allotment
// discounts already used) and the posting rows of one room's night, priced by priceNight with the night's
// taxes (one TAX line per tax code, tax/night-tax.ts). Lines already posted (same folio and code) are left out.
import type { Kysely } from 'kysely';
import { findInvoiceSettings } from '../invoices/invoice.repository.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { type NightToPrice, type PricingContext, priceNight } from '../rules/price-night.js';
import { loadRedeemedPromos } from '../rules/promo.repository.js';
import { loadRules } from '../rules/rule.repository.js';
import { nightTaxes, nightTaxPosting } from '../tax/night-tax.js';
import type { InHouseRow } from './in-house-nights.js';
import type { NightPostingRow } from './night-posting.repository.js';

type Db = Kysely<FolioDatabase>;

export interface NightPricing {
  pricing: PricingContext;
  /** Allotment discounts used per rule (priceNight counts up; a failed batch puts it back). */
  allotmentUsed: Map<string, number>;
  promos: Awaited<ReturnType<typeof loadRedeemedPromos>>;
}

/** The run's pricing context; `posted` are the night lines of the date already on the folios. */
export async function loadNightPricing(
  db: Db,
  posted: ReadonlyArray<{ code: string | null }>,
): Promise<NightPricing> {
  const allotmentUsed = new Map<string, number>();
  for (const p of posted) {
    if (p.code?.startsWith('ROOM_DISCOUNT:')) {
      const rule = p.code.slice('ROOM_DISCOUNT:'.length);
      allotmentUsed.set(rule, (allotmentUsed.get(rule) ?? 0) + 1);
    }
  }
  const settings = await findInvoiceSettings(db);
  const pricing: PricingContext = {
    rules: await loadRules(db, true),
    regime: settings?.regime ?? 'NONE',
    ...(settings?.state_code
      ? { supplierState: settings.state_code, placeOfSupply: settings.state_code }
      : {}),
    specifiedPremises: settings?.specified_premises === 1,
    allotmentUsed,
    taxCache: new Map(),
    percentCache: new Map(),
  };
  return { pricing, allotmentUsed, promos: await loadRedeemedPromos(db) };
}

/** Who posts a night, when, and on which dates. */
export interface NightStamp {
  stayDate: string;
  /** The business date the lines are posted on (the audited date, or today's for a late night). */
  postingDate: string;
  createdAt: string;
  by: string;
  newId: () => string;
}

/**
 * The posting rows of one room's night not yet posted (`posted`: the codes already on the room's folio for
 * the night, if any), and the tax among them. The room must have an open folio window 1 (`folio_id`).
 * Columns a night line leaves empty are not set (null in the table).
 */
export function nightRows(
  room: InHouseRow & { folio_id: string },
  night: NightToPrice,
  pricing: PricingContext,
  posted: ReadonlySet<string> | undefined,
  stamp: NightStamp,
): { rows: NightPostingRow[]; taxMinor: number } {
  const rows: NightPostingRow[] = [];
  let taxMinor = 0;
  const lines = priceNight(night, pricing);
  for (const line of lines) {
    if (posted?.has(line.code)) continue;
    rows.push({
      id: stamp.newId(),
      folio_id: room.folio_id,
      type: line.type,
      amount_minor: line.amountMinor,
      currency: room.currency!,
      description: line.description,
      business_date: stamp.postingDate,
      service_date: stamp.stayDate,
      created_at: stamp.createdAt,
      posted_by: stamp.by,
      line_no: 1,
      rule_applied: line.ruleApplied,
      reference_kind: line.referenceKind,
      reference_id: line.referenceId,
      stay_date: stamp.stayDate,
      code: line.code,
    });
  }
  // The night's tax, one TAX line per code, with the lines it is on (docs/taxes-and-invoices.md).
  for (const tax of nightTaxes(lines)) {
    const key = nightTaxPosting(room.folio_id, stamp.stayDate, tax);
    if (posted?.has(key.code)) continue;
    taxMinor += tax.amountMinor;
    rows.push({
      id: stamp.newId(),
      folio_id: room.folio_id,
      type: 'TAX',
      amount_minor: tax.amountMinor,
      currency: room.currency!,
      description: key.description,
      business_date: stamp.postingDate,
      service_date: stamp.stayDate,
      created_at: stamp.createdAt,
      posted_by: stamp.by,
      charge_ref: key.chargeRef,
      line_no: 1,
      rule_applied: key.ruleApplied,
      stay_date: stamp.stayDate,
      code: key.code,
    });
  }
  return { rows, taxMinor };
}
