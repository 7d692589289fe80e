// The front desk's reads (seed 004 §7, seed 003 §3): the day's arrivals, guests in house and departures,
// every room's status, the setup a booking form picks from, and what an early departure would cost before
// anything is posted. Read-only: every write goes through the folio operations.
import type { Kysely } from 'kysely';
import { earlyDepartureFee } from '../checkout/early-departure.js';
import { FolioError } from '../errors.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { ReservationStatus } from '../reservations/reservation-status.js';

type Db = Kysely<FolioDatabase>;

export interface DeskReservationRow {
  reservationId: string | null;
  stayRef: string | null;
  confirmation: string;
  status: ReservationStatus | 'InHouse' | 'CheckedOut';
  guestName: string;
  roomNumber: string;
  roomTypeCode: string;
  arrival: string;
  departure: string;
  adults: number;
}

export interface DeskRoom {
  number: string;
  roomTypeCode: string;
  housekeeping: string;
  /** Who is in house tonight, if anyone. */
  occupiedBy: string | null;
}

export interface DeskBoard {
  businessDate: string;
  arrivals: DeskReservationRow[];
  inHouse: DeskReservationRow[];
  departures: DeskReservationRow[];
  /** Bookings after the business date, for search and edits. */
  upcoming: DeskReservationRow[];
  rooms: DeskRoom[];
}

export interface DeskSetup {
  roomTypes: Array<{ code: string; name: string; baseOccupancy: number }>;
  rooms: Array<{ number: string; roomTypeCode: string }>;
  ratePlans: Array<{ code: string; name: string; earlyDeparture: { kind: string; value: string | null } }>;
  depositPolicies: Array<{
    code: string;
    type: string;
    fixedMinor: number | null;
    percent: string | null;
    expiryHours: number;
  }>;
}

/** Who a reservation is for, and whom its invoice bills by default (the guest profile's billing identity). */
export interface ReservationGuest {
  guestName: string;
  email: string | null;
  phone: string | null;
  billTo: { name: string; gstin: string | null; address: string | null; stateCode: string | null } | null;
}

export interface EarlyDeparturePreview {
  businessDate: string;
  departure: string;
  allowed: boolean;
  removedNights: string[];
  feeMinor: number;
  rule: string | null;
}

const fullName = (g: { title: string | null; first_name: string; last_name: string }) =>
  [g.title, g.first_name, g.last_name].filter(Boolean).join(' ');

async function businessDateOf(db: Db): Promise<string> {
  const p = await db.selectFrom('property').select('business_date').executeTakeFirst();
  if (!p) throw new FolioError('NOT_FOUND', 'the property is not configured');
  return p.business_date;
}

