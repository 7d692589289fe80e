import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { CardReader, ReceiptPrinter, SimulatedCardReader } from '@roompost/drivers';
import { openSqlite } from '@roompost/folio';
import {
  connectDevice,
  type Logger,
  livenessCheck,
  OutboxRelay,
  type OutletView,
  RpcClient,
  StatusPublisher,
  topicFor,
} from '@roompost/sync';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { heldCatalog } from './catalog/catalog.repository.js';
import { CatalogSync, type CatalogSyncResult } from './catalog/catalog-sync.js';
import { deliveryRule } from './catalog/quote.js';
import { countPending } from './charges/charge.repository.js';
import { ChargeService } from './charges/charge-service.js';
import { ChargeVoider } from './charges/charge-void.js';
import { ChargeWithdrawer } from './charges/charge-withdraw.js';
import { sqliteOutboxStore } from './charges/outbox-store.js';
import { signatureRule } from './charges/signature.js';
import { StatusResync } from './charges/status-resync.js';
import type { EdgeConfig } from './config/edge-config.js';
import type { EdgeDatabase } from './db/edge-database.js';
import { migrateEdge } from './db/migrations.js';
import { keepDataPrivate } from './db/private-files.js';
import { DeviceStatusBoard } from './devices/device-status-board.js';
import { openPrinter, openReader } from './devices/open-devices.js';
import { OutletDisplay } from './devices/outlet-display.js';
import { OutletGpio, statusColour } from './devices/outlet-gpio.js';
import { SelfServiceFridge } from './devices/self-service-fridge.js';
import { serviceTestPage } from './devices/service-test-page.js';
import { refreshCredentialsOnReconnect } from './enroll/live-credentials.js';
import { KioskEventBus } from './events/event-bus.js';
import { watchPmsStatus } from './events/pms-status.js';
import { deviceStatusCollector } from './fleet/device-status.js';
import { registerCreditCheckRoutes } from './http/credit-check-routes.js';
import { registerDeviceRoutes } from './http/device-routes.js';
import { installErrorHandler } from './http/error-handler.js';
import { registerKioskRoutes } from './http/kiosk-routes.js';
import { registerReceiptChoiceRoutes } from './http/receipt-choice-routes.js';
import { registerReceiptRoutes } from './http/receipt-routes.js';
import { registerScreenPairing } from './http/screen-access.js';
import { registerStaffRoutes } from './http/staff-routes.js';
import { LookupService, READER_OWNER } from './lookup/lookup-service.js';
import { createEdgeMetrics } from './metrics/edge-metrics.js';
import { reprintLastReceipt } from './receipts/last-receipt.js';
import { ReceiptMailer } from './receipts/receipt-mailer.js';
import { deliveryView, receiptOptionsOf } from './receipts/receipt-options.js';
import { type DailySummaries, startDailySummaries } from './reconciliation/summary-publisher.js';
import { rosterInfo } from './roster/roster.repository.js';
import { RosterSync } from './roster/roster-sync.js';
import { StandIn } from './roster/stand-in.js';
import { StaffAuth } from './staff/staff-auth.js';
import { StaffGate } from './staff/staff-gate.js';
import { StaffRosterSync } from './staff/staff-roster-sync.js';

const EDGE_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const DEFAULT_KIOSK_DIR = fileURLToPath(new URL('../../kiosk-ui/dist/kiosk', import.meta.url));

export interface EdgeDeps {
  dataDir: string;
  logger: Logger;
  now?: () => Date;
  newId?: () => string;
  /** Built kiosk UI to serve at `/`. */
  kioskDir?: string;
  /** How often the outlet's catalog is asked of central (default 5 minutes; also on every connect). */
  catalogSyncMs?: number;
  /** First start with no catalog held: wait this long for central's before serving (default 5 s). */
  firstCatalogWaitMs?: number;
  /** How often the fleet status is published (default 30 s). */
  statusIntervalMs?: number;
  /** Relay timings; tests shorten them. */
  relay?: { retryMs?: number; pollMs?: number; tickMs?: number };
  /** Daily summaries for reconciliation: re-publish interval (default 5 min) and delay after a change (2 s). */
  dailySummary?: { intervalMs?: number; nudgeDelayMs?: number };
  /** Re-reads the MQTT credentials before each reconnect (rotation without a restart). */
  credentials?: () => { username: string; password: string };
}

