// Surcharge and discount rules (seed 003 §5.1) as the front office manages them: create, change, deactivate
// and list rules; promo codes and their redemption on a reservation; service and manual surcharges posted
// on request. Nightly pricing itself is priceNight (price-night.ts), called by night audit and checkout.
import type { Kysely, Selectable } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { type LedgerLine, toLedgerLine } from '../folios/ledger-line.js';
import { requireOpenFolio, writePosting } from '../folios/ledger-writer.js';
import { percentOfMinor } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';
import { requireProperty } from '../property/property.service.js';
import type { ChargeCategory } from '../tax/tax-types.js';
import { invalid, optionalText, requireInteger, requireIsoDate, requireText } from '../validation.js';
import type { PricingRuleTable } from './rule.table.js';
import type { PricingRule, PromoCode, ServiceKind } from './rule-types.js';
import { assertNoOverlap, type RuleInput, validateRule } from './rule-validation.js';

type Db = Kysely<FolioDatabase>;

export interface PromoCodeInput {
  code: string;
  ruleCode: string;
  validFrom: string;
  validTo: string;
  usageLimit?: number | null;
}

const SERVICE_CATEGORY: Record<ServiceKind, ChargeCategory> = {
  LATE_CHECKOUT: 'ROOM',
  EARLY_CHECKIN: 'ROOM',
  SPA: 'SPA',
  AMENITY: 'MISC',
};

export function toRule(row: Selectable<PricingRuleTable>): PricingRule {
  const json = <T>(value: string | null): T | null => (value === null ? null : (JSON.parse(value) as T));
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    percent: row.percent,
    amountMinor: row.amount_minor,
    dateFrom: row.date_from,
    dateTo: row.date_to,
    holidays: json<string[]>(row.holidays_json),
    weekdays: json<number[]>(row.weekdays_json),
    roomTypeCodes: json<string[]>(row.room_types_json),
    quota: row.quota,
    serviceKind: row.service_kind,
    promoScope: row.promo_scope,
    active: row.active === 1,
  };
}

export async function loadRules(db: Db, activeOnly = false): Promise<PricingRule[]> {
  let query = db.selectFrom('pricing_rules').selectAll().orderBy('kind').orderBy('code');
  if (activeOnly) query = query.where('active', '=', 1);
  return (await query.execute()).map(toRule);
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

function toRow(rule: Omit<PricingRule, 'id'>) {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return {
    code: rule.code,
    kind: rule.kind,
    name: rule.name,
    percent: rule.percent,
    amount_minor: rule.amountMinor,
    date_from: rule.dateFrom,
    date_to: rule.dateTo,
    holidays_json: json(rule.holidays),
    weekdays_json: json(rule.weekdays),
    room_types_json: json(rule.roomTypeCodes),
    quota: rule.quota,
    service_kind: rule.serviceKind,
    promo_scope: rule.promoScope,
    active: rule.active ? 1 : 0,
  };
}

async function roomTypeCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('room_types').select('code').execute()).map((r) => r.code));
}

async function requireRule(db: Db, code: string): Promise<PricingRule> {
  const row = await db.selectFrom('pricing_rules').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw new FolioError('NOT_FOUND', 'unknown rule', { field: 'code', ruleCode: code });
  return toRule(row);
}

async function promoView(db: Db, code: string): Promise<PromoCode> {
  const row = await db
    .selectFrom('promo_codes')
    .innerJoin('pricing_rules', 'pricing_rules.id', 'promo_codes.rule_id')
    .select(['promo_codes.code', 'pricing_rules.code as rule_code', 'valid_from', 'valid_to', 'usage_limit'])
    .where('promo_codes.code', '=', code)
    .executeTakeFirst();
  if (!row)
    throw new FolioError('PROMO_NOT_VALID', 'unknown promo code', { field: 'code', reason: 'UNKNOWN' });
  const used = await db
    .selectFrom('promo_redemptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return {
    code: row.code,
    ruleCode: row.rule_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    usageLimit: row.usage_limit,
    redemptions: Number(used.n),
  };
}

