// `roompost-central init`: the first run of a real installation (no demo data). It creates, all or
// nothing, the property (name, code, currency, time zone, tax regime and GSTIN), the first admin,
// the property CA and central's HTTPS and broker certificates, and central.json when there is none.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  createFolioService,
  type DatabaseTarget,
  type FolioDatabase,
  FolioError,
  migrateFolio,
  openStore,
  TAX_REGIMES,
  type TaxRegime,
} from '@roompost/folio';
import { chownTree, type FileOwner } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { UserService } from '../auth/user-service.js';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import { type CentralConfig, loadCentralConfig, parseCentralConfig } from '../config/central-config.js';
import type { CentralDatabase } from '../db/central-database.js';
import { migrateCentral } from '../db/migrations.js';
import { databaseTarget } from '../db/open-central-database.js';
import { certificateFingerprint, propertyServerTls } from '../tls/property-ca.js';

export interface InitInput {
  configFile: string;
  dataDir: string;
  /** Property code (MQTT topics); taken from central.json when it exists. */
  code?: string;
  name: string;
  currency: string;
  timeZone: string;
  regime: string;
  gstin?: string;
  legalName?: string;
  address: string;
  /** Restaurant at "specified premises" (India). */
  specifiedPremises?: boolean;
  adminUsername: string;
  adminPassword: string;
  /** The name devices and browsers reach central by; written into a new central.json. */
  host?: string;
  tlsNames: string[];
  outlets: Array<{ code: string; name: string }>;
  httpPort: number;
  mqttPort: number;
  businessDate?: string;
  /** Who the written files belong to (the service user when run as root); null: whoever runs this. */
  owner?: FileOwner | null;
}

export interface InitResult {
  config: CentralConfig;
  configWritten: boolean;
  caFingerprint: string;
  httpsUrl: string;
}

/** A refusal naming what is wrong: `code` for scripts, `problems` as `field: what`. */
export class InitError extends Error {
  constructor(
    readonly code: 'INIT_INVALID' | 'ALREADY_INITIALIZED' | 'CONFIG_INVALID',
    readonly problems: string[],
  ) {
    super(`${code}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InitError';
  }
}

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const HOST = /^[A-Za-z0-9.-]{1,253}$|^[0-9a-fA-F:]+$/;

function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export async function initCentral(
  input: InitInput,
  clock: Clock = { now: () => new Date() },
): Promise<InitResult> {
  const problems: string[] = [];
  const configExists = existsSync(input.configFile);
  let config: CentralConfig | undefined;
  if (configExists) {
    try {
      config = loadCentralConfig(input.configFile);
    } catch (err) {
      throw new InitError('CONFIG_INVALID', [(err as Error).message]);
    }
    if (input.code !== undefined && input.code !== config.property) {
      problems.push(`code: central.json's property is ${config.property}, not ${input.code}`);
    }
  } else {
    if (input.code === undefined) problems.push('code: required (the property code, e.g. HARBOUR)');
    else if (!CODE.test(input.code)) problems.push('code: letters, digits, "-" and "_" only (1–64)');
    if (input.outlets.length === 0) {
      problems.push('outlet: at least one, as --outlet POOL="Pool Bar" (devices belong to an outlet)');
    }
    if (input.host === undefined) problems.push('host: required (the name devices reach central by)');
    else if (!HOST.test(input.host)) problems.push(`host: not a host name or IP: "${input.host}"`);
  }
  for (const name of input.tlsNames)
    if (!HOST.test(name)) problems.push(`tls-name: not a host name or IP: "${name}"`);
  if (!(TAX_REGIMES as readonly string[]).includes(input.regime)) {
    problems.push(`regime: one of ${TAX_REGIMES.join(', ')}`);
  }
  if (input.regime === 'IN_GST' && !input.gstin) problems.push('gstin: required for the IN_GST regime');
  if (input.regime !== 'IN_GST' && input.gstin) problems.push('gstin: only for the IN_GST regime');
  const seen = new Set<string>();
  for (const o of input.outlets) {
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(o.code))
      problems.push(`outlet: code "${o.code}" is 1–16 letters or digits`);
    if (!o.name) problems.push(`outlet: ${o.code} needs a name (--outlet ${o.code}="Pool Bar")`);
    if (seen.has(o.code)) problems.push(`outlet: ${o.code} given twice`);
    seen.add(o.code);
  }
  for (const [key, port] of [
    ['http-port', input.httpPort],
    ['mqtt-port', input.mqttPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`${key}: a TCP port (1–65535)`);
  }
  if (problems.length > 0) throw new InitError('INIT_INVALID', problems);

  const newConfig: CentralConfig | undefined = config
    ? undefined
    : buildConfig(input as InitInput & { code: string; host: string });
  const effective = (config ?? newConfig)!;
  const businessDate = input.businessDate ?? todayInSafe(input.timeZone, clock.now());

  // The same steps against a throw-away database first: every folio and user rule is checked, and
  // the first refusal is reported, before anything is written for real.
  await setUp({ kind: 'sqlite', file: ':memory:' }, input, businessDate, clock);
  mkdirSync(input.dataDir, { recursive: true, mode: 0o750 });
  await setUp(databaseTarget(effective.database, input.dataDir), input, businessDate, clock);

  const httpNames = [
    input.host ?? '',
    ...input.tlsNames,
    ...(effective.http.tls && 'names' in effective.http.tls ? effective.http.tls.names : []),
  ];
  const https = await propertyServerTls(
    input.dataDir,
    effective.property,
    [effective.http.host, ...httpNames],
    'https',
  );
  if (effective.mqtt.embedded?.tls) {
    await propertyServerTls(
      input.dataDir,
      effective.property,
      [effective.mqtt.embedded.host, ...(effective.mqtt.embedded.tlsNames ?? [])],
      'broker',
    );
  }
  if (newConfig) {
    mkdirSync(dirname(resolve(input.configFile)), { recursive: true, mode: 0o750 });
    const tmp = `${input.configFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(newConfig, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, input.configFile);
  }
  // Run as root, everything written goes to the service user, which central runs as.
  if (input.owner) {
    chownTree(input.dataDir, input.owner);
    chownTree(input.configFile, input.owner);
  }
  const host = input.host ?? effective.http.host;
  return {
    config: effective,
    configWritten: newConfig !== undefined,
    caFingerprint: certificateFingerprint(https.caCertificate),
    httpsUrl: `${effective.http.tls ? 'https' : 'http'}://${host}:${effective.http.port}`,
  };
}