export interface Edge {
  readonly httpUrl: string;
  readonly reader: CardReader;
  /** The reader when it is simulated (tests and the demo tap it), else null. */
  readonly simulatedReader: SimulatedCardReader | null;
  readonly printer: ReceiptPrinter;
  readonly devices: DeviceStatusBoard;
  /** The outlet's relay, lights and switches, when the config has any. */
  readonly gpio: OutletGpio | null;
  /** The customer pole display, when the config has one. */
  readonly display: OutletDisplay | null;
  /** Resolves when the relay has nothing in hand (tests). */
  relayIdle(): Promise<void>;
  /** The watchdog's question: the event loop is not blocked and the database answers. */
  alive(): Promise<boolean>;
  /** Asks central for the outlet's catalog now (it is also asked on connect and periodically). */
  syncCatalog(): Promise<CatalogSyncResult>;
  /** Publishes the business days' summaries central has not acknowledged (reconciliation ledger a). */
  publishDailySummaries(): Promise<number>;
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

    const client = connectDevice({
      url: config.central.mqttUrl,
      property: config.property,
      device: config.device,
      username: config.central.username,
      password: config.central.password,
      outletCode: config.outlet.code,
      ...(config.central.caFile ? { ca: readFileSync(config.central.caFile, 'utf8') } : {}),
    });
    // Forced: an unacknowledged publish must not hold up shutdown. Charges wait in the SQLite outbox
    // and are sent again on the next start; status and lookups are not worth waiting for.
    stack.push(() => client.endAsync(true));
    client.on('error', (err) => logger.warn({ err: err.message }, 'mqtt error'));
    if (deps.credentials) refreshCredentialsOnReconnect(client, deps.credentials, logger);
    const events = new KioskEventBus();
    const devices = new DeviceStatusBoard({ events, logger });
    stack.push(async () => devices.stop());
    const online = () => client.connected;
    const metrics = createEdgeMetrics({ outboxDepth: () => countPending(db), centralConnected: online });
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
    const catalogSync = new CatalogSync({
      db,
      central: rpc,
      online,
      outletCode: config.outlet.code,
      logger,
      now,
      ...(deps.catalogSyncMs === undefined ? {} : { intervalMs: deps.catalogSyncMs }),
    });
    client.on('connect', () => catalogSync.onConnect());
    const catalogTopic = topicFor('catalogVersion', config.property, config.device);
    const onCatalogVersion = (topic: string, payload: Buffer) => {
      if (topic === catalogTopic) void catalogSync.notified(payload);
    };
    client.on('message', onCatalogVersion);
    stack.push(async () => void client.off('message', onCatalogVersion));
    void client
      .subscribeAsync(catalogTopic, { qos: 1 })
      .catch((err: unknown) => logger.warn({ err }, 'catalog-version subscription pending'));
    catalogSync.start();
    stack.push(async () => catalogSync.stop());
    const pmsStatus = watchPmsStatus({
      client,
      property: config.property,
      device: config.device,
      events,
      logger,
    });
    stack.push(async () => pmsStatus.stop());
    if (!(await heldCatalog(db)) && !(await catalogSync.waitForFirst(deps.firstCatalogWaitMs ?? 5000))) {
      logger.warn({}, 'no catalog from central yet; the menu stays empty until the first sync');
    }

