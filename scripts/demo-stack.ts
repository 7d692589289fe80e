// The whole appliance on one machine: central (embedded broker, built-in folio engine, demo hotel)
// and the Pool Bar edge with simulated devices. Used by `npm start` and by the end-to-end tests.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Central,
  type CentralConfig,
  loadCentralConfig,
  seedDemoHotel,
  startCentral,
} from '@roompost/central';
import { type Edge, type EdgeConfig, loadEdgeConfig, startEdge } from '@roompost/edge';
import { pino } from 'pino';

export interface DemoStackOptions {
  dataDir: string;
  /** 0 picks a free port; undefined keeps what the config file says. */
  httpPortCentral?: number;
  httpPortEdge?: number;
  mqttPort?: number;
  logLevel?: string;
  /** Also print warnings and errors to stderr (npm start); tests keep them in the log file. */
  logToStderr?: boolean;
  kioskDir?: string;
}

export interface DemoStack {
  centralUrl: string;
  edgeUrl: string;
  mqttUrl: string;
  logFile: string;
  cards: Array<{ uid: string; roomNumber: string; guestName: string }>;
  central: Central;
  edge: Edge;
  stop(): Promise<void>;
}

const PROPERTY = 'HARBOUR';
const DEVICE = 'pool-kiosk-1';
const TIME_ZONE = 'America/New_York';

export async function startDemoStack(opts: DemoStackOptions): Promise<DemoStack> {
  mkdirSync(join(opts.dataDir, 'central'), { recursive: true });
  mkdirSync(join(opts.dataDir, 'edge-pool'), { recursive: true });
  const logFile = join(opts.dataDir, 'roompost.log');
  const streams: pino.StreamEntry[] = [
    { level: 'info', stream: pino.destination({ dest: logFile, sync: false }) },
  ];
  if (opts.logToStderr) streams.push({ level: 'warn', stream: process.stderr });
  const logger = pino({ level: opts.logLevel ?? 'info' }, pino.multistream(streams));

  const centralFile = join(opts.dataDir, 'central.json');
  const edgeFile = join(opts.dataDir, 'edge-pool.json');
  if (!existsSync(centralFile)) writeCentralConfig(centralFile);
  const centralConfig = withCentralPorts(loadCentralConfig(centralFile), opts);

  const central = await startCentral(centralConfig, {
    dataDir: join(opts.dataDir, 'central'),
    logger: logger.child({ svc: 'central' }),
  });
  let edge: Edge | undefined;
  try {
    const { cards } = await seedDemoHotel(central.folio, todayIn(TIME_ZONE));
    if (!existsSync(edgeFile)) writeEdgeConfig(edgeFile, centralConfig, cards);
    const edgeConfigFromFile = loadEdgeConfig(edgeFile);
    const edgeConfig: EdgeConfig = {
      ...edgeConfigFromFile,
      central: { ...edgeConfigFromFile.central, mqttUrl: central.mqttUrl },
      http: { ...edgeConfigFromFile.http, port: opts.httpPortEdge ?? edgeConfigFromFile.http.port },
    };
    edge = await startEdge(edgeConfig, {
      dataDir: join(opts.dataDir, 'edge-pool'),
      logger: logger.child({ svc: 'edge', outlet: edgeConfig.outlet.code }),
      seedDemoCatalog: true,
      ...(opts.kioskDir === undefined ? {} : { kioskDir: opts.kioskDir }),
    });
    const started = edge;
    return {
      centralUrl: central.httpUrl,
      edgeUrl: started.httpUrl,
      mqttUrl: central.mqttUrl,
      logFile,
      cards,
      central,
      edge: started,
      async stop() {
        await started.stop();
        await central.stop();
        logger.flush();
      },
    };
  } catch (err) {
    await edge?.stop();
    await central.stop();
    throw err;
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
function writeCentralConfig(file: string): void {
  const central: CentralConfig = {
    version: 1,
    property: PROPERTY,
    database: 'central.sqlite',
    http: { host: '127.0.0.1', port: 8080 },
    mqtt: { embedded: { host: '127.0.0.1', port: 18830 }, username: 'central', password: secret() },
    devices: [{ id: DEVICE, outletCode: 'POOL', secret: secret() }],
    pms: { kind: 'builtin' },
    outlets: [
      { code: 'REST', name: 'Main Restaurant', postingDescription: 'Restaurant', revenueCenter: '4100' },
      { code: 'BAR', name: 'Lobby Bar', postingDescription: 'Bar/Lounge', revenueCenter: '4200' },
      { code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar', revenueCenter: '4400' },
    ],
    retry: { maxRetries: 3, intervalMinutes: 5, exponential: false },
  };
  writeFileSync(file, `${JSON.stringify(central, null, 2)}\n`, { mode: 0o600 });
}

/** First start: the Pool Bar's config, with the device secret central knows and the demo cards. */
function writeEdgeConfig(file: string, central: CentralConfig, cards: DemoStack['cards']): void {
  const device = central.devices.find((d) => d.id === DEVICE);
  if (!device) throw new Error(`central config has no device ${DEVICE}`);
  const edge: EdgeConfig = {
    version: 1,
    property: central.property,
    device: DEVICE,
    database: 'edge.sqlite',
    outlet: {
      code: 'POOL',
      name: 'Pool Bar',
      propertyName: 'Harbour View Hotel',
      mode: 'self-service',
      currency: 'USD',
      locale: 'en-US',
      timeZone: TIME_ZONE,
      tipPercentPresets: [10, 15, 20],
    },
    central: { mqttUrl: 'mqtt://127.0.0.1:18830', username: DEVICE, password: device.secret },
    http: { host: '127.0.0.1', port: 8081 },
    lookup: { verificationTtlSeconds: 300, rpcTimeoutMs: 3000 },
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

export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
