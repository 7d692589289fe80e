import { createHash } from 'node:crypto';
import type { Principal } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { DeviceBrokerAccounts } from '../mqtt/mosquitto-access.js';
import {
  type DeviceRow,
  expireTokens,
  findDevice,
  findToken,
  insertDevice,
  insertToken,
  listDevices,
  updateDevice,
  useToken,
} from './device.repository.js';
import type { DeviceMode } from './device.table.js';
import { hashSecret, randomToken, verifySecret } from './secret-hash.js';

const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface IssuedToken {
  device: DeviceRow;
  token: string;
  expiresAt: string;
}

export interface DeviceServiceOptions {
  db: Kysely<CentralDatabase>;
  clock: Clock;
  property: string;
  /** The outlets devices may belong to (read at each registration: `PUT /api/pms/outlets` adds some). */
  outletCodes: { has(code: string): boolean };
  /** Called when a device is revoked, to cut its live connections. */
  onRevoked: (deviceId: string) => void;
  /** Called when a device enrolled again (rotation): its sessions under the old secret are cut. */
  onReenrolled?: (deviceId: string) => void;
  /** Whether the property is set up (`roompost-central init`); until then no token is spent. */
  propertyReady?: () => Promise<boolean>;
  /**
   * An external broker's accounts (Mosquitto dynamic security): a device's account is created at
   * enrollment and removed at revocation inside the same transaction, so a broker that refuses
   * leaves the registry unchanged (BROKER_UNAVAILABLE).
   */
  broker?: DeviceBrokerAccounts;
}