    // The replicated in-house roster and the offline stand-in that charges against it.
    const rosterSync = new RosterSync({
      client,
      db,
      property: config.property,
      device: config.device,
      logger,
      now,
    });
    rosterSync.start();
    stack.push(() => rosterSync.stop());
    const standIn = new StandIn({
      db,
      mode: config.outlet.mode,
      floorLimits: config.offline.floorLimits,
      maxRosterAgeMs: config.offline.maxRosterAgeMinutes * 60_000,
      now,
    });
    const lookups = new LookupService({
      standIn,
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
      standIn,
      central: rpc,
      events,
      printer,
      logger,
      now,
      newId: deps.newId ?? uuidv7,
      onCharged: () => {
        metrics.chargeCreated();
        relay?.nudge();
      },
      onPrinted: () => devices.printerChanged(printer),
      signature: signatureRule(config.outlet),
      delivery: deliveryRule(config.outlet),
    });
    let lastAckAt: Date | null = null;
    let summaries: DailySummaries | undefined;
    relay = new OutboxRelay({
      client,
      property: config.property,
      device: config.device,
      store: sqliteOutboxStore(db, now),
      logger,
      now,
      onStatus: (status) => {
        lastAckAt = now();
        summaries?.nudge();
        void charges
          .publishUpdate(status.chargeId)
          .catch((err: unknown) => logger.warn({ err }, 'kiosk update failed'));
      },
      ...deps.relay,
    });
    await relay.start();
    const withdrawals = new ChargeWithdrawer({
      db,
      charges,
      central: rpc,
      logger,
      now,
      newId: deps.newId ?? uuidv7,
    });
    withdrawals.start();
    client.on('connect', () => withdrawals.resend());
    stack.push(() => withdrawals.stop());
    // Final statuses re-synced: on every connect, ask where each open or recently posted charge stands.
    const resync = new StatusResync({
      db,
      central: rpc,
      logger,
      now,
      online,
      onChanged: (chargeId) => {
        summaries?.nudge();
        void charges
          .publishUpdate(chargeId)
          .catch((err: unknown) => logger.warn({ err }, 'kiosk update failed'));
      },
    });
    client.on('connect', () => resync.resync());
    if (client.connected) resync.resync();
    stack.push(() => resync.stop());
    const statusPublisher = new StatusPublisher({
      client,
      property: config.property,
      device: config.device,
      logger,
      ...(deps.statusIntervalMs === undefined ? {} : { intervalMs: deps.statusIntervalMs }),
      collect: deviceStatusCollector({
        db,
        outletCode: config.outlet.code,
        version: EDGE_VERSION,
        startedAt: now(),
        dataDir: deps.dataDir,
        now,
        lastAckAt: () => lastAckAt,
        // From the device board: what the drivers last reported, no extra printer query per report.
        devices: async () => {
          const seen = new Map(devices.snapshot().map((d) => [d.device, d.health]));
          return {
            reader: seen.get('reader') ?? 'absent',
            printer: seen.get('printer') ?? 'absent',
            gpio: seen.get('gpio') ?? 'absent',
          };
        },
      }),
    });
    statusPublisher.start();
    stack.push(async () => statusPublisher.stop());
    summaries = await startDailySummaries({
      client,
      db,
      property: config.property,
      device: config.device,
      outlet: config.outlet,
      logger,
      now,
      ...deps.dailySummary,
    });
    stack.push(async () => summaries?.stop());
    stack.push(() => relay.stop());

