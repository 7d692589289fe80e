// Night audit (seed 003 §8, seed 004 §5, domain.md §2 "End of Day"): the only thing that moves the business
// date. For the current business date it
//   1. refuses to start while outlet room charges are unposted (seed 000 rule 6), unless a manager overrides
//      with a reason (AUDIT_BLOCKED; the host says how many through the pendingPosCharges port);
//   2. marks Confirmed reservations that were due and did not arrive as NoShow;
//   3. posts every in-house room's night with priceNight's lines (room, extras, surcharges, discounts) and
//      the night's taxes (one TAX line per tax code, tax/night-tax.ts), in batches of rooms, one transaction
//      per batch, keyed (folio, stay date, code) by the unique index postings_night_key (ON CONFLICT DO
//      NOTHING): a re-run or a run resumed after a crash posts only what is missing;
//   4. rolls the business date one day and stores the run with the daily revenue report.
// A date other than the current business date is AUDIT_DATE_MISMATCH. Taxes: see docs/rules-and-night-audit.md.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { findInvoiceSettings } from '../invoices/invoice.repository.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { addDays, daysBetween, type RevenueReport, revenueReport } from '../reports/reports.js';
import { findReservation } from '../reservations/reservation.repository.js';
import { moveReservation } from '../reservations/reservation-lifecycle.js';
import { type NightToPrice, type PricingContext, priceNight } from '../rules/price-night.js';
import { loadRedeemedPromos, loadRules } from '../rules/rule.service.js';
import type { NightAuditRunTable } from '../rules/rule.table.js';
import type { PricingRule } from '../rules/rule-types.js';
import { nightTaxes, nightTaxPosting } from '../tax/night-tax.js';
import { optionalText, requireInteger, requireIsoDate, requireText } from '../validation.js';

type Db = Kysely<FolioDatabase>;

/** What the host (central) knows and the folio engine does not: outlet charges not posted yet. */
export interface NightAuditPorts {
  pendingPosCharges(businessDate: string): Promise<number>;
}

export interface RunNightAuditInput {
  businessDate: string;
  by: string;
  /** A manager's override of unposted outlet charges; the reason is stored with the run. */
  override?: { reason: string } | null;
  /** Rooms per transaction (default 500). */
  batchSize?: number;
  /** Walk-in stays (no reservation) are priced with this rate plan; default: the only rate plan, if one. */
  walkInRatePlanCode?: string;
  /** Test hook: called after each room is priced inside its batch; a throw aborts that batch (crash). */
  afterRoom?: (roomsDone: number) => void;
  /** Test hook: called after every night is posted, before the date rolls; a throw leaves the date as it was. */
  beforeRoll?: () => void;
}

export interface NightAuditResult {
  runId: string;
  businessDate: string;
  nextBusinessDate: string;
  pendingPosCharges: number;
  overrideReason: string | null;
  noShows: string[];
  roomsPosted: number;
  postings: number;
  /** Rooms with nothing to price (no rate) with the reason. */
  skipped: Array<{ stayRef: string; roomNumber: string; reason: string }>;
  /** The room tax this run posted as TAX lines with the nights (0 on a re-run that found them posted). */
  roomTaxMinor: number;
  report: RevenueReport;
}

export interface NightAuditRun {
  id: string;
  businessDate: string;
  status: NightAuditRunTable['status'];
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  overrideReason: string | null;
  pendingPosCharges: number;
  noShows: number;
  roomsPosted: number;
  postings: number;
  error: string | null;
  report: unknown;
}

const POSTING_CHUNK = 2_000;

type PostingRow = Insertable<FolioDatabase['postings']>;
const POSTING_COLUMNS = [
  'id',
  'folio_id',
  'type',
  'amount_minor',
  'currency',
  'description',
  'business_date',
  'service_date',
  'created_at',
  'posted_by',
  'charge_ref',
  'line_no',
  'rule_applied',
  'reference_kind',
  'reference_id',
  'stay_date',
  'code',
] as const satisfies readonly (keyof PostingRow)[];

