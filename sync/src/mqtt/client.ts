import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { deviceClientId, type PresenceMessage, topicFor } from '../contract/index.js';

export type { MqttClient } from 'mqtt';

export interface DeviceClientOptions {
  url: string;
  property: string;
  device: string;
  username?: string;
  password?: string;
  outletCode?: string | null;
  softwareVersion?: string | null;
  /** mqtt.js reconnect period; tests shorten it. */
  reconnectPeriodMs?: number;
  /** PEM CA certificate(s) to verify an mqtts:// broker with (the property CA); host names are checked. */
  ca?: string;
}

/**
 * mqtt.js logs each packet through `debug`: a few calls per packet, each building an argument array
 * (rest parameters) even when logging is off. Off unless DEBUG names mqttjs, as debug itself would
 * decide.
 */
const quietLog: Pick<IClientOptions, 'log'> = /mqttjs/.test(process.env.DEBUG ?? '') ? {} : { log: () => {} };

/**
 * `writeCache: false` on every client: mqtt-packet otherwise builds 65,536 two-byte Buffers (one per
 * message id, about 7 MB of heap) at the first packet it writes, in each process, for the life of the
 * process; writing a message id's two bytes directly costs nothing measurable. The flag is global to
 * mqtt-packet (aedes writes with it too); the embedded broker turns it off itself, since central's
 * own client there is in-process and no mqtt.js client is made beside it.
 *
 * An mqtt.js client for one edge device: MQTT 3.1.1 (aedes 1.x speaks nothing newer), a persistent
 * session under a stable client id, and a retained "offline" Last Will on the presence topic.
 * mqtt.js mutates the options it gets, so every call builds a fresh object.
 */
export function connectDevice(o: DeviceClientOptions): MqttClient {
  const presence = topicFor('presence', o.property, o.device);
  const offline: PresenceMessage = {
    v: 1,
    online: false,
    outletCode: o.outletCode ?? null,
    version: o.softwareVersion ?? null,
    at: null,
  };
  const options: IClientOptions = {
    protocolVersion: 4,
    clientId: deviceClientId(o.property, o.device),
    clean: false,
    reconnectPeriod: o.reconnectPeriodMs ?? 1000,
    connectTimeout: 5000,
    will: { topic: presence, payload: Buffer.from(JSON.stringify(offline)), qos: 1, retain: true },
    writeCache: false,
    ...quietLog,
  };
  if (o.username !== undefined) options.username = o.username;
  if (o.password !== undefined) options.password = o.password;
  if (o.ca !== undefined) Object.assign(options, { ca: o.ca, rejectUnauthorized: true });
  const client = noDelay(mqtt.connect(o.url, options));
  // One device session carries a dozen long-lived 'connect' listeners by design (presence, roster,
  // catalog, resends, resync, summaries...); Node's default of 10 would warn of a leak that is not.
  client.setMaxListeners(32);
  client.on('connect', () => {
    const online: PresenceMessage = { ...offline, online: true, at: new Date().toISOString() };
    client.publish(presence, JSON.stringify(online), { qos: 1, retain: true });
  });
  return client;
}

export interface ServiceClientOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  reconnectPeriodMs?: number;
  /** PEM CA certificate(s) for an mqtts:// broker. */
  ca?: string;
  /**
   * Start a clean session (default false: the broker keeps the session while central restarts). Workers
   * on shared subscriptions use a clean one, so a dead worker's share stops at once instead of queueing.
   */
  clean?: boolean;
}

/** The mqtt.js client central uses on its own (embedded or external) broker. */
export function connectService(o: ServiceClientOptions): MqttClient {
  const options: IClientOptions = {
    protocolVersion: 4,
    clientId: o.clientId,
    clean: o.clean ?? false,
    reconnectPeriod: o.reconnectPeriodMs ?? 1000,
    connectTimeout: 5000,
    writeCache: false,
    ...quietLog,
  };
  if (o.username !== undefined) options.username = o.username;
  if (o.password !== undefined) options.password = o.password;
  if (o.ca !== undefined) Object.assign(options, { ca: o.ca, rejectUnauthorized: true });
  return noDelay(mqtt.connect(o.url, options));
}

/**
 * Turns Nagle off on the client's socket, and again on every reconnect (each builds a new one).
 * mqtt.js opens its TCP and TLS sockets without TCP_NODELAY, so a small publish waited for the
 * broker's delayed ACK (tens of milliseconds) whenever an earlier packet was still unacknowledged.
 */
export function noDelay(client: MqttClient): MqttClient {
  const set = () =>
    (client.stream as { setNoDelay?: (on: boolean) => unknown } | undefined)?.setNoDelay?.(true);
  set();
  client.on('connect', set);
  return client;
}
