import {
  createBackOffice,
  createFolioService,
  createFrontDesk,
  createInvoiceService,
  type FolioDatabase,
  type FolioService,
} from '@roompost/folio';
import {
  type CatalogVersionMessage,
  ChargeInbox,
  connectService,
  type EmbeddedBroker,
  type Logger,
  livenessCheck,
  type MqttClient,
  RpcServer,
  startEmbeddedBroker,
  topicFor,
} from '@roompost/sync';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { registerAuditLogRoutes } from './audit/audit-log.js';
import { type ApiRoute, installAuthHook } from './auth/auth-hook.js';
import { registerAuthRoutes } from './auth/auth-routes.js';
import { UserService } from './auth/user-service.js';
import { registerCatalogRoutes } from './catalog/catalog-routes.js';
import { CatalogService } from './catalog/catalog-service.js';
import { type Clock, systemClock } from './clock.js';
import type { CentralConfig } from './config/central-config.js';
import type { CentralDatabase } from './db/central-database.js';
import { openCentralDatabase, workerName } from './db/open-central-database.js';
import { DeviceDirectory } from './devices/device-directory.js';
import { DeviceService } from './devices/device-service.js';
import { FleetMonitor } from './fleet/fleet-monitor.js';
import { DEFAULT_CONSOLE_DIR, registerConsole } from './http/console-static.js';
import { registerDeskRoutes } from './http/desk-routes.js';
import { DEFAULT_DESK_DIR, registerDesk } from './http/desk-static.js';
import { registerDeviceRoutes } from './http/device-routes.js';
import { installErrorHandler } from './http/error-handler.js';
import { registerFolioRoutes } from './http/folio-routes.js';
import { registerInvoiceHtmlRoutes } from './http/invoice-html-routes.js';
import { registerInvoiceRoutes } from './http/invoice-routes.js';
import { registerNightAuditRoutes } from './http/night-audit-routes.js';
import { registerOpenApi } from './http/openapi.js';
import { registerPaymentRoutes } from './http/payment-routes.js';
import { registerPmsConfigRoutes } from './http/pms-config-routes.js';
import { registerPmsRoutes } from './http/pms-routes.js';
import { registerPropertyRoutes } from './http/property-routes.js';
import { registerQueueRoutes } from './http/queue-routes.js';
import { registerReportRoutes } from './http/report-routes.js';
import { registerReservationRoutes } from './http/reservation-routes.js';
import { registerRoomRoutes } from './http/room-routes.js';
import { registerRulesRoutes } from './http/rules-routes.js';
import { registerStaffRoutes } from './http/staff-routes.js';
import { registerVoidRoutes } from './http/void-routes.js';
import { CentralJobs } from './jobs/central-jobs.js';
import { startJobLeadership } from './jobs/job-leadership.js';
import { countPendingPosCharges } from './jobs/pending-pos-charges.js';
import { createCentralMetrics } from './metrics/central-metrics.js';
import { configuredBrokerAuth } from './mqtt/broker-auth.js';
import { toErrorBody } from './mqtt/error-body.js';
import { brokerSession, connectExternalBroker } from './mqtt/external-broker.js';
import type { PmsAdapter } from './pms/adapter.js';
import { buildPmsAdapter } from './pms/create-adapter.js';
import { withGuestProfiles } from './pms/guest-profile-sync.js';
import { storedRefreshTokens } from './pms/oauth/stored-refresh-tokens.js';
import type { PmsConfig } from './pms/pms-config.js';
import { PmsSettings } from './pms/pms-settings.js';
import { liveRetryPolicy } from './pms/retry-options.js';
import { swappableAdapter } from './pms/swappable-adapter.js';
import { admissionPolicy } from './postings/admission-policy.js';
import { CHARGE_CHECKS, ChargeAdmission } from './postings/charge-admission.js';
import { chargeIntake } from './postings/charge-intake.js';
import { outletRpcHandler } from './postings/outlet-rpc.js';
import { PmsHealthPublisher } from './postings/pms-health-publisher.js';
import { PostingPipeline } from './postings/posting-pipeline.js';
import { countOpen } from './postings/room-charge.repository.js';
import { registerReconciliationRoutes } from './reconciliation/reconciliation-routes.js';
import type { ReconciliationService } from './reconciliation/reconciliation-service.js';
import { createReconciliation } from './reconciliation/start-reconciliation.js';
import { withRosterObserver } from './roster/observed-lookups.js';
import { folioInHouseRooms } from './roster/roster.repository.js';
import { RosterService } from './roster/roster-service.js';
import { loadSecretKey, secretBox } from './secrets/index.js';
import { staffClaimCheck } from './staff/staff-claim-check.js';
import { staffProofSigner } from './staff/staff-proof.js';
import { StaffRoster } from './staff/staff-roster.js';
import { centralHttpTls } from './tls/http-tls.js';
import { type BrokerTls, propertyBrokerTls } from './tls/property-ca.js';
import { VoidService } from './voids/void-service.js';

