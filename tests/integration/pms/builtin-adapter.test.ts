import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuiltinAdapter } from '@roompost/central';
import { type PmsHarness, runPmsAdapterContract } from '@roompost/central/pms-contract';
import { createFolioService, type FolioDatabase, migrateFolio, openSqlite } from '@roompost/folio';

/** The built-in folio engine behind the PMS seam, on a real SQLite file. It cannot inject faults. */
async function builtinHarness(): Promise<PmsHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-builtin-'));
  const store = openSqlite<FolioDatabase>(join(dir, 'folio.sqlite'));
  await migrateFolio(store.db);
  const folio = createFolioService(store.db, { clock: { now: () => new Date('2026-01-27T20:00:00Z') } });
  await folio.configureProperty({
    name: 'Test',
    currency: 'USD',
    timeZone: 'America/New_York',
    businessDate: '2026-01-27',
  });
  await folio.createRoomType({ code: 'DK', name: 'Deluxe King', baseOccupancy: 2 });
  const seeded = new Set<string>();
  return {
    adapter: createBuiltinAdapter(folio),
    currency: 'USD',
    idempotent: true,
    tellsCheckedOut: true,
    async seedGuest(g) {
      await folio.createRoom({ number: g.roomNumber, roomTypeCode: 'DK' });
      const guestId = await folio.createGuest({ firstName: g.firstName, lastName: g.lastName });
      const stayRef = await folio.checkIn({
        roomNumber: g.roomNumber,
        guestId,
        confirmation: `C${g.roomNumber}`,
        arrival: '2026-01-25',
        departure: '2026-01-28',
        adults: 1,
        creditLimitMinor: g.creditLimitMinor,
        noPost: g.noPost ?? false,
      });
      if (g.balanceMinor) {
        const chargeId = randomUUID();
        seeded.add(chargeId);
        await folio.postCharge({
          chargeId,
          stayRef,
          roomNumber: g.roomNumber,
          outletCode: 'REST',
          checkNumber: '1',
          description: 'Earlier charges',
          currency: 'USD',
          subtotalMinor: g.balanceMinor,
          taxMinor: 0,
          tipMinor: 0,
          postedBy: 'seed',
        });
      }
      if (g.status === 'checked_out') await folio.checkOut(stayRef);
    },
    async postingsFor(roomNumber) {
      const stay = await folio.lookupRoom(roomNumber);
      const totals = new Map<string, number>();
      const refOf = new Map<string, string>();
      for (const p of await folio.listPostings({ stayRef: stay.stayRef })) {
        if (!p.chargeRef || seeded.has(p.chargeRef)) continue;
        refOf.set(p.id, p.chargeRef);
        totals.set(p.chargeRef, (totals.get(p.chargeRef) ?? 0) + p.amountMinor);
      }
      // A void is a linked line of its own (no charge ref): it counts against the charge it reverses.
      for (const f of await folio.getStayFolios(stay.stayRef)) {
        for (const line of f.postings) {
          const ref = line.link ? refOf.get(line.link.postingId) : undefined;
          if (ref && line.link?.kind !== 'TRANSFER_IN')
            totals.set(ref, (totals.get(ref) ?? 0) + line.amountMinor);
        }
      }
      return [...totals].map(([reference, totalMinor]) => ({ reference, totalMinor }));
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

runPmsAdapterContract('builtin', builtinHarness);
