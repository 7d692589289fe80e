// Ledger (c): what the PMS holds, read back by charge id (our idempotency key), never by amount.
// The built-in folio engine is read in bulk with amounts and corrections; adapters with a read-back
// API (feature `read_postings`: Mews, OHIP, the REST template) are asked charge by charge whether
// they hold it; FIAS, HTNG and PMSs without a read-back cannot be read, and the report says so.
import type { FolioService } from '@roompost/folio';
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
}

const CONCURRENCY = 8;

export async function readPmsLedger(
  adapter: PmsAdapter,
  folio: FolioService,
  charges: ReadonlyArray<{ chargeId: string; roomNumber: string }>,
): Promise<PmsLedger> {
  const kind = adapter.kind;
  const held = new Map<string, PmsHeld>();
  const asked = new Set<string>();
  if (kind === 'builtin') {
    try {
      const found = await folio.readHeldCharges(charges.map((c) => c.chargeId));
      for (const c of charges) asked.add(c.chargeId);
      for (const [id, h] of found) {
        held.set(id, {
          transactionId: h.transactionId,
          netMinor: h.postedMinor + h.correctedMinor,
          postedMinor: h.postedMinor,
          correctedMinor: h.correctedMinor,
        });
      }
      return { mode: 'full', kind, error: null, held, asked };
    } catch (err) {
      return { mode: 'full', kind, error: errorOf(err), held, asked };
    }
  }
  const find = adapter.features.has('read_postings') ? adapter.findPosting?.bind(adapter) : undefined;
  if (!find) return { mode: 'none', kind, error: null, held, asked };
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
  return { mode: 'presence', kind, error, held, asked };
}

function errorOf(err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; message?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : 'CONNECTION_FAILED',
    message: typeof e.message === 'string' ? e.message : String(err),
  };
}
