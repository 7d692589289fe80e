// The edge's HTTP side: the kiosk API (guest and staff), device service, receipts, e-mail receipts,
// metrics and the built kiosk UI.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { ReceiptPrinter, SimulatedCardReader } from '@roompost/drivers';
import {
  type HealthView,
  type Logger,
  type OutletView,
  type RpcClient,
  registerOpenApi,
  type StopStack,
  useZodSchemas,
} from '@roompost/sync';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import type { ChargeService } from '../charges/charge-service.js';
import { ChargeVoider } from '../charges/charge-void.js';
import type { ChargeWithdrawer } from '../charges/charge-withdraw.js';
import type { EdgeConfig } from '../config/edge-config.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { DeviceStatusBoard } from '../devices/device-status-board.js';
import type { OutletGpio } from '../devices/outlet-gpio.js';
import { serviceTestPage } from '../devices/service-test-page.js';
import type { KioskEventBus } from '../events/event-bus.js';
import type { LookupService } from '../lookup/lookup-service.js';
import type { createEdgeMetrics } from '../metrics/edge-metrics.js';
import { reprintLastReceipt } from '../receipts/last-receipt.js';
import { receiptLinkKey } from '../receipts/receipt-link-key.js';
import { ReceiptMailer } from '../receipts/receipt-mailer.js';
import { type BadgeTaps, stricterSignIn } from '../staff/badge-taps.js';
import { StaffAuth } from '../staff/staff-auth.js';
import { StaffGate } from '../staff/staff-gate.js';
import { StaffRosterSync } from '../staff/staff-roster-sync.js';
import { registerCreditCheckRoutes } from './credit-check-routes.js';
import { registerDeviceRoutes } from './device-routes.js';
import { EDGE_OPENAPI } from './edge-openapi.js';
import { installErrorHandler } from './error-handler.js';
import { registerKioskRoutes } from './kiosk-routes.js';
import { registerReceiptChoiceRoutes } from './receipt-choice-routes.js';
import { registerReceiptRoutes } from './receipt-routes.js';
import { registerScreenPairing } from './screen-access.js';
import { registerStaffRoutes } from './staff-routes.js';

export const DEFAULT_KIOSK_DIR = fileURLToPath(new URL('../../../kiosk-ui/dist/kiosk', import.meta.url));

export interface EdgeHttpDeps {
  db: Kysely<EdgeDatabase>;
  outlet: OutletView;
  rpc: RpcClient;
  online: () => boolean;
  charges: ChargeService;
  lookups: LookupService;
  withdrawals: ChargeWithdrawer;
  events: KioskEventBus;
  devices: DeviceStatusBoard;
  printer: ReceiptPrinter;
  simulatedReader: SimulatedCardReader | null;
  gpio: OutletGpio | null;
  metrics: ReturnType<typeof createEdgeMetrics>;
  health: () => Promise<HealthView>;
  client: { on(event: 'connect', listener: () => void): unknown };
  dataDir: string;
  kioskDir: string | undefined;
  logger: Logger;
  now: () => Date;
  stack: StopStack;
  badgeTaps: BadgeTaps;
}

export async function startEdgeHttp(config: EdgeConfig, d: EdgeHttpDeps): Promise<string> {
  const { db, rpc, online, charges, devices, printer, logger, now, stack } = d;
  // forceCloseConnections: open event streams must not hold up a shutdown.
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024, forceCloseConnections: true });
  app.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  installErrorHandler(app, logger, config.outlet.mode === 'staff');
  // One zod schema per route validates, types and documents it (sync/src/http/zod-routes.ts); the
  // document is served at /api/openapi.json.
  const api = useZodSchemas(app);
  await registerOpenApi(app, EDGE_OPENAPI);
  d.metrics.register(app);
  // Staff outlets hold central's roster (slow PIN hashes) and get a signed proof at each sign-in.
  const staffMode = config.outlet.mode === 'staff';
  const roster = new StaffRosterSync({ db, central: rpc, logger, fallback: config.staff });
  if (staffMode) {
    await roster.load();
    d.client.on('connect', () => void roster.sync());
    if (online()) void roster.sync();
    roster.start();
    stack.push(async () => roster.stop());
  }
  const gate = new StaffGate(
    new StaffAuth({
      staff: () => roster.staff(),
      now,
      logger,
      mintProof: async (id, pin, badge) => (online() ? rpc.staffProof(id, pin, 3000, badge) : null),
      signIn: () => stricterSignIn(config.outlet.staffSignIn, roster.signIn()),
      takeBadge: () => d.badgeTaps.take(),
    }),
    staffMode,
  );
  registerScreenPairing(api, gate.screens);
  registerStaffRoutes(api, {
    gate,
    charges,
    online,
    voids: new ChargeVoider({ db, charges, central: rpc, logger, now }),
    withdrawals: d.withdrawals,
  });
  registerDeviceRoutes(api, {
    gate,
    devices,
    printer,
    logger,
    gpio: d.gpio,
    relayPulseSeconds: config.devices.gpio?.relayPulseSeconds ?? 10,
    testPage: serviceTestPage(config, now),
    reprint: () => reprintLastReceipt({ db, printer, outlet: config.outlet }),
  });
  const cpl = config.devices.printer.kind === 'escpos' ? config.devices.printer.cpl : 42;
  registerReceiptRoutes(api, { gate, db, outlet: config.outlet, cpl });
  // E-mail receipts go out through the property's SMTP relay, when one is configured.
  const relayConfig = config.outlet.emailRelay;
  const mailer = relayConfig
    ? new ReceiptMailer({ db, outlet: config.outlet, relay: relayConfig, cpl, logger, now })
    : undefined;
  if (mailer) {
    mailer.start();
    stack.push(() => mailer.stop());
  }
  registerReceiptChoiceRoutes(api, {
    gate,
    db,
    charges,
    printer,
    outlet: config.outlet,
    options: d.outlet.receiptOptions ?? [],
    secret: receiptLinkKey(d.dataDir),
    publicUrl: config.outlet.publicUrl,
    cpl,
    now,
    onPrinted: () => devices.printerChanged(printer),
    onEmailQueued: () => mailer?.nudge(),
  });
  registerCreditCheckRoutes(api, { gate, lookups: d.lookups });
  registerKioskRoutes(api, {
    gate,
    db,
    outlet: d.outlet,
    charges,
    lookups: d.lookups,
    events: d.events,
    online,
    simulatedReader: d.simulatedReader,
    devices,
    health: d.health,
  });
  // A relative --kiosk (docs/running.md writes one) is from the working directory.
  const kioskDir = resolve(d.kioskDir ?? DEFAULT_KIOSK_DIR);
  if (existsSync(resolve(kioskDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: kioskDir, prefix: '/' });
  } else {
    logger.warn({ kioskDir }, 'kiosk UI not built; run `npm run build:ui`');
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('The kiosk UI is not built yet: run `npm run build:ui`, then reload.'),
    );
  }
  stack.push(() => app.close());
  await app.listen({ host: config.http.host, port: config.http.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  return `http://${config.http.host}:${port}`;
}
