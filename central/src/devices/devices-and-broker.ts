import type { Logger, StopStack } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralConfig } from '../config/central-config.js';
import type { CentralDatabase } from '../db/central-database.js';
import { type BrokerLink, openBrokerLink } from '../mqtt/broker-link.js';
import { connectExternalBroker } from '../mqtt/external-broker.js';
import { DeviceDirectory } from './device-directory.js';
import { DeviceService } from './device-service.js';

/**
 * The enrolled devices and the broker they sign in to, opened together: the embedded broker asks the
 * device accounts who may connect, and a revoked or re-enrolled device is cut off by whichever broker
 * runs (the embedded one drops its connections; an external Mosquitto's accounts are kept in step
 * by central, docs/scale-out.md).
 */
export async function openDevicesAndBroker(
  config: CentralConfig,
  d: {
    db: Kysely<CentralDatabase>;
    clock: Clock;
    logger: Logger;
    stack: StopStack;
    dataDir: string;
    outletExists: (code: string) => boolean;
    propertyReady: () => Promise<boolean>;
  },
): Promise<{ devices: DeviceService; directory: DeviceDirectory; link: BrokerLink }> {
  const external = await connectExternalBroker(config, d.logger);
  if (external) d.stack.push(() => external.close());
  let link: BrokerLink | undefined;
  const devices = new DeviceService({
    db: d.db,
    clock: d.clock,
    property: config.property,
    outletCodes: { has: d.outletExists },
    onRevoked: (id) => link?.broker?.disconnectDevice(id),
    onReenrolled: (id) => link?.broker?.disconnectDevice(id),
    propertyReady: d.propertyReady,
    ...(external ? { broker: external.accounts } : {}),
  });
  await external?.accounts.reconcile(await devices.list());
  link = await openBrokerLink(config, {
    dataDir: d.dataDir,
    logger: d.logger,
    stack: d.stack,
    authenticateDevice: (user, password) =>
      user === undefined ? Promise.resolve(null) : devices.authenticate(user, password),
  });
  return { devices, directory: new DeviceDirectory(d.db, config.devices), link };
}
