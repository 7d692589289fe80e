// The whole appliance on one machine: central (embedded broker, built-in folio engine, demo hotel),
// the Pool Bar edge (guest self-service) and the Main Restaurant edge (staff mode, PIN sign-in),
// both with simulated devices. Used by `npm start` and by the end-to-end tests.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Central,
  type CentralConfig,
  loadCentralConfig,
  seedDemoCatalogs,
  startCentral,
} from '@roompost/central';
import { type Edge, type EdgeConfig, hashPin, loadEdgeConfig, startEdge } from '@roompost/edge';
import type { FolioDatabase, FolioService } from '@roompost/folio';
import { FolioError } from '@roompost/folio';
import type { Logger } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import type { PmsAdapter } from '../central/src/pms/adapter.js';
import { PmsError } from '../central/src/pms/adapter.js';
import { buildPmsAdapter } from '../central/src/pms/create-adapter.js';
import { withKeyCardRegistry } from '../central/src/pms/key-card-registry.js';
import type { PmsConfig } from '../central/src/pms/pms-config.js';
import {
  type SimulatedPms,
  type SimulatedPmsKind,
  startSimulatedPms,
} from '../central/src/pms/simulated-pms.js';
import { DEMO_PROFILES, type DemoKind, type DemoProfile } from './demo-profiles.js';

export interface DemoStackOptions {
  dataDir: string;
  /** 0 picks a free port; undefined keeps what the config file says. */
  httpPortCentral?: number;
  httpPortEdge?: number;
  /** The Main Restaurant's staff-mode edge. */
  httpPortRestaurant?: number;
  mqttPort?: number;
  logLevel?: string;
  /** Also print warnings and errors to stderr (npm start); tests keep them in the log file. */
  logToStderr?: boolean;
  kioskDir?: string;
  /**
   * Post to this PMS's simulator (started on a free loopback port and seeded with the demo hotel's
   * guests) instead of the built-in folio engine. In memory only: central.json is not rewritten.
   */
  pms?: 'builtin' | SimulatedPmsKind;
  /** Which demo property (scripts/demo-profiles.ts): `us` Harbour View, New York (default); `in` Amber Haveli, Jaipur (GST). */
  demo?: DemoKind;
}

export interface DemoStack {
  profile: DemoProfile;
  centralUrl: string;
  edgeUrl: string;
  restaurantUrl: string;
  mqttUrl: string;
  logFile: string;
  /** The PMS simulator central posts to; null on the built-in folio engine. */
  pms: SimulatedPms | null;
  cards: Array<{ uid: string; roomNumber: string; guestName: string }>;
  central: Central;
  edge: Edge;
  restaurant: Edge;
  stop(): Promise<void>;
}

const DEVICE = 'pool-kiosk-1';
const RESTAURANT_DEVICE = 'rest-terminal-1';

/** The demo's staff PINs (one per seed 000 role); printed by `npm start`, hashed in the config. */
/** The demo's back-office users of central's HTTP API (sign-in); printed by `npm start`. */
export const DEMO_USERS = [
  { username: 'manager', role: 'manager', password: 'manager-demo-pass' },
  { username: 'frontdesk', role: 'front_desk', password: 'frontdesk-demo-pass' },
  { username: 'it', role: 'it', password: 'it-demo-pass' },
  { username: 'office', role: 'office', password: 'office-demo-pass' },
  { username: 'admin', role: 'admin', password: 'admin-demo-pass' },
] as const;

