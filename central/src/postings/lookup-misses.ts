// The self-service lookups that found nobody, per device, as the throttle of outlet-lookups.ts counts
// them. Kept in central's database, so the count holds across every central worker on one PostgreSQL
// database (with the misses in each worker's memory a device would get N workers × the attempts) and
// across a restart. Cheap: one indexed count per self-service lookup, one insert per miss.
import { QueryTemplate } from '@roompost/folio';
import type { Generated, Kysely } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';

export interface LookupMissTable {
  id: Generated<number>;
  device_id: string;
  missed_at: string;
}

export interface LookupMissDatabase {
  lookup_misses: LookupMissTable;
}

/** The misses a throttle counts: how many since a time (and the oldest of them), and a new one. */
export interface LookupMissLog {
  recent(device: string, sinceIso: string): Promise<{ count: number; oldest: string | null }>;
  /** Records a miss at `atIso` and forgets this device's misses at or before `forgetIso`. */
  record(device: string, atIso: string, forgetIso: string): Promise<void>;
}

/** `reads` counts (a count that includes a miss not yet on disk only throttles sooner); `db` records. */
export function databaseMissLog(db: Kysely<CentralDatabase>, reads = db): LookupMissLog {
  // Every self-service lookup and live re-check counts: compiled once, not built per lookup.
  const recent = new QueryTemplate<
    { device: string; since: string },
    { n: number | string | bigint; oldest: string | null }
  >(['device', 'since'], (a) =>
    reads
      .selectFrom('lookup_misses')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('missed_at').as('oldest')])
      .where('device_id', '=', a.device)
      .where('missed_at', '>', a.since),
  );
  return {
    async recent(device, sinceIso) {
      const row = (await recent.execute(reads, { device, since: sinceIso })).rows[0];
      return { count: Number(row?.n ?? 0), oldest: row?.oldest ?? null };
    },
    async record(device, atIso, forgetIso) {
      await db.insertInto('lookup_misses').values({ device_id: device, missed_at: atIso }).execute();
      await db
        .deleteFrom('lookup_misses')
        .where('device_id', '=', device)
        .where('missed_at', '<=', forgetIso)
        .execute();
    },
  };
}

/** The same in this process's memory (one central, tests that build the lookups alone). */
export function memoryMissLog(): LookupMissLog {
  const misses = new Map<string, string[]>();
  return {
    async recent(device, sinceIso) {
      const recent = (misses.get(device) ?? []).filter((at) => at > sinceIso);
      return { count: recent.length, oldest: recent[0] ?? null };
    },
    async record(device, atIso, forgetIso) {
      misses.set(device, [...(misses.get(device) ?? []).filter((at) => at > forgetIso), atIso]);
      if (misses.size > 5000) misses.delete(misses.keys().next().value as string);
    },
  };
}
