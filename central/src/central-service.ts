// What starting central takes and what it hands back (central-app.ts wires it).
import type { FolioService } from '@roompost/folio';
import type { Logger } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { ApiRoute } from './auth/auth-hook.js';
import type { UserService } from './auth/user-service.js';
import type { CatalogService } from './catalog/catalog-service.js';
import type { Clock } from './clock.js';
import type { CentralDatabase } from './db/central-database.js';
import type { FleetMonitor } from './fleet/fleet-monitor.js';
import type { CentralJobs } from './jobs/central-jobs.js';
import type { PmsAdapter } from './pms/adapter.js';
import type { ReconciliationService } from './reconciliation/reconciliation-service.js';
import type { RosterService } from './roster/roster-service.js';
import type { StaffRoster } from './staff/staff-roster.js';

export interface CentralDeps {
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  /** Poll period of the posting retry sweep; tests shorten it. */
  retryPollMs?: number;
  /** How often unacknowledged final statuses go out again (default 60 s); tests shorten it. */
  statusResendMs?: number;
  /** Built back-office console to serve at /console/. */
  consoleDir?: string;
  /** Built front desk to serve at /desk/. */
  deskDir?: string;
  /** Build this adapter instead of the one `config.pms` names (tests with a scripted PMS). */
  adapter?: (folio: FolioService) => PmsAdapter;
  /** Where ROOMPOST_SECRET_KEY / ROOMPOST_SECRET_KEY_FILE are read (process.env by default). */
  env?: Record<string, string | undefined>;
}

export interface Central {
  readonly httpUrl: string;
  readonly mqttUrl: string;
  readonly folio: FolioService;
  readonly adapter: PmsAdapter;
  readonly db: Kysely<CentralDatabase>;
  /** Users who sign in to the HTTP API (the demo seeds its users through this). */
  readonly users: UserService;
  /** The property CA certificate (PEM) when the embedded broker listens with TLS, else null. */
  readonly caCertificate: string | null;
  /** Every HTTP route as Fastify registered it (the permission table must name each /api one). */
  readonly routes: ReadonlyArray<ApiRoute>;
  /** Scheduled jobs (deposit expiry, hold release, automatic night audit); tests move the clock and tick. */
  readonly jobs: CentralJobs;
  /** Each outlet's item master (the demo seeds its menus through this). */
  readonly catalog: CatalogService;
  /** The in-house roster replicated to the outlets for the offline stand-in. */
  readonly roster: RosterService;
  /** Outlet staff who sign in with a PIN (managed here, synced to staff outlets). */
  readonly staff: StaffRoster;
  /** Daily reconciliation (the automatic run's `tick` is driven by the clock; tests call it). */
  readonly reconciliation: ReconciliationService;
  /** Every device's health, as GET /api/fleet answers it (a hotel group's view reads it too). */
  readonly fleet: Pick<FleetMonitor, 'fleet'>;
  /** The watchdog's question: the event loop is not blocked and the database answers. */
  alive(): Promise<boolean>;
  stop(): Promise<void>;
}