export function createRuleService(ctx: FolioContext) {
  const { db, clock } = ctx;

  /** Replays a request: the posting written under `ref` before, if any. */
  async function replayed(trx: Db, ref: string | null): Promise<LedgerLine | null> {
    if (ref === null) return null;
    const row = await trx.selectFrom('postings').selectAll().where('charge_ref', '=', ref).executeTakeFirst();
    return row ? toLedgerLine(row) : null;
  }

  async function postRequested(
    input: { folioId: string; requestId?: string | undefined; by: string },
    build: (trx: Db) => Promise<Parameters<typeof writePosting>[3] | null>,
  ): Promise<LedgerLine> {
    const by = requireText(input.by, 'by', 64);
    const requestId = optionalText(input.requestId, 'requestId', 64);
    const ref = requestId === null ? null : `rule:${requestId}`;
    try {
      return await db.transaction().execute(async (trx) => {
        const earlier = await replayed(trx, ref);
        if (earlier) return earlier;
        const posting = await build(trx);
        if (!posting) throw invalid('ruleCode', 'nothing to post');
        const property = await requireProperty(trx);
        const row = await writePosting(trx, ctx, property, { ...posting, by, chargeRef: ref });
        return toLedgerLine(row);
      });
    } catch (error) {
      if (ref !== null && isUniqueViolation(error)) {
        const earlier = await replayed(db, ref);
        if (earlier) return earlier;
      }
      throw error;
    }
  }

  return {
    /** VALIDATION_FAILED naming the field; RULE_OVERLAP with an active rule of the same kind. Writes nothing on error. */
    async createRule(input: RuleInput, by: string): Promise<PricingRule> {
      const actor = requireText(by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const rule = validateRule(input, await roomTypeCodes(trx));
        const existing = await trx
          .selectFrom('pricing_rules')
          .select('id')
          .where('code', '=', rule.code)
          .executeTakeFirst();
        if (existing) throw invalid('code', 'a rule with this code exists', { value: rule.code });
        assertNoOverlap(rule, await loadRules(trx, true));
        const id = ctx.newId();
        await trx
          .insertInto('pricing_rules')
          .values({
            id,
            ...toRow(rule),
            created_at: clock.now().toISOString(),
            created_by: actor,
            updated_at: null,
            updated_by: null,
          })
          .execute();
        return { id, ...rule };
      });
    },

    /** Replaces a rule's settings (its code and kind stay). Postings already made keep their amounts. */
    async updateRule(
      code: string,
      input: Omit<RuleInput, 'code' | 'kind'>,
      by: string,
    ): Promise<PricingRule> {
      const actor = requireText(by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const current = await requireRule(trx, code);
        const rule = validateRule(
          { ...input, code: current.code, kind: current.kind },
          await roomTypeCodes(trx),
        );
        assertNoOverlap(rule, await loadRules(trx, true));
        await trx
          .updateTable('pricing_rules')
          .set({ ...toRow(rule), updated_at: clock.now().toISOString(), updated_by: actor })
          .where('id', '=', current.id)
          .execute();
        return { id: current.id, ...rule };
      });
    },

    /** Rules are never deleted (postings name them): a deactivated rule applies to no further night. */
    async deactivateRule(code: string, by: string): Promise<PricingRule> {
      const actor = requireText(by, 'by', 64);
      return db.transaction().execute(async (trx) => {
        const current = await requireRule(trx, code);
        await trx
          .updateTable('pricing_rules')
          .set({ active: 0, updated_at: clock.now().toISOString(), updated_by: actor })
          .where('id', '=', current.id)
          .execute();
        return { ...current, active: false };
      });
    },

    async listRules(): Promise<PricingRule[]> {
      return loadRules(db);
    },

    async getRule(code: string): Promise<PricingRule> {
      return requireRule(db, code);
    },

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
        const taken = await trx
          .selectFrom('promo_codes')
          .select('code')
          .where('code', '=', code)
          .executeTakeFirst();
        if (taken) throw invalid('code', 'this promo code exists', { value: code });
        await trx
          .insertInto('promo_codes')
          .values({
            code,
            rule_id: rule.id,
            valid_from: validFrom,
            valid_to: validTo,
            usage_limit: usageLimit,
            created_at: clock.now().toISOString(),
            created_by: actor,
          })
          .execute();
        return promoView(trx, code);
      });
    },

    async listPromoCodes(): Promise<PromoCode[]> {
      const codes = await db.selectFrom('promo_codes').select('code').orderBy('code').execute();
      return Promise.all(codes.map((c) => promoView(db, c.code)));
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
        const reservation = await trx
          .selectFrom('reservations')
          .select(['id', 'status'])
          .where('id', '=', input.reservationId)
          .executeTakeFirst();
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
        const earlier = await trx
          .selectFrom('promo_redemptions')
          .select('code')
          .where('reservation_id', '=', reservation.id)
          .executeTakeFirst();
        if (earlier?.code === code) return promo;
        if (earlier) throw invalid('code', `the reservation already has promo code ${earlier.code}`);
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
        await trx
          .insertInto('promo_redemptions')
          .values({
            reservation_id: reservation.id,
            code,
            business_date: property.businessDate,
            redeemed_at: clock.now().toISOString(),
            redeemed_by: by,
          })
          .execute();
        return { ...promo, redemptions: promo.redemptions + 1 };
      });
    },

    /**
     * A SERVICE rule's surcharge (late check-out, early check-in, spa, amenity) on an open folio: a fixed
     * amount × quantity, or a percent of the stay's latest room night. `requestId` makes a retry post once.
     */
    async postServiceSurcharge(input: {
      folioId: string;
      ruleCode: string;
      quantity?: number;
      requestId?: string;
      by: string;
    }): Promise<LedgerLine> {
      const quantity = input.quantity === undefined ? 1 : requireInteger(input.quantity, 'quantity', 1);
      return postRequested(input, async (trx) => {
        const folio = await requireOpenFolio(trx, input.folioId);
        const rule = await requireRule(trx, requireText(input.ruleCode, 'ruleCode', 32));
        if (rule.kind !== 'SERVICE' || !rule.active) {
          throw invalid('ruleCode', 'must name an active SERVICE rule', { value: rule.code });
        }
        let unit = rule.amountMinor ?? 0;
        if (rule.percent !== null) {
          const night = await trx
            .selectFrom('postings')
            .innerJoin('folios', 'folios.id', 'postings.folio_id')
            .select('postings.amount_minor')
            .where('folios.stay_id', '=', folio.stay_id)
            .where('postings.type', '=', 'ROOM')
            .where('postings.amount_minor', '>', 0)
            .orderBy('postings.stay_date', 'desc')
            .limit(1)
            .executeTakeFirst();
          if (!night) throw invalid('ruleCode', 'a percent service surcharge needs a posted room night');
          unit = percentOfMinor(night.amount_minor, rule.percent, 'HALF_UP');
        }
        return {
          folio,
          type: 'SURCHARGE',
          amountMinor: unit * quantity,
          description: quantity === 1 ? rule.name : `${rule.name} × ${quantity}`,
          by: input.by,
          ruleApplied: `SERVICE ${rule.serviceKind} ${rule.percent !== null ? `${rule.percent}% of room night` : `fixed ${rule.amountMinor}`}`,
          referenceKind: 'policy',
          referenceId: rule.code,
          category: SERVICE_CATEGORY[rule.serviceKind ?? 'AMENITY'],
        };
      });
    },

    /** Staff's ad-hoc surcharge: a positive amount and a reason, recorded as rule MANUAL with reference manual. */
    async postManualSurcharge(input: {
      folioId: string;
      amountMinor: number;
      description: string;
      reason: string;
      category?: ChargeCategory;
      requestId?: string;
      by: string;
    }): Promise<LedgerLine> {
      const amountMinor = requireInteger(input.amountMinor, 'amountMinor', 1);
      const description = requireText(input.description, 'description', 120);
      const reason = requireText(input.reason, 'reason', 200);
      return postRequested(input, async (trx) => ({
        folio: await requireOpenFolio(trx, input.folioId),
        type: 'SURCHARGE',
        amountMinor,
        description,
        by: input.by,
        ruleApplied: `MANUAL: ${reason}`,
        referenceKind: 'manual',
        referenceId: null,
        category: input.category ?? null,
      }));
    },
  };
}

export type RuleService = ReturnType<typeof createRuleService>;
