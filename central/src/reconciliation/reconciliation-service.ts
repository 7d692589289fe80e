// Daily reconciliation (seed 000 "Daily Reconciliation Report"): builds the report of one business
// day from the three ledgers, remembers each day's outcome (state, variance, alert), runs itself at
// `reconcile_time`, and records night-audit sign-offs (append-only).
import { createHash } from 'node:crypto';
import {
  type CurrencyCode,
  dayBounds,
  type FolioService,
  formatMinor,
  isCurrencyCode,
  localDate,
  localTime,
  previousDate,
} from '@roompost/folio';
import type { DailySummaryMessage, Logger } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { roleMay, type UserRole } from '../auth/permissions.js';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { PmsAdapter } from '../pms/adapter.js';
import { type MatchResult, matchLedgers } from './match.js';
import { readPmsLedger } from './pms-ledger.js';
import {
  attemptsAndVoids,
  chargesOfDay,
  datesWithSummaries,
  edgeSummariesOf,
  findRun,
  insertSignOff,
  knownChargeIds,
  listRuns,
  listSignOffs,
  markAutoStarted,
  type RunRow,
  type SignOffRow,
  saveRun,
  signOffsOf,
} from './reconciliation.repository.js';
import type { DayState } from './reconciliation.table.js';
import { receiveEdgeSummary } from './summary-parts.js';

/** Seed 000 `hotel_pms.reconciliation`. */
export interface ReconciliationOptions {
  autoReconcile: boolean;
  /** "HH:MM" local time at which the previous business day is reconciled. */
  reconcileTime: string;
  alertOnVariance: boolean;
}

export const DEFAULT_RECONCILIATION: ReconciliationOptions = {
  autoReconcile: true,
  reconcileTime: '03:00',
  alertOnVariance: true,
};

export interface ReconciliationDeps {
  db: Kysely<CentralDatabase>;
  folio: FolioService;
  adapter: PmsAdapter;
  clock: Clock;
  logger: Logger;
  options: () => ReconciliationOptions;
  outletName: (code: string) => string;
  /** How many past days the automatic run catches up on after downtime. Default 7. */
  catchUpDays?: number;
}

export type Report = Awaited<ReturnType<ReconciliationService['report']>>;

const READ_BACK_NOTE = {
  full: 'The folio engine was read back: every amount below is what the folio holds.',
  presence: "The PMS was asked for each charge by its id: presence is verified, amounts are central's.",
  none: 'This PMS cannot be read back: the PMS column shows what central posted, not verified.',
} as const;

export class ReconciliationService {
  readonly #d: ReconciliationDeps;
  #running: Promise<unknown> | undefined;

  constructor(deps: ReconciliationDeps) {
    this.#d = deps;
  }