/**
 * Inserts many postings as one JSON parameter (json_each): one short statement to prepare per chunk instead of
 * thousands of bound values. Only a clash on the key (folio, stay date, code) is skipped (a line posted by a
 * concurrent run); any other constraint still fails the batch. Columns not listed are null. Returns the count.
 */
async function insertPostings(trx: Db, rows: PostingRow[]): Promise<number> {
  const payload = JSON.stringify(rows.map((r) => POSTING_COLUMNS.map((c) => r[c] ?? null)));
  const columns = sql.join(POSTING_COLUMNS.map((c) => sql.ref(c)));
  const values = sql.join(POSTING_COLUMNS.map((_, i) => sql`value ->> ${sql.raw(String(i))}`));
  // "where true" keeps SQLite from reading ON CONFLICT as a join constraint (sqlite.org/lang_upsert.html).
  const result =
    await sql`insert into postings (${columns}) select ${values} from json_each(${payload}) where true
    on conflict (folio_id, stay_date, code) where stay_date is not null do nothing`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

interface InHouseRow {
  stay_id: string;
  arrival: string;
  stay_adults: number;
  reservation_id: string | null;
  room_number: string;
  room_type_id: string;
  room_type_code: string;
  base_occupancy: number;
  folio_id: string | null;
  folio_closed_at: string | null;
  currency: string | null;
  res_adults: number | null;
  children: number | null;
  extra_beds: number | null;
  rate_plan_code: string | null;
  extra_adult_minor: number | null;
  extra_child_minor: number | null;
  extra_bed_minor: number | null;
  room_minor: number | null;
  extra_minor: number | null;
}

export function createNightAuditService(ctx: FolioContext, ports: NightAuditPorts) {
  const { db, clock } = ctx;

  return {
    async runNightAudit(input: RunNightAuditInput): Promise<NightAuditResult> {
      const businessDate = requireIsoDate(input.businessDate, 'businessDate');
      const by = requireText(input.by, 'by', 64);
      const overrideReason =
        input.override == null ? null : requireText(input.override.reason, 'override.reason', 200);
      const batchSize = input.batchSize === undefined ? 500 : requireInteger(input.batchSize, 'batchSize', 1);
      const walkInPlan = optionalText(input.walkInRatePlanCode, 'walkInRatePlanCode', 32);
      const property = await requireProperty(db);
      if (property.businessDate !== businessDate) {
        throw new FolioError('AUDIT_DATE_MISMATCH', `the business date is ${property.businessDate}`, {
          field: 'businessDate',
          businessDate,
          current: property.businessDate,
        });
      }
      const pending = await ports.pendingPosCharges(businessDate);
      if (pending > 0 && overrideReason === null) {
        throw new FolioError('AUDIT_BLOCKED', `${pending} room charge(s) of ${businessDate} are not posted`, {
          field: 'override',
          pendingPosCharges: pending,
        });
      }

      const runId = ctx.newId();
      const startedAt = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('night_audit_runs')
          .set({ status: 'failed', error: 'superseded by a later run', finished_at: startedAt })
          .where('business_date', '=', businessDate)
          .where('status', '=', 'running')
          .execute();
        await trx
          .insertInto('night_audit_runs')
          .values({
            id: runId,
            business_date: businessDate,
            status: 'running',
            started_at: startedAt,
            started_by: by,
            finished_at: null,
            override_reason: overrideReason,
            pending_pos: pending,
            no_shows: 0,
            rooms_posted: 0,
            postings: 0,
            error: null,
            report_json: null,
          })
          .execute();
      });

      try {
        const noShows = await markNoShows(businessDate, by);
        const posted = await postNightsOfDate(businessDate, by, batchSize, walkInPlan, input.afterRoom);
        input.beforeRoll?.();
        const nextBusinessDate = addDays(businessDate, 1);
        const report = await revenueReport(db, { from: businessDate, to: businessDate });
        await db.transaction().execute(async (trx) => {
          const now = await requireProperty(trx);
          if (now.businessDate !== businessDate) {
            throw new FolioError('AUDIT_DATE_MISMATCH', 'another run rolled the business date', {
              field: 'businessDate',
              businessDate,
              current: now.businessDate,
            });
          }
          await trx.updateTable('property').set({ business_date: nextBusinessDate }).execute();
          await trx
            .updateTable('night_audit_runs')
            .set({
              status: 'completed',
              finished_at: clock.now().toISOString(),
              no_shows: noShows.length,
              rooms_posted: posted.rooms,
              postings: posted.postings,
              report_json: JSON.stringify({
                ...report,
                roomTaxMinor: posted.taxMinor,
                skipped: posted.skipped,
              }),
            })
            .where('id', '=', runId)
            .execute();
        });
        return {
          runId,
          businessDate,
          nextBusinessDate,
          pendingPosCharges: pending,
          overrideReason,
          noShows,
          roomsPosted: posted.rooms,
          postings: posted.postings,
          skipped: posted.skipped,
          roomTaxMinor: posted.taxMinor,
          report,
        };
      } catch (error) {
        await db
          .updateTable('night_audit_runs')
          .set({
            status: 'failed',
            finished_at: clock.now().toISOString(),
            error: String(error).slice(0, 500),
          })
          .where('id', '=', runId)
          .where('status', '=', 'running')
          .execute();
        throw error;
      }
    },

    async nightAuditStatus(limit = 10): Promise<{ businessDate: string; runs: NightAuditRun[] }> {
      const property = await requireProperty(db);
      const rows = await db
        .selectFrom('night_audit_runs')
        .selectAll()
        .orderBy('started_at', 'desc')
        .orderBy(sql`rowid desc`) // ids are random within a millisecond; rowid follows insertion
        .limit(Math.min(Math.max(1, limit), 100))
        .execute();
      return {
        businessDate: property.businessDate,
        runs: rows.map((r) => ({
          id: r.id,
          businessDate: r.business_date,
          status: r.status,
          startedAt: r.started_at,
          startedBy: r.started_by,
          finishedAt: r.finished_at,
          overrideReason: r.override_reason,
          pendingPosCharges: r.pending_pos,
          noShows: r.no_shows,
          roomsPosted: r.rooms_posted,
          postings: r.postings,
          error: r.error,
          report: r.report_json === null ? null : JSON.parse(r.report_json),
        })),
      };
    },
  };

  /** Confirmed reservations due on or before the date that did not arrive become NoShow. */
  async function markNoShows(businessDate: string, by: string): Promise<string[]> {
    const due = await db
      .selectFrom('reservations')
      .select(['id', 'confirmation'])
      .where('status', '=', 'Confirmed')
      .where('arrival', '<=', businessDate)
      .orderBy('confirmation')
      .execute();
    for (const r of due) {
      await db.transaction().execute(async (trx) => {
        const row = await findReservation(trx, r.id);
        if (row?.status === 'Confirmed') {
          await moveReservation(trx, ctx, row, 'NoShow', by, { reason: `night audit ${businessDate}` });
        }
      });
    }
    return due.map((r) => r.confirmation);
  }

  async function postNightsOfDate(
    date: string,
    by: string,
    batchSize: number,
    walkInPlanCode: string | null,
    afterRoom: RunNightAuditInput['afterRoom'],
  ) {
    // Everything is read up front with a fixed number of queries (no query per room).
    const rooms = (await db
      .selectFrom('stays as s')
      .innerJoin('rooms as r', 'r.id', 's.room_id')
      .innerJoin('room_types as rt', 'rt.id', 'r.room_type_id')
      .leftJoin('folios as f', (j) => j.onRef('f.stay_id', '=', 's.id').on('f.window_number', '=', 1))
      .leftJoin('reservations as res', 'res.id', 's.reservation_id')
      .leftJoin('rate_plans as rp', 'rp.id', 'res.rate_plan_id')
      .leftJoin('reservation_nights as rn', (j) =>
        j.onRef('rn.reservation_id', '=', 'res.id').on('rn.stay_date', '=', date),
      )
      .select([
        's.id as stay_id',
        's.arrival',
        's.adults as stay_adults',
        's.reservation_id',
        'r.number as room_number',
        'r.room_type_id',
        'rt.code as room_type_code',
        'rt.base_occupancy',
        'f.id as folio_id',
        'f.closed_at as folio_closed_at',
        'f.currency',
        'res.adults as res_adults',
        'res.children',
        'res.extra_beds',
        'rp.code as rate_plan_code',
        'rp.extra_adult_minor',
        'rp.extra_child_minor',
        'rp.extra_bed_minor',
        'rn.room_minor',
        'rn.extra_minor',
      ])
      .where('s.status', '=', 'in_house')
      .where('s.arrival', '<=', date)
      .where('s.departure', '>', date)
      .orderBy('r.number')
      .execute()) as InHouseRow[];

    const walkIn = await walkInRates(date, walkInPlanCode);
    const existing = await db
      .selectFrom('postings')
      .select(['folio_id', 'code'])
      .where('stay_date', '=', date)
      .where('code', 'is not', null)
      .execute();
    const posted = new Set(existing.map((p) => `${p.folio_id}|${p.code}`));
    const allotmentUsed = new Map<string, number>();
    for (const p of existing) {
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
    };
    const promos = await loadRedeemedPromos(db);
    const createdAt = clock.now().toISOString();

    let roomsDone = 0;
    let roomsPosted = 0;
    let postings = 0;
    let taxMinor = 0;
    const skipped: NightAuditResult['skipped'] = [];
    for (let start = 0; start < rooms.length; start += batchSize) {
      const batch = rooms.slice(start, start + batchSize);
      const allotmentBefore = new Map(allotmentUsed);
      const rows: Insertable<FolioDatabase['postings']>[] = [];
      let batchRooms = 0;
      let batchTax = 0;
      const batchSkipped: NightAuditResult['skipped'] = [];
      try {
        await db.transaction().execute(async (trx) => {
          for (const room of batch) {
            const night = toNight(room, date, walkIn, walkInPlanCode, promos);
            if (typeof night === 'string' || room.folio_id === null || room.folio_closed_at !== null) {
              batchSkipped.push({
                stayRef: room.stay_id,
                roomNumber: room.room_number,
                reason: typeof night === 'string' ? night : 'NO_OPEN_FOLIO',
              });
            } else {
              let any = false;
              const lines = priceNight(night, pricing);
              for (const line of lines) {
                if (posted.has(`${room.folio_id}|${line.code}`)) continue;
                any = true;
                rows.push({
                  id: ctx.newId(),
                  folio_id: room.folio_id,
                  type: line.type,
                  amount_minor: line.amountMinor,
                  currency: room.currency!,
                  description: line.description,
                  business_date: date,
                  service_date: date,
                  created_at: createdAt,
                  posted_by: by,
                  outlet_code: null,
                  check_number: null,
                  charge_ref: null,
                  line_no: 1,
                  rule_applied: line.ruleApplied,
                  reference_kind: line.referenceKind,
                  reference_id: line.referenceId,
                  linked_posting_id: null,
                  link_kind: null,
                  tax_base_date: null,
                  stay_date: date,
                  code: line.code,
                  payment_method: null,
                  payment_reference: null,
                  category: null,
                  sac: null,
                });
              }
              // The night's tax, one TAX line per code, with the lines it is on (docs/taxes-and-invoices.md).
              for (const tax of nightTaxes(lines)) {
                const key = nightTaxPosting(room.folio_id, date, tax);
                if (posted.has(`${room.folio_id}|${key.code}`)) continue;
                any = true;
                batchTax += tax.amountMinor;
                rows.push({
                  id: ctx.newId(),
                  folio_id: room.folio_id,
                  type: 'TAX',
                  amount_minor: tax.amountMinor,
                  currency: room.currency!,
                  description: key.description,
                  business_date: date,
                  service_date: date,
                  created_at: createdAt,
                  posted_by: by,
                  charge_ref: key.chargeRef,
                  line_no: 1,
                  rule_applied: key.ruleApplied,
                  stay_date: date,
                  code: key.code,
                });
              }
              if (any) batchRooms += 1;
            }
            roomsDone += 1;
            afterRoom?.(roomsDone);
          }
          for (let i = 0; i < rows.length; i += POSTING_CHUNK) {
            postings += await insertPostings(trx, rows.slice(i, i + POSTING_CHUNK));
          }
        });
      } catch (error) {
        allotmentUsed.clear();
        for (const [k, v] of allotmentBefore) allotmentUsed.set(k, v);
        throw error;
      }
      for (const row of rows) posted.add(`${row.folio_id}|${row.code}`);
      roomsPosted += batchRooms;
      taxMinor += batchTax;
      skipped.push(...batchSkipped);
    }
    return { rooms: roomsPosted, postings, taxMinor, skipped };
  }

  /** Walk-in rates of the date by room type id, from the named plan or the property's only plan. */
  async function walkInRates(date: string, code: string | null) {
    const plans = await db.selectFrom('rate_plans').selectAll().execute();
    const plan =
      code === null ? (plans.length === 1 ? plans[0] : undefined) : plans.find((p) => p.code === code);
    if (code !== null && !plan) {
      throw new FolioError('VALIDATION_FAILED', 'walkInRatePlanCode: unknown rate plan', {
        field: 'walkInRatePlanCode',
        value: code,
      });
    }
    if (!plan) return null;
    const rates = await db
      .selectFrom('rate_plan_rates')
      .select(['room_type_id', 'amount_minor'])
      .where('rate_plan_id', '=', plan.id)
      .where('stay_date', '=', date)
      .execute();
    return { plan, rates: new Map(rates.map((r) => [r.room_type_id, r.amount_minor])) };
  }
}

