/** Ledger (a): the latest summary each device reported for a business day (sync `daily-summary`). */
export interface EdgeDailySummaryTable {
  device: string;
  outlet_code: string;
  business_date: string;
  digest: string;
  /** 1 when the outlet's business day was over when the edge computed it. */
  closed: number;
  currency: string;
  /** The whole DailySummaryMessage as received (validated at the boundary). */
  summary_json: string;
  received_at: string;
}

export type DayState = 'open' | 'balanced' | 'exceptions' | 'variance';

/** The last reconciliation computed for a business day (automatic or on demand). */
export interface ReconciliationRunTable {
  business_date: string;
  state: DayState;
  variance_minor: number;
  exceptions: number;
  /** `{ outletCode: varianceMinor }` for the metrics. */
  outlets_json: string;
  computed_at: string;
  /** When the automatic run of this day started and finished (null: not yet / crashed mid-way). */
  auto_started_at: string | null;
  auto_completed_at: string | null;
  /** The run found a variance and `alert_on_variance` was on: shown by the console and /metrics. */
  alert: number;
}

/** Night-audit sign-off of a day's reconciliation. Append-only (triggers refuse UPDATE and DELETE). */
export interface ReconciliationSignOffTable {
  id: import('kysely').Generated<number>;
  business_date: string;
  signed_by: string;
  role: string;
  variance_minor: number;
  exceptions: number;
  /** Required (and from a manager) when the day has a variance or exceptions. */
  reason: string | null;
  /** sha256 of the report the user saw, so a later recomputation can be told apart. */
  report_digest: string;
  signed_at: string;
}

/** One part of a day's edge summary sent in parts, until every part of its digest is in. */
export interface EdgeDailySummaryPartTable {
  device: string;
  business_date: string;
  part: number;
  parts: number;
  digest: string;
  /** This part's slice of the day's charges (JSON array). */
  charges_json: string;
  received_at: string;
}

export interface ReconciliationDatabase {
  edge_daily_summaries: EdgeDailySummaryTable;
  edge_daily_summary_parts: EdgeDailySummaryPartTable;
  reconciliation_runs: ReconciliationRunTable;
  reconciliation_signoffs: ReconciliationSignOffTable;
}