    reader.on('card', ({ uid }) => {
      lookups.lookup({ uid }, READER_OWNER).then(
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
    stack.push(() => reader.close());
    devices.watchReader(reader);
    await reader.start().catch((err: unknown) => {
      logger.error({ err }, 'card reader did not start');
    });
    devices.watchPrinter(printer, pollSeconds);
    const display = config.devices.display
      ? new OutletDisplay(config.devices.display, logger, devices, config.outlet.locale)
      : null;
    if (display) {
      stack.push(() => display.close());
      const off = events.on('charge', (charge) => {
        if (charge.status === 'pending') display.showCharge(charge);
      });
      stack.push(async () => off());
      await display.start();
    }
    const gpio = config.devices.gpio ? new OutletGpio(config.devices.gpio, logger, devices, now) : null;
    if (gpio) {
      stack.push(() => gpio.close());
      // Self-service: a charge unlocks the fridge; the door closing locks it and ends the session.
      const fridge = new SelfServiceFridge({
        gpio,
        events,
        logger,
        pulseSeconds: config.devices.gpio!.relayPulseSeconds,
        selfService: config.outlet.mode === 'self-service',
      });
      stack.push(async () => fridge.stop());
      await gpio.open((input, value) => {
        logger.info({ input, value }, 'gpio input changed');
        fridge.input(input, value);
      });
      // The status light follows central and the devices: green, amber (away, retrying), red (error).
      const showStatus = () => {
        const colour = statusColour(
          online(),
          devices.snapshot().map((d) => d.health),
        );
        gpio.showStatus(colour).catch((err: unknown) => logger.warn({ err }, 'status light not set'));
      };
      const unsubscribe = [events.on('connection', showStatus), events.on('device', showStatus)];
      stack.push(async () => {
        for (const off of unsubscribe) off();
      });
      showStatus();
    }

    const outlet: OutletView = {
      code: config.outlet.code,
      name: config.outlet.name,
      currency: config.outlet.currency,
      locale: config.outlet.locale,
      timeZone: config.outlet.timeZone,
      mode: config.outlet.mode,
      tipPercentPresets: config.outlet.tipPercentPresets,
      signature: signatureRule(config.outlet),
      delivery: deliveryView(config.outlet),
      receiptOptions: receiptOptionsOf(config.outlet),
      simulatedCards: config.devices.reader.kind === 'simulated' ? config.devices.reader.cards : null,
    };

    // forceCloseConnections: open event streams must not hold up a shutdown.
    const app = Fastify({ logger: false, bodyLimit: 64 * 1024, forceCloseConnections: true });
    app.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
    installErrorHandler(app, logger, config.outlet.mode === 'staff');
    metrics.register(app);
    // Staff outlets hold central's roster (slow PIN hashes) and get a signed proof at each sign-in.
    const staffMode = config.outlet.mode === 'staff';
    const roster = new StaffRosterSync({ db, central: rpc, logger, fallback: config.staff });
    if (staffMode) {
      await roster.load();
      client.on('connect', () => void roster.sync());
      if (online()) void roster.sync();
      roster.start();
      stack.push(async () => roster.stop());
    }
    const gate = new StaffGate(
      new StaffAuth({
        staff: () => roster.staff(),
        now,
        logger,
        mintProof: async (id, pin) => (online() ? rpc.staffProof(id, pin, 3000) : null),
      }),
      staffMode,
    );
    registerScreenPairing(app, gate.screens);
    registerStaffRoutes(app, {
      gate,
      charges,
      online,
      voids: new ChargeVoider({ db, charges, central: rpc, logger, now }),
      withdrawals,
    });
    registerDeviceRoutes(app, {
      gate,
      devices,
      printer,
      logger,
      gpio,
      relayPulseSeconds: config.devices.gpio?.relayPulseSeconds ?? 10,
      testPage: serviceTestPage(config, now),
      reprint: () => reprintLastReceipt({ db, printer, outlet: config.outlet }),
    });
    const cpl = config.devices.printer.kind === 'escpos' ? config.devices.printer.cpl : 42;
    registerReceiptRoutes(app, { gate, db, outlet: config.outlet, cpl });
    // E-mail receipts go out through the property's SMTP relay, when one is configured.
    const relayConfig = config.outlet.emailRelay;
    const mailer = relayConfig
      ? new ReceiptMailer({ db, outlet: config.outlet, relay: relayConfig, cpl, logger, now })
      : undefined;
    if (mailer) {
      mailer.start();
      stack.push(() => mailer.stop());
    }
    registerReceiptChoiceRoutes(app, {
      gate,
      db,
      charges,
      printer,
      outlet: config.outlet,
      options: outlet.receiptOptions ?? [],
      secret: config.central.password,
      publicUrl: config.outlet.publicUrl,
      cpl,
      now,
      onPrinted: () => devices.printerChanged(printer),
      onEmailQueued: () => mailer?.nudge(),
    });
    registerCreditCheckRoutes(app, { gate, lookups });
    registerKioskRoutes(app, {
      gate,
      db,
      outlet,
      charges,
      lookups,
      events,
      online,
      simulatedReader,
      devices,
      health: async () => ({
        status: 'ok',
        outlet: config.outlet.code,
        device: config.device,
        central: online() ? 'online' : 'offline',
        pms: pmsStatus.current(),
        pendingCharges: await countPending(db),
        roster: await rosterInfo(db),
        reader: reader.health(),
        // What the printer's last round trip found (polls and its own re-checks keep it current):
        // a health request never waits on a dead printer.
        printer: printer.lastStatus?.() ?? (await printer.status()),
        devices: devices.snapshot(),
      }),
    });
    // A relative --kiosk (docs/running.md writes one) is from the working directory.
    const kioskDir = resolve(deps.kioskDir ?? DEFAULT_KIOSK_DIR);
    if (existsSync(resolve(kioskDir, 'index.html'))) {
      await app.register(fastifyStatic, { root: kioskDir, prefix: '/' });
    } else {
      logger.warn({ kioskDir }, 'kiosk UI not built; run `npm run build:ui`');
      app.get('/', async (_req, reply) =>
        reply.type('text/plain').send('The kiosk UI is not built yet: run `npm run build:ui`, then reload.'),
      );
    }
    stack.push(() => app.close());
    await app.listen({ host: config.http.host, port: config.http.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.http.port;
    const httpUrl = `http://${config.http.host}:${port}`;
    logger.info({ httpUrl, outlet: config.outlet.code }, 'edge started');

    return {
      httpUrl,
      reader,
      simulatedReader,
      printer,
      devices,
      gpio,
      display,
      relayIdle: () => relay.idle(),
      alive: livenessCheck({ logger, checks: { database: () => sql`select 1`.execute(db) } }),
      syncCatalog: () => catalogSync.sync(),
      publishDailySummaries: () => summaries?.publish() ?? Promise.resolve(0),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
