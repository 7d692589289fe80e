import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { isIP } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, normalizeFingerprint, parseConfig, pemFingerprint, tlsFetch } from '@roompost/sync';
import { type EdgeConfig, edgeConfigSchema } from '../config/edge-config.js';
import {
  CA_FILE,
  ENROLLMENT_FILE,
  type Enrollment,
  enrollmentFileOf,
  joinEnrollmentObject,
  readEnrollment,
  readJson,
} from '../config/enrollment-file.js';
import type { FileOwner } from './service-user.js';

export interface EnrollOptions {
  /** Central's address: https:// (http:// only on loopback). */
  central: string;
  token: string;
  /** The device's settings file (edge.json): created with defaults if absent, never rewritten. */
  configFile: string;
  /** Only used when edge.json is created; absent: the mode IT registered the device with at central. */
  mode?: 'self-service' | 'staff' | undefined;
  locale: string;
  httpPort: number;
  /** The property CA's SHA-256 fingerprint as `roompost-provision` prints it (pins central's HTTPS). */
  caFingerprint?: string;
  /** Or the CA certificate (PEM) central's HTTPS certificate chains to (the hotel's own, say). */
  caCertificate?: string;
  /** Who the written files belong to (service-user.ts); null: whoever runs this. */
  owner?: FileOwner | null;
  /** Rotation: the device this token must be for (refused unspent otherwise). */
  expectDevice?: string;
  fetchFn?: typeof fetch;
}

interface Bundle {
  property: string;
  device: string;
  mqtt: { url: string; username: string; password: string; caCertificate: string | null };
  outlet: { code: string; name: string; mode?: 'self-service' | 'staff' };
  /** `gstin` is absent from a central older than it. */
  hotel: { name: string; currency: string; timeZone: string; gstin?: string | null } | null;
}

/** A refusal with a code naming what is wrong (the CLI prints both and exits 1, or 2 for usage). */
export class EnrollError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EnrollError';
  }
}

const PEM_CERT = /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/;
const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

/**
 * `roompost-edge enroll`: spends the one-time token at central over HTTPS (the property CA pinned
 * by its fingerprint, or a CA file) for the device's MQTT credentials, the property CA and its
 * outlet, and writes enrollment.json and central-ca.pem beside edge.json (owner only, owned by the
 * service user). edge.json, the device's settings, is created with defaults when it does not exist
 * and never rewritten: a rotation or a new enrollment keeps reader, printer, GPIO, display,
 * receipt options, staff and mode. Nothing is written unless every check passed.
 */
