// A reservation read whole: status and history, priced nights, deposits, folio windows and balances.
import type { Kysely } from 'kysely';
import { selectDeposits } from '../deposits/deposit.repository.js';
import { type DepositView, toDepositView } from '../deposits/deposit-view.js';
import { type CreditWarning, creditWarningForStay, foliosOfStay } from '../folios/folio-view.js';
import { sumFolio } from '../folios/posting.repository.js';
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { selectEvents, selectNights } from './reservation.repository.js';
import { requireReservation } from './reservation-lifecycle.js';
import type { ReservationStatus } from './reservation-status.js';

export interface ReservationView {
  id: string;
  confirmation: string;
  status: ReservationStatus;
  guestId: string;
  roomNumber: string;
  roomTypeCode: string;
  ratePlanCode: string;
  depositPolicyCode: string | null;
  arrival: string;
  departure: string;
  adults: number;
  children: number;
  extraBeds: number;
  creditLimitMinor: MinorUnits | null;
  /** The stay outlets charge to; set at check-in. */
  stayRef: string | null;
  nights: Array<{ stayDate: string; roomMinor: MinorUnits; extraMinor: MinorUnits }>;
  /** Room and extras over all nights, before tax. */
  stayTotalMinor: MinorUnits;
  deposits: DepositView[];
  folios: Array<{
    id: string;
    windowNumber: number;
    payerLabel: string;
    balanceMinor: MinorUnits;
    closedAt: string | null;
  }>;
  /** Over every folio window. */
  balanceMinor: MinorUnits;
  creditWarning: CreditWarning | null;
  history: Array<{
    from: ReservationStatus | null;
    to: ReservationStatus;
    at: string;
    by: string;
    reason: string | null;
  }>;
}

export async function loadReservationView(db: Kysely<FolioDatabase>, id: string): Promise<ReservationView> {
  const r = await requireReservation(db, id);
  const meta = await db
    .selectFrom('rooms')
    .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
    .innerJoin('rate_plans', (join) => join.on('rate_plans.id', '=', r.rate_plan_id))
    .leftJoin('deposit_policies', (join) => join.on('deposit_policies.id', '=', r.deposit_policy_id ?? ''))
    .select([
      'rooms.number',
      'room_types.code as room_type_code',
      'rate_plans.code as plan_code',
      'deposit_policies.code as policy_code',
    ])
    .where('rooms.id', '=', r.room_id)
    .executeTakeFirstOrThrow();
  const nights = await selectNights(db, id);
  const folios = r.stay_id === null ? [] : await foliosOfStay(db, r.stay_id);
  const windows = [];
  for (const f of folios) {
    windows.push({
      id: f.id,
      windowNumber: f.window_number,
      payerLabel: f.payer_label,
      balanceMinor: asMinorUnits(await sumFolio(db, f.id)),
      closedAt: f.closed_at,
    });
  }
  return {
    id: r.id,
    confirmation: r.confirmation,
    status: r.status,
    guestId: r.guest_id,
    roomNumber: meta.number,
    roomTypeCode: meta.room_type_code,
    ratePlanCode: meta.plan_code,
    depositPolicyCode: meta.policy_code,
    arrival: r.arrival,
    departure: r.departure,
    adults: r.adults,
    children: r.children,
    extraBeds: r.extra_beds,
    creditLimitMinor: r.credit_limit_minor === null ? null : asMinorUnits(r.credit_limit_minor),
    stayRef: r.stay_id,
    nights: nights.map((n) => ({
      stayDate: n.stay_date,
      roomMinor: asMinorUnits(n.room_minor),
      extraMinor: asMinorUnits(n.extra_minor),
    })),
    stayTotalMinor: asMinorUnits(nights.reduce((sum, n) => sum + n.room_minor + n.extra_minor, 0)),
    deposits: (await selectDeposits(db, id)).map(toDepositView),
    folios: windows,
    balanceMinor: asMinorUnits(windows.reduce((sum, w) => sum + w.balanceMinor, 0)),
    creditWarning: r.stay_id === null ? null : await creditWarningForStay(db, r.stay_id),
    history: (await selectEvents(db, id)).map((e) => ({
      from: e.from_status,
      to: e.to_status,
      at: e.at,
      by: e.by,
      reason: e.reason,
    })),
  };
}