export const DEMO_STAFF = [
  { id: 'ana', name: 'Ana Lopez', role: 'server', pin: '1111' },
  { id: 'raj', name: 'Raj Patel', role: 'front_desk', pin: '2222' },
  { id: 'maria', name: 'Maria Chen', role: 'manager', pin: '3333' },
  { id: 'tom', name: 'Tom Baker', role: 'admin', pin: '4444' },
] as const;
export async function startDemoStack(opts: DemoStackOptions): Promise<DemoStack> {
  const profile = DEMO_PROFILES[opts.demo ?? 'us'];
  // Guest names, signatures and secrets live here: the demo's folders are the user's alone (0700).
  for (const dir of [
    opts.dataDir,
    ...['central', 'edge-pool', 'edge-rest'].map((d) => join(opts.dataDir, d)),
  ]) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
  }
  const logFile = join(opts.dataDir, 'roompost.log');
  const streams: pino.StreamEntry[] = [
    { level: 'info', stream: pino.destination({ dest: logFile, sync: false }) },
  ];
  if (opts.logToStderr) streams.push({ level: 'warn', stream: process.stderr });
  const logger = pino({ level: opts.logLevel ?? 'info' }, pino.multistream(streams));

  const centralFile = join(opts.dataDir, 'central.json');
  const edgeFile = join(opts.dataDir, 'edge-pool.json');
  const restaurantFile = join(opts.dataDir, 'edge-rest.json');
  if (!existsSync(centralFile)) writeCentralConfig(centralFile, profile);
  addRestaurantDevice(centralFile);
  const fromFile = withCentralPorts(loadCentralConfig(centralFile), opts);

  const pms =
    opts.pms === undefined || opts.pms === 'builtin'
      ? null
      : await startSimulatedPms(opts.pms, {
          currency: profile.currency,
          logger: logger.child({ svc: `pms-${opts.pms}` }),
        });
  const centralConfig: CentralConfig = pms ? { ...fromFile, pms: pms.config } : fromFile;
  const central = await startCentral(centralConfig, {
    dataDir: join(opts.dataDir, 'central'),
    logger: logger.child({ svc: 'central' }),
    ...(pms ? { adapter: demoKeyCards(pms.config, logger.child({ svc: 'central' })) } : {}),
  }).catch(async (err: unknown) => {
    await pms?.close();
    throw err;
  });
  let edge: Edge | undefined;
  let restaurant: Edge | undefined;
  try {
    const { cards } = await profile.seed(central.folio, todayIn(profile.timeZone));
    // The outlets' menus live in central's item master; each edge fetches its own over MQTT.
    await seedDemoCatalogs(central.catalog, profile.kind);
    const existing = new Set((await central.users.list()).map((u) => u.username));
    for (const u of DEMO_USERS) {
      if (!existing.has(u.username)) await central.users.create({ ...u, actor: 'demo' });
    }
    if (pms) await seedSimulatedPms(pms, central);
    // Outlet staff live at central (synced to the restaurant terminal); the demo's 4-digit PINs are
    // demo data, stored as hashes past the 6-digit rule that new PINs follow.
    if ((await central.staff.list()).length === 0) {
      for (const s of DEMO_STAFF) {
        await central.staff.set(s.id, { name: s.name, role: s.role }, 'demo', {
          pinHash: await hashPin(s.pin),
        });
      }
    }
    if (!existsSync(edgeFile)) writeEdgeConfig(edgeFile, centralConfig, cards, profile);
    const edgeConfigFromFile = loadEdgeConfig(edgeFile);
    const edgeConfig: EdgeConfig = {
      ...edgeConfigFromFile,
      central: { ...edgeConfigFromFile.central, mqttUrl: central.mqttUrl },
      http: { ...edgeConfigFromFile.http, port: opts.httpPortEdge ?? edgeConfigFromFile.http.port },
    };
    edge = await startEdge(edgeConfig, {
      dataDir: join(opts.dataDir, 'edge-pool'),
      logger: logger.child({ svc: 'edge', outlet: edgeConfig.outlet.code }),
      ...(opts.kioskDir === undefined ? {} : { kioskDir: opts.kioskDir }),
    });
    if (!existsSync(restaurantFile))
      await writeRestaurantConfig(restaurantFile, centralConfig, cards, profile);
    const restaurantFromFile = loadEdgeConfig(restaurantFile);
    const restaurantConfig: EdgeConfig = {
      ...restaurantFromFile,
      central: { ...restaurantFromFile.central, mqttUrl: central.mqttUrl },
      http: { ...restaurantFromFile.http, port: opts.httpPortRestaurant ?? restaurantFromFile.http.port },
    };
    restaurant = await startEdge(restaurantConfig, {
      dataDir: join(opts.dataDir, 'edge-rest'),
      logger: logger.child({ svc: 'edge', outlet: restaurantConfig.outlet.code }),
      ...(opts.kioskDir === undefined ? {} : { kioskDir: opts.kioskDir }),
    });
    const started = edge;
    const startedRestaurant = restaurant;
    return {
      profile,
      centralUrl: central.httpUrl,
      edgeUrl: started.httpUrl,
      restaurantUrl: startedRestaurant.httpUrl,
      restaurant: startedRestaurant,
      mqttUrl: central.mqttUrl,
      logFile,
      pms,
      cards,
      central,
      edge: started,
      async stop() {
        await startedRestaurant.stop();
        await started.stop();
        await central.stop();
        await pms?.close();
        logger.flush();
      },
    };
  } catch (err) {
    await restaurant?.stop();
    await edge?.stop();
    await central.stop();
    await pms?.close();
    throw err;
  }
}

/**
 * The demo's door locks are the folio engine's key cards: a tap resolves to a room there, and the
 * simulated PMS is asked who is in house (HTTP PMSs have no lookup by card).
 */
