import type { Kysely } from 'kysely';
import type { CentralConfig } from '../config/central-config.js';
import type { CentralDatabase } from '../db/central-database.js';
import { findDevice, listDevices } from './device.repository.js';
import type { DeviceMode } from './device.table.js';

/** One device central knows: from central.json's `devices`, or registered and enrolled through central. */
export interface DeviceEntry {
  id: string;
  outletCode: string;
  mode: DeviceMode;
  revoked: boolean;
  source: 'config' | 'enrolled';
}

/**
 * Every device of the property in one place: the devices of central.json and the ones enrolled
 * through central (a config entry wins over an enrolled one of the same id). Lookups by id are
 * indexed (the config map, then the devices table's primary key); everything that asks "which
 * outlet / which mode is this device" asks here, and an unknown or revoked device has none.
 */
export class DeviceDirectory {
  readonly #db: Kysely<CentralDatabase>;
  readonly #configured: ReadonlyMap<string, DeviceEntry>;

  constructor(db: Kysely<CentralDatabase>, configured: CentralConfig['devices']) {
    this.#db = db;
    this.#configured = new Map(
      configured.map((d) => [
        d.id,
        {
          id: d.id,
          outletCode: d.outletCode,
          mode: d.mode ?? 'self-service',
          revoked: false,
          source: 'config',
        },
      ]),
    );
  }

  /** The device as central knows it, revoked ones included; undefined for a device it does not know. */
  async entry(id: string): Promise<DeviceEntry | undefined> {
    const configured = this.#configured.get(id);
    if (configured) return configured;
    const row = await findDevice(this.#db, id);
    return row
      ? {
          id: row.id,
          outletCode: row.outlet_code,
          mode: row.mode,
          revoked: row.status === 'revoked',
          source: 'enrolled',
        }
      : undefined;
  }

  /** The outlet a device belongs to, never the payload's; undefined (fail closed) when unknown or revoked. */
  async outletOf(id: string): Promise<string | undefined> {
    const device = await this.entry(id);
    return device && !device.revoked ? device.outletCode : undefined;
  }

  /** Every device, revoked ones included (the fleet page). */
  async all(): Promise<DeviceEntry[]> {
    const enrolled = (await listDevices(this.#db))
      .filter((d) => !this.#configured.has(d.id))
      .map(
        (d): DeviceEntry => ({
          id: d.id,
          outletCode: d.outlet_code,
          mode: d.mode,
          revoked: d.status === 'revoked',
          source: 'enrolled',
        }),
      );
    return [...this.#configured.values(), ...enrolled];
  }

  /** The ids of every device that is not revoked (who hears the PMS health and the roster). */
  async active(): Promise<string[]> {
    return (await this.all()).filter((d) => !d.revoked).map((d) => d.id);
  }

  /** The ids of an outlet's devices that are not revoked. */
  async ofOutlet(outletCode: string): Promise<string[]> {
    return (await this.all()).filter((d) => d.outletCode === outletCode && !d.revoked).map((d) => d.id);
  }
}
