// The three ledgers of one business day matched charge id by charge id (never by amount): what each
// outlet recorded (its edge's daily summary), what central received and posted, and what the PMS
// holds. Every disagreement becomes an exception with what to do about it.
import type { ChargeOfDay } from '@roompost/folio';
import type { DailySummaryMessage } from '@roompost/sync';
import type { RoomChargeRow } from '../postings/room-charge.repository.js';
import type { ChargeVoidRow } from '../voids/charge-void.repository.js';
import type { PmsLedger } from './pms-ledger.js';
import type { AttemptRow, ReconChargeRow } from './reconciliation.repository.js';

export const EXCEPTION_KINDS = {
  missing_at_central: 'Find the outlet device on Fleet: its outbox has not delivered this charge yet',
  missing_at_edge: "Check the outlet's device: central holds a charge its own ledger does not list",
  missing_in_pms:
    'Central marked it posted but the PMS does not hold it: post it again from Postings, or by hand in the PMS',
  unknown_to_central:
    "The PMS holds an outlet charge central never received: find the check at the outlet's device (Fleet) and let it sync, or reverse the posting in the PMS",
  unexpected_in_pms:
    'The PMS holds a charge central did not post: mark it posted (Retry verifies it) or reverse it in the PMS',
  amount_mismatch:
    'The ledgers disagree on the amount: compare the check with the folio line and correct in the PMS',
  duplicated: 'The charge is held more than once: reverse the extra posting in the PMS',
  pending: 'Waiting for a retry: check the PMS link, then Retry from the Queue',
  held: 'The outlet does not post automatically: post it from the Queue (Retry All) or withdraw it',
  failed: 'Retries are used up: Retry from the Queue, or withdraw it and collect another tender',
  unknown_outcome:
    'The PMS did not answer after the charge was sent: check the folio in the PMS, then Retry (verified by id) or withdraw',
  void_pending: 'A void has not reached the PMS yet: retry it, or reverse the charge in the PMS',
  unknown_state: 'Central holds the charge in a state reconciliation does not know: report it to IT',
  no_edge_summary: 'The outlet has not reported its day: check that its device is online on Fleet',
} as const;
export type ExceptionKind = keyof typeof EXCEPTION_KINDS;

export interface ReconException {
  kind: ExceptionKind;
  chargeId: string | null;
  outletCode: string;
  device: string | null;
  roomNumber: string | null;
  checkNumber: string | null;
  amountMinor: number;
  detail: string;
  action: string;
}

/** One charge of the day as the three ledgers know it (the export's rows). */
export interface ReconCharge {
  chargeId: string;
  outletCode: string;
  device: string | null;
  checkNumber: string | null;
  roomNumber: string | null;
  createdAt: string | null;
  edgeTotalMinor: number | null;
  edgeStatus: string | null;
  centralTotalMinor: number | null;
  centralStatus: string | null;
  pmsReference: string | null;
  pmsNetMinor: number | null;
  /** What the outlet's charge still owes the folio (0 once voided, declined or withdrawn). */
  owedMinor: number;
  /** What the PMS was found to hold for it (or, unverified, what central posted). */
  confirmedMinor: number;
  varianceMinor: number;
  exceptions: ExceptionKind[];
}

export interface OutletLine {
  outletCode: string;
  checks: number;
  posTotalMinor: number;
  pmsPostedMinor: number;
  varianceMinor: number;
  devices: Array<{
    device: string;
    reported: boolean;
    closed: boolean;
    receivedAt: string | null;
    charges: number;
  }>;
}

export interface RecoveredLine {
  chargeId: string;
  outletCode: string;
  roomNumber: string;
  at: string;
  postedAt: string | null;
  amountMinor: number;
  path: string;
  steps: Array<{ at: string; outcome: string; errorCode: string | null; actor: string | null }>;
}

export interface VoidLine {
  chargeId: string;
  outletCode: string;
  roomNumber: string;
  amountMinor: number;
  status: string;
  requestedBy: string;
  requestedAt: string;
  voidedAt: string | null;
  reason: string;
  pmsReference: string | null;
}

export interface WithdrawnLine {
  chargeId: string;
  outletCode: string;
  roomNumber: string;
  amountMinor: number;
  by: string | null;
  at: string | null;
  reason: string | null;
}

export interface MatchInput {
  rows: readonly ReconChargeRow[];
  attempts: Map<string, AttemptRow[]>;
  voids: Map<string, ChargeVoidRow>;
  summaries: ReadonlyArray<{ device: string; summary: DailySummaryMessage; receivedAt: string }>;
  pms: PmsLedger;
  /** Restrict to one outlet. */
  outlet?: string | undefined;
}

export interface MatchResult {
  charges: ReconCharge[];
  byOutlet: OutletLine[];
  exceptions: ReconException[];
  recovered: RecoveredLine[];
  voids: VoidLine[];
  withdrawn: WithdrawnLine[];
  declined: number;
}