function demoKeyCards(config: PmsConfig, logger: Logger): (folio: FolioService) => PmsAdapter {
  return (folio) =>
    withKeyCardRegistry(buildPmsAdapter(config, { folio, logger }), {
      async roomOf(uid) {
        try {
          return (await folio.lookupCredential(uid)).roomNumber;
        } catch (err) {
          if (!(err instanceof FolioError)) throw err;
          if (err.code === 'GUEST_CHECKED_OUT')
            throw new PmsError('GUEST_CHECKED_OUT', err.message, { retryable: false, cause: err });
          return null;
        }
      },
    });
}

/**
 * Gives the simulated PMS the demo hotel as the folio engine holds it: every in-house stay with its
 * names, credit limit, balance and No-Post flag, and the stays that checked out today.
 */
async function seedSimulatedPms(pms: SimulatedPms, central: Central): Promise<void> {
  const property = await central.folio.getProperty();
  if (!property) throw new Error('the demo hotel was not seeded');
  const db = central.db as unknown as Kysely<FolioDatabase>;
  const stays = await db
    .selectFrom('stays')
    .innerJoin('rooms', 'rooms.id', 'stays.room_id')
    .innerJoin('guests', 'guests.id', 'stays.guest_id')
    .select([
      'stays.id',
      'stays.status',
      'stays.credit_limit_minor',
      'stays.no_post',
      'rooms.number',
      'guests.first_name',
      'guests.last_name',
    ])
    .where((eb) =>
      eb.or([
        eb('stays.status', '=', 'in_house'),
        eb.and([
          eb('stays.status', '=', 'checked_out'),
          eb('stays.checked_out_business_date', '=', property.businessDate),
        ]),
      ]),
    )
    .orderBy('rooms.number')
    .execute();
  for (const s of stays) {
    pms.seedGuest({
      roomNumber: s.number,
      firstName: s.first_name,
      lastName: s.last_name,
      creditLimitMinor: s.credit_limit_minor,
      balanceMinor: await central.folio.stayBalance(s.id),
      status: s.status === 'in_house' ? 'in_house' : 'checked_out',
      noPost: s.no_post === 1,
    });
  }
}

function withCentralPorts(config: CentralConfig, opts: DemoStackOptions): CentralConfig {
  return {
    ...config,
    http: { ...config.http, port: opts.httpPortCentral ?? config.http.port },
    mqtt: config.mqtt.embedded
      ? {
          ...config.mqtt,
          embedded: { ...config.mqtt.embedded, port: opts.mqttPort ?? config.mqtt.embedded.port },
        }
      : config.mqtt,
  };
}

const secret = () => randomBytes(18).toString('base64url');

/** First start: central's config with fresh secrets, which later starts reuse. */
function writeCentralConfig(file: string, profile: DemoProfile): void {
  const central: CentralConfig = {
    version: 1,
    property: profile.property,
    database: 'central.sqlite',
    http: { host: '127.0.0.1', port: 8080 },
    mqtt: { embedded: { host: '127.0.0.1', port: 18830 }, username: 'central', password: secret() },
    devices: [
      { id: DEVICE, outletCode: 'POOL', secret: secret(), mode: 'self-service' },
      { id: RESTAURANT_DEVICE, outletCode: 'REST', secret: secret(), mode: 'staff' },
    ],
    pms: { kind: 'builtin' },
    outlets: profile.outlets,
    retry: { maxRetries: 3, intervalMinutes: 5, exponential: false },
    ...(profile.walkInRatePlan ? { nightAudit: { walkInRatePlan: profile.walkInRatePlan } } : {}),
  };
  writeFileSync(file, `${JSON.stringify(central, null, 2)}\n`, { mode: 0o600 });
}

