// Night audit (seed 003 §8, seed 004 §5, domain.md §2 "End of Day"): the only thing that moves the business
// date. For the current business date it
//   1. refuses to start while outlet room charges are unposted (seed 000 rule 6), unless a manager overrides
//      with a reason (AUDIT_BLOCKED; the host says how many through the pendingPosCharges port);
//   2. marks Confirmed reservations that were due and did not arrive as NoShow;
//   3. refuses (AUDIT_UNPRICED_STAYS, nothing written) while an in-house stay cannot be priced for the night
//      (a walk-in without a walk-in rate plan, no rate for the date), naming each; then posts every in-house room's night with priceNight's lines (room, extras, surcharges, discounts) and
//      the night's taxes (one TAX line per tax code, tax/night-tax.ts), in batches of rooms, one transaction
//      per batch, keyed (folio, stay date, code) by the unique index postings_night_key (ON CONFLICT DO
//      NOTHING): a re-run or a run resumed after a crash posts only what is missing;
//   4. rolls the business date one day and stores the run with the daily revenue report.
// A date other than the current business date is AUDIT_DATE_MISMATCH. Taxes: see docs/rules-and-night-audit.md.
import { type Insertable, type Kysely, sql } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { findInvoiceSettings } from '../invoices/invoice.repository.js';
import { dialectOf } from '../persistence/dialect.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { addDays, type RevenueReport, revenueReport } from '../reports/reports.js';
import { findReservation } from '../reservations/reservation.repository.js';
import { moveReservation } from '../reservations/reservation-lifecycle.js';
import { type NightToPrice, type PricingContext, priceNight } from '../rules/price-night.js';
import { loadRedeemedPromos } from '../rules/promo.repository.js';
import { loadRules } from '../rules/rule.repository.js';
import type { NightAuditRunTable } from '../rules/rule.table.js';
import { nightTaxes, nightTaxPosting } from '../tax/night-tax.js';
import { optionalText, requireInteger, requireIsoDate, requireText } from '../validation.js';
import {
  type InHouseRow,
  nightsOf,
  readInHouse,
  refuseUnpriced,
  unpricedStays,
  walkInRates,
  withPromo,
} from './in-house-nights.js';

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
  /** Always empty since an unpriced in-house stay refuses the audit (AUDIT_UNPRICED_STAYS); kept for readers. */
  skipped: Array<{ stayRef: string; roomNumber: string; reason: string }>;
  /** The room tax this run posted as TAX lines with the nights (0 on a re-run that found them posted). */
  roomTaxMinor: number;
  report: RevenueReport;
}

export interface LateNightAuditResult {
  stayDate: string;
  /** The business date the late nights were posted on. */
  businessDate: string;
  roomsPosted: number;
  postings: number;
  roomTaxMinor: number;
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
  const columns = sql.join(POSTING_COLUMNS.map((c) => sql.ref(c)));
  if (dialectOf(trx) === 'postgres') {
    // PostgreSQL: the same one-parameter insert, the JSON objects typed by the postings row type.
    const objects = JSON.stringify(
      rows.map((r) => Object.fromEntries(POSTING_COLUMNS.map((c) => [c, r[c] ?? null]))),
    );
    const result = await sql`insert into postings (${columns})
      select ${columns} from jsonb_populate_recordset(null::postings, ${objects}::jsonb)
      on conflict (folio_id, stay_date, code) where stay_date is not null do nothing`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  }
  const payload = JSON.stringify(rows.map((r) => POSTING_COLUMNS.map((c) => r[c] ?? null)));
  const values = sql.join(POSTING_COLUMNS.map((_, i) => sql`value ->> ${sql.raw(String(i))}`));
  // "where true" keeps SQLite from reading ON CONFLICT as a join constraint (sqlite.org/lang_upsert.html).
  const result =
    await sql`insert into postings (${columns}) select ${values} from json_each(${payload}) where true
    on conflict (folio_id, stay_date, code) where stay_date is not null do nothing`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
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

      // Never roll a date with an in-house stay left unpriced: refuse with the list, nothing written.
      const rooms = await readInHouse(db, businessDate);
      const walkIn = await walkInRates(db, businessDate, walkInPlan);
      const nights = nightsOf(rooms, businessDate, walkIn, walkInPlan);
      const unpriced = unpricedStays(rooms, nights);
      if (unpriced.length > 0) throw refuseUnpriced(businessDate, unpriced);

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
        const posted = await postNightsOfDate(
          { rooms, nights, date: businessDate, postingDate: businessDate },
          by,
          batchSize,
          input.afterRoom,
        );
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

    /**
     * Audits a night that was missed (a date rolled before every in-house stay could be priced): posts the
     * missing nights of `stayDate`, a date before the business date, for the stays in house that night,
     * dated with today's business date and keyed by their stay date like any night (a re-run posts nothing).
     * AUDIT_UNPRICED_STAYS with the list while any of them still cannot be priced. The date does not move.
     */
    async auditLateNight(input: {
      stayDate: string;
      by: string;
      walkInRatePlanCode?: string;
      batchSize?: number;
    }): Promise<LateNightAuditResult> {
      const stayDate = requireIsoDate(input.stayDate, 'stayDate');
      const by = requireText(input.by, 'by', 64);
      const batchSize = input.batchSize === undefined ? 500 : requireInteger(input.batchSize, 'batchSize', 1);
      const walkInPlan = optionalText(input.walkInRatePlanCode, 'walkInRatePlanCode', 32);
      const property = await requireProperty(db);
      if (stayDate >= property.businessDate) {
        throw new FolioError('AUDIT_DATE_MISMATCH', 'a late audit is for a date before the business date', {
          field: 'stayDate',
          stayDate,
          current: property.businessDate,
        });
      }
      const rooms = await readInHouse(db, stayDate);
      const walkIn = await walkInRates(db, stayDate, walkInPlan);
      const nights = nightsOf(rooms, stayDate, walkIn, walkInPlan);
      const unpriced = unpricedStays(rooms, nights);
      if (unpriced.length > 0) throw refuseUnpriced(stayDate, unpriced);
      const posted = await postNightsOfDate(
        { rooms, nights, date: stayDate, postingDate: property.businessDate },
        by,
        batchSize,
        undefined,
      );
      return {
        stayDate,
        businessDate: property.businessDate,
        roomsPosted: posted.rooms,
        postings: posted.postings,
        roomTaxMinor: posted.taxMinor,
      };
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
    read: {
      rooms: InHouseRow[];
      nights: ReadonlyArray<NightToPrice | string>;
      date: string;
      postingDate: string;
    },
    by: string,
    batchSize: number,
    afterRoom: RunNightAuditInput['afterRoom'],
  ) {
    const { rooms, nights, date, postingDate } = read;
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
          for (const [k, room] of batch.entries()) {
            const night = nights[start + k] as NightToPrice | string;
            if (typeof night === 'string' || room.folio_id === null || room.folio_closed_at !== null) {
              batchSkipped.push({
                stayRef: room.stay_id,
                roomNumber: room.room_number,
                reason: typeof night === 'string' ? night : 'NO_OPEN_FOLIO',
              });
            } else {
              let any = false;
              const lines = priceNight(withPromo(night, room, promos), pricing);
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
                  business_date: postingDate,
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
                  business_date: postingDate,
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
}

export type NightAuditService = ReturnType<typeof createNightAuditService>;