const OPEN_STATES = new Set(['received', 'queued']);

export function matchLedgers(input: MatchInput): MatchResult {
  const edgeById = new Map<
    string,
    Array<{ device: string; c: DailySummaryMessage['charges'][number]; outlet: string }>
  >();
  for (const { device, summary } of input.summaries) {
    if (input.outlet && summary.outletCode !== input.outlet) continue;
    for (const c of summary.charges) {
      const list = edgeById.get(c.chargeId) ?? [];
      list.push({ device, c, outlet: summary.outletCode });
      edgeById.set(c.chargeId, list);
    }
  }
  const rowById = new Map<string, ReconChargeRow>();
  for (const r of input.rows) if (!input.outlet || r.outlet_code === input.outlet) rowById.set(r.id, r);
  const unknownToCentral: ReadonlyMap<string, ChargeOfDay> = input.pms.unknown ?? new Map();
  const ids = new Set([...rowById.keys(), ...edgeById.keys(), ...unknownToCentral.keys()]);
  const reportedDevices = new Map<string, { at: string; ids: Set<string> }>();
  for (const { device, summary } of input.summaries)
    reportedDevices.set(device, { at: summary.at, ids: new Set(summary.charges.map((c) => c.chargeId)) });

  const charges: ReconCharge[] = [];
  const exceptions: ReconException[] = [];
  const recovered: RecoveredLine[] = [];
  const voids: VoidLine[] = [];
  const withdrawn: WithdrawnLine[] = [];
  let declined = 0;
  const verified = input.pms.mode !== 'none' && input.pms.error === null;

  for (const id of ids) {
    const row = rowById.get(id);
    const edge = edgeById.get(id) ?? [];
    const firstEdge = edge[0];
    const other = row ? undefined : unknownToCentral.get(id);
    const outletCode = row?.outlet_code ?? firstEdge?.outlet ?? other?.outletCode ?? '';
    const pms = input.pms.held.get(id);
    const kinds: ExceptionKind[] = [];
    const raise = (kind: ExceptionKind, detail: string, amountMinor: number) => {
      kinds.push(kind);
      exceptions.push({
        kind,
        chargeId: id,
        outletCode,
        device: row?.device ?? firstEdge?.device ?? null,
        roomNumber: row?.room_number ?? firstEdge?.c.roomNumber ?? other?.roomNumber ?? null,
        checkNumber: row?.check_number ?? firstEdge?.c.checkNumber ?? other?.checkNumber ?? null,
        amountMinor,
        detail,
        action: EXCEPTION_KINDS[kind],
      });
    };
    const total = row?.total_minor ?? firstEdge?.c.totalMinor ?? (other && pms ? (pms.postedMinor ?? 0) : 0);
    const status = row ? centralState(row) : null;
    const voidRow = input.voids.get(id);
    let owed = total;
    let confirmed = 0;

    if (edge.length > 1 && new Set(edge.map((e) => e.device)).size > 1)
      raise('duplicated', `listed by ${edge.map((e) => e.device).join(' and ')}`, total);
    for (const e of edge) {
      if (row && e.c.totalMinor !== row.total_minor)
        raise(
          'amount_mismatch',
          `outlet ${e.c.totalMinor}, central ${row.total_minor}`,
          e.c.totalMinor - row.total_minor,
        );
    }
    if (!row) {
      if (edge.length > 0)
        raise('missing_at_central', 'listed by the outlet, never received by central', total);
      if (other && pms) {
        // Posted under an outlet charge's id central has no record of: the PMS holds money no
        // ledger of ours owes (unless the outlet lists it, then only central lacks it).
        if (edge.length === 0) owed = 0;
        confirmed = pms.netMinor ?? 0;
        raise(
          'unknown_to_central',
          `the PMS holds ${pms.transactionId} (posted ${other.postedAt}), central has no such charge`,
          confirmed,
        );
      }
    } else if (row.source === 'mqtt' && edge.length === 0) {
      const reported = reportedDevices.get(row.device);
      if (reported && reported.at >= row.created_at && !reported.ids.has(id))
        raise('missing_at_edge', `device ${row.device} reported the day without it`, total);
    }

    if (status === 'withdrawn' || status === 'declined') {
      owed = 0;
      if (status === 'withdrawn') {
        const w = [...(input.attempts.get(id) ?? [])].reverse().find((a) => a.outcome === 'withdrawn');
        withdrawn.push({
          chargeId: id,
          outletCode,
          roomNumber: row!.room_number,
          amountMinor: total,
          by: w?.actor ?? null,
          at: w?.at ?? null,
          reason: w?.note ?? row!.error_message,
        });
      } else declined++;
      if (pms && (pms.netMinor ?? total) !== 0) {
        confirmed = pms.netMinor ?? total;
        raise('unexpected_in_pms', `central: ${status}; the PMS holds ${pms.transactionId}`, confirmed);
      }
    } else if (status === 'posted' || status === null) {
      if (voidRow) {
        voids.push({
          chargeId: id,
          outletCode,
          roomNumber: row!.room_number,
          amountMinor: total,
          status: voidRow.status,
          requestedBy: voidRow.requested_by,
          requestedAt: voidRow.requested_at,
          voidedAt: voidRow.voided_at,
          reason: voidRow.reason,
          pmsReference: voidRow.pms_void_id,
        });
        if (voidRow.status === 'voided') owed = 0;
        else raise('void_pending', `void ${voidRow.status}`, total);
      }
      if (status === 'posted') {
        if (input.pms.mode === 'none' || input.pms.error) confirmed = owed === 0 ? 0 : total;
        else if (!pms && input.pms.asked.has(id))
          raise('missing_in_pms', `central: posted as ${row!.pms_transaction_id}`, total);
        else if (pms) {
          confirmed = pms.netMinor ?? owed;
          if (pms.postedMinor !== null && pms.postedMinor >= 2 * total && total > 0)
            raise(
              'duplicated',
              `the PMS holds ${pms.postedMinor} for a charge of ${total}`,
              pms.postedMinor - total,
            );
          else if (pms.netMinor !== null && pms.netMinor !== owed)
            raise('amount_mismatch', `owed ${owed}, the PMS holds ${pms.netMinor}`, owed - pms.netMinor);
        }
        // Only charges that needed more than one attempt have their attempts read (attemptsAndVoids).
        const tried = input.attempts.get(id);
        const path = tried === undefined ? null : recoveredPath(tried);
        if (path)
          recovered.push({
            chargeId: id,
            outletCode,
            roomNumber: row!.room_number,
            at: row!.created_at,
            postedAt: row!.posted_at,
            amountMinor: total,
            ...path,
          });
      }
    } else {
      // Still owed to the PMS (open, held, failed, unknown outcome) or in a state we do not know.
      if (pms) {
        confirmed = pms.netMinor ?? total;
        raise('unexpected_in_pms', `central: ${status}; the PMS holds ${pms.transactionId}`, total);
      } else if (status === 'unknown_outcome')
        raise('unknown_outcome', row!.error_message ?? 'no answer', total);
      else if (status === 'held') raise('held', 'held for a manager (auto_post: false)', total);
      else if (status === 'failed')
        raise('failed', `${row!.error_code ?? ''} ${row!.error_message ?? ''}`.trim(), total);
      else if (status === 'pending')
        raise('pending', `${row!.attempts} attempt(s), next ${row!.next_attempt_at ?? '—'}`, total);
      else raise('unknown_state', `state "${row!.posting_status}"`, total);
    }
    charges.push({
      chargeId: id,
      outletCode,
      device: row?.device ?? firstEdge?.device ?? null,
      checkNumber: row?.check_number ?? firstEdge?.c.checkNumber ?? other?.checkNumber ?? null,
      roomNumber: row?.room_number ?? firstEdge?.c.roomNumber ?? other?.roomNumber ?? null,
      createdAt: row?.created_at ?? firstEdge?.c.createdAt ?? other?.postedAt ?? null,
      edgeTotalMinor: firstEdge?.c.totalMinor ?? null,
      edgeStatus: firstEdge?.c.status ?? null,
      centralTotalMinor: row?.total_minor ?? null,
      centralStatus: status,
      pmsReference: pms?.transactionId ?? (verified ? null : (row?.pms_transaction_id ?? null)),
      pmsNetMinor: pms?.netMinor ?? null,
      owedMinor: owed,
      confirmedMinor: confirmed,
      varianceMinor: owed - confirmed,
      exceptions: kinds,
    });
  }

  // Devices that sent charges over MQTT but have not reported the day.
  const devicesByOutlet = new Map<string, Map<string, OutletLine['devices'][number]>>();
  const deviceEntry = (outlet: string, device: string) => {
    const m = devicesByOutlet.get(outlet) ?? new Map<string, OutletLine['devices'][number]>();
    devicesByOutlet.set(outlet, m);
    let d = m.get(device);
    if (!d) {
      d = { device, reported: false, closed: false, receivedAt: null, charges: 0 };
      m.set(device, d);
    }
    return d;
  };
  for (const { device, summary, receivedAt } of input.summaries) {
    if (input.outlet && summary.outletCode !== input.outlet) continue;
    Object.assign(deviceEntry(summary.outletCode, device), {
      reported: true,
      closed: summary.closed,
      receivedAt,
      charges: summary.charges.length,
    });
  }
  for (const r of rowById.values()) if (r.source === 'mqtt') deviceEntry(r.outlet_code, r.device);
  for (const [outlet, devices] of devicesByOutlet) {
    for (const d of devices.values()) {
      if (d.reported) continue;
      exceptions.push({
        kind: 'no_edge_summary',
        chargeId: null,
        outletCode: outlet,
        device: d.device,
        roomNumber: null,
        checkNumber: null,
        amountMinor: 0,
        detail: `device ${d.device} has not sent its summary of the day`,
        action: EXCEPTION_KINDS.no_edge_summary,
      });
    }
  }

  const outlets = new Map<string, OutletLine>();
  for (const c of charges) {
    const line =
      outlets.get(c.outletCode) ??
      ({
        outletCode: c.outletCode,
        checks: 0,
        posTotalMinor: 0,
        pmsPostedMinor: 0,
        varianceMinor: 0,
        devices: [],
      } as OutletLine);
    outlets.set(c.outletCode, line);
    if (c.owedMinor > 0 || c.centralStatus === 'posted' || c.confirmedMinor !== 0) line.checks++;
    line.posTotalMinor += c.owedMinor;
    line.pmsPostedMinor += c.confirmedMinor;
    line.varianceMinor += c.varianceMinor;
  }
  for (const [outlet, devices] of devicesByOutlet) {
    const line =
      outlets.get(outlet) ??
      ({
        outletCode: outlet,
        checks: 0,
        posTotalMinor: 0,
        pmsPostedMinor: 0,
        varianceMinor: 0,
        devices: [],
      } as OutletLine);
    line.devices = [...devices.values()].sort((a, b) => a.device.localeCompare(b.device));
    outlets.set(outlet, line);
  }
  charges.sort(
    (a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.chargeId.localeCompare(b.chargeId),
  );
  return {
    charges,
    byOutlet: [...outlets.values()].sort((a, b) => a.outletCode.localeCompare(b.outletCode)),
    exceptions,
    recovered: recovered.sort((a, b) => a.at.localeCompare(b.at)),
    voids,
    withdrawn,
    declined,
  };
}

/**
 * Central's state of a charge in reconciliation's words. `withdrawn` is the manager's withdrawal
 * (its own posting state where the pipeline has one, else a rejection coded POSTING_WITHDRAWN).
 */
export function centralState(row: Pick<RoomChargeRow, 'posting_status' | 'error_code' | 'held_at'>): string {
  const s = row.posting_status as string;
  if (s === 'withdrawn' || (s === 'rejected' && row.error_code === 'POSTING_WITHDRAWN')) return 'withdrawn';
  if (s === 'rejected') return 'declined';
  if (s === 'posted') return 'posted';
  if (row.held_at !== null) return 'held';
  if (row.error_code === 'POSTING_UNKNOWN' && (s === 'failed' || OPEN_STATES.has(s)))
    return 'unknown_outcome';
  if (s === 'failed') return 'failed';
  if (OPEN_STATES.has(s)) return 'pending';
  return s;
}

const STEP_LABEL: Record<string, string> = {
  CONNECTION_FAILED: 'Connection failed',
  POSTING_UNKNOWN: 'Timeout',
  RATE_LIMITED: 'Rate limited',
};

/** "Timeout → Retried → Success" for a posted charge that failed at least once; null otherwise. */
export function recoveredPath(
  attempts: readonly AttemptRow[],
): Omit<RecoveredLine, 'chargeId' | 'outletCode' | 'roomNumber' | 'at' | 'postedAt' | 'amountMinor'> | null {
  const failures = attempts.filter((a) => ['retry', 'failed'].includes(a.outcome));
  if (failures.length === 0 || !attempts.some((a) => a.outcome === 'posted')) return null;
  const words: string[] = [];
  for (const a of attempts) {
    if (a.outcome === 'retry' || a.outcome === 'failed') {
      const timeout = a.error_code === 'CONNECTION_FAILED' && /time/i.test(a.error_message ?? '');
      words.push(timeout ? 'Timeout' : (STEP_LABEL[a.error_code ?? ''] ?? a.error_code ?? 'Failed'));
      words.push(a.outcome === 'failed' ? 'Waited for a manager' : 'Retried');
    } else if (a.outcome === 'manual-retry' || a.outcome === 'released')
      words.push(`Retried by ${a.actor ?? 'a manager'}`);
    else if (a.outcome === 'posted') words.push('Success');
  }
  // "Retried" right before "Retried by …" says the same twice.
  const path = words.filter((w, i) => !(w === 'Retried' && words[i + 1]?.startsWith('Retried by')));
  return {
    path: path.join(' → '),
    steps: attempts
      .filter((a) => !a.outcome.startsWith('void'))
      .map((a) => ({ at: a.at, outcome: a.outcome, errorCode: a.error_code, actor: a.actor })),
  };
}