/** First start: the Pool Bar's config, with the device secret central knows and the demo cards. */
function writeEdgeConfig(
  file: string,
  central: CentralConfig,
  cards: DemoStack['cards'],
  profile: DemoProfile,
): void {
  const device = central.devices.find((d) => d.id === DEVICE);
  if (!device?.secret) throw new Error(`central config has no device ${DEVICE} with its secret`);
  const edge: EdgeConfig = {
    version: 1,
    property: central.property,
    device: DEVICE,
    database: 'edge.sqlite',
    outlet: {
      code: 'POOL',
      name: 'Pool Bar',
      propertyName: profile.hotelName,
      ...(profile.gstin ? { gstin: profile.gstin } : {}),
      mode: 'self-service',
      currency: profile.currency,
      locale: profile.locale,
      timeZone: profile.timeZone,
      tipPercentPresets: profile.poolTips,
      // After a charge the guest may print a copy or scan a QR code of the receipt (no e-mail:
      // the demo has no SMTP relay).
      receiptOptions: ['print', 'qr'],
    },
    central: { mqttUrl: 'mqtt://127.0.0.1:18830', username: DEVICE, password: device.secret },
    http: { host: '127.0.0.1', port: 8081 },
    lookup: { verificationTtlSeconds: 300, rpcTimeoutMs: 3000 },
    // Offline stand-in: at most 50.00 (₹3,000) per stay while central or the PMS is away.
    offline: {
      floorLimits: { [profile.currency]: profile.currency === 'INR' ? 300_000 : 5_000 },
      maxRosterAgeMinutes: 720,
    },
    staff: [],
    devices: {
      reader: {
        kind: 'simulated',
        cards: [
          ...cards.map((c) => ({ uid: c.uid, label: `Room ${c.roomNumber} · ${c.guestName}` })),
          { uid: '0BADCAFE', label: 'Card of no stay' },
        ],
      },
      printer: { kind: 'simulated', file: 'receipts.txt' },
    },
  };
  writeFileSync(file, `${JSON.stringify(edge, null, 2)}\n`, { mode: 0o600 });
}

/** Data dirs from before the restaurant existed: central learns its device on the next start. */
function addRestaurantDevice(file: string): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    devices?: Array<{ id: string; mode?: string }>;
    outlets?: Array<{ code: string; mode?: string }>;
  };
  // A data folder from before outlet and device modes: the restaurant is the staff outlet (roster,
  // staff proofs) and its terminal a staff device (central checks charges by the device's mode).
  let changed = false;
  const rest = json.outlets?.find((o) => o.code === 'REST');
  if (rest && rest.mode === undefined) {
    rest.mode = 'staff';
    changed = true;
  }
  if (Array.isArray(json.devices)) {
    const restaurant = json.devices.find((d) => d.id === RESTAURANT_DEVICE);
    if (restaurant && !restaurant.mode) {
      restaurant.mode = 'staff';
      changed = true;
    } else if (!restaurant) {
      json.devices.push({ id: RESTAURANT_DEVICE, outletCode: 'REST', secret: secret(), mode: 'staff' } as {
        id: string;
      });
      changed = true;
    }
  }
  if (!changed) return;
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
}

/** First start: the Main Restaurant's staff terminal, with the demo staff and their hashed PINs. */
async function writeRestaurantConfig(
  file: string,
  central: CentralConfig,
  cards: DemoStack['cards'],
  profile: DemoProfile,
): Promise<void> {
  const device = central.devices.find((d) => d.id === RESTAURANT_DEVICE);
  if (!device?.secret) throw new Error(`central config has no device ${RESTAURANT_DEVICE} with its secret`);
  const edge: EdgeConfig = {
    version: 1,
    property: central.property,
    device: RESTAURANT_DEVICE,
    database: 'edge.sqlite',
    outlet: {
      code: 'REST',
      name: profile.restaurantName,
      propertyName: profile.hotelName,
      ...(profile.gstin ? { gstin: profile.gstin } : {}),
      mode: 'staff',
      currency: profile.currency,
      locale: profile.locale,
      timeZone: profile.timeZone,
      tipPercentPresets: profile.restaurantTips,
      // Seed 000 signature threshold, per currency: $50.00 in the US demo, ₹2,500 in the Indian one.
      signature: { thresholdMinor: profile.signatureThresholdMinor, required: true },
    },
    central: { mqttUrl: 'mqtt://127.0.0.1:18830', username: RESTAURANT_DEVICE, password: device.secret },
    http: { host: '127.0.0.1', port: 8082 },
    lookup: { verificationTtlSeconds: 300, rpcTimeoutMs: 3000 },
    // Offline stand-in: at most 50.00 (₹3,000) per stay while central or the PMS is away.
    offline: {
      floorLimits: { [profile.currency]: profile.currency === 'INR' ? 300_000 : 5_000 },
      maxRosterAgeMinutes: 720,
    },
    staff: await Promise.all(
      DEMO_STAFF.map(async ({ id, name, role, pin }) => ({ id, name, role, pinHash: await hashPin(pin) })),
    ),
    devices: {
      reader: {
        kind: 'simulated',
        cards: cards.map((c) => ({ uid: c.uid, label: `Room ${c.roomNumber} · ${c.guestName}` })),
      },
      printer: { kind: 'simulated', file: 'receipts.txt' },
    },
  };
  writeFileSync(file, `${JSON.stringify(edge, null, 2)}\n`, { mode: 0o600 });
}

export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
