// Checks a rule before it is stored: VALIDATION_FAILED naming the field, RULE_OVERLAP against the active rules
// of the same kind. Pure.
import { FolioError } from '../errors.js';
import { invalid, requireInteger, requireIsoDate, requireText } from '../validation.js';
import {
  DEFAULT_WEEKEND_NIGHTS,
  PROMO_SCOPES,
  type PricingRule,
  RULE_KINDS,
  type RuleKind,
  SERVICE_KINDS,
} from './rule-types.js';

export interface RuleInput {
  code: string;
  kind: RuleKind;
  name: string;
  /** Decimal string, e.g. "10" or "12.5"; exactly one of percent and amountMinor. */
  percent?: string | null;
  amountMinor?: number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
  holidays?: string[] | null;
  weekdays?: number[] | null;
  roomTypeCodes?: string[] | null;
  quota?: number | null;
  serviceKind?: (typeof SERVICE_KINDS)[number] | null;
  promoScope?: (typeof PROMO_SCOPES)[number] | null;
  active?: boolean;
}

const CODE = /^[A-Z0-9_-]{1,32}$/;
const PERCENT = /^\d{1,3}(\.\d{1,4})?$/;
const DISCOUNTS: ReadonlySet<RuleKind> = new Set(['ROOM_DISCOUNT', 'PROMO']);
const PER_UNIT: ReadonlySet<RuleKind> = new Set(['EXTRA_PERSON', 'EXTRA_BED']);

/** The rule as it will be stored (without id), or VALIDATION_FAILED naming the first bad field. */
export function validateRule(input: RuleInput, knownRoomTypes: ReadonlySet<string>): Omit<PricingRule, 'id'> {
  const code = requireText(input.code, 'code', 32).toUpperCase();
  if (!CODE.test(code))
    throw invalid('code', 'letters, digits, "_" and "-" only (at most 32)', { value: code });
  if (!RULE_KINDS.includes(input.kind)) throw invalid('kind', `must be one of ${RULE_KINDS.join(', ')}`);
  const kind = input.kind;
  const name = requireText(input.name, 'name', 120);
  const percent = input.percent ?? null;
  const amountMinor = input.amountMinor ?? null;
  if ((percent === null) === (amountMinor === null)) {
    throw invalid(
      percent === null ? 'amountMinor' : 'percent',
      'give exactly one of percent and amountMinor',
    );
  }
  if (amountMinor !== null) {
    if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
      throw invalid(
        'amountMinor',
        'must be a positive integer of minor units (a discount is given positive)',
        {
          value: amountMinor,
        },
      );
    }
  }
  if (percent !== null) {
    if (typeof percent !== 'string' || !PERCENT.test(percent) || Number(percent) <= 0) {
      throw invalid('percent', 'must be a positive decimal string such as "10" or "12.5"', {
        value: percent,
      });
    }
    if (DISCOUNTS.has(kind) && Number(percent) > 100) throw invalid('percent', 'a discount is at most 100 %');
    if (PER_UNIT.has(kind)) throw invalid('percent', `${kind} is a fixed amount per unit and night`);
  }
  const dateFrom = input.dateFrom == null ? null : requireIsoDate(input.dateFrom, 'dateFrom');
  const dateTo = input.dateTo == null ? null : requireIsoDate(input.dateTo, 'dateTo');
  if (dateFrom !== null && dateTo !== null && dateFrom > dateTo)
    throw invalid('dateTo', 'is before dateFrom');
  const holidays =
    input.holidays == null
      ? null
      : [...new Set(input.holidays.map((d, i) => requireIsoDate(d, `holidays.${i}`)))].sort();
  let weekdays = input.weekdays == null ? null : [...new Set(input.weekdays)].sort();
  weekdays?.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0 || d > 6)
      throw invalid(`weekdays.${i}`, 'must be 0 (Sunday) … 6 (Saturday)');
  });
  const roomTypeCodes = input.roomTypeCodes == null ? null : [...new Set(input.roomTypeCodes)].sort();
  roomTypeCodes?.forEach((c, i) => {
    if (!knownRoomTypes.has(c)) throw invalid(`roomTypeCodes.${i}`, 'unknown room type', { value: c });
  });
  const quota = input.quota == null ? null : requireInteger(input.quota, 'quota', 1);
  const serviceKind = input.serviceKind ?? null;
  const promoScope = input.promoScope ?? null;

  switch (kind) {
    case 'SEASONAL':
      if ((holidays === null) === (dateFrom === null || dateTo === null)) {
        throw invalid('dateFrom', 'a seasonal rule has either dateFrom and dateTo, or holidays');
      }
      if (holidays !== null && holidays.length === 0)
        throw invalid('holidays', 'must list at least one date');
      break;
    case 'WEEKEND':
      weekdays = weekdays ?? [...DEFAULT_WEEKEND_NIGHTS].sort();
      if (weekdays.length === 0) throw invalid('weekdays', 'must list at least one night of the week');
      break;
    case 'SERVICE':
      if (serviceKind === null || !SERVICE_KINDS.includes(serviceKind)) {
        throw invalid('serviceKind', `must be one of ${SERVICE_KINDS.join(', ')}`);
      }
      break;
    case 'PROMO':
      if (promoScope === null || !PROMO_SCOPES.includes(promoScope)) {
        throw invalid('promoScope', `must be one of ${PROMO_SCOPES.join(', ')}`);
      }
      if (promoScope === 'FOLIO' && percent !== null) {
        throw invalid('percent', 'a per-folio promotion is a fixed amount (amountMinor)');
      }
      break;
    default:
      break;
  }
  if (quota !== null && kind !== 'ROOM_DISCOUNT') throw invalid('quota', 'only a ROOM_DISCOUNT has a quota');
  return {
    code,
    kind,
    name,
    percent,
    amountMinor,
    dateFrom,
    dateTo,
    holidays,
    weekdays: kind === 'WEEKEND' ? weekdays : null,
    roomTypeCodes,
    quota,
    serviceKind: kind === 'SERVICE' ? serviceKind : null,
    promoScope: kind === 'PROMO' ? promoScope : null,
    active: input.active ?? true,
  };
}