export async function enroll(o: EnrollOptions): Promise<EdgeConfig> {
  const centralUrl = parseCentralUrl(o.central);
  const configFile = resolve(o.configFile);
  const dir = dirname(configFile);
  const settingsExist = existsSync(configFile);
  // The settings must be valid before the token is spent (placeholders stand in for central's part).
  const settings = settingsExist ? (readJson(configFile) as Record<string, unknown>) : defaultSettings(o);
  const enrollmentFile = enrollmentFileOf(configFile, settings);
  checkSettings(configFile, settings, enrollmentFile);

  const fetchFn = o.fetchFn ?? (await pinnedFetch(centralUrl, o));
  let res: Response;
  try {
    res = await fetchFn(new URL('/api/enroll', centralUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: o.token, ...(o.expectDevice ? { device: o.expectDevice } : {}) }),
    });
  } catch (err) {
    throw new EnrollError(
      'CENTRAL_UNREACHABLE',
      `cannot reach central at ${centralUrl}: ${(err as Error).message}`,
    );
  }
  const body = (await res.json().catch(() => null)) as
    | (Bundle & { code?: string; message?: string; action?: string })
    | null;
  if (!res.ok || !body) {
    throw new EnrollError(
      body?.code ?? `HTTP_${res.status}`,
      `enrollment refused: ${body?.message ?? `HTTP ${res.status}`}${body?.action ? ` — ${body.action}` : ''}`,
    );
  }
  if (!body.hotel) {
    throw new EnrollError(
      'PROPERTY_NOT_CONFIGURED',
      'central has no property set up yet (roompost-central init)',
    );
  }
  const { caCertificate } = body.mqtt;
  if (body.mqtt.url.startsWith('mqtts://') && !caCertificate) {
    throw new EnrollError(
      'CA_MISSING',
      'central gave an mqtts:// broker but no CA certificate to verify it with',
    );
  }
  if (caCertificate && !PEM_CERT.test(caCertificate)) {
    throw new EnrollError('CA_INVALID', 'central sent a CA certificate that is not PEM');
  }
  // A new edge.json takes the mode IT registered the device with, unless --mode said otherwise.
  if (!settingsExist && o.mode === undefined && body.outlet.mode) {
    (settings.outlet as Record<string, unknown>).mode = body.outlet.mode;
  }
  const enrollment: Enrollment = {
    version: 1,
    centralUrl: centralUrl.href.replace(/\/$/, ''),
    enrolledAt: new Date().toISOString(),
    property: body.property,
    device: body.device,
    central: {
      mqttUrl: body.mqtt.url,
      username: body.mqtt.username,
      password: body.mqtt.password,
      ...(caCertificate ? { caFile: CA_FILE } : {}),
    },
    outlet: {
      code: body.outlet.code,
      name: body.outlet.name,
      propertyName: body.hotel.name,
      currency: body.hotel.currency,
      timeZone: body.hotel.timeZone,
      // The property's GSTIN: the outlet's receipts print it and show CGST/SGST (and VAT) per rate.
      ...(body.hotel.gstin ? { gstin: body.hotel.gstin } : {}),
    },
  };
  const joined = parseConfig(
    configFile,
    joinEnrollmentObject(settings, enrollment, dirname(enrollmentFile)),
    edgeConfigSchema,
  );

  mkdirSync(dir, { recursive: true, mode: 0o750 });
  if (o.owner) chownSync(dir, o.owner.uid, o.owner.gid);
  const enrollmentDir = dirname(enrollmentFile);
  mkdirSync(enrollmentDir, { recursive: true, mode: 0o750 });
  if (caCertificate) writeAtomic(join(enrollmentDir, CA_FILE), caCertificate, 0o644, o.owner);
  if (o.caCertificate && o.caCertificate !== caCertificate) {
    writeAtomic(join(enrollmentDir, HTTPS_CA_FILE), o.caCertificate, 0o644, o.owner);
  }
  writeAtomic(enrollmentFile, `${JSON.stringify(enrollment, null, 2)}\n`, 0o600, o.owner);
  if (!settingsExist) writeAtomic(configFile, `${JSON.stringify(settings, null, 2)}\n`, 0o600, o.owner);
  return joined;
}

/** Central's own HTTPS CA, kept when it is not the property CA (a hotel-supplied certificate). */
const HTTPS_CA_FILE = 'central-https-ca.pem';

/**
 * `roompost-edge rotate-credentials`: a new MQTT secret for an enrolled device from IT's one-time
 * token, at the central and under the CA it enrolled with. Only enrollment.json changes; a running
 * edge picks the secret up at its next reconnect (central cuts the old session at once).
 */
export async function rotateCredentials(o: {
  configFile: string;
  token: string;
  owner?: FileOwner | null;
  fetchFn?: typeof fetch;
}): Promise<EdgeConfig> {
  const configFile = resolve(o.configFile);
  if (!existsSync(configFile)) {
    throw new EnrollError('NOT_ENROLLED', `${configFile} does not exist: enroll the device first`);
  }
  const settings = readJson(configFile) as Record<string, unknown>;
  const enrollmentFile = enrollmentFileOf(configFile, settings);
  if (!existsSync(enrollmentFile)) {
    throw new EnrollError('NOT_ENROLLED', `${enrollmentFile} does not exist: enroll the device first`);
  }
  const current = readEnrollment(enrollmentFile);
  const dir = dirname(enrollmentFile);
  const httpsCa = [HTTPS_CA_FILE, current.central.caFile ?? CA_FILE]
    .map((f) => resolve(dir, f))
    .find((f) => existsSync(f));
  return enroll({
    central: current.centralUrl,
    token: o.token,
    configFile,
    locale: 'en-US',
    httpPort: 0,
    expectDevice: current.device,
    ...(httpsCa ? { caCertificate: readFileSync(httpsCa, 'utf8') } : {}),
    ...(o.owner !== undefined ? { owner: o.owner } : {}),
    ...(o.fetchFn ? { fetchFn: o.fetchFn } : {}),
  });
}

function parseCentralUrl(central: string): URL {
  let url: URL;
  try {
    url = new URL(central);
  } catch {
    throw new EnrollError('CENTRAL_URL_INVALID', `--central is not a URL: "${central}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new EnrollError('CENTRAL_URL_INVALID', `--central must be https://…, got ${url.protocol}`);
  }
  // Tokens and secrets never cross the LAN in clear.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new EnrollError(
      'CENTRAL_NOT_HTTPS',
      `--central ${central} is plain HTTP off loopback: use central's https:// address`,
    );
  }
  return url;
}

