// SQL of promo codes and their redemptions on reservations (seed 003 §5.1 PROMO rules).
import type { Kysely } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { toRule } from './rule.repository.js';
import type { PromoCodeTable, PromoRedemptionTable } from './rule.table.js';
import type { PricingRule } from './rule-types.js';

type Db = Kysely<FolioDatabase>;

/** A promo code with its rule's code, or null when unknown. */
export async function findPromoCode(db: Db, code: string) {
  return db
    .selectFrom('promo_codes')
    .innerJoin('pricing_rules', 'pricing_rules.id', 'promo_codes.rule_id')
    .select(['promo_codes.code', 'pricing_rules.code as rule_code', 'valid_from', 'valid_to', 'usage_limit'])
    .where('promo_codes.code', '=', code)
    .executeTakeFirst();
}

export async function countRedemptions(db: Db, code: string): Promise<number> {
  const used = await db
    .selectFrom('promo_redemptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(used.n);
}

export async function promoCodeExists(db: Db, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('promo_codes').select('code').where('code', '=', code).executeTakeFirst()) !==
    undefined
  );
}

export async function insertPromoCode(db: Db, row: PromoCodeTable): Promise<void> {
  await db.insertInto('promo_codes').values(row).execute();
}

export async function listPromoCodeNames(db: Db): Promise<string[]> {
  return (await db.selectFrom('promo_codes').select('code').orderBy('code').execute()).map((c) => c.code);
}

/** The code redeemed on a reservation, if any (one per reservation). */
export async function findRedemption(db: Db, reservationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('promo_redemptions')
    .select('code')
    .where('reservation_id', '=', reservationId)
    .executeTakeFirst();
  return row?.code ?? null;
}

export async function insertRedemption(db: Db, row: PromoRedemptionTable): Promise<void> {
  await db.insertInto('promo_redemptions').values(row).execute();
}

/** The promo redeemed on each reservation: reservation id → code and its rule. */
export async function loadRedeemedPromos(db: Db): Promise<Map<string, { code: string; rule: PricingRule }>> {
  const rows = await db
    .selectFrom('promo_redemptions')
    .innerJoin('promo_codes', 'promo_codes.code', 'promo_redemptions.code')
    .innerJoin('pricing_rules', 'pricing_rules.id', 'promo_codes.rule_id')
    .selectAll('pricing_rules')
    .select(['promo_redemptions.reservation_id', 'promo_redemptions.code as promo_code'])
    .execute();
  return new Map(rows.map((r) => [r.reservation_id, { code: r.promo_code, rule: toRule(r) }]));
}
