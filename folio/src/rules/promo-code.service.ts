// Promo codes of PROMO rules (seed 003 §5.1): create, list, and redeem one on a reservation.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { findReservation } from '../reservations/reservation.repository.js';
import { invalid, requireInteger, requireIsoDate, requireText } from '../validation.js';
import {
  countRedemptions,
  findPromoCode,
  findRedemption,
  insertPromoCode,
  insertRedemption,
  listPromoCodeNames,
  promoCodeExists,
} from './promo.repository.js';
import { requireRule } from './rule-admin.service.js';
import type { PromoCode } from './rule-types.js';

type Db = Kysely<FolioDatabase>;

export interface PromoCodeInput {
  code: string;
  ruleCode: string;
  validFrom: string;
  validTo: string;
  usageLimit?: number | null;
}

/** PROMO_NOT_VALID (reason UNKNOWN) when no such code exists. */
async function promoView(db: Db, code: string): Promise<PromoCode> {
  const row = await findPromoCode(db, code);
  if (!row)
    throw new FolioError('PROMO_NOT_VALID', 'unknown promo code', { field: 'code', reason: 'UNKNOWN' });
  return {
    code: row.code,
    ruleCode: row.rule_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    usageLimit: row.usage_limit,
    redemptions: await countRedemptions(db, code),
  };
}

export function createPromoCodeService({ db, clock }: FolioContext) {
  return {
    /** A coupon code of a PROMO rule. VALIDATION_FAILED naming the field. */
    async createPromoCode(input: PromoCodeInput, by: string): Promise<PromoCode> {
      const actor = requireText(by, 'by', 64);
      const code = requireText(input.code, 'code', 32).toUpperCase();
      if (!/^[A-Z0-9_-]+$/.test(code)) throw invalid('code', 'letters, digits, "_" and "-" only');
      const validFrom = requireIsoDate(input.validFrom, 'validFrom');
      const validTo = requireIsoDate(input.validTo, 'validTo');
      if (validFrom > validTo) throw invalid('validTo', 'is before validFrom');
      const usageLimit = input.usageLimit == null ? null : requireInteger(input.usageLimit, 'usageLimit', 1);
      return db.transaction().execute(async (trx) => {
        const rule = await requireRule(trx, requireText(input.ruleCode, 'ruleCode', 32));
        if (rule.kind !== 'PROMO') throw invalid('ruleCode', 'must name a PROMO rule', { value: rule.code });
        if (await promoCodeExists(trx, code))
          throw invalid('code', 'this promo code exists', { value: code });
        await insertPromoCode(trx, {
          code,
          rule_id: rule.id,
          valid_from: validFrom,
          valid_to: validTo,
          usage_limit: usageLimit,
          created_at: clock.now().toISOString(),
          created_by: actor,
        });
        return promoView(trx, code);
      });
    },

    async listPromoCodes(): Promise<PromoCode[]> {
      return Promise.all((await listPromoCodeNames(db)).map((code) => promoView(db, code)));
    },

    /**
     * Redeems a promo code on a reservation (one per reservation; the same code again is a no-op). PROMO_NOT_VALID
     * with `reason` UNKNOWN, INACTIVE, NOT_YET_VALID, EXPIRED (by the business date) or USED_UP. Writes nothing on error.
     */
    async redeemPromoCode(input: { reservationId: string; code: string; by: string }): Promise<PromoCode> {
      const by = requireText(input.by, 'by', 64);
      const code = requireText(input.code, 'code', 32).toUpperCase();
      return db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        const reservation = await findReservation(trx, input.reservationId);
        if (!reservation)
          throw new FolioError('NOT_FOUND', 'unknown reservation', { field: 'reservationId' });
        if (['CheckedOut', 'Cancelled', 'NoShow'].includes(reservation.status)) {
          throw new FolioError(
            'ILLEGAL_TRANSITION',
            `a ${reservation.status} reservation takes no promo code`,
            {
              from: reservation.status,
            },
          );
        }
        const promo = await promoView(trx, code);
        const earlier = await findRedemption(trx, reservation.id);
        if (earlier === code) return promo;
        if (earlier) throw invalid('code', `the reservation already has promo code ${earlier}`);
        const rule = await requireRule(trx, promo.ruleCode);
        const refuse = (reason: string) => {
          throw new FolioError('PROMO_NOT_VALID', `promo code ${code}: ${reason}`, {
            field: 'code',
            reason,
            validFrom: promo.validFrom,
            validTo: promo.validTo,
            usageLimit: promo.usageLimit,
            redemptions: promo.redemptions,
            businessDate: property.businessDate,
          });
        };
        if (!rule.active) refuse('INACTIVE');
        if (property.businessDate < promo.validFrom) refuse('NOT_YET_VALID');
        if (property.businessDate > promo.validTo) refuse('EXPIRED');
        if (promo.usageLimit !== null && promo.redemptions >= promo.usageLimit) refuse('USED_UP');
        await insertRedemption(trx, {
          reservation_id: reservation.id,
          code,
          business_date: property.businessDate,
          redeemed_at: clock.now().toISOString(),
          redeemed_by: by,
        });
        return { ...promo, redemptions: promo.redemptions + 1 };
      });
    },
  };
}