export interface CentralDeps {
  dataDir: string;
  logger: Logger;
  clock?: Clock;
  /** Poll period of the posting retry sweep; tests shorten it. */
  retryPollMs?: number;
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

/** Starts central: database, folio engine, broker (embedded or external), posting pipeline, HTTP API. */
export async function startCentral(config: CentralConfig, deps: CentralDeps): Promise<Central> {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  const stack: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stack.reverse()) {
      await stop().catch((err: unknown) => logger.error({ err }, 'error while stopping central'));
    }
  };
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
    // Kysely's database type is invariant; central's own code sees only its tables.
    const centralDb = db as unknown as Kysely<CentralDatabase>;
    // The PMS config and outlets: central.json until one is set over HTTP (stored, secrets sealed).
    const secretKey = loadSecretKey(deps.env ?? process.env, deps.dataDir);
    const box = secretBox(secretKey);
    const settings = await PmsSettings.load({
      db: centralDb,
      box,
      clock,
      logger,
      file: {
        pms: config.pms,
        outlets: config.outlets,
        posting: config.posting,
        guestProfiles: config.guestProfiles,
        retry: config.retry,
      },
    });
    // The retry policy as `PUT /api/pms/config` last set it: read at each failed attempt.
    const retry = liveRetryPolicy(() => settings.retry);
    const buildAdapter = (pms: PmsConfig): PmsAdapter =>
      deps.adapter
        ? deps.adapter(folio)
        : buildPmsAdapter(pms, {
            clock,
            folio,
            logger,
            refreshTokens: storedRefreshTokens({ db: centralDb, box, clock }),
          });
    // One stable adapter object for everyone; `PUT /api/pms/config` swaps what is behind it.
    const adapter = swappableAdapter(buildAdapter(settings.pms), logger);
    stack.push(() => adapter.close());

    let broker: EmbeddedBroker | undefined;
    // An external Mosquitto whose accounts central keeps (docs/scale-out.md); undefined otherwise.
    const external = await connectExternalBroker(config, logger);
    if (external) stack.push(() => external.close());
    const session = brokerSession(config);
    const devices = new DeviceService({
      db: centralDb,
      clock,
      property: config.property,
      outletCodes: { has: (code) => settings.outlet(code) !== undefined },
      // The embedded broker drops a revoked device's connections; Mosquitto's deleteClient (broker) does.
      onRevoked: (id) => broker?.disconnectDevice(id),
      onReenrolled: (id) => broker?.disconnectDevice(id),
      propertyReady: async () => (await folio.getProperty()) !== null,
      ...(external ? { broker: external.accounts } : {}),
    });
    await external?.accounts.reconcile(await devices.list());
    let mqttUrl = config.mqtt.url ?? '';
    let brokerTls: BrokerTls | undefined;
    if (config.mqtt.embedded?.tls) {
      const publicHost = config.mqtt.publicUrl ? new URL(config.mqtt.publicUrl).hostname : undefined;
      brokerTls = await propertyBrokerTls(deps.dataDir, config.property, [
        config.mqtt.embedded.host,
        // Central's own connection dials loopback when the broker listens on every address.
        ...(isWildcard(config.mqtt.embedded.host) ? ['127.0.0.1'] : []),
        ...(config.mqtt.embedded.tlsNames ?? []),
        ...(publicHost ? [publicHost.replace(/^\[|\]$/g, '')] : []),
      ]);
    }
    if (config.mqtt.embedded) {
      broker = await startEmbeddedBroker({
        host: config.mqtt.embedded.host,
        port: config.mqtt.embedded.port,
        ...(brokerTls ? { tls: { cert: brokerTls.cert, key: brokerTls.key } } : {}),
        ...(config.mqtt.embedded.maxPacketBytes
          ? { maxPacketBytes: config.mqtt.embedded.maxPacketBytes }
          : {}),
        authenticate: configuredBrokerAuth(config, (user, password) =>
          user === undefined ? Promise.resolve(null) : devices.authenticate(user, password),
        ),
        logger,
      });
      const started = broker;
      stack.push(() => started.close());
      const dial = isWildcard(config.mqtt.embedded.host) ? '127.0.0.1' : config.mqtt.embedded.host;
      mqttUrl = `${brokerTls ? 'mqtts' : 'mqtt'}://${dial}:${started.port}`;
    }

    const client: MqttClient = connectService({
      url: mqttUrl,
      clientId: session.clientId,
      clean: session.clean,
      username: config.mqtt.username,
      password: config.mqtt.password,
      ...(brokerTls ? { ca: brokerTls.caCertificate } : {}),
    });
    // Forced: a charge status lost on shutdown is asked for again by the edge (relay polling).
    stack.push(() => client.endAsync(true));
    client.on('error', (err) => logger.warn({ err: err.message }, 'mqtt client error'));
    // An external broker that is down does not keep central's HTTP API closed: the MQTT side comes
    // up when the broker does (health says `mqtt: disconnected` until then). The embedded one is here.
    const connected = waitForConnect(client, logger);
    if (broker) await connected;
    const onceConnected = async (what: string, start: () => Promise<void>) => {
      const started = connected.then(start);
      if (broker) return started;
      started.catch((err: unknown) => logger.error({ err }, `${what} did not start`));
    };

    const outletContext = {
      describeOutlet: (code: string) => settings.outlet(code)?.postingDescription ?? code,
      requestExtras: (code: string) => ({
        outletPmsCodes: settings.outlet(code)?.pmsCodes,
        posting: settings.posting,
      }),
    };
    const directory = new DeviceDirectory(centralDb, config.devices);
    let inbox: ChargeInbox | undefined;
    const reconciliation = createReconciliation({
      db: centralDb,
      folio,
      adapter,
      clock,
      logger,
      config: config.reconciliation,
      outletName: (code) => settings.outlet(code)?.name ?? code,
      isLeader,
    });
    const metrics = createCentralMetrics({
      reconciliation: () => reconciliation.service.metricsSnapshot(),
      queueDepth: () => countOpen(centralDb),
      mqttConnections: () => broker?.connectedClients() ?? null,
      fleet: () => fleet.fleet(), // scraped only once central listens, after the monitor started
      now: () => clock.now(),
    });
    // Every device that is not revoked (central.json's, then enrolled ones).
    const outletDevices = async () => [
      ...new Set([
        ...config.devices.map((d) => d.id),
        ...(await devices.list()).filter((d) => d.status !== 'revoked').map((d) => d.id),
      ]),
    ];
    const pmsHealth = new PmsHealthPublisher({
      client,
      property: config.property,
      now: () => clock.now(),
      logger,
      devices: outletDevices,
    });
    let roster: RosterService | undefined;
    const pipeline = new PostingPipeline({
      onPmsHealth: (trouble) => pmsHealth.report(trouble),
      onReceived: (source) => {
        metrics.chargeReceived(source);
        roster?.chargesChanged();
      },
      onAttempt: (outcome) => metrics.postingAttempt(outcome),
      db: centralDb,
      adapter,
      clock,
      logger,
      retry,
      ...outletContext,
      holdOutlet: (code) => settings.outlet(code)?.autoPost === false,
      refuseOutlet: (code) =>
        settings.outlet(code)?.allowedForRoomCharge === false
          ? { code: 'OUTLET_NOT_ALLOWED', message: `outlet ${code} may not charge to rooms` }
          : null,
      notify: async (device, status) => {
        roster?.chargesChanged();
        return inbox?.publishStatus(device, status);
      },
      ...(deps.retryPollMs === undefined ? {} : { pollMs: deps.retryPollMs }),
      ...(store.kind === 'postgres'
        ? { claims: { worker, leaseMs: (config.worker?.claimSeconds ?? 120) * 1000 } }
        : {}),
      isLeader,
    });
    // Room lookups (outlets over RPC, the HTTP API) carry the guest profile when profile sync is on.
    const profiled = withGuestProfiles(adapter, {
      db: centralDb,
      clock,
      logger,
      options: () => settings.guestProfiles,
    });
    roster = new RosterService({
      db: centralDb,
      lookups: adapter,
      clock,
      logger,
      inHouseRooms: () => folioInHouseRooms(db as unknown as Kysely<FolioDatabase>),
      devices: outletDevices,
      publish: async (device, kind, payload, retain) => {
        await client.publishAsync(topicFor(kind, config.property, device), payload, { qos: 1, retain });
      },
    });
    const lookups = withRosterObserver(profiled, roster, logger);
    const voids = new VoidService({
      db: centralDb,
      adapter,
      clock,
      logger,
      retry,
      ...outletContext,
      notify: async (device, status) => inbox?.publishStatus(device, status),
      ...(deps.retryPollMs === undefined ? {} : { pollMs: deps.retryPollMs }),
    });
    const staffRoster = new StaffRoster({
      db: centralDb,
      clock,
      pinLength: config.auth?.staffPinLength ?? 6,
    });
    const staffSigner = staffProofSigner(secretKey);
    const catalog = new CatalogService({
      db: centralDb,
      clock,
      outletExists: (code) => settings.outlet(code) !== undefined,
      currency: async () => (await folio.getProperty())?.currency ?? null,
      onChanged: (outlet, version) => void notifyCatalog(outlet, version),
    });
    const admission = new ChargeAdmission(
      {
        clock,
        policy: admissionPolicy(config.admission),
        pricedItems: (outlet, version) => catalog.pricedItems(outlet, version),
        deliveryChargeMinor: (outlet) => settings.outlet(outlet)?.deliveryChargeMinor,
      },
      // Overrides, custom prices and a named employee: central checks the staff proof itself.
      [...CHARGE_CHECKS, staffClaimCheck({ signer: staffSigner, roster: staffRoster })],
    );
    inbox = new ChargeInbox({
      client,
      property: config.property,
      ...(session.shareGroup ? { shareGroup: session.shareGroup } : {}),
      logger,
      handler: chargeIntake({ db: centralDb, pipeline, admission, directory, clock, logger }),
    });
    await onceConnected('charge inbox', () => inbox?.start() ?? Promise.resolve());
    stack.push(async () => inbox?.stop());
    await onceConnected('reconciliation', () =>
      reconciliation.start(client, config.property, session.shareGroup),
    );
    stack.push(() => reconciliation.stop());
    // A new catalog version, retained on each of the outlet's devices' `catalog-version` topic.
    const notifyCatalog = async (outlet: string, version: number) => {
      const ids = await directory.ofOutlet(outlet);
      const message: CatalogVersionMessage = { v: 1, outletCode: outlet, version };
      for (const id of ids) {
        await client
          .publishAsync(topicFor('catalogVersion', config.property, id), JSON.stringify(message), {
            qos: 1,
            retain: true,
          })
          .catch((err: unknown) => logger.warn({ err, device: id }, 'catalog version not published'));
      }
    };
    const rpc = new RpcServer({
      client,
      property: config.property,
      ...(session.shareGroup ? { shareGroup: session.shareGroup } : {}),
      logger,
      toErrorBody: (err) => toErrorBody(err, logger),
      handler: outletRpcHandler({
        adapter: lookups,
        pipeline,
        db: centralDb,
        clock,
        voids,
        catalog,
        outletOf: (device) => directory.outletOf(device),
        staff: {
          roster: staffRoster,
          signer: staffSigner,
          isStaffOutlet: (code) => settings.outlet(code)?.mode === 'staff',
        },
      }),
    });
    await onceConnected('rpc server', () => rpc.start());
    stack.push(async () => rpc.stop());
    roster.start();
    stack.push(() => roster.stop());
    pipeline.start();
    stack.push(() => pipeline.stop());
    voids.start();
    stack.push(() => voids.stop());

    // HTTPS off loopback (http.tls): a certificate of the property CA, or the hotel's own.
    const httpTls = await centralHttpTls(config.http, deps.dataDir, config.property);
    const app = Fastify({
      logger: false,
      bodyLimit: 256 * 1024,
      ...(httpTls ? { https: { cert: httpTls.cert, key: httpTls.key, minVersion: 'TLSv1.2' as const } } : {}),
    }) as unknown as FastifyInstance;
    app.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
    installErrorHandler(app, logger);
    const users = new UserService({
      db: centralDb,
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
    metrics.register(app, config.metrics?.tokenSha256);
    registerAuthRoutes(app, users);
    app.get('/api/health', async () => ({
      status: 'ok',
      property: config.property,
      pms: adapter.kind,
      mqtt: client.connected ? 'connected' : 'disconnected',
      // Several workers: which one this is and whether it runs the scheduled jobs now.
      worker,
      jobs: { leader: leadership.isLeader(), lastPassAt: jobs.lastPassAt },
    }));
    registerPmsRoutes(app, { db: centralDb, adapter: lookups, pipeline, admission, now: () => clock.now() });
    registerPmsConfigRoutes(app, {
      settings,
      adapter,
      build: buildAdapter,
      now: () => clock.now(),
    });
    registerVoidRoutes(app, { voids });
    registerStaffRoutes(app, { roster: staffRoster });
    registerCatalogRoutes(app, { catalog });
    registerQueueRoutes(app, { db: centralDb, pipeline });
    registerReconciliationRoutes(app, { reconciliation: reconciliation.service });
    registerAuditLogRoutes(app, { db: centralDb });
    await registerConsole(app, deps.consoleDir ?? DEFAULT_CONSOLE_DIR, logger);
    await registerDesk(app, deps.deskDir ?? DEFAULT_DESK_DIR, logger);
    registerReservationRoutes(app, { folio });
    registerRoomRoutes(app, { folio });
    registerFolioRoutes(app, { folio });
    registerPaymentRoutes(app, { folio });
    registerPropertyRoutes(app, { folio });
    const invoices = createInvoiceService(db, { clock });
    registerInvoiceRoutes(app, { invoices });
    registerInvoiceHtmlRoutes(app, { invoices });
    // Issue #4: rules, night audit (its unposted-charges port is central's room_charges), reports, jobs.
    const office = createBackOffice(
      db,
      { clock },
      { pendingPosCharges: () => countPendingPosCharges(centralDb) },
    );
    const walkInRatePlan = config.nightAudit?.walkInRatePlan;
    registerRulesRoutes(app, { office, folio });
    registerNightAuditRoutes(app, { office, walkInRatePlan, reconciliation: reconciliation.summaryOf });
    registerReportRoutes(app, { office });
    registerDeskRoutes(app, {
      desk: createFrontDesk(db),
      outlets: () => settings.outlets.map((o) => ({ code: o.code, name: o.name })),
      pendingPosCharges: () => countPendingPosCharges(centralDb),
    });
    const jobs = new CentralJobs({
      office: { ...office, expireDueDeposits: (by) => folio.expireDueDeposits(by) },
      getProperty: () => folio.getProperty(),
      clock,
      logger,
      autoAuditTime: config.nightAudit?.autoTime,
      walkInRatePlan,
      pollMs: (config.nightAudit?.pollSeconds ?? 60) * 1000,
      isLeader,
    });
    jobs.start();
    stack.push(() => jobs.stop());
    const fleet = new FleetMonitor({
      client,
      db: centralDb,
      property: config.property,
      clock,
      logger,
      knownDevices: () => directory.all(),
    });
    await onceConnected('fleet monitor', () => fleet.start());
    stack.push(async () => fleet.stop());
    registerDeviceRoutes(app, {
      devices,
      fleet,
      propertyCa: brokerTls?.caCertificate ?? httpTls?.caCertificate ?? null,
      bundle: async (device, secret) => {
        const hotel = await folio.getProperty();
        return {
          property: config.property,
          device: device.id,
          mqtt: {
            url: config.mqtt.publicUrl ?? mqttUrl,
            username: device.id,
            password: secret,
            caCertificate: brokerTls?.caCertificate ?? httpTls?.caCertificate ?? null,
          },
          outlet: {
            code: device.outlet_code,
            name: settings.outlet(device.outlet_code)?.name ?? device.outlet_code,
            mode: device.mode,
          },
          hotel: hotel ? { name: hotel.name, currency: hotel.currency, timeZone: hotel.timeZone } : null,
        };
      },
    });
    await app.listen({ host: config.http.host, port: config.http.port });
    stack.push(() => app.close());
    const address = app.server.address();
    const httpPort = typeof address === 'object' && address ? address.port : config.http.port;
    const httpUrl = `${httpTls ? 'https' : 'http'}://${config.http.host}:${httpPort}`;
    logger.info({ httpUrl, mqttUrl, pms: adapter.kind }, 'central started');

    return {
      httpUrl,
      mqttUrl,
      folio,
      adapter,
      db: centralDb,
      users,
      caCertificate: brokerTls?.caCertificate ?? httpTls?.caCertificate ?? null,
      routes,
      jobs,
      catalog,
      roster,
      staff: staffRoster,
      reconciliation: reconciliation.service,
      fleet,
      alive: livenessCheck({ logger, checks: { database: () => sql`select 1`.execute(centralDb) } }),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

function waitForConnect(client: MqttClient, logger: Logger): Promise<void> {
  if (client.connected) return Promise.resolve();
  const slow = setTimeout(() => logger.warn({}, 'waiting for the MQTT broker'), 3000);
  return new Promise((resolve) =>
    client.once('connect', () => {
      clearTimeout(slow);
      resolve();
    }),
  );
}
