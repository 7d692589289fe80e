import { type Authenticate, secretMatches } from '@roompost/sync';
import type { CentralConfig } from '../config/central-config.js';
import { verifySecret } from '../devices/secret-hash.js';

/**
 * Who may use the embedded broker: central's own service account and the configured devices,
 * each as itself only (the broker's ACL keeps a device under its own topic prefix).
 * Devices enrolled through central (`enrolled`) authenticate against their stored secret hash.
 */
export function configuredBrokerAuth(config: CentralConfig, enrolled?: Authenticate): Authenticate {
  const devices = new Map(config.devices.map((d) => [d.id, d]));
  return async (username, password) => {
    if (username === undefined) return null;
    if (username === config.mqtt.username) {
      return secretMatches(config.mqtt.password, password) ? { kind: 'service', name: username } : null;
    }
    const device = devices.get(username);
    if (device) {
      const ok = device.secretHash
        ? password !== undefined && (await verifySecret(password.toString('utf8'), device.secretHash))
        : device.secret !== undefined && secretMatches(device.secret, password);
      return ok ? { kind: 'device', property: config.property, device: device.id } : null;
    }
    return enrolled ? enrolled(username, password) : null;
  };
}
