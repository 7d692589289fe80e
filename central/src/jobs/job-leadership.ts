// Which central worker runs the scheduled jobs (retry sweep, deposit expiry, night audit, reconciliation).
// One process on SQLite: always this one. Several workers on one PostgreSQL database: the one holding a
// session advisory lock on a connection of its own. When that worker dies its connection closes, the
// server releases the lock, and another worker takes it at its next try (every `retryMs`).
import { dialectOf } from '@roompost/folio';
import type { Logger } from '@roompost/sync';
import { type Kysely, sql } from 'kysely';

/** The jobs' advisory lock: a fixed 64-bit number, the bytes of "rpjobs01". */
export const JOBS_LOCK_KEY = 0x72706a6f62733031n;

export interface JobLeadership {
  isLeader(): boolean;
  stop(): Promise<void>;
}

export interface JobLeadershipOptions {
  // biome-ignore lint/suspicious/noExplicitAny: any database; only raw statements are run.
  db: Kysely<any>;
  logger: Logger;
  worker: string;
  /** How often a worker that does not hold the lock tries for it, and the holder checks its link. */
  retryMs?: number;
  onChange?: (leader: boolean) => void;
}

export function startJobLeadership(o: JobLeadershipOptions): JobLeadership {
  if (dialectOf(o.db) === 'sqlite') return { isLeader: () => true, stop: async () => {} };
  const retryMs = o.retryMs ?? 2_000;
  let leader = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const become = (value: boolean) => {
    if (leader === value) return;
    leader = value;
    o.logger.info(
      { worker: o.worker, leader: value },
      value ? 'this worker runs the scheduled jobs' : 'scheduled jobs: lock lost',
    );
    o.onChange?.(value);
  };
  const key = sql.lit(JOBS_LOCK_KEY.toString());
  // One pool connection held for as long as this runs: the lock belongs to its session.
  const loop = (async () => {
    while (!stopped) {
      try {
        await o.db.connection().execute(async (conn) => {
          while (!stopped) {
            if (!leader) {
              const got = await sql<{
                got: boolean;
              }>`select pg_try_advisory_lock(${key}::bigint) as got`.execute(conn);
              become(got.rows[0]?.got === true);
            } else {
              await sql`select 1`.execute(conn); // still connected: still holding
            }
            if (!stopped) await pause();
          }
          if (leader) await sql`select pg_advisory_unlock(${key}::bigint)`.execute(conn);
        });
      } catch (err) {
        o.logger.warn({ err, worker: o.worker }, 'scheduled jobs lock: database connection lost');
      }
      become(false);
      if (!stopped) await pause();
    }
  })();
  return {
    isLeader: () => leader,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
