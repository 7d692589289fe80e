import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type EdgeConfig, edgeConfigSchema } from '../config/edge-config.js';

export interface EnrollOptions {
  central: string;
  token: string;
  /** Where the edge's config file is written (mode 0600); the device key goes beside it. */
  configFile: string;
  mode: 'self-service' | 'staff';
  locale: string;
  httpPort: number;
  fetchFn?: typeof fetch;
}

interface Bundle {
  property: string;
  device: string;
  mqtt: { url: string; username: string; password: string; caCertificate: string | null };
  outlet: { code: string; name: string };
  hotel: { name: string; currency: string; timeZone: string } | null;
}

export class EnrollError extends Error {}

/**
 * `roompost-edge enroll`: creates the device's key pair, spends the one-time token at central for
 * the device's MQTT credentials, the property CA and its outlet, and writes a complete, validated
 * config file (0600) with the CA beside it (`central-ca.pem`).
 * Devices start with simulated reader and printer; docs/devices.md says how to name real ones.
 */
export async function enroll(o: EnrollOptions): Promise<EdgeConfig> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  let res: Response;
  try {
    res = await (o.fetchFn ?? fetch)(new URL('/api/enroll', o.central), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: o.token,
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      }),
    });
  } catch (err) {
    throw new EnrollError(`cannot reach central at ${o.central}: ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as
    | (Bundle & { code?: string; message?: string; action?: string })
    | null;
  if (!res.ok || !body) {
    throw new EnrollError(
      `enrollment refused: ${body?.message ?? `HTTP ${res.status}`}${body?.action ? ` — ${body.action}` : ''}`,
    );
  }
  if (!body.hotel) throw new EnrollError('central has no hotel configured yet (currency, time zone)');
  const { caCertificate } = body.mqtt;
  if (body.mqtt.url.startsWith('mqtts://') && !caCertificate) {
    throw new EnrollError('central gave an mqtts:// broker but no CA certificate to verify it with');
  }
  if (
    caCertificate &&
    !/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/.test(caCertificate)
  ) {
    throw new EnrollError('central sent a CA certificate that is not PEM');
  }
  // The property CA goes beside the config file; the edge verifies the broker (and its name) with it.
  const caFile = join(resolve(dirname(o.configFile)), 'central-ca.pem');
  const config = edgeConfigSchema.parse({
    version: 1,
    property: body.property,
    device: body.device,
    database: 'edge.sqlite',
    outlet: {
      code: body.outlet.code,
      name: body.outlet.name,
      propertyName: body.hotel.name,
      mode: o.mode,
      currency: body.hotel.currency,
      locale: o.locale,
      timeZone: body.hotel.timeZone,
    },
    central: {
      mqttUrl: body.mqtt.url,
      username: body.mqtt.username,
      password: body.mqtt.password,
      ...(body.mqtt.caCertificate ? { caFile } : {}),
    },
    http: { host: '127.0.0.1', port: o.httpPort },
    devices: {
      reader: { kind: 'simulated', cards: [] },
      printer: { kind: 'simulated', file: 'receipts.txt' },
    },
  } satisfies Record<string, unknown>);
  mkdirSync(dirname(o.configFile), { recursive: true });
  writeFileSync(
    join(dirname(o.configFile), 'device-key.pem'),
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
    { mode: 0o600 },
  );
  if (caCertificate) writeFileSync(caFile, caCertificate, { mode: 0o644 });
  writeFileSync(o.configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  return config;
}
