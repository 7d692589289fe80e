// Central's HTTP API and its pages: the server (HTTPS off loopback), the error handler, sign-in and
// permissions, the OpenAPI document, metrics, every route group, the console and the front desk.

import { randomUUID } from 'node:crypto';
import {
  createFrontDesk,
  createInvoiceService,
  type FolioDatabase,
  type FolioService,
} from '@roompost/folio';
import type { Logger, StopStack } from '@roompost/sync';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { registerAuditLogRoutes } from '../audit/audit-log.js';
import { installAuthHook } from '../auth/auth-hook.js';
import { registerAuthRoutes } from '../auth/auth-routes.js';
import { UserService } from '../auth/user-service.js';
import { registerCatalogRoutes } from '../catalog/catalog-routes.js';
import type { Clock } from '../clock.js';
import type { CentralConfig } from '../config/central-config.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { DeviceRow } from '../devices/device.repository.js';
import type { DeviceService } from '../devices/device-service.js';
import type { FleetMonitor } from '../fleet/fleet-monitor.js';
import { createInvoiceMailer } from '../invoice-mail/invoice-mailer.js';
import type { startBackOffice } from '../jobs/back-office.js';
import { countPendingPosCharges } from '../jobs/pending-pos-charges.js';
import type { createCentralMetrics } from '../metrics/central-metrics.js';
import type { openPmsLink } from '../pms/pms-link.js';
import type { startOutletServices } from '../postings/outlet-services.js';
import { registerReconciliationRoutes } from '../reconciliation/reconciliation-routes.js';
import type { Reconciliation } from '../reconciliation/start-reconciliation.js';
import type { HttpTls } from '../tls/http-tls.js';
import { DEFAULT_CONSOLE_DIR, registerConsole } from './console-static.js';
import { registerDeskRoutes } from './desk-routes.js';
import { DEFAULT_DESK_DIR, registerDesk } from './desk-static.js';
import { type EnrollmentBundle, registerDeviceRoutes } from './device-routes.js';
import { installErrorHandler } from './error-handler.js';
import { registerFolioRoutes } from './folio-routes.js';
import { type CentralHealth, registerHealthRoutes } from './health-routes.js';
import { registerInvoiceEmailRoutes } from './invoice-email-routes.js';
import { registerInvoiceHtmlRoutes } from './invoice-html-routes.js';
import { registerInvoiceRoutes } from './invoice-routes.js';
import { registerNightAuditRoutes } from './night-audit-routes.js';
import { registerOpenApi } from './openapi.js';
import { registerPaymentRoutes } from './payment-routes.js';
import { registerPmsConfigRoutes } from './pms-config-routes.js';
import { registerPmsRoutes } from './pms-routes.js';
import { registerPropertyRoutes } from './property-routes.js';
import { registerQueueRoutes } from './queue-routes.js';
import { registerReportRoutes } from './report-routes.js';
import { registerReservationChangeRoutes } from './reservation-change-routes.js';
import { registerReservationRoutes } from './reservation-routes.js';
import { registerRoomRoutes } from './room-routes.js';
import { registerRulesRoutes } from './rules-routes.js';
import { registerStaffRoutes } from './staff-routes.js';
import { registerVoidRoutes } from './void-routes.js';

export interface CentralHttpDeps {
  config: CentralConfig;
  /** The one database handle folio and central share. */
  folioDb: Kysely<FolioDatabase>;
  db: Kysely<CentralDatabase>;
  folio: FolioService;
  clock: Clock;
  logger: Logger;
  httpTls: HttpTls | null;
  pms: Awaited<ReturnType<typeof openPmsLink>>;
  outlets: Awaited<ReturnType<typeof startOutletServices>>;
  office: ReturnType<typeof startBackOffice>['office'];
  reconciliation: Reconciliation;
  devices: DeviceService;
  fleet: FleetMonitor;
  propertyCa: string | null;
  bundle: (device: DeviceRow, secret: string) => Promise<EnrollmentBundle>;
  metrics: ReturnType<typeof createCentralMetrics>;
  health: CentralHealth;
  consoleDir: string | undefined;
  deskDir: string | undefined;
  stack: StopStack;
}

