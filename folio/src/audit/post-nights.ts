// Posts every in-house room's night of a stay date in batches of rooms, one transaction per batch. Each line
// is keyed (folio, stay date, code), so a re-run, or a run resumed after a crash, posts only what is missing.
import type { FolioContext } from '../context.js';
import type { NightToPrice } from '../rules/price-night.js';
import type { InHouseRow } from './in-house-nights.js';
import { withPromo } from './in-house-nights.js';
import type { NightAuditCheckpoints, SkippedStay } from './night-audit.types.js';
import { insertNightPostings, type NightPostingRow, postedNightLines } from './night-posting.repository.js';
import { loadNightPricing, nightRows } from './night-pricing.js';

const POSTING_CHUNK = 2_000;

export interface NightsToPost {
  rooms: InHouseRow[];
  /** Each room's night to price (same order as `rooms`), or why it cannot be priced. */
  nights: ReadonlyArray<NightToPrice | string>;
  /** The stay date whose nights are posted. */
  date: string;
  /** The business date they are posted on. */
  postingDate: string;
  by: string;
  batchSize: number;
}

export interface NightsPosted {
  rooms: number;
  postings: number;
  taxMinor: number;
  skipped: SkippedStay[];
}

export async function postNightsOfDate(
  ctx: FolioContext,
  read: NightsToPost,
  checkpoints: NightAuditCheckpoints,
): Promise<NightsPosted> {
  const { db } = ctx;
  const { rooms, nights, date } = read;
  const existing = await postedNightLines(db, date);
  // The codes already posted per folio (a re-run, or a run resumed after a crash). Each in-house stay has
  // its own folio window 1, so a folio is priced once per run: what this run posts never needs adding.
  const posted = new Map<string, Set<string>>();
  for (const p of existing) {
    if (p.code === null) continue;
    const codes = posted.get(p.folio_id) ?? new Set<string>();
    codes.add(p.code);
    posted.set(p.folio_id, codes);
  }
  const { pricing, promos, allotmentUsed } = await loadNightPricing(db, existing);
  const stamp = {
    stayDate: date,
    postingDate: read.postingDate,
    createdAt: ctx.clock.now().toISOString(),
    by: read.by,
    newId: ctx.newId,
  };

  let roomsDone = 0;
  let roomsPosted = 0;
  let postings = 0;
  let taxMinor = 0;
  const skipped: SkippedStay[] = [];
  for (let start = 0; start < rooms.length; start += read.batchSize) {
    const batch = rooms.slice(start, start + read.batchSize);
    const allotmentBefore = new Map(allotmentUsed);
    const rows: NightPostingRow[] = [];
    let batchRooms = 0;
    let batchTax = 0;
    const batchSkipped: SkippedStay[] = [];
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
            const priced = nightRows(
              room as InHouseRow & { folio_id: string },
              withPromo(night, room, promos),
              pricing,
              posted.get(room.folio_id),
              stamp,
            );
            rows.push(...priced.rows);
            batchTax += priced.taxMinor;
            if (priced.rows.length > 0) batchRooms += 1;
          }
          roomsDone += 1;
          checkpoints.afterRoom?.(roomsDone);
        }
        for (let i = 0; i < rows.length; i += POSTING_CHUNK) {
          postings += await insertNightPostings(trx, rows.slice(i, i + POSTING_CHUNK));
        }
      });
    } catch (error) {
      allotmentUsed.clear();
      for (const [k, v] of allotmentBefore) allotmentUsed.set(k, v);
      throw error;
    }
    roomsPosted += batchRooms;
    taxMinor += batchTax;
    skipped.push(...batchSkipped);
  }
  return { rooms: roomsPosted, postings, taxMinor, skipped };
}
