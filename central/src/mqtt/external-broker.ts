import { hostname } from 'node:os';
import { centralClientId, type Logger } from '@roompost/sync';
import type { CentralConfig } from '../config/central-config.js';
import { MosquittoAccess } from './mosquitto-access.js';
import { MosquittoDynsec } from './mosquitto-dynsec.js';

/** The shared-subscription group of central workers (`$share/roompost/…`). */
export const SHARE_GROUP = 'roompost';

/** How central connects to its broker: client id, clean session, shared subscriptions. */
export function brokerSession(config: CentralConfig): {
  clientId: string;
  clean: boolean;
  shareGroup: string | undefined;
} {
  const shared = config.mqtt.url !== undefined && config.mqtt.sharedSubscriptions !== false;
  return {
    // Several workers: one client id each (mqtt.clientId, or the worker's id), or they would throw
    // each other off the broker.
    clientId:
      config.mqtt.clientId ??
      `${centralClientId(config.property)}${config.worker ? `-${config.worker.id}` : ''}`,
    // A worker on shared subscriptions starts clean: a dead worker's session would otherwise keep
    // getting its share of the charges queued (the edges re-publish until answered, so none is lost).
    clean: shared,
    shareGroup: shared ? SHARE_GROUP : undefined,
  };
}

export interface ExternalBrokerAccess {
  readonly accounts: MosquittoAccess;
  close(): Promise<void>;
}

/**
 * Connects to Mosquitto's dynamic-security plugin as `broker.admin` and makes sure central's own
 * account exists (reading every topic of the property, nothing else) before central connects with it.
 * Fails start-up with a coded BrokerAccessError when the broker refuses or does not answer.
 */
export async function connectExternalBroker(
  config: CentralConfig,
  logger: Logger,
): Promise<ExternalBrokerAccess | undefined> {
  const broker = config.broker;
  const url = config.mqtt.url;
  if (!broker || url === undefined) return undefined;
  const session = brokerSession(config);
  const dynsec = await MosquittoDynsec.connect({
    url,
    username: broker.admin.username,
    password: broker.admin.password,
    clientId: broker.admin.clientId ?? `${session.clientId}-admin-${hostname()}-${process.pid}`.slice(0, 64),
    timeoutMs: broker.timeoutMs ?? 5000,
    logger,
  });
  try {
    const accounts = new MosquittoAccess({
      dynsec,
      property: config.property,
      logger,
      url,
      ...(session.shareGroup === undefined ? {} : { shareGroup: session.shareGroup }),
    });
    await accounts.checkDefaults();
    await accounts.ensureCentral(config.mqtt.username, config.mqtt.password);
    // The config refuses secretHash with an external broker: each configured device has its secret.
    for (const d of config.devices) if (d.secret) await accounts.ensureConfiguredDevice(d.id, d.secret);
    return { accounts, close: () => dynsec.close() };
  } catch (err) {
    await dynsec.close();
    throw err;
  }
}