  /** Stores an edge's summary of a day or one part of it; true when the day is stored (acknowledge it). */
  async receiveSummary(summary: DailySummaryMessage, device: string): Promise<boolean> {
    const intake = await receiveEdgeSummary(this.#d.db, device, summary, this.#d.clock.now().toISOString());
    if (intake.state === 'refused')
      this.#d.logger.warn(
        { code: 'VALIDATION_FAILED', device, businessDate: summary.businessDate, reason: intake.reason },
        "dropped a daily summary whose parts do not add up to the day's counts",
      );
    if (intake.state === 'waiting')
      this.#d.logger.debug(
        { device, businessDate: summary.businessDate, have: intake.have, parts: intake.parts },
        'daily summary part kept until the others arrive',
      );
    return intake.state === 'stored';
  }

  async #property() {
    const p = await this.#d.folio.getProperty();
    if (!p) throw new CentralError('INVALID_STATE', 'the property is not set up (PUT /api/folio/property)');
    const currency = p.currency;
    if (!isCurrencyCode(currency))
      throw new CentralError('INVALID_STATE', `the property currency ${currency} is unknown`);
    return {
      name: p.name,
      currency: currency as CurrencyCode,
      timeZone: p.timeZone,
      locale: localeFor(currency),
    };
  }

  /** Today's local date at the property. */
  async today(): Promise<string> {
    return localDate(this.#d.clock.now(), (await this.#property()).timeZone);
  }

  /** The day's three ledgers matched, with the charge list (the export's rows). */
  async report(date: string, outlet?: string) {
    const property = await this.#property();
    const { from, to } = dayBounds(date, property.timeZone);
    const summaries = await edgeSummariesOf(this.#d.db, date);
    const edgeIds = summaries.flatMap((s) => s.summary.charges.map((c) => c.chargeId));
    const rows = await chargesOfDay(this.#d.db, from, to, edgeIds);
    const { attempts, voids } = await attemptsAndVoids(this.#d.db, rows);
    const scope = outlet ? rows.filter((r) => r.outlet_code === outlet) : rows;
    const pms = await readPmsLedger(
      this.#d.adapter,
      this.#d.folio,
      scope.map((r) => ({ chargeId: r.id, roomNumber: r.room_number })),
      { date, outlet, knownToCentral: (ids) => knownChargeIds(this.#d.db, ids) },
    );
    const m = matchLedgers({ rows, attempts, voids, summaries, pms, outlet });
    const signOffs = await signOffsOf(this.#d.db, date);
    const today = localDate(this.#d.clock.now(), property.timeZone);
    const money = (minor: number) => formatMinor(minor, property.currency, property.locale);
    const totalPosted = m.byOutlet.reduce((n, o) => n + o.pmsPostedMinor, 0);
    const totalOwed = m.byOutlet.reduce((n, o) => n + o.posTotalMinor, 0);
    const variance = totalOwed - totalPosted;
    const state = dayState(m, variance, date >= today);
    const digest = createHash('sha256')
      .update(JSON.stringify([m.charges, m.exceptions.map((e) => [e.kind, e.chargeId, e.device])]))
      .digest('hex');
    return {
      date,
      outlet: outlet ?? null,
      property: property.name,
      currency: property.currency,
      locale: property.locale,
      timeZone: property.timeZone,
      generatedAt: this.#d.clock.now().toISOString(),
      state,
      digest,
      pms: {
        kind: pms.kind,
        readBack: pms.mode,
        error: pms.error,
        note: pms.error
          ? `The PMS could not be read back (${pms.error.code}): amounts are central's, not verified.`
          : READ_BACK_NOTE[pms.mode],
        /** Whether postings the PMS holds under ids central never received were looked for. */
        unknownChecked: pms.unknown !== null,
        unknownNote:
          pms.unknown !== null
            ? "The folio engine's outlet charges of the day were listed: any central never received is an exception."
            : 'This PMS cannot list a day of postings: charges it holds that central never received cannot be found here.',
      },
      summary: {
        totalPostedMinor: totalPosted,
        posTotalMinor: totalOwed,
        roomCharges: m.byOutlet.reduce((n, o) => n + o.checks, 0),
        varianceMinor: variance,
        balanced: variance === 0,
        exceptions: m.exceptions.length,
        declined: m.declined,
        formatted: { totalPosted: money(totalPosted), posTotal: money(totalOwed), variance: money(variance) },
      },
      byOutlet: m.byOutlet.map((o) => ({
        ...o,
        name: this.#d.outletName(o.outletCode),
        formatted: {
          posTotal: money(o.posTotalMinor),
          pmsPosted: money(o.pmsPostedMinor),
          variance: money(o.varianceMinor),
        },
      })),
      exceptions: m.exceptions.map((e) => ({ ...e, amount: money(e.amountMinor) })),
      recovered: m.recovered.map((r) => ({ ...r, amount: money(r.amountMinor) })),
      voids: m.voids.map((v) => ({ ...v, amount: money(v.amountMinor) })),
      withdrawn: m.withdrawn.map((w) => ({ ...w, amount: money(w.amountMinor) })),
      signOffs: signOffs.map(signOffView),
      charges: m.charges,
    };
  }

  /** Recomputes the day and stores its outcome (state, variance per outlet, alert). */
  async reconcile(date: string, auto = false): Promise<Report> {
    const report = await this.report(date);
    const alert =
      this.#d.options().alertOnVariance && (report.state === 'variance' || report.state === 'exceptions');
    const at = this.#d.clock.now().toISOString();
    await saveRun(this.#d.db, {
      business_date: date,
      state: report.state,
      variance_minor: report.summary.varianceMinor,
      exceptions: report.exceptions.length,
      outlets_json: JSON.stringify(
        Object.fromEntries(report.byOutlet.map((o) => [o.outletCode, o.varianceMinor])),
      ),
      computed_at: at,
      alert: alert ? 1 : 0,
      ...(auto ? { auto_completed_at: at } : {}),
    });
    if (alert)
      this.#d.logger.warn(
        { date, variance: report.summary.varianceMinor, exceptions: report.exceptions.length },
        'reconciliation found a variance',
      );
    return report;
  }

  /**
   * The automatic run: once local time has passed `reconcileTime`, each past day (up to
   * `catchUpDays` back) whose automatic run has not completed is reconciled. A crash mid-way leaves
   * `auto_started_at` without `auto_completed_at`, so the next tick runs that day again: the run
   * only reads and then writes one row, so running it twice is harmless (idempotent).
   */
  tick(): Promise<unknown> {
    this.#running ??= this.#tick().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Resolves when no automatic run is in progress (shutdown). */
  async idle(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }

  async #tick(): Promise<string[]> {
    const opts = this.#d.options();
    if (!opts.autoReconcile) return [];
    const p = await this.#d.folio.getProperty();
    if (!p) return [];
    const now = this.#d.clock.now();
    const today = localDate(now, p.timeZone);
    // Before reconcile_time, yesterday is not due yet.
    let day =
      localTime(now, p.timeZone) >= opts.reconcileTime
        ? previousDate(today)
        : previousDate(previousDate(today));
    const done: string[] = [];
    for (let i = 0; i < (this.#d.catchUpDays ?? 7); i++, day = previousDate(day)) {
      const run = await findRun(this.#d.db, day);
      if (run?.auto_completed_at) continue;
      const hasWork = run !== undefined || (await this.#dayHasCharges(day, p.timeZone));
      if (!hasWork) continue;
      await markAutoStarted(this.#d.db, day, now.toISOString());
      await this.reconcile(day, true);
      done.push(day);
    }
    if (done.length) this.#d.logger.info({ days: done }, 'automatic reconciliation ran');
    return done;
  }

  async #dayHasCharges(date: string, timeZone: string): Promise<boolean> {
    const { from, to } = dayBounds(date, timeZone);
    const row = await this.#d.db
      .selectFrom('room_charges')
      .select('id')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
    return (await edgeSummariesOf(this.#d.db, date)).length > 0;
  }

  /** Seed 000 `GET /api/pms/reconciliation/daily`: days with their state, newest first. */
  async daily(limit = 31) {
    const property = await this.#property();
    const today = localDate(this.#d.clock.now(), property.timeZone);
    const runs = await listRuns(this.#d.db, limit);
    const dates = new Set([
      today,
      ...runs.map((r) => r.business_date),
      ...(await datesWithSummaries(this.#d.db, limit)),
    ]);
    const sorted = [...dates].sort().reverse().slice(0, limit);
    const byDate = new Map<string, RunRow>(runs.map((r) => [r.business_date, r]));
    const signOffs = await listSignOffs(this.#d.db, sorted);
    const money = (minor: number) => formatMinor(minor, property.currency, property.locale);
    return sorted.map((date) => {
      const run = byDate.get(date);
      const last = signOffs.filter((s) => s.business_date === date).at(-1);
      const computed: DayState | null =
        run && run.auto_started_at !== null && run.auto_completed_at === null ? null : (run?.state ?? null);
      return {
        date,
        state: last
          ? ('signed_off' as const)
          : date >= today
            ? ('open' as const)
            : (computed ?? ('open' as const)),
        computedState: computed,
        varianceMinor: run?.variance_minor ?? null,
        variance: run ? money(run.variance_minor) : null,
        exceptions: run?.exceptions ?? null,
        computedAt: run?.computed_at ?? null,
        autoCompletedAt: run?.auto_completed_at ?? null,
        alert: run?.alert === 1 && !last,
        signedOff: last ? signOffView(last) : null,
      };
    });
  }

  /**
   * Night-audit sign-off of a day: recomputed now, recorded with who, which variance and the
   * report's digest. A day with a variance or exceptions needs a reason, from a manager or admin.
   */
  async signOff(date: string, user: { username: string; role: UserRole }, reason: string | null) {
    const report = await this.reconcile(date);
    const unexplained = report.summary.varianceMinor !== 0 || report.exceptions.length > 0;
    if (unexplained) {
      if (!roleMay(user.role, 'night-audit.override'))
        throw new CentralError(
          'FORBIDDEN',
          'a day with a variance or exceptions is signed off by a manager, with a reason',
          {
            context: { permission: 'night-audit.override', variance: report.summary.varianceMinor },
          },
        );
      if (!reason)
        throw new CentralError(
          'VALIDATION_FAILED',
          'reason: say why the variance or the exceptions are accepted',
          {
            context: { field: 'reason' },
          },
        );
    }
    const row = await insertSignOff(this.#d.db, {
      business_date: date,
      signed_by: user.username,
      role: user.role,
      variance_minor: report.summary.varianceMinor,
      exceptions: report.exceptions.length,
      reason,
      report_digest: report.digest,
      signed_at: this.#d.clock.now().toISOString(),
    });
    return { signOff: signOffView(row), report };
  }

  /** For /metrics: the last computed variance per outlet, and each recent day's state. */
  async metricsSnapshot() {
    const runs = await listRuns(this.#d.db, 14);
    const signOffs = await listSignOffs(
      this.#d.db,
      runs.map((r) => r.business_date),
    );
    const latest = runs.find((r) => r.auto_completed_at !== null || r.state !== 'open');
    return {
      outlets: latest ? (JSON.parse(latest.outlets_json) as Record<string, number>) : {},
      days: runs.map((r) => ({
        date: r.business_date,
        state: signOffs.some((s) => s.business_date === r.business_date) ? 'signed_off' : r.state,
        alert: r.alert === 1,
      })),
    };
  }
}

function dayState(m: MatchResult, variance: number, open: boolean): DayState {
  if (variance !== 0) return open ? 'open' : 'variance';
  if (m.exceptions.length > 0) return open ? 'open' : 'exceptions';
  return open ? 'open' : 'balanced';
}

export function signOffView(s: SignOffRow) {
  return {
    id: s.id,
    date: s.business_date,
    by: s.signed_by,
    role: s.role,
    varianceMinor: s.variance_minor,
    exceptions: s.exceptions,
    reason: s.reason,
    reportDigest: s.report_digest,
    at: s.signed_at,
  };
}

/** The money format of the property: Indian grouping for INR, else the en-US style of seed 000. */
function localeFor(currency: string): string {
  return currency === 'INR' ? 'en-IN' : 'en-US';
}
