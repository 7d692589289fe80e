import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { SimulatedCardReader, SimulatedPrinter } from '@roompost/drivers';
import { openSqlite } from '@roompost/folio';
import { connectDevice, type Logger, OutboxRelay, type OutletView, RpcClient } from '@roompost/sync';
import Fastify from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { seedDemoCatalog } from './catalog/demo-catalog.js';
import { countPending } from './charges/charge.repository.js';
import { ChargeService } from './charges/charge-service.js';
import { sqliteOutboxStore } from './charges/outbox-store.js';
import type { EdgeConfig } from './config/edge-config.js';
import type { EdgeDatabase } from './db/edge-database.js';
import { migrateEdge } from './db/migrations.js';
import { KioskEventBus } from './events/event-bus.js';
import { installErrorHandler } from './http/error-handler.js';
import { registerKioskRoutes } from './http/kiosk-routes.js';
import { LookupService } from './lookup/lookup-service.js';

export const DEFAULT_KIOSK_DIR = fileURLToPath(new URL('../../kiosk-ui/dist/kiosk', import.meta.url));

export interface EdgeDeps {
  dataDir: string;
  logger: Logger;
  now?: () => Date;
  newId?: () => string;
  /** Built kiosk UI to serve at `/`. */
  kioskDir?: string;
  /** Fill an empty catalog with the demo Pool Bar menu. */
  seedDemoCatalog?: boolean;
  /** Relay timings; tests shorten them. */
  relay?: { retryMs?: number; pollMs?: number; tickMs?: number };
}

export interface Edge {
  readonly httpUrl: string;
  readonly reader: SimulatedCardReader;
  readonly printer: SimulatedPrinter;
  /** Resolves when the relay has nothing in hand (tests). */
  relayIdle(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the outlet service: local store, devices, link to central, kiosk API and UI. */
export async function startEdge(config: EdgeConfig, deps: EdgeDeps): Promise<Edge> {
  const { logger } = deps;
  const now = deps.now ?? (() => new Date());
  const stack: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stack.reverse()) {
      await stop().catch((err: unknown) => logger.error({ err }, 'error while stopping edge'));
    }
  };
  try {
    const sqlite = openSqlite<EdgeDatabase>(resolve(deps.dataDir, config.database));
    stack.push(() => sqlite.close());
    const db = sqlite.db;
    await migrateEdge(db);
    if (deps.seedDemoCatalog) await seedDemoCatalog(db);

    const reader = new SimulatedCardReader({ logger });
    const printer = new SimulatedPrinter({
      file: resolve(deps.dataDir, config.devices.printer.file),
      logger,
    });
    stack.push(() => printer.close());

    const client = connectDevice({
      url: config.central.mqttUrl,
      property: config.property,
      device: config.device,
      username: config.central.username,
      password: config.central.password,
      outletCode: config.outlet.code,
    });
    stack.push(() => client.endAsync());
    client.on('error', (err) => logger.warn({ err: err.message }, 'mqtt error'));
    const events = new KioskEventBus();
    const online = () => client.connected;
    client.on('connect', () => {
      logger.info({}, 'connected to central');
      events.emit('connection', { central: 'online' });
    });
    client.on('close', () => events.emit('connection', { central: 'offline' }));

    const rpc = new RpcClient({
      client,
      property: config.property,
      device: config.device,
      logger,
      timeoutMs: config.lookup.rpcTimeoutMs,
    });
    client.on('message', () => {}); // keeps mqtt.js flowing even before the first handler subscribes
    void rpc.start().catch((err: unknown) => logger.warn({ err }, 'rpc subscription pending'));
    stack.push(async () => rpc.stop());

    const lookups = new LookupService({
      central: rpc,
      mode: config.outlet.mode,
      verificationTtlMs: config.lookup.verificationTtlSeconds * 1000,
      now,
      online,
    });
    let relay: OutboxRelay | undefined;
    const charges = new ChargeService({
      db,
      outlet: config.outlet,
      lookups,
      events,
      printer,
      logger,
      now,
      newId: deps.newId ?? uuidv7,
      onCharged: () => relay?.nudge(),
    });
    relay = new OutboxRelay({
      client,
      property: config.property,
      device: config.device,
      store: sqliteOutboxStore(db, now),
      logger,
      now,
      onStatus: (status) => {
        void charges
          .publishUpdate(status.chargeId)
          .catch((err: unknown) => logger.warn({ err }, 'kiosk update failed'));
      },
      ...deps.relay,
    });
    await relay.start();
    stack.push(() => relay.stop());

    reader.on('card', ({ uid }) => {
      lookups.lookup({ uid }).then(
        (lookup) => events.emit('tap', { ok: true, lookup }),
        (err: unknown) => {
          const body = err instanceof Error && 'body' in err ? (err as { body(): never }).body() : null;
          if (!body) logger.error({ err }, 'card lookup failed');
          events.emit('tap', {
            ok: false,
            error: body ?? { code: 'INTERNAL', message: 'card lookup failed', action: 'Try again' },
          });
        },
      );
    });
    await reader.start();
    stack.push(() => reader.close());

    const outlet: OutletView = {
      code: config.outlet.code,
      name: config.outlet.name,
      currency: config.outlet.currency,
      locale: config.outlet.locale,
      timeZone: config.outlet.timeZone,
      mode: config.outlet.mode,
      tipPercentPresets: config.outlet.tipPercentPresets,
      simulatedCards: config.devices.reader.kind === 'simulated' ? config.devices.reader.cards : null,
    };

    // forceCloseConnections: open event streams must not hold up a shutdown.
    const app = Fastify({ logger: false, bodyLimit: 64 * 1024, forceCloseConnections: true });
    installErrorHandler(app, logger, config.outlet.mode === 'staff');
    registerKioskRoutes(app, {
      db,
      outlet,
      charges,
      lookups,
      events,
      online,
      simulatedReader: reader,
      health: async () => ({
        status: 'ok',
        outlet: config.outlet.code,
        device: config.device,
        central: online() ? 'online' : 'offline',
        pendingCharges: await countPending(db),
        reader: reader.health(),
        printer: await printer.status(),
      }),
    });
    const kioskDir = deps.kioskDir ?? DEFAULT_KIOSK_DIR;
    if (existsSync(resolve(kioskDir, 'index.html'))) {
      await app.register(fastifyStatic, { root: kioskDir, prefix: '/' });
    } else {
      logger.warn({ kioskDir }, 'kiosk UI not built; run `npm run build:ui`');
      app.get('/', async (_req, reply) =>
        reply.type('text/plain').send('The kiosk UI is not built yet: run `npm run build:ui`, then reload.'),
      );
    }
    await app.listen({ host: config.http.host, port: config.http.port });
    stack.push(() => app.close());
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    const httpUrl = `http://${config.http.host}:${port}`;
    logger.info({ httpUrl, outlet: config.outlet.code }, 'edge started');

    return { httpUrl, reader, printer, relayIdle: () => relay.idle(), stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
