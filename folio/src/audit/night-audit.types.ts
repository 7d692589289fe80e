// What the night audit takes and answers (seed 003 §8, seed 004 §5), and what its host plugs in.
import type { RevenueReport } from '../reports/reports.js';
import type { NightAuditRunTable } from '../rules/rule.table.js';

/** What the host (central) knows and the folio engine does not: outlet charges not posted yet. */
export interface NightAuditPorts {
  pendingPosCharges(businessDate: string): Promise<number>;
}

/**
 * Points inside a run where a fault can be injected (a crash, a kill), for the tests that prove a run
 * resumes: production passes none. `afterRoom` is called after each room is priced inside its batch (a
 * throw aborts that batch); `beforeRoll` after every night is posted, before the date rolls (a throw
 * leaves the date as it was).
 */
export interface NightAuditCheckpoints {
  afterRoom?(roomsDone: number): void;
  beforeRoll?(): void;
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
}

export interface LateNightAuditInput {
  stayDate: string;
  by: string;
  walkInRatePlanCode?: string;
  batchSize?: number;
}

export interface SkippedStay {
  stayRef: string;
  roomNumber: string;
  reason: string;
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
  skipped: SkippedStay[];
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
