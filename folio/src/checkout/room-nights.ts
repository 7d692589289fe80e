// Posting a reservation's room nights outside night audit (POST /reservations/{id}/room-nights, checkout).
// Each night's lines come from priceNight (rules/price-night.ts), the one place that prices a night, so a night
// posted here equals the one night audit posts: room, extras, surcharges, discounts, keyed (folio, stay date,
// code). A re-run finds the keys and posts nothing new. Each night's taxes are posted with it, one TAX line
// per tax code keyed (folio, stay date, TAX:{code}) as night audit does (tax/night-tax.ts); the invoice
// posts only what differs from them.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import type { FullFolioRow, FullPostingRow } from '../folios/ledger-writer.js';
import { writePosting } from '../folios/ledger-writer.js';
import { findInvoiceSettings } from '../invoices/invoice.repository.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { Property } from '../property/property.service.js';
import { daysBetween } from '../reports/reports.js';
import type { ReservationNightRow, ReservationRow } from '../reservations/reservation.repository.js';
import { priceNight } from '../rules/price-night.js';
import { loadRules, toRule } from '../rules/rule.repository.js';
import { nightTaxes, nightTaxPosting } from '../tax/night-tax.js';

type Db = Kysely<FolioDatabase>;

export const ROOM_CODE = 'ROOM';
export const EXTRA_CODE = 'EXTRA';

export async function postedNightKeys(db: Db, folioId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('postings')
    .select(['stay_date', 'code'])
    .where('folio_id', '=', folioId)
    .where('stay_date', 'is not', null)
    .execute();
  return new Set(rows.map((r) => `${r.stay_date}|${r.code}`));
}

export async function postNights(
  db: Db,
  ctx: Pick<FolioContext, 'clock' | 'newId'>,
  property: Property,
  reservation: ReservationRow & { ratePlanCode: string; roomNumber: string },
  folio: FolioRowForNights,
  nights: ReservationNightRow[],
  by: string,
): Promise<FullPostingRow[]> {
  if (nights.length === 0) return [];
  const posted = await postedNightKeys(db, folio.id);
  const room = await db
    .selectFrom('rooms')
    .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
    .select(['room_types.code', 'room_types.base_occupancy'])
    .where('rooms.id', '=', reservation.room_id)
    .executeTakeFirstOrThrow();
  const plan = await db
    .selectFrom('rate_plans')
    .select(['extra_adult_minor', 'extra_child_minor', 'extra_bed_minor'])
    .where('id', '=', reservation.rate_plan_id)
    .executeTakeFirstOrThrow();
  const promoRow = await db
    .selectFrom('promo_redemptions')
    .innerJoin('promo_codes', 'promo_codes.code', 'promo_redemptions.code')
    .innerJoin('pricing_rules', 'pricing_rules.id', 'promo_codes.rule_id')
    .selectAll('pricing_rules')
    .select('promo_redemptions.code as promo_code')
    .where('promo_redemptions.reservation_id', '=', reservation.id)
    .executeTakeFirst();
  const rules = await loadRules(db, true);
  const settings = await findInvoiceSettings(db);
  const taxContext = {
    regime: settings?.regime ?? ('NONE' as const),
    ...(settings?.state_code
      ? { supplierState: settings.state_code, placeOfSupply: settings.state_code }
      : {}),
    specifiedPremises: settings?.specified_premises === 1,
  };
  const rows: FullPostingRow[] = [];
  for (const night of nights) {
    const allotmentUsed = new Map<string, number>();
    for (const r of await db
      .selectFrom('postings')
      .select('code')
      .where('stay_date', '=', night.stay_date)
      .where('code', 'like', 'ROOM_DISCOUNT:%')
      .execute()) {
      const rule = r.code!.slice('ROOM_DISCOUNT:'.length);
      allotmentUsed.set(rule, (allotmentUsed.get(rule) ?? 0) + 1);
    }
    const lines = priceNight(
      {
        stayDate: night.stay_date,
        roomNumber: reservation.roomNumber,
        roomTypeCode: room.code,
        roomMinor: night.room_minor,
        ratePlanCode: reservation.ratePlanCode,
        baseOccupancy: room.base_occupancy,
        adults: reservation.adults,
        children: reservation.children,
        extraBeds: reservation.extra_beds,
        ratePlanExtras: {
          adultMinor: plan.extra_adult_minor,
          childMinor: plan.extra_child_minor,
          bedMinor: plan.extra_bed_minor,
        },
        bookedExtraMinor: night.extra_minor,
        promo: promoRow ? { code: promoRow.promo_code, rule: toRule(promoRow) } : null,
        firstNight: night.stay_date === reservation.arrival,
        nightNumber: daysBetween(reservation.arrival, night.stay_date) + 1,
      },
      { rules, ...taxContext, allotmentUsed },
    );
    for (const line of lines) {
      if (posted.has(`${night.stay_date}|${line.code}`)) continue;
      rows.push(
        await writePosting(db, ctx, property, {
          folio,
          type: line.type,
          amountMinor: line.amountMinor,
          description: line.description,
          by,
          serviceDate: night.stay_date,
          stayDate: night.stay_date,
          code: line.code,
          ruleApplied: line.ruleApplied,
          referenceKind: line.referenceKind,
          referenceId: line.referenceId,
        }),
      );
    }
    for (const tax of nightTaxes(lines)) {
      const key = nightTaxPosting(folio.id, night.stay_date, tax);
      if (posted.has(`${night.stay_date}|${key.code}`)) continue;
      rows.push(
        await writePosting(db, ctx, property, {
          folio,
          type: 'TAX',
          amountMinor: tax.amountMinor,
          description: key.description,
          by,
          serviceDate: night.stay_date,
          stayDate: night.stay_date,
          code: key.code,
          chargeRef: key.chargeRef,
          ruleApplied: key.ruleApplied,
        }),
      );
    }
  }
  return rows;
}

type FolioRowForNights = FullFolioRow;
