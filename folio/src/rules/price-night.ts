// THE one place that prices a stay night (seed 003 §5.1): which lines a night gets, in which order each rule
// applies, on which base, and when tax is computed. Pure: rules in, lines out; no database, no clock.
// docs/rules-and-night-audit.md describes the same order; change both together.
//
//   1. ROOM            the night's rate (reservation night, or the rate plan for a walk-in)
//   2. EXTRA_PERSON    per person above the room type's base occupancy (adults fill it first)
//      EXTRA_BED       per extra bed                       (no rule of either kind: the rate plan's extras, code EXTRA)
//   3. SEASONAL        % of the ROOM line, or a fixed amount, on a date range or holiday
//      WEEKEND         % of the ROOM line, or a fixed amount, on the configured nights of the week
//   4. ROOM_DISCOUNT   % of (ROOM + SEASONAL + WEEKEND), for given room types, within the night's quota
//   5. PROMO           NIGHT: % of, or a fixed amount off, (ROOM + SEASONAL + WEEKEND − ROOM_DISCOUNT);
//                      FOLIO: a fixed amount off once, on the first night priced
//   6. TAX             after every discount: each line taxed on its own amount (taxLinesFor, category ROOM),
//                      the slab picked by the night's net value (sum of 1–5), as the invoice does.
//                      Callers post it with the night, one TAX line per code (tax/night-tax.ts).
// Every percent is percentOfMinor(base, p, HALF_UP). A discount never exceeds its base (never negative night).
import { asMinorUnits, type MinorUnits, percentOfMinor, sumMinor } from '../money/index.js';
import { taxLinesFor } from '../tax/tax-lines.js';
import type { TaxLine, TaxRegime } from '../tax/tax-types.js';
import type { PricingRule } from './rule-types.js';

export type PricedLineType = 'ROOM' | 'SURCHARGE' | 'DISCOUNT';

export interface NightToPrice {
  stayDate: string;
  roomNumber: string;
  roomTypeCode: string;
  /** The night's room rate in minor units. */
  roomMinor: number;
  ratePlanCode: string | null;
  baseOccupancy: number;
  adults: number;
  children: number;
  extraBeds: number;
  /** The rate plan's per-night extras: used when no EXTRA_PERSON / EXTRA_BED rule exists. */
  ratePlanExtras: { adultMinor: number; childMinor: number; bedMinor: number };
  /** A reservation's extras as priced at booking (reservation_nights.extra_minor): the EXTRA line when no rule. */
  bookedExtraMinor?: number;
  /** A redeemed promo code with its PROMO rule, or null. */
  promo: { code: string; rule: PricingRule } | null;
  /** The first night of the stay: a FOLIO-scope promo is applied on it only. */
  firstNight: boolean;
  /** NYC permanent-resident rules: the night's number in the stay (1-based). */
  nightNumber?: number;
}

export interface PricingContext {
  /** Active rules; of each nightly kind at most one matches a night (overlaps are refused when stored). */
  rules: readonly PricingRule[];
  regime: TaxRegime;
  supplierState?: string;
  placeOfSupply?: string;
  specifiedPremises?: boolean;
  /**
   * ROOM_DISCOUNT quotas: rooms already discounted this night per rule code. priceNight increments it when
   * it grants a discount, so one map per stay date across the rooms of a night audit.
   */
  allotmentUsed?: Map<string, number>;
  /**
   * Memo of taxLinesFor answers (a pure function) by their inputs: a night audit prices thousands of nights at
   * a handful of distinct rates. Omit it and every line is computed afresh; the result is the same.
   */
  taxCache?: Map<string, TaxLine[]>;
  /**
   * Memo of percent amounts (percentOfMinor, pure: decimal.js for every night was 4 % of an audit's CPU)
   * by percent and base. Omit it and every amount is computed afresh; the result is the same.
   */
  percentCache?: Map<string, number>;
}