export function createFrontDesk<DB extends FolioDatabase>(host: Kysely<DB>) {
  const db = host as unknown as Db;
  async function reservationRows(where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) {
    const rows = await where(base()).execute();
    return rows.map(
      (r): DeskReservationRow => ({
        reservationId: r.id,
        stayRef: r.stay_id,
        confirmation: r.confirmation,
        status: r.status,
        guestName: fullName(r),
        roomNumber: r.number,
        roomTypeCode: r.room_type_code,
        arrival: r.arrival,
        departure: r.departure,
        adults: r.adults,
      }),
    );
  }
  function base() {
    return db
      .selectFrom('reservations')
      .innerJoin('guests', 'guests.id', 'reservations.guest_id')
      .innerJoin('rooms', 'rooms.id', 'reservations.room_id')
      .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
      .select([
        'reservations.id',
        'reservations.stay_id',
        'reservations.confirmation',
        'reservations.status',
        'reservations.arrival',
        'reservations.departure',
        'reservations.adults',
        'guests.title',
        'guests.first_name',
        'guests.last_name',
        'rooms.number',
        'room_types.code as room_type_code',
      ])
      .orderBy('rooms.number');
  }

  /** Stays checked in without a reservation (walk-ins, the demo's seeded guests). */
  async function walkIns(date: string, which: 'inHouse' | 'departing'): Promise<DeskReservationRow[]> {
    let q = db
      .selectFrom('stays')
      .innerJoin('guests', 'guests.id', 'stays.guest_id')
      .innerJoin('rooms', 'rooms.id', 'stays.room_id')
      .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
      .leftJoin('reservations', 'reservations.stay_id', 'stays.id')
      .select([
        'stays.id',
        'stays.confirmation',
        'stays.status',
        'stays.arrival',
        'stays.departure',
        'stays.adults',
        'stays.checked_out_business_date',
        'guests.title',
        'guests.first_name',
        'guests.last_name',
        'rooms.number',
        'room_types.code as room_type_code',
      ])
      .where('reservations.id', 'is', null)
      .orderBy('rooms.number');
    q =
      which === 'inHouse'
        ? q.where('stays.status', '=', 'in_house')
        : q.where((eb) =>
            eb.or([
              eb.and([eb('stays.status', '=', 'in_house'), eb('stays.departure', '<=', date)]),
              eb('stays.checked_out_business_date', '=', date),
            ]),
          );
    return (await q.execute()).map((s) => ({
      reservationId: null,
      stayRef: s.id,
      confirmation: s.confirmation,
      status: s.status === 'in_house' ? 'InHouse' : 'CheckedOut',
      guestName: fullName(s),
      roomNumber: s.number,
      roomTypeCode: s.room_type_code,
      arrival: s.arrival,
      departure: s.departure,
      adults: s.adults,
    }));
  }

  return {
    async deskBoard(date?: string): Promise<DeskBoard> {
      const businessDate = date ?? (await businessDateOf(db));
      const arrivals = await reservationRows((q) =>
        q
          .where('reservations.arrival', '=', businessDate)
          .where('reservations.status', 'in', ['Draft', 'PendingDeposit', 'Confirmed', 'CheckedIn']),
      );
      const inHouse = [
        ...(await reservationRows((q) => q.where('reservations.status', '=', 'CheckedIn'))),
        ...(await walkIns(businessDate, 'inHouse')),
      ].sort((a, b) => a.roomNumber.localeCompare(b.roomNumber, 'en', { numeric: true }));
      const checkedOutToday = await db
        .selectFrom('stays')
        .select('id')
        .where('checked_out_business_date', '=', businessDate)
        .execute();
      const departures = [
        ...(await reservationRows((q) =>
          q.where((eb) =>
            eb.or([
              eb.and([
                eb('reservations.status', '=', 'CheckedIn'),
                eb('reservations.departure', '<=', businessDate),
              ]),
              eb.and([
                eb('reservations.status', '=', 'CheckedOut'),
                eb(
                  'reservations.stay_id',
                  'in',
                  checkedOutToday.length ? checkedOutToday.map((s) => s.id) : [''],
                ),
              ]),
            ]),
          ),
        )),
        ...(await walkIns(businessDate, 'departing')),
      ];
      const upcoming = await reservationRows((q) =>
        q
          .where('reservations.arrival', '>', businessDate)
          .where('reservations.status', 'in', ['Draft', 'PendingDeposit', 'Confirmed']),
      );
      const occupied = new Map(inHouse.map((r) => [r.roomNumber, r.guestName]));
      const rooms = (
        await db
          .selectFrom('rooms')
          .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
          .select(['rooms.number', 'room_types.code', 'rooms.housekeeping_status'])
          .execute()
      )
        .map((r) => ({
          number: r.number,
          roomTypeCode: r.code,
          housekeeping: r.housekeeping_status,
          occupiedBy: occupied.get(r.number) ?? null,
        }))
        .sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
      return { businessDate, arrivals, inHouse, departures, upcoming, rooms };
    },

    async deskSetup(): Promise<DeskSetup> {
      const roomTypes = await db
        .selectFrom('room_types')
        .select(['id', 'code', 'name', 'base_occupancy'])
        .orderBy('code')
        .execute();
      const rooms = await db
        .selectFrom('rooms')
        .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
        .select(['rooms.number', 'room_types.code'])
        .execute();
      const plans = await db.selectFrom('rate_plans').selectAll().orderBy('code').execute();
      const policies = await db.selectFrom('deposit_policies').selectAll().orderBy('code').execute();
      return {
        roomTypes: roomTypes.map((t) => ({ code: t.code, name: t.name, baseOccupancy: t.base_occupancy })),
        rooms: rooms
          .map((r) => ({ number: r.number, roomTypeCode: r.code }))
          .sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true })),
        ratePlans: plans.map((p) => ({
          code: p.code,
          name: p.name,
          earlyDeparture: { kind: p.early_departure_kind, value: p.early_departure_value },
        })),
        depositPolicies: policies.map((p) => ({
          code: p.code,
          type: p.type,
          fixedMinor: p.fixed_minor,
          percent: p.percent,
          expiryHours: p.expiry_hours,
        })),
      };
    },

    /** Who a reservation is for, as the desk shows it. */
    async reservationGuest(reservationId: string): Promise<ReservationGuest> {
      const g = await db
        .selectFrom('reservations')
        .innerJoin('guests', 'guests.id', 'reservations.guest_id')
        .select([
          'guests.title',
          'guests.first_name',
          'guests.last_name',
          'guests.email',
          'guests.phone',
          'guests.billing_name',
          'guests.billing_gstin',
          'guests.billing_address',
          'guests.billing_state_code',
        ])
        .where('reservations.id', '=', reservationId)
        .executeTakeFirst();
      if (!g) throw new FolioError('NOT_FOUND', 'no such reservation', { reservationId });
      // The billing identity on the guest's profile (a company or travel agent and its GSTIN): the bill-to
      // of the stay's invoice unless the desk names another.
      const billTo =
        g.billing_name === null
          ? null
          : {
              name: g.billing_name,
              gstin: g.billing_gstin,
              address: g.billing_address,
              stateCode: g.billing_state_code,
            };
      return { guestName: fullName(g), email: g.email, phone: g.phone, billTo };
    },

    /** What `checkout/prepare {mode: early}` would remove and charge today, without writing anything. */
    async earlyDeparturePreview(reservationId: string): Promise<EarlyDeparturePreview> {
      const businessDate = await businessDateOf(db);
      const r = await db
        .selectFrom('reservations')
        .innerJoin('rate_plans', 'rate_plans.id', 'reservations.rate_plan_id')
        .select([
          'reservations.arrival',
          'reservations.departure',
          'rate_plans.early_departure_kind',
          'rate_plans.early_departure_value',
        ])
        .where('reservations.id', '=', reservationId)
        .executeTakeFirst();
      if (!r) throw new FolioError('NOT_FOUND', 'no such reservation', { reservationId });
      const allowed = businessDate >= r.arrival && businessDate < r.departure;
      const nights = await db
        .selectFrom('reservation_nights')
        .select(['stay_date', 'room_minor'])
        .where('reservation_id', '=', reservationId)
        .where('stay_date', '>=', businessDate)
        .orderBy('stay_date')
        .execute();
      const removed = allowed ? nights : [];
      const fee = earlyDepartureFee(
        r.early_departure_kind,
        r.early_departure_value,
        removed.map((n) => n.room_minor),
      );
      return {
        businessDate,
        departure: r.departure,
        allowed,
        removedNights: removed.map((n) => n.stay_date),
        feeMinor: fee?.amountMinor ?? 0,
        rule: fee?.rule ?? null,
      };
    },
  };
}

export type FrontDesk = ReturnType<typeof createFrontDesk<FolioDatabase>>;
