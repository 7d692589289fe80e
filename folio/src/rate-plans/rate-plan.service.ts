// Rate plans (nightly rate per room type and date), extra person/bed rates, the early-departure rule,
// and deposit policies: the commercial setup a reservation is priced from.
import type { FolioContext } from '../context.js';
import type { DepositType } from '../deposits/deposit.table.js';
import { FolioError } from '../errors.js';
import { percentOfMinor } from '../money/index.js';
import { nightsOf } from '../reservations/stay-dates.js';
import { findRoomTypeByCode } from '../rooms/room.repository.js';
import { invalid, requireInteger, requireIsoDate, requireText } from '../validation.js';
import {
  findDepositPolicyByCode,
  findRatePlanByCode,
  insertDepositPolicy,
  insertRatePlan,
  upsertRates,
} from './rate-plan.repository.js';
import type { EarlyDepartureKind } from './rate-plan.table.js';

export interface CreateRatePlanInput {
  code: string;
  name: string;
  extraAdultMinor?: number;
  extraChildMinor?: number;
  extraBedMinor?: number;
  /** Seed 003 §6: what an early departure costs. FIXED minor units, PERCENT_OF_REMOVED nights' room revenue, or NIGHTS at the last removed night's rate. */
  earlyDeparture?: { kind: EarlyDepartureKind; value: string | null };
}

export interface SetRatesInput {
  ratePlanCode: string;
  roomTypeCode: string;
  /** First night, inclusive. */
  from: string;
  /** Last night + 1, exclusive (like a departure date). */
  to: string;
  amountMinor: number;
}

export interface CreateDepositPolicyInput {
  code: string;
  type: DepositType;
  fixedMinor?: number;
  /** Percent of the stay's total, e.g. "25". */
  percent?: string;
  expiryHours: number;
}

const DEPOSIT_TYPES: readonly DepositType[] = ['BOOKING_DEPOSIT', 'CHECKIN_ADVANCE', 'SECURITY_DEPOSIT'];
const EARLY_KINDS: readonly EarlyDepartureKind[] = ['NONE', 'FIXED', 'PERCENT_OF_REMOVED', 'NIGHTS'];

export function createRatePlanService({ db, clock, newId }: FolioContext) {
  return {
    async createRatePlan(input: CreateRatePlanInput): Promise<string> {
      const code = requireText(input.code, 'code', 16);
      const name = requireText(input.name, 'name', 80);
      const early = validateEarlyDeparture(input.earlyDeparture);
      const row = {
        id: newId(),
        code,
        name,
        extra_adult_minor: requireInteger(input.extraAdultMinor ?? 0, 'extraAdultMinor'),
        extra_child_minor: requireInteger(input.extraChildMinor ?? 0, 'extraChildMinor'),
        extra_bed_minor: requireInteger(input.extraBedMinor ?? 0, 'extraBedMinor'),
        early_departure_kind: early.kind,
        early_departure_value: early.value,
        created_at: clock.now().toISOString(),
      };
      return db.transaction().execute(async (trx) => {
        if (await findRatePlanByCode(trx, code)) throw invalid('code', 'rate plan already exists', { code });
        await insertRatePlan(trx, row);
        return row.id;
      });
    },

    /** Sets the nightly rate for every night in [from, to). Dates out of order are VALIDATION_FAILED. */
    async setRates(input: SetRatesInput): Promise<number> {
      const from = requireIsoDate(input.from, 'from');
      const to = requireIsoDate(input.to, 'to');
      if (to <= from) throw invalid('to', 'must be after from', { from, to });
      const amountMinor = requireInteger(input.amountMinor, 'amountMinor');
      const nights = nightsOf(from, to);
      if (nights.length > 731) throw invalid('to', 'at most two years at a time', { from, to });
      return db.transaction().execute(async (trx) => {
        const plan = await findRatePlanByCode(trx, input.ratePlanCode);
        if (!plan)
          throw new FolioError('NOT_FOUND', 'unknown rate plan', { ratePlanCode: input.ratePlanCode });
        const type = await findRoomTypeByCode(trx, input.roomTypeCode);
        if (!type)
          throw new FolioError('NOT_FOUND', 'unknown room type', { roomTypeCode: input.roomTypeCode });
        await upsertRates(
          trx,
          nights.map((stay_date) => ({
            rate_plan_id: plan.id,
            room_type_id: type.id,
            stay_date,
            amount_minor: amountMinor,
          })),
        );
        return nights.length;
      });
    },

    async createDepositPolicy(input: CreateDepositPolicyInput): Promise<string> {
      const code = requireText(input.code, 'code', 16);
      if (!DEPOSIT_TYPES.includes(input.type))
        throw invalid('type', `must be one of ${DEPOSIT_TYPES.join(', ')}`);
      if ((input.fixedMinor === undefined) === (input.percent === undefined)) {
        throw invalid('fixedMinor', 'give exactly one of fixedMinor and percent');
      }
      const fixed = input.fixedMinor === undefined ? null : requireInteger(input.fixedMinor, 'fixedMinor', 1);
      const percent = input.percent === undefined ? null : requirePercent(input.percent, 'percent');
      const row = {
        id: newId(),
        code,
        type: input.type,
        fixed_minor: fixed,
        percent,
        expiry_hours: requireInteger(input.expiryHours, 'expiryHours', 1),
      };
      return db.transaction().execute(async (trx) => {
        if (await findDepositPolicyByCode(trx, code))
          throw invalid('code', 'policy already exists', { code });
        await insertDepositPolicy(trx, row);
        return row.id;
      });
    },
  };
}

function validateEarlyDeparture(input: CreateRatePlanInput['earlyDeparture']): {
  kind: EarlyDepartureKind;
  value: string | null;
} {
  if (input === undefined || input.kind === 'NONE') return { kind: 'NONE', value: null };
  if (!EARLY_KINDS.includes(input.kind))
    throw invalid('earlyDeparture.kind', `must be one of ${EARLY_KINDS.join(', ')}`);
  const value = input.value ?? '';
  if (input.kind === 'PERCENT_OF_REMOVED')
    return { kind: input.kind, value: requirePercent(value, 'earlyDeparture.value') };
  if (!/^\d{1,15}$/.test(value)) throw invalid('earlyDeparture.value', 'must be a whole number', { value });
  return { kind: input.kind, value };
}

export function requirePercent(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{1,3}(\.\d{1,4})?$/.test(value) || Number(value) > 100) {
    throw invalid(field, 'must be a percent between 0 and 100 as a decimal string, e.g. "25"', { value });
  }
  percentOfMinor(100, value, 'HALF_UP');
  return value;
}
