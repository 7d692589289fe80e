// The back office over one database (seed 003 §8, seed 004 §5): surcharge/discount rules and promo codes,
// night audit and the morning reports. Built like createInvoiceService; the host supplies the night audit's
// ports. `faults` injects faults at the night audit's checkpoints (tests of crash and resume only).
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { type FolioDeps, uuidV7From } from '../deps.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { createReportService } from '../reports/reports.js';
import { createRuleService } from '../rules/rule.service.js';
import { createNightAuditService, type NightAuditCheckpoints, type NightAuditPorts } from './night-audit.js';
import { createHoldReleaseService } from './release-holds.js';

export function createBackOffice<DB extends FolioDatabase>(
  db: Kysely<DB>,
  deps: FolioDeps,
  ports: NightAuditPorts,
  faults?: { nightAudit?: NightAuditCheckpoints },
) {
  const ctx: FolioContext = {
    db: db as unknown as Kysely<FolioDatabase>,
    clock: deps.clock,
    newId: deps.newId ?? uuidV7From(deps.clock),
  };
  return {
    ...createRuleService(ctx),
    ...createNightAuditService(ctx, ports, faults?.nightAudit),
    ...createReportService(ctx),
    ...createHoldReleaseService(ctx),
  };
}

export type BackOffice = ReturnType<typeof createBackOffice>;