export interface PricedLine {
  type: PricedLineType;
  /** Night-audit key with the folio and stay date: ROOM, EXTRA, EXTRA_PERSON, EXTRA_BED, {KIND}:{rule or coupon}. */
  code: string;
  /** ROOM, or the rule kind (EXTRA for the rate plan's extras). */
  kind: string;
  /** Signed: charges positive, discounts negative. */
  amountMinor: MinorUnits;
  description: string;
  ruleApplied: string | null;
  referenceKind: 'policy' | 'campaign';
  referenceId: string | null;
  taxes: TaxLine[];
  taxMinor: MinorUnits;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The lines of one night in application order, each with its tax. */
export function priceNight(night: NightToPrice, ctx: PricingContext): PricedLine[] {
  const lines: Omit<PricedLine, 'taxes' | 'taxMinor'>[] = [];
  // Each line is a fresh literal, taken as it is (no spread copies: V8 builds a spread object many times
  // slower, and a night audit prices tens of thousands of lines).
  const push = (line: Omit<PricedLine, 'taxes' | 'taxMinor' | 'amountMinor'> & { amountMinor: number }) => {
    if (line.amountMinor === 0) return;
    line.amountMinor = asMinorUnits(line.amountMinor);
    lines.push(line as Omit<PricedLine, 'taxes' | 'taxMinor'>);
  };
  const ratePlan = night.ratePlanCode;
  const matching = (kind: PricingRule['kind']) =>
    ctx.rules.filter((r) => r.active && r.kind === kind && appliesToRoomType(r, night.roomTypeCode));

  // 1. the room
  push({
    type: 'ROOM',
    code: 'ROOM',
    kind: 'ROOM',
    amountMinor: night.roomMinor,
    description: `Room ${night.roomNumber} - night of ${night.stayDate}${ratePlan ? ` (${ratePlan})` : ''}`,
    ruleApplied: null,
    referenceKind: 'policy',
    referenceId: ratePlan,
  });

  // 2. occupancy: extra person, extra bed
  const extraAdults = Math.max(0, night.adults - night.baseOccupancy);
  const freeForChildren = Math.max(0, night.baseOccupancy - night.adults);
  const extraChildren = Math.max(0, night.children - freeForChildren);
  const personRule = matching('EXTRA_PERSON')[0];
  const bedRule = matching('EXTRA_BED')[0];
  if (personRule === undefined && bedRule === undefined) {
    const extra =
      night.bookedExtraMinor ??
      extraAdults * night.ratePlanExtras.adultMinor +
        extraChildren * night.ratePlanExtras.childMinor +
        night.extraBeds * night.ratePlanExtras.bedMinor;
    push({
      type: 'SURCHARGE',
      code: 'EXTRA',
      kind: 'EXTRA',
      amountMinor: extra,
      description: `Extra person/bed - night of ${night.stayDate}`,
      ruleApplied: `EXTRA_OCCUPANCY ${night.adults}A+${night.children}C, ${night.extraBeds} extra bed(s)`,
      referenceKind: 'policy',
      referenceId: ratePlan,
    });
  } else {
    const persons = extraAdults + extraChildren;
    const personMinor = personRule
      ? persons * (personRule.amountMinor ?? 0)
      : extraAdults * night.ratePlanExtras.adultMinor + extraChildren * night.ratePlanExtras.childMinor;
    push({
      type: 'SURCHARGE',
      code: 'EXTRA_PERSON',
      kind: 'EXTRA_PERSON',
      amountMinor: personMinor,
      description: `Extra person × ${persons} - night of ${night.stayDate}`,
      ruleApplied: `EXTRA_PERSON ${persons} above base ${night.baseOccupancy}`,
      referenceKind: 'policy',
      referenceId: personRule?.code ?? ratePlan,
    });
    const bedMinor = night.extraBeds * (bedRule ? (bedRule.amountMinor ?? 0) : night.ratePlanExtras.bedMinor);
    push({
      type: 'SURCHARGE',
      code: 'EXTRA_BED',
      kind: 'EXTRA_BED',
      amountMinor: bedMinor,
      description: `Extra bed × ${night.extraBeds} - night of ${night.stayDate}`,
      ruleApplied: `EXTRA_BED ${night.extraBeds}`,
      referenceKind: 'policy',
      referenceId: bedRule?.code ?? ratePlan,
    });
  }

  // 3. date surcharges on the room line
  let roomPrice = night.roomMinor;
  const weekday = new Date(`${night.stayDate}T00:00:00Z`).getUTCDay();
  for (const rule of matching('SEASONAL').filter((r) => seasonalMatches(r, night.stayDate))) {
    const amount = amountIn(ctx, rule, night.roomMinor);
    roomPrice += amount;
    push(surcharge(rule, amount, night.stayDate, `SEASONAL ${describeAmount(rule)}`));
  }
  for (const rule of matching('WEEKEND').filter((r) => (r.weekdays ?? []).includes(weekday))) {
    const amount = amountIn(ctx, rule, night.roomMinor);
    roomPrice += amount;
    push(surcharge(rule, amount, night.stayDate, `WEEKEND ${describeAmount(rule)} (${DAY_NAMES[weekday]})`));
  }

  // 4. room / allotment discount on the room price
  for (const rule of matching('ROOM_DISCOUNT')) {
    if (rule.quota !== null) {
      const used = ctx.allotmentUsed?.get(rule.code) ?? 0;
      if (used >= rule.quota) continue;
      ctx.allotmentUsed?.set(rule.code, used + 1);
    }
    const off = Math.min(roomPrice, amountIn(ctx, rule, roomPrice));
    roomPrice -= off;
    push({
      type: 'DISCOUNT',
      code: `ROOM_DISCOUNT:${rule.code}`,
      kind: 'ROOM_DISCOUNT',
      amountMinor: -off,
      description: `${rule.name} - night of ${night.stayDate}`,
      ruleApplied: `ROOM_DISCOUNT ${describeAmount(rule)}${rule.quota === null ? '' : ` quota ${rule.quota}`}`,
      referenceKind: 'policy',
      referenceId: rule.code,
    });
  }

  // 5. promotion
  const promo = night.promo;
  if (promo && promoApplies(promo.rule, night)) {
    const off = Math.min(roomPrice, amountIn(ctx, promo.rule, roomPrice));
    roomPrice -= off;
    push({
      type: 'DISCOUNT',
      code: `PROMO:${promo.code}`,
      kind: 'PROMO',
      amountMinor: -off,
      description: `${promo.rule.name} (${promo.code})${promo.rule.promoScope === 'FOLIO' ? '' : ` - night of ${night.stayDate}`}`,
      ruleApplied: `PROMO ${promo.rule.code} ${describeAmount(promo.rule)} per ${promo.rule.promoScope === 'FOLIO' ? 'folio' : 'night'}`,
      referenceKind: 'campaign',
      referenceId: promo.code,
    });
  }

  // 6. tax, after every discount, per line, slab by the night's net value
  const nightValue = Math.max(0, sumMinor(lines.map((l) => l.amountMinor)));
  const nightKey = ctx.taxCache
    ? `${ctx.regime}|${night.stayDate}|${nightValue}|${night.nightNumber}|${ctx.supplierState}|${ctx.placeOfSupply}|${ctx.specifiedPremises}`
    : '';
  return lines.map((line) => {
    const key = ctx.taxCache ? `${nightKey}|${line.amountMinor}|${line.type}` : '';
    const cached = ctx.taxCache?.get(key);
    const taxes =
      cached ??
      taxLinesFor({
        regime: ctx.regime,
        serviceDate: night.stayDate,
        category: 'ROOM',
        amountMinor: line.amountMinor,
        nightlyRateMinor: nightValue,
        perNightFees: line.type === 'ROOM',
        ...(night.nightNumber === undefined ? {} : { nightNumber: night.nightNumber }),
        ...(ctx.supplierState === undefined ? {} : { supplierState: ctx.supplierState }),
        ...(ctx.placeOfSupply === undefined ? {} : { placeOfSupply: ctx.placeOfSupply }),
        specifiedPremises: ctx.specifiedPremises ?? false,
      });
    if (cached === undefined) ctx.taxCache?.set(key, taxes);
    return {
      type: line.type,
      code: line.code,
      kind: line.kind,
      amountMinor: line.amountMinor,
      description: line.description,
      ruleApplied: line.ruleApplied,
      referenceKind: line.referenceKind,
      referenceId: line.referenceId,
      taxes,
      taxMinor: sumMinor(taxes.map((t) => t.amountMinor)),
    };
  });
}

function appliesToRoomType(rule: PricingRule, roomTypeCode: string): boolean {
  return rule.roomTypeCodes === null || rule.roomTypeCodes.includes(roomTypeCode);
}

export function seasonalMatches(rule: PricingRule, stayDate: string): boolean {
  if (rule.holidays !== null) return rule.holidays.includes(stayDate);
  return (
    rule.dateFrom !== null && rule.dateTo !== null && stayDate >= rule.dateFrom && stayDate <= rule.dateTo
  );
}

function promoApplies(rule: PricingRule, night: NightToPrice): boolean {
  if (!rule.active) return false;
  if (rule.dateFrom !== null && night.stayDate < rule.dateFrom) return false;
  if (rule.dateTo !== null && night.stayDate > rule.dateTo) return false;
  return rule.promoScope === 'FOLIO' ? night.firstNight : true;
}

/** A rule's amount on `base`: percent of it (half-up), or its fixed amount. */
export function amountOf(rule: PricingRule, base: number): number {
  return rule.percent !== null ? percentOfMinor(base, rule.percent, 'HALF_UP') : (rule.amountMinor ?? 0);
}

/** amountOf through the context's percent memo, when it has one. */
function amountIn(ctx: PricingContext, rule: PricingRule, base: number): number {
  if (rule.percent === null || ctx.percentCache === undefined) return amountOf(rule, base);
  const key = `${rule.percent}|${base}`;
  let amount = ctx.percentCache.get(key);
  if (amount === undefined) {
    amount = amountOf(rule, base);
    ctx.percentCache.set(key, amount);
  }
  return amount;
}

function describeAmount(rule: PricingRule): string {
  return rule.percent !== null ? `${rule.percent}%` : `fixed ${rule.amountMinor}`;
}

function surcharge(
  rule: PricingRule,
  amount: number,
  stayDate: string,
  ruleApplied: string,
): Omit<PricedLine, 'taxes' | 'taxMinor' | 'amountMinor'> & { amountMinor: number } {
  return {
    type: 'SURCHARGE',
    code: `${rule.kind}:${rule.code}`,
    kind: rule.kind,
    amountMinor: amount,
    description: `${rule.name} - night of ${stayDate}`,
    ruleApplied,
    referenceKind: 'policy',
    referenceId: rule.code,
  };
}