function todayInSafe(timeZone: string, now: Date): string {
  try {
    return todayIn(timeZone, now);
  } catch {
    throw new InitError('INIT_INVALID', [
      'time-zone: an IANA time zone such as America/New_York or Asia/Kolkata',
    ]);
  }
}

async function setUp(
  target: DatabaseTarget,
  input: InitInput,
  businessDate: string,
  clock: Clock,
): Promise<void> {
  const sqlite = openStore<CentralDatabase & FolioDatabase>(target);
  const file = target.kind === 'sqlite' ? target.file : 'the PostgreSQL database';
  try {
    const db = sqlite.db;
    await migrateFolio(db);
    await migrateCentral(db);
    const folio = createFolioService(db, { clock });
    if (await folio.getProperty()) {
      throw new InitError('ALREADY_INITIALIZED', [
        `${file}: the property is set up already (change it with PUT /api/folio/property)`,
      ]);
    }
    const users = new UserService({
      db: db as unknown as Kysely<CentralDatabase>,
      clock,
      sessionHours: 12,
      lockout: { maxFailures: 5, lockMinutes: 5 },
    });
    try {
      await folio.configureProperty({
        name: input.name,
        currency: input.currency,
        timeZone: input.timeZone,
        businessDate,
      });
      await folio.configureInvoicing(
        {
          legalName: input.legalName ?? input.name,
          address: input.address,
          gstin: input.gstin ?? null,
          stateCode: null,
          regime: input.regime as TaxRegime,
          specifiedPremises: input.specifiedPremises ?? false,
        },
        'init',
      );
      // The regime must suit the currency (IN_GST bills in INR): the profile check says so.
      await folio.updatePropertyProfile({ regime: input.regime as TaxRegime }, 'init');
      await users.create({
        username: input.adminUsername,
        role: 'admin',
        password: input.adminPassword,
        actor: 'init',
      });
    } catch (err) {
      if (err instanceof FolioError) {
        // Most folio messages start with their field already ("timeZone: must be …").
        const field = typeof err.context.field === 'string' ? err.context.field : 'property';
        const text = err.message.startsWith(`${field}:`) ? err.message : `${field}: ${err.message}`;
        throw new InitError('INIT_INVALID', [text]);
      }
      if (err instanceof CentralError) {
        throw new InitError('INIT_INVALID', [
          `${err.field ? `admin ${err.field}` : err.code}: ${err.message}`,
        ]);
      }
      throw err;
    }
  } finally {
    await sqlite.close();
  }
}

/** A production central.json: HTTPS and mqtts under the property CA, the built-in folio engine. */
function buildConfig(i: InitInput & { code: string; host: string }): CentralConfig {
  const names = [...new Set([i.host, ...i.tlsNames])];
  return parseCentralConfig({
    version: 1,
    property: i.code,
    database: 'central.sqlite',
    http: { host: '0.0.0.0', port: i.httpPort, tls: { names } },
    mqtt: {
      embedded: { host: '0.0.0.0', port: i.mqttPort, tls: true, tlsNames: names },
      publicUrl: `mqtts://${i.host}:${i.mqttPort}`,
      username: 'central',
      password: randomBytes(24).toString('base64url'),
    },
    pms: { kind: 'builtin' },
    outlets: i.outlets.map((o) => ({ code: o.code, name: o.name, postingDescription: o.name })),
  });
}
