// A day's edge summary too large for one MQTT packet arrives in parts (docs/mqtt-contract.md,
// `daily-summary`): every part carries the whole day's digest and byStatus and a slice of the
// charges. The parts of one digest are kept until all are in; then the day is stored whole, exactly as
// a summary sent in one message would be, and only then acknowledged.
import type { DailySummaryMessage } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import { storeEdgeSummary } from './reconciliation.repository.js';

export type SummaryIntake =
  | { state: 'stored' }
  /** Parts of this digest still missing: nothing to acknowledge yet. */
  | { state: 'waiting'; have: number; parts: number }
  /** The parts are all in but do not add up to the day's byStatus: dropped, not acknowledged. */
  | { state: 'refused'; reason: string };

/**
 * Stores a summary or one part of one. A part of a newer digest replaces the parts of an older one
 * (the day changed while it was being sent). Two central workers receiving the last two parts at the
 * same moment may each see the other's as missing; the edge re-publishes every part until the digest
 * is acknowledged, and the next round completes the set.
 */
export async function receiveEdgeSummary(
  db: Kysely<CentralDatabase>,
  device: string,
  s: DailySummaryMessage,
  receivedAt: string,
): Promise<SummaryIntake> {
  const { part, parts, ...day } = s;
  if (part === undefined || parts === undefined || parts === 1) {
    await storeEdgeSummary(db, device, day, receivedAt);
    return { state: 'stored' };
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('edge_daily_summary_parts')
      .where('device', '=', device)
      .where('business_date', '=', s.businessDate)
      .where((eb) => eb.or([eb('digest', '!=', s.digest), eb('parts', '!=', parts)]))
      .execute();
    const row = {
      device,
      business_date: s.businessDate,
      part,
      parts,
      digest: s.digest,
      charges_json: JSON.stringify(s.charges),
      received_at: receivedAt,
    };
    await trx
      .insertInto('edge_daily_summary_parts')
      .values(row)
      .onConflict((oc) => oc.columns(['device', 'business_date', 'part']).doUpdateSet(row))
      .execute();
    const held = await trx
      .selectFrom('edge_daily_summary_parts')
      .select(['part', 'charges_json'])
      .where('device', '=', device)
      .where('business_date', '=', s.businessDate)
      .orderBy('part')
      .execute();
    if (held.length < parts) return { state: 'waiting', have: held.length, parts };
    const charges = held.flatMap((h) => JSON.parse(h.charges_json) as DailySummaryMessage['charges']);
    await trx
      .deleteFrom('edge_daily_summary_parts')
      .where('device', '=', device)
      .where('business_date', '=', s.businessDate)
      .execute();
    const reason = addsUp(day.byStatus, charges);
    if (reason) return { state: 'refused', reason };
    await storeEdgeSummary(trx, device, { ...day, charges }, receivedAt);
    return { state: 'stored' };
  });
}

/** Why the charges of all parts do not match the day's byStatus, or null when they do. */
function addsUp(
  byStatus: DailySummaryMessage['byStatus'],
  charges: DailySummaryMessage['charges'],
): string | null {
  const listed = new Map<string, { count: number; totalMinor: number }>();
  const ids = new Set<string>();
  for (const c of charges) {
    if (ids.has(c.chargeId)) return `charge ${c.chargeId} is listed in two parts`;
    ids.add(c.chargeId);
    const s = listed.get(c.status) ?? { count: 0, totalMinor: 0 };
    s.count++;
    s.totalMinor += c.totalMinor;
    listed.set(c.status, s);
  }
  for (const b of byStatus) {
    const s = listed.get(b.status) ?? { count: 0, totalMinor: 0 };
    if (s.count !== b.count || s.totalMinor !== b.totalMinor)
      return `byStatus ${b.status}: ${b.count} charges / ${b.totalMinor} counted, ${s.count} / ${s.totalMinor} listed`;
    listed.delete(b.status);
  }
  const extra = [...listed.keys()];
  return extra.length > 0
    ? `charges listed with a status byStatus does not count: ${extra.join(', ')}`
    : null;
}