async function onBroker(what: string, act: () => Promise<void>): Promise<void> {
  try {
    await act();
  } catch (err) {
    throw new CentralError('BROKER_UNAVAILABLE', `${what}: ${(err as Error).message}`);
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The devices of a property: IT registers one (getting a one-time enrollment token), the device
 * enrolls with it (getting its MQTT secret, stored here only as a scrypt hash), IT can revoke it
 * or issue a new token to rotate its credentials.
 */
export class DeviceService {
  readonly #o: DeviceServiceOptions;

  constructor(options: DeviceServiceOptions) {
    this.#o = options;
  }

  list(): Promise<DeviceRow[]> {
    return listDevices(this.#o.db);
  }

  async create(input: {
    id: string;
    outletCode: string;
    /** Default self-service: staff rights (overrides, open prices) only when IT says so. */
    mode?: DeviceMode | undefined;
    actor: string;
    ttlMinutes: number;
  }): Promise<IssuedToken> {
    if (!DEVICE_ID.test(input.id)) {
      throw new CentralError('VALIDATION_FAILED', 'a device name is letters, digits, "-" and "_"', {
        field: 'name',
      });
    }
    if (!this.#o.outletCodes.has(input.outletCode)) {
      throw new CentralError(
        'VALIDATION_FAILED',
        `no outlet ${input.outletCode} in central's configuration`,
        {
          field: 'outlet',
        },
      );
    }
    if (await findDevice(this.#o.db, input.id)) {
      throw new CentralError('INVALID_STATE', `a device named ${input.id} exists already`, { field: 'name' });
    }
    const now = this.#o.clock.now().toISOString();
    const device: DeviceRow = {
      id: input.id,
      outlet_code: input.outletCode,
      name: input.id,
      status: 'pending',
      mode: input.mode ?? 'self-service',
      secret_hash: null,
      public_key: null,
      created_at: now,
      created_by: input.actor,
      enrolled_at: null,
      revoked_at: null,
      revoked_by: null,
    };
    return this.#o.db.transaction().execute(async (trx) => {
      await insertDevice(trx, device);
      return this.#issue(trx, device, input.actor, input.ttlMinutes);
    });
  }

  /** A new one-time token; the device keeps its current secret until it enrolls again with it. */
  async rotate(id: string, actor: string, ttlMinutes: number): Promise<IssuedToken> {
    const device = await this.#existing(id);
    if (device.status === 'revoked') throw new CentralError('INVALID_STATE', `device ${id} is revoked`);
    return this.#o.db.transaction().execute(async (trx) => {
      await expireTokens(trx, id, this.#o.clock.now().toISOString());
      return this.#issue(trx, device, actor, ttlMinutes);
    });
  }

  async revoke(id: string, actor: string): Promise<DeviceRow> {
    await this.#existing(id); // NOT_FOUND for an unknown device
    const now = this.#o.clock.now().toISOString();
    await this.#o.db.transaction().execute(async (trx) => {
      await updateDevice(trx, id, {
        status: 'revoked',
        revoked_at: now,
        revoked_by: actor,
        secret_hash: null,
      });
      await expireTokens(trx, id, now);
      const broker = this.#o.broker;
      if (broker) await onBroker(`device ${id} not removed from the broker`, () => broker.remove(id));
    });
    this.#o.onRevoked(id);
    return (await findDevice(this.#o.db, id))!;
  }

  /**
   * Spends a token: the device gets a fresh MQTT secret. Wrong, used or expired tokens are refused;
   * so is every token while the property is not set up, before anything is written (the token stays
   * unspent and the device pending). `expectDevice` (a rotation on an enrolled device) refuses a
   * token issued for another device, also without spending it.
   */
  async enroll(
    token: string,
    publicKey: string | null,
    expectDevice?: string,
  ): Promise<{ device: DeviceRow; secret: string }> {
    if (this.#o.propertyReady && !(await this.#o.propertyReady())) {
      throw new CentralError(
        'PROPERTY_NOT_CONFIGURED',
        'central has no property set up yet (roompost-central init); the token was not used',
      );
    }
    const now = this.#o.clock.now();
    const record = await findToken(this.#o.db, sha256(token));
    if (!record)
      throw new CentralError('ENROLLMENT_REFUSED', 'this enrollment token is not known', { field: 'token' });
    if (record.used_at !== null) {
      throw new CentralError('ENROLLMENT_REFUSED', 'this enrollment token was used already', {
        field: 'token',
      });
    }
    if (Date.parse(record.expires_at) <= now.getTime()) {
      throw new CentralError('ENROLLMENT_REFUSED', 'this enrollment token has expired', { field: 'token' });
    }
    const device = await this.#existing(record.device_id);
    if (device.status === 'revoked')
      throw new CentralError('ENROLLMENT_REFUSED', `device ${device.id} is revoked`);
    if (expectDevice !== undefined && expectDevice !== device.id) {
      throw new CentralError(
        'ENROLLMENT_REFUSED',
        `this token is for device ${device.id}, not ${expectDevice}; the token was not used`,
        { field: 'device' },
      );
    }
    const wasActive = device.status === 'active';
    const secret = randomToken(24);
    const secretHash = await hashSecret(secret);
    const won = await this.#o.db.transaction().execute(async (trx) => {
      if (!(await useToken(trx, record.token_hash, now.toISOString()))) return false;
      const broker = this.#o.broker;
      if (broker) {
        await onBroker(`device ${device.id} has no broker account`, () =>
          broker.provision(device.id, secret),
        );
      }
      await updateDevice(trx, device.id, {
        status: 'active',
        secret_hash: secretHash,
        public_key: publicKey,
        enrolled_at: now.toISOString(),
      });
      return true;
    });
    if (!won)
      throw new CentralError('ENROLLMENT_REFUSED', 'this enrollment token was used already', {
        field: 'token',
      });
    if (wasActive) this.#o.onReenrolled?.(device.id);
    return { device: (await findDevice(this.#o.db, device.id))!, secret };
  }

  /** Broker authentication for enrolled devices; null for anything else. */
  async authenticate(username: string, password: Buffer | undefined): Promise<Principal | null> {
    if (!password || !DEVICE_ID.test(username)) return null;
    const device = await findDevice(this.#o.db, username);
    if (device?.status !== 'active' || !device.secret_hash) return null;
    return (await verifySecret(password.toString('utf8'), device.secret_hash))
      ? { kind: 'device', property: this.#o.property, device: device.id }
      : null;
  }

  async #issue(
    db: Kysely<CentralDatabase>,
    device: DeviceRow,
    actor: string,
    ttlMinutes: number,
  ): Promise<IssuedToken> {
    const token = randomToken(18);
    const expiresAt = new Date(this.#o.clock.now().getTime() + ttlMinutes * 60_000).toISOString();
    await insertToken(db, {
      token_hash: sha256(token),
      device_id: device.id,
      expires_at: expiresAt,
      used_at: null,
      created_by: actor,
    });
    return { device, token, expiresAt };
  }

  async #existing(id: string): Promise<DeviceRow> {
    const device = await findDevice(this.#o.db, id);
    if (!device) throw new CentralError('NOT_FOUND', `no device ${id}`);
    return device;
  }
}
