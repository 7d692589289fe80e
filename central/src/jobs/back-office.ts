import { createBackOffice, type FolioDatabase, type FolioService } from '@roompost/folio';
import type { Logger, StopStack } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralConfig } from '../config/central-config.js';
import type { CentralDatabase } from '../db/central-database.js';
import { CentralJobs } from './central-jobs.js';
import { countPendingPosCharges } from './pending-pos-charges.js';

/**
 * The folio's back office (rules, night audit, reports; seed 003/004), whose unposted-charges port
 * is central's `room_charges`, and the scheduled jobs that run it: deposit expiry, hold release and
 * the automatic night audit, on the worker that leads.
 */
export function startBackOffice(o: {
  /** The one database handle folio and central share (folio's tables and central's). */
  db: Kysely<FolioDatabase>;
  centralDb: Kysely<CentralDatabase>;
  folio: FolioService;
  config: CentralConfig;
  clock: Clock;
  logger: Logger;
  isLeader: () => boolean;
  stack: StopStack;
}) {
  const { centralDb, folio, config, clock } = o;
  const office = createBackOffice(
    o.db,
    { clock },
    { pendingPosCharges: () => countPendingPosCharges(centralDb) },
  );
  const jobs = new CentralJobs({
    office: { ...office, expireDueDeposits: (by) => folio.expireDueDeposits(by) },
    getProperty: () => folio.getProperty(),
    clock,
    logger: o.logger,
    autoAuditTime: config.nightAudit?.autoTime,
    walkInRatePlan: config.nightAudit?.walkInRatePlan,
    pollMs: (config.nightAudit?.pollSeconds ?? 60) * 1000,
    isLeader: o.isLeader,
  });
  jobs.start();
  o.stack.push(() => jobs.stop());
  return { office, jobs };
}
