// Night audit (seed 003 §8, seed 004 §5, domain.md §2 "End of Day"): the only thing that moves the business
// date. For the current business date it
//   1. refuses to start while outlet room charges are unposted (seed 000 rule 6), unless a manager overrides
//      with a reason (AUDIT_BLOCKED; the host says how many through the pendingPosCharges port);
//   2. marks Confirmed reservations that were due and did not arrive as NoShow (no-shows.ts);
//   3. refuses (AUDIT_UNPRICED_STAYS, nothing written) while an in-house stay cannot be priced for the night
//      (a walk-in without a walk-in rate plan, no rate for the date), naming each (in-house-nights.ts, its
//      reads in in-house.repository.ts); then
//      posts every in-house room's night with priceNight's lines (room, extras, surcharges, discounts) and the
//      night's taxes (night-pricing.ts), in batches of rooms, one transaction per batch, keyed (folio, stay
//      date, code) by the unique index postings_night_key (ON CONFLICT DO NOTHING): a re-run or a run resumed
//      after a crash posts only what is missing (post-nights.ts);
//   4. rolls the business date one day and stores the run with the daily revenue report
//      (night-audit-run.repository.ts).
// A date other than the current business date is AUDIT_DATE_MISMATCH. Taxes: see docs/rules-and-night-audit.md.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { requireProperty } from '../property/property.service.js';
import { addDays, revenueReport } from '../reports/reports.js';
import { optionalText, requireInteger, requireIsoDate, requireText } from '../validation.js';
import { readInHouse, selectRatePlans } from './in-house.repository.js';
import { nightsOf, refuseUnpriced, unpricedStays, walkInRates } from './in-house-nights.js';
import type {
  LateNightAuditInput,
  LateNightAuditResult,
  NightAuditCheckpoints,
  NightAuditPorts,
  NightAuditResult,
  NightAuditRun,
  RunNightAuditInput,
} from './night-audit.types.js';
import { completeRun, failRun, latestRuns, startRun } from './night-audit-run.repository.js';
import { markNoShows } from './no-shows.js';
import { postNightsOfDate } from './post-nights.js';

export type {
  LateNightAuditInput,
  LateNightAuditResult,
  NightAuditCheckpoints,
  NightAuditPorts,
  NightAuditResult,
  NightAuditRun,
  RunNightAuditInput,
} from './night-audit.types.js';

const NO_CHECKPOINTS: NightAuditCheckpoints = {};

/** `checkpoints` inject faults into a run (tests of crash and resume); production passes none. */
export function createNightAuditService(
  ctx: FolioContext,
  ports: NightAuditPorts,
  checkpoints: NightAuditCheckpoints = NO_CHECKPOINTS,
) {
  const { db, clock } = ctx;

  /** The in-house stays of a date and the walk-in rates, refused with the list while any cannot be priced. */
  async function pricedInHouse(date: string, walkInPlan: string | null) {
    const rooms = await readInHouse(db, date);
    const walkIn = await walkInRates(db, date, walkInPlan);
    const nights = nightsOf(rooms, date, walkIn, walkInPlan);
    const unpriced = unpricedStays(rooms, nights);
    if (unpriced.length > 0) throw refuseUnpriced(date, unpriced);
    return { rooms, nights };
  }

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
      const { rooms, nights } = await pricedInHouse(businessDate, walkInPlan);

      const runId = ctx.newId();
      const startedAt = clock.now().toISOString();
      await startRun(db, { id: runId, businessDate, startedAt, by, overrideReason, pending });

      try {
        const noShows = await markNoShows(ctx, businessDate, by);
        const posted = await postNightsOfDate(
          ctx,
          {
            rooms,
            nights,
            date: businessDate,
            postingDate: businessDate,
            by,
            batchSize,
          },
          checkpoints,
        );
        checkpoints.beforeRoll?.();
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
          await completeRun(trx, runId, {
            nextBusinessDate,
            finishedAt: clock.now().toISOString(),
            noShows: noShows.length,
            roomsPosted: posted.rooms,
            postings: posted.postings,
            report: { ...report, roomTaxMinor: posted.taxMinor, skipped: posted.skipped },
          });
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
        await failRun(db, runId, clock.now().toISOString(), String(error));
        throw error;
      }
    },

    /**
     * Audits a night that was missed (a date rolled before every in-house stay could be priced): posts the
     * missing nights of `stayDate`, a date before the business date, for the stays in house that night,
     * dated with today's business date and keyed by their stay date like any night (a re-run posts nothing).
     * AUDIT_UNPRICED_STAYS with the list while any of them still cannot be priced. The date does not move.
     */
    async auditLateNight(input: LateNightAuditInput): Promise<LateNightAuditResult> {
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
      const { rooms, nights } = await pricedInHouse(stayDate, walkInPlan);
      const posted = await postNightsOfDate(
        ctx,
        {
          rooms,
          nights,
          date: stayDate,
          postingDate: property.businessDate,
          by,
          batchSize,
        },
        NO_CHECKPOINTS,
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
      return { businessDate: property.businessDate, runs: await latestRuns(db, limit) };
    },

    /**
     * The audit's pricing pre-check, without writing: the in-house stays of the business date it could not
     * price with this walk-in rate plan (the run would refuse them with AUDIT_UNPRICED_STAYS), and the rate
     * plans the desk may pick for walk-ins. An unknown plan code is VALIDATION_FAILED.
     */
    async unpricedPreview(walkInRatePlanCode?: string | null): Promise<{
      businessDate: string;
      walkInRatePlanCode: string | null;
      unpricedStays: ReturnType<typeof unpricedStays>;
      ratePlans: Array<{ code: string; name: string }>;
    }> {
      const walkInPlan = optionalText(walkInRatePlanCode ?? undefined, 'walkInRatePlanCode', 32);
      const property = await requireProperty(db);
      const date = property.businessDate;
      const rooms = await readInHouse(db, date);
      const walkIn = await walkInRates(db, date, walkInPlan);
      const plans = await selectRatePlans(db);
      return {
        businessDate: date,
        walkInRatePlanCode: walkIn?.plan.code ?? null,
        unpricedStays: unpricedStays(rooms, nightsOf(rooms, date, walkIn, walkInPlan)),
        ratePlans: plans.map((p) => ({ code: p.code, name: p.name })),
      };
    },
  };
}

export type NightAuditService = ReturnType<typeof createNightAuditService>;
