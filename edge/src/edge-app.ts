import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openSqlite, uuidV7From } from '@roompost/folio';
import { livenessCheck, StopStack } from '@roompost/sync';
import { sql } from 'kysely';
import { countPending } from './charges/charge.repository.js';
import { startCharging } from './charges/start-charging.js';
import type { EdgeConfig } from './config/edge-config.js';
import { outletView } from './config/outlet-view.js';
import type { EdgeDatabase } from './db/edge-database.js';
import { migrateEdge } from './db/migrations.js';
import { keepDataPrivate } from './db/private-files.js';
import { DeviceStatusBoard } from './devices/device-status-board.js';
import { openPrinter, openReader } from './devices/open-devices.js';
import { startDevices } from './devices/start-devices.js';
import type { Edge, EdgeDeps } from './edge-service.js';
import { KioskEventBus } from './events/event-bus.js';
import { edgeHealth } from './http/edge-health.js';
import { startEdgeHttp } from './http/edge-http.js';
import { openCentralLink } from './link/central-link.js';
import { createEdgeMetrics } from './metrics/edge-metrics.js';
import { BadgeTaps } from './staff/badge-taps.js';

export { DEFAULT_KIOSK_DIR } from './http/edge-http.js';

const EDGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export type { Edge, EdgeDeps };

/** Starts the outlet service: local store, devices, link to central, kiosk API and UI. */
export async function startEdge(config: EdgeConfig, deps: EdgeDeps): Promise<Edge> {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const stack = new StopStack(logger, 'edge');
  try {
    keepDataPrivate(deps.dataDir, resolve(deps.dataDir, config.database), logger);
    const sqlite = openSqlite<EdgeDatabase>(resolve(deps.dataDir, config.database));
    stack.push(() => sqlite.close());
    const db = sqlite.db;
    await migrateEdge(db);

    // Devices never stop the edge from starting: a missing driver module, path or reader shows
    // as that device's `error` health with the reason, and charges still work without them.
    const { reader, simulated: simulatedReader } = openReader(config.devices.reader, logger, now);
    const { printer, pollSeconds } = openPrinter(config.devices.printer, deps.dataDir, logger, now);
    stack.push(() => printer.close());
    const events = new KioskEventBus();
    const devices = new DeviceStatusBoard({ events, logger });
    stack.push(async () => devices.stop());
    const link = await openCentralLink(config, {
      db,
      events,
      logger,
      now,
      stack,
      credentials: deps.credentials,
      catalogSyncMs: deps.catalogSyncMs,
      firstCatalogWaitMs: deps.firstCatalogWaitMs,
    });
    const { client, rpc, online } = link;
    const metrics = createEdgeMetrics({ outboxDepth: () => countPending(db), centralConnected: online });
    const road = await startCharging(config, {
      db,
      client,
      rpc,
      online,
      events,
      devices,
      printer,
      logger,
      now,
      newId: deps.newId ?? uuidV7From({ now }),
      onCharged: () => metrics.chargeCreated(),
      onStatus: () => metrics.statusReceived(),
      version: EDGE_VERSION,
      dataDir: deps.dataDir,
      relay: deps.relay,
      dailySummary: { maxPacketBytes: config.central.maxPacketBytes, ...deps.dailySummary },
      statusIntervalMs: deps.statusIntervalMs,
      stack,
    });
    // A staff outlet's PIN-and-badge sign-in takes the badge just tapped on this reader.
    const badgeTaps = new BadgeTaps(now);
    const { display, gpio } = await startDevices(config, {
      badgeTaps,
      reader,
      printer,
      printerPollSeconds: pollSeconds,
      lookups: road.lookups,
      events,
      devices,
      online,
      logger,
      now,
      stack,
    });
    const httpUrl = await startEdgeHttp(config, {
      badgeTaps,
      db,
      outlet: outletView(config),
      rpc,
      online,
      charges: road.charges,
      lookups: road.lookups,
      withdrawals: road.withdrawals,
      events,
      devices,
      printer,
      simulatedReader,
      gpio,
      metrics,
      health: edgeHealth(config, {
        db,
        online,
        pms: () => link.pmsStatus.current(),
        reader,
        printer,
        devices,
      }),
      client,
      dataDir: deps.dataDir,
      kioskDir: deps.kioskDir,
      logger,
      now,
      stack,
    });
    logger.info({ httpUrl, outlet: config.outlet.code }, 'edge started');

    return {
      httpUrl,
      reader,
      simulatedReader,
      printer,
      devices,
      gpio,
      display,
      relayIdle: () => road.relay.idle(),
      alive: livenessCheck({ logger, checks: { database: () => sql`select 1`.execute(db) } }),
      syncCatalog: () => link.catalogSync.sync(),
      publishDailySummaries: () => road.summaries.publish(),
      stop: stack.stopAll,
    };
  } catch (err) {
    await stack.stopAll();
    throw err;
  }
}