/** RULE_OVERLAP when an active rule of the same kind would apply to the same night, room type or service. */
export function assertNoOverlap(rule: Omit<PricingRule, 'id'>, existing: readonly PricingRule[]): void {
  if (!rule.active || rule.kind === 'PROMO') return;
  for (const other of existing) {
    if (!other.active || other.kind !== rule.kind || other.code === rule.code) continue;
    if (overlaps(rule, other)) {
      throw new FolioError('RULE_OVERLAP', `rule ${other.code} of kind ${rule.kind} already applies`, {
        field: 'code',
        kind: rule.kind,
        conflictsWith: other.code,
      });
    }
  }
}

function overlaps(a: Omit<PricingRule, 'id'>, b: PricingRule): boolean {
  const types =
    a.roomTypeCodes === null ||
    b.roomTypeCodes === null ||
    a.roomTypeCodes.some((c) => b.roomTypeCodes!.includes(c));
  switch (a.kind) {
    case 'SEASONAL':
      return types && datesOverlap(a, b);
    case 'WEEKEND':
      return types && (a.weekdays ?? []).some((d) => (b.weekdays ?? []).includes(d));
    case 'SERVICE':
      return a.serviceKind === b.serviceKind;
    default:
      return types;
  }
}

function datesOverlap(a: Omit<PricingRule, 'id'>, b: PricingRule): boolean {
  const inRange = (d: string, r: { dateFrom: string | null; dateTo: string | null }) =>
    r.dateFrom !== null && r.dateTo !== null && d >= r.dateFrom && d <= r.dateTo;
  if (a.holidays && b.holidays) return a.holidays.some((d) => b.holidays!.includes(d));
  if (a.holidays) return a.holidays.some((d) => inRange(d, b));
  if (b.holidays) return b.holidays.some((d) => inRange(d, a));
  return a.dateFrom! <= b.dateTo! && b.dateFrom! <= a.dateTo!;
}
