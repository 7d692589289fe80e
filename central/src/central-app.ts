import { createFolioService, type FolioDatabase } from '@roompost/folio';
import { livenessCheck, StopStack } from '@roompost/sync';
import { type Kysely, sql } from 'kysely';
import type { Central, CentralDeps } from './central-service.js';
import { systemClock } from './clock.js';
import type { CentralConfig } from './config/central-config.js';
import type { CentralDatabase } from './db/central-database.js';
import { openCentralDatabase, workerName } from './db/open-central-database.js';
import { openDevicesAndBroker } from './devices/devices-and-broker.js';
import { enrollmentBundle } from './devices/enrollment-bundle.js';
import { FleetMonitor } from './fleet/fleet-monitor.js';
import { startCentralHttp } from './http/central-http.js';
import { startBackOffice } from './jobs/back-office.js';
import { startJobLeadership } from './jobs/job-leadership.js';
import { createCentralMetrics } from './metrics/central-metrics.js';
import { brokerSession } from './mqtt/external-broker.js';
import { openPmsLink } from './pms/pms-link.js';
import { startOutletServices } from './postings/outlet-services.js';
import { countOpen } from './postings/room-charge.repository.js';
import { createReconciliation } from './reconciliation/start-reconciliation.js';
import { loadSecretKey, secretBox } from './secrets/index.js';
import { centralHttpTls } from './tls/http-tls.js';

export type { Central, CentralDeps };

/** Starts central: database, folio engine, broker (embedded or external), posting pipeline, HTTP API. */
export async function startCentral(config: CentralConfig, deps: CentralDeps): Promise<Central> {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const stack = new StopStack(logger, 'central');
  try {
    const store = await openCentralDatabase(config.database, deps.dataDir, config.worker?.id);
    stack.push(() => store.close());
    const db = store.db;
    // Several workers on PostgreSQL: one runs the scheduled jobs, charges are claimed before posting.
    const worker = workerName(config.worker?.id);
    const leadership = startJobLeadership({ db, logger, worker });
    stack.push(() => leadership.stop());
    const isLeader = () => leadership.isLeader();
    const folio = createFolioService(db, { clock });
    // Room lookups answer from commits whose fsync may not have ended (folio wal-sync-driver.ts).
    const lookupFolio = createFolioService(store.unsyncedReads, { clock });
    // Kysely's database type is invariant; central's own code sees only its tables.
    const centralDb = db as unknown as Kysely<CentralDatabase>;
    const folioDb = db as unknown as Kysely<FolioDatabase>;
    const secretKey = loadSecretKey(deps.env ?? process.env, deps.dataDir);
    const base = { db: centralDb, clock, logger, stack, config };
    const pms = await openPmsLink({
      ...base,
      box: secretBox(secretKey),
      folio,
      lookupFolio,
      adapter: deps.adapter,
    });

    const { devices, directory, link } = await openDevicesAndBroker(config, {
      ...base,
      db: centralDb,
      dataDir: deps.dataDir,
      outletExists: (code) => pms.settings.outlet(code) !== undefined,
      propertyReady: async () => (await folio.getProperty()) !== null,
    });
    const { client, broker, brokerTls, mqttUrl } = link;
    const reconciliation = createReconciliation({
      ...base,
      folio,
      adapter: pms.adapter,
      config: config.reconciliation,
      outletName: (code) => pms.settings.outlet(code)?.name ?? code,
      isLeader,
    });
    let fleet: FleetMonitor | undefined;
    const metrics = createCentralMetrics({
      reconciliation: () => reconciliation.service.metricsSnapshot(),
      queueDepth: () => countOpen(centralDb),
      mqttConnections: () => broker?.connectedClients() ?? null,
      fleet: async () => (fleet ? fleet.fleet() : []),
      now: () => clock.now(),
    });
    const outlets = await startOutletServices({
      ...base,
      folio,
      unsyncedReads: store.unsyncedReads as unknown as Kysely<CentralDatabase>,
      adapter: pms.adapter,
      settings: pms.settings,
      retry: pms.retry,
      client,
      shareGroup: brokerSession(config).shareGroup,
      directory,
      metrics,
      reconciliation,
      secretKey,
      isLeader,
      claims:
        store.kind === 'postgres'
          ? { worker, leaseMs: (config.worker?.claimSeconds ?? 120) * 1000 }
          : undefined,
      retryPollMs: deps.retryPollMs,
      statusResendMs: deps.statusResendMs,
      onceConnected: link.onceConnected,
    });
    const { office, jobs } = startBackOffice({ ...base, db: folioDb, centralDb, folio, isLeader });
    const started = new FleetMonitor({
      client,
      db: centralDb,
      property: config.property,
      clock,
      logger,
      knownDevices: () => directory.all(),
    });
    fleet = started;
    await link.onceConnected('fleet monitor', () => started.start());
    stack.push(async () => started.stop());

    // HTTPS off loopback (http.tls): a certificate of the property CA, or the hotel's own.
    const httpTls = await centralHttpTls(config.http, deps.dataDir, config.property);
    const caCertificate = brokerTls?.caCertificate ?? httpTls?.caCertificate ?? null;
    const http = await startCentralHttp({
      ...base,
      folioDb,
      folio,
      httpTls,
      pms,
      outlets,
      office,
      reconciliation,
      devices,
      fleet: started,
      propertyCa: caCertificate,
      bundle: enrollmentBundle({
        property: config.property,
        mqttUrl: config.mqtt.publicUrl ?? mqttUrl,
        caCertificate,
        outletName: (code) => pms.settings.outlet(code)?.name,
        folio,
      }),
      metrics,
      health: {
        property: config.property,
        pms: () => pms.adapter.kind,
        mqttConnected: () => client.connected,
        worker,
        jobs: () => ({ leader: leadership.isLeader(), lastPassAt: jobs.lastPassAt }),
      },
      consoleDir: deps.consoleDir,
      deskDir: deps.deskDir,
    });
    logger.info({ httpUrl: http.httpUrl, mqttUrl, pms: pms.adapter.kind }, 'central started');

    return {
      httpUrl: http.httpUrl,
      mqttUrl,
      folio,
      adapter: pms.adapter,
      db: centralDb,
      users: http.users,
      caCertificate,
      routes: http.routes,
      jobs,
      catalog: outlets.catalog,
      roster: outlets.roster,
      staff: outlets.staff,
      reconciliation: reconciliation.service,
      fleet: started,
      alive: livenessCheck({ logger, checks: { database: () => sql`select 1`.execute(centralDb) } }),
      stop: stack.stopAll,
    };
  } catch (err) {
    await stack.stopAll();
    throw err;
  }
}
