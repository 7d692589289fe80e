// Ledger (c): what the PMS holds, read back by charge id (our idempotency key), never by amount.
// The built-in folio engine is read in bulk with amounts and corrections; adapters with a read-back
// API (feature `read_postings`: Mews, OHIP, the REST template) are asked charge by charge whether
// they hold it; FIAS, HTNG and PMSs without a read-back cannot be read, and the report says so.
// The built-in engine is also asked the other way round: which outlet charges (receipts of origin
// `roompost`, never the demo's seeded history) were served that day under an id central never saw.
import type { ChargeOfDay, FolioService } from '@roompost/folio';
import type { PmsAdapter } from '../pms/adapter.js';

export interface PmsHeld {
  transactionId: string;
  /** What the PMS holds now, net of corrections; null when the read-back tells presence only. */
  netMinor: number | null;
  /** What was first posted (before corrections); null when unknown. */
  postedMinor: number | null;
  correctedMinor: number | null;
}

export type ReadBackMode = 'full' | 'presence' | 'none';

export interface PmsLedger {
  mode: ReadBackMode;
  kind: string;
  /** Set when the read-back was tried and failed (the PMS is down): the report is not verified. */
  error: { code: string; message: string } | null;
  held: Map<string, PmsHeld>;
  /** Charge ids the read-back answered for (held or confirmed absent). */
  asked: Set<string>;
  /**
   * Outlet charges the PMS holds for the day under ids central never received (their amounts are in
   * `held`); null when the PMS cannot be listed by day (only the built-in engine can).
   */
  unknown: Map<string, ChargeOfDay> | null;
}

/** The day the ledger is read for, and how to tell which charge ids central holds at all. */
export interface LedgerDay {
  date: string;
  outlet?: string | undefined;
  knownToCentral: (ids: readonly string[]) => Promise<Set<string>>;
}

const CONCURRENCY = 8;

export async function readPmsLedger(
  adapter: PmsAdapter,
  folio: FolioService,
  charges: ReadonlyArray<{ chargeId: string; roomNumber: string }>,
  day?: LedgerDay,
): Promise<PmsLedger> {
  const kind = adapter.kind;
  const held = new Map<string, PmsHeld>();
  const asked = new Set<string>();
  if (kind === 'builtin') {
    const unknown = new Map<string, ChargeOfDay>();
    const hold = (found: Awaited<ReturnType<FolioService['readHeldCharges']>>) => {
      for (const [id, h] of found) {
        held.set(id, {
          transactionId: h.transactionId,
          netMinor: h.postedMinor + h.correctedMinor,
          postedMinor: h.postedMinor,
          correctedMinor: h.correctedMinor,
        });
      }
    };
    try {
      hold(await folio.readHeldCharges(charges.map((c) => c.chargeId)));
      for (const c of charges) asked.add(c.chargeId);
      if (day) {
        const ids = await folio.listChargeIdsOfDay(day.date, 'roompost');
        const candidates = ids.filter((id) => !asked.has(id));
        const known = candidates.length ? await day.knownToCentral(candidates) : new Set<string>();
        const others = candidates.filter((id) => !known.has(id));
        if (others.length) {
          for (const c of await folio.describeCharges(others))
            if (!day.outlet || c.outletCode === day.outlet) unknown.set(c.chargeId, c);
          hold(await folio.readHeldCharges([...unknown.keys()]));
        }
      }
      return { mode: 'full', kind, error: null, held, asked, unknown: day ? unknown : null };
    } catch (err) {
      return { mode: 'full', kind, error: errorOf(err), held, asked, unknown: null };
    }
  }
  const find = adapter.features.has('read_postings') ? adapter.findPosting?.bind(adapter) : undefined;
  if (!find) return { mode: 'none', kind, error: null, held, asked, unknown: null };
  let next = 0;
  let error: PmsLedger['error'] = null;
  const worker = async () => {
    while (next < charges.length && !error) {
      const c = charges[next++]!;
      try {
        const result = await find(c.chargeId, c.roomNumber);
        asked.add(c.chargeId);
        if (result)
          held.set(c.chargeId, {
            transactionId: result.pmsTransactionId,
            netMinor: null,
            postedMinor: null,
            correctedMinor: null,
          });
      } catch (err) {
        error = errorOf(err);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { mode: 'presence', kind, error, held, asked, unknown: null };
}

function errorOf(err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; message?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : 'CONNECTION_FAILED',
    message: typeof e.message === 'string' ? e.message : String(err),
  };
}