function toNight(
  room: InHouseRow,
  date: string,
  walkIn: {
    plan: { code: string; extra_adult_minor: number; extra_child_minor: number; extra_bed_minor: number };
    rates: Map<string, number>;
  } | null,
  walkInPlanCode: string | null,
  promos: Map<string, { code: string; rule: PricingRule }>,
): NightToPrice | string {
  const common = {
    stayDate: date,
    roomNumber: room.room_number,
    roomTypeCode: room.room_type_code,
    baseOccupancy: room.base_occupancy,
    firstNight: room.arrival === date,
    nightNumber: daysBetween(room.arrival, date) + 1,
  };
  if (room.reservation_id !== null) {
    if (room.room_minor === null) return 'NO_RESERVATION_NIGHT';
    return {
      ...common,
      roomMinor: room.room_minor,
      ratePlanCode: room.rate_plan_code,
      adults: room.res_adults ?? room.stay_adults,
      children: room.children ?? 0,
      extraBeds: room.extra_beds ?? 0,
      ratePlanExtras: {
        adultMinor: room.extra_adult_minor ?? 0,
        childMinor: room.extra_child_minor ?? 0,
        bedMinor: room.extra_bed_minor ?? 0,
      },
      bookedExtraMinor: room.extra_minor ?? 0,
      promo: promos.get(room.reservation_id) ?? null,
    };
  }
  const rate = walkIn?.rates.get(room.room_type_id);
  if (walkIn === null || rate === undefined)
    return walkInPlanCode === null && walkIn === null ? 'NO_RATE_PLAN' : 'NO_RATE';
  return {
    ...common,
    roomMinor: rate,
    ratePlanCode: walkIn.plan.code,
    adults: room.stay_adults,
    children: 0,
    extraBeds: 0,
    ratePlanExtras: {
      adultMinor: walkIn.plan.extra_adult_minor,
      childMinor: walkIn.plan.extra_child_minor,
      bedMinor: walkIn.plan.extra_bed_minor,
    },
    promo: null,
  };
}

export type NightAuditService = ReturnType<typeof createNightAuditService>;
