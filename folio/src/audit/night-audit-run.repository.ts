// The night audit's run log (`night_audit_runs`) and the roll of the business date that completes a run.
import { type Kysely, sql } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { NightAuditRunTable } from '../rules/rule.table.js';
import type { NightAuditRun } from './night-audit.types.js';

type Db = Kysely<FolioDatabase>;

/** Starts a run of the date: an earlier run of it still `running` (a crash) is marked superseded. */
export async function startRun(
  db: Db,
  run: {
    id: string;
    businessDate: string;
    startedAt: string;
    by: string;
    overrideReason: string | null;
    pending: number;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('night_audit_runs')
      .set({ status: 'failed', error: 'superseded by a later run', finished_at: run.startedAt })
      .where('business_date', '=', run.businessDate)
      .where('status', '=', 'running')
      .execute();
    await trx
      .insertInto('night_audit_runs')
      .values({
        id: run.id,
        business_date: run.businessDate,
        status: 'running',
        started_at: run.startedAt,
        started_by: run.by,
        finished_at: null,
        override_reason: run.overrideReason,
        pending_pos: run.pending,
        no_shows: 0,
        rooms_posted: 0,
        postings: 0,
        error: null,
        report_json: null,
      })
      .execute();
  });
}

/** Moves the business date and completes the run, in the caller's transaction. */
export async function completeRun(
  trx: Db,
  runId: string,
  done: {
    nextBusinessDate: string;
    finishedAt: string;
    noShows: number;
    roomsPosted: number;
    postings: number;
    report: unknown;
  },
): Promise<void> {
  await trx.updateTable('property').set({ business_date: done.nextBusinessDate }).execute();
  await trx
    .updateTable('night_audit_runs')
    .set({
      status: 'completed',
      finished_at: done.finishedAt,
      no_shows: done.noShows,
      rooms_posted: done.roomsPosted,
      postings: done.postings,
      report_json: JSON.stringify(done.report),
    })
    .where('id', '=', runId)
    .execute();
}

/** Marks a run that stopped on an error as failed (unless something else finished it). */
export async function failRun(db: Db, runId: string, finishedAt: string, error: string): Promise<void> {
  await db
    .updateTable('night_audit_runs')
    .set({ status: 'failed', finished_at: finishedAt, error: error.slice(0, 500) })
    .where('id', '=', runId)
    .where('status', '=', 'running')
    .execute();
}

/** The latest runs, newest first (1 to 100). */
export async function latestRuns(db: Db, limit: number): Promise<NightAuditRun[]> {
  const rows = await db
    .selectFrom('night_audit_runs')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy(sql`rowid desc`) // ids are random within a millisecond; rowid follows insertion
    .limit(Math.min(Math.max(1, limit), 100))
    .execute();
  return rows.map(runView);
}

function runView(r: NightAuditRunTable): NightAuditRun {
  return {
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
  };
}