export async function startCentralHttp(d: CentralHttpDeps) {
  const { config, db, folio, clock, logger, pms, outlets, office } = d;
  const app = Fastify({
    logger: false,
    bodyLimit: 256 * 1024,
    ...(d.httpTls
      ? { https: { cert: d.httpTls.cert, key: d.httpTls.key, minVersion: 'TLSv1.2' as const } }
      : {}),
  }) as unknown as FastifyInstance;
  app.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  installErrorHandler(app, logger);
  const users = new UserService({
    db,
    clock,
    sessionHours: config.auth?.sessionHours ?? 12,
    lockout: config.auth?.lockout ?? { maxFailures: 5, lockMinutes: 5 },
    ...(config.auth?.clientLockout ? { clientLockout: config.auth.clientLockout } : {}),
  });
  const bootstrap = config.auth?.bootstrapAdmin;
  if (bootstrap && (await users.ensure(bootstrap.username, 'admin', bootstrap.passwordHash, 'config'))) {
    logger.info({ username: bootstrap.username }, 'bootstrap admin created');
  }
  const routes = installAuthHook(app, users);
  await registerOpenApi(app);
  d.metrics.register(app, config.metrics?.tokenSha256);
  registerAuthRoutes(app, users);
  registerHealthRoutes(app, d.health);
  const now = () => clock.now();
  const { pipeline } = outlets;
  registerPmsRoutes(app, { db, adapter: outlets.lookups, pipeline, admission: outlets.admission, now });
  registerPmsConfigRoutes(app, { settings: pms.settings, adapter: pms.adapter, build: pms.build, now });
  registerVoidRoutes(app, { voids: outlets.voids });
  registerStaffRoutes(app, { roster: outlets.staff });
  registerCatalogRoutes(app, { catalog: outlets.catalog });
  registerQueueRoutes(app, { db, pipeline });
  registerReconciliationRoutes(app, { reconciliation: d.reconciliation.service });
  registerAuditLogRoutes(app, { db });
  await registerConsole(app, d.consoleDir ?? DEFAULT_CONSOLE_DIR, logger);
  await registerDesk(app, d.deskDir ?? DEFAULT_DESK_DIR, logger);
  registerReservationRoutes(app, { folio });
  registerReservationChangeRoutes(app, { folio });
  registerRoomRoutes(app, { folio });
  registerFolioRoutes(app, { folio });
  registerPaymentRoutes(app, { folio });
  registerPropertyRoutes(app, { folio });
  const invoices = createInvoiceService(d.folioDb, { clock });
  registerInvoiceRoutes(app, { invoices });
  registerInvoiceHtmlRoutes(app, { invoices });
  const mailer = createInvoiceMailer({
    db,
    invoices,
    relay: config.emailRelay,
    now: () => clock.now(),
    newId: randomUUID,
  });
  d.stack.push(async () => mailer.close());
  registerInvoiceEmailRoutes(app, { mailer });
  const walkInRatePlan = config.nightAudit?.walkInRatePlan;
  registerRulesRoutes(app, { office, folio });
  registerNightAuditRoutes(app, {
    office,
    walkInRatePlan,
    reconciliation: d.reconciliation.summaryOf,
    signOffsOf: d.reconciliation.signOffsOf,
  });
  registerReportRoutes(app, { office });
  registerDeskRoutes(app, {
    desk: createFrontDesk(d.folioDb),
    outlets: () => pms.settings.outlets.map((o) => ({ code: o.code, name: o.name })),
    pendingPosCharges: () => countPendingPosCharges(db),
  });
  registerDeviceRoutes(app, {
    devices: d.devices,
    fleet: d.fleet,
    propertyCa: d.propertyCa,
    bundle: d.bundle,
  });
  await app.listen({ host: config.http.host, port: config.http.port });
  d.stack.push(() => app.close());
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const httpUrl = `${d.httpTls ? 'https' : 'http'}://${config.http.host}:${port}`;
  return { httpUrl, users, routes };
}