/**
 * A fetch that trusts only the pinned CA: a CA file as given, or the CA central presents at
 * `GET /api/enroll/ca` when its SHA-256 fingerprint is the one IT printed (then every request is
 * verified against it, host name included).
 */
async function pinnedFetch(url: URL, o: EnrollOptions): Promise<typeof fetch> {
  if (url.protocol === 'http:') return tlsFetch();
  if (o.caCertificate !== undefined) {
    if (!PEM_CERT.test(o.caCertificate) || pemFingerprint(o.caCertificate) === null) {
      throw new EnrollError('CA_INVALID', 'the --ca-file is not a PEM certificate');
    }
    if (o.caFingerprint && !sameFingerprint(pemFingerprint(o.caCertificate), o.caFingerprint)) {
      throw new EnrollError(
        'CA_FINGERPRINT_MISMATCH',
        'the --ca-file does not have the --ca-fingerprint given',
      );
    }
    return tlsFetch({ ca: o.caCertificate });
  }
  if (!o.caFingerprint) {
    throw new EnrollError(
      'CA_NOT_PINNED',
      'enrolling over HTTPS needs --ca-fingerprint (as roompost-provision printed it) or --ca-file',
    );
  }
  let answer: { caCertificate?: string | null } | null;
  try {
    const res = await tlsFetch({ insecure: true })(new URL('/api/enroll/ca', url));
    answer = (await res.json().catch(() => null)) as typeof answer;
  } catch (err) {
    throw new EnrollError(
      'CENTRAL_UNREACHABLE',
      `cannot reach central at ${url.href}: ${(err as Error).message}`,
    );
  }
  const ca = answer?.caCertificate;
  if (!ca || !PEM_CERT.test(ca)) {
    throw new EnrollError('CA_MISSING', 'central offers no property CA: enroll with --ca-file instead');
  }
  if (!sameFingerprint(pemFingerprint(ca), o.caFingerprint)) {
    throw new EnrollError(
      'CA_FINGERPRINT_MISMATCH',
      `central's CA has fingerprint ${pemFingerprint(ca)}, not the one given: do not enroll against this server`,
    );
  }
  return tlsFetch({ ca });
}

const sameFingerprint = (a: string | null, b: string) =>
  a !== null && normalizeFingerprint(b).length === 64 && normalizeFingerprint(a) === normalizeFingerprint(b);

/** A new device's edge.json: simulated reader and printer until IT names the real ones (docs/devices.md). */
function defaultSettings(o: EnrollOptions): Record<string, unknown> {
  return {
    version: 1,
    enrollment: ENROLLMENT_FILE,
    database: 'edge.sqlite',
    outlet: { mode: o.mode ?? 'self-service', locale: o.locale },
    http: { host: '127.0.0.1', port: o.httpPort },
    devices: {
      reader: { kind: 'simulated', cards: [] },
      printer: { kind: 'simulated', file: 'receipts.txt' },
    },
  };
}
/** Validates edge.json with placeholders for what central will send: problems before the token is spent. */
function checkSettings(configFile: string, settings: Record<string, unknown>, enrollmentFile: string): void {
  const placeholder: Enrollment = {
    version: 1,
    centralUrl: 'https://central.invalid',
    enrolledAt: new Date().toISOString(),
    property: 'placeholder',
    device: 'placeholder',
    central: { mqttUrl: 'mqtts://central.invalid:8883', username: 'placeholder', password: 'p'.repeat(32) },
    outlet: { code: 'X', name: 'X', propertyName: 'X', currency: 'USD', timeZone: 'UTC' },
  };
  try {
    parseConfig(
      configFile,
      joinEnrollmentObject(settings, placeholder, dirname(enrollmentFile)),
      edgeConfigSchema,
    );
  } catch (err) {
    if (err instanceof ConfigError) {
      throw new EnrollError(
        'SETTINGS_INVALID',
        `${err.message}\n(nothing was sent to central; the token is unused)`,
      );
    }
    throw err;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomic(file: string, text: string, mode: number, owner: FileOwner | null | undefined): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode);
  if (owner) chownSync(tmp, owner.uid, owner.gid);
  renameSync(tmp, file);
}
