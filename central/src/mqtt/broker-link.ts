import {
  type Authenticate,
  connectService,
  type EmbeddedBroker,
  type Logger,
  type ServiceMqttClient,
  type StopStack,
  startEmbeddedBroker,
} from '@roompost/sync';
import type { CentralConfig } from '../config/central-config.js';
import { type BrokerTls, propertyBrokerTls } from '../tls/property-ca.js';
import { configuredBrokerAuth } from './broker-auth.js';
import { brokerSession } from './external-broker.js';

export interface BrokerLink {
  /** The embedded broker, when central runs its own. */
  readonly broker: EmbeddedBroker | undefined;
  /** Central's client: in-process on the embedded broker, mqtt.js on an external one. */
  readonly client: ServiceMqttClient;
  /** Where devices reach the broker (the embedded one's own address when central runs it). */
  readonly mqttUrl: string;
  readonly brokerTls: BrokerTls | undefined;
  /**
   * Starts `start` once the client is connected. With the embedded broker it is awaited; an external
   * broker that is down does not keep central's HTTP API closed, its parts start when it comes up.
   */
  onceConnected(what: string, start: () => Promise<void>): Promise<void>;
}

/**
 * Central's broker (embedded with its TLS, or external) and central's own MQTT client on it. On the
 * embedded broker central's client is in-process (`broker.serviceClient()`): a charge, a status or an
 * RPC answer is not encoded, sent over loopback and parsed again on its way between aedes and central.
 * On an external broker (Mosquitto, workers on shared subscriptions) it is mqtt.js over the network.
 */
export async function openBrokerLink(
  config: CentralConfig,
  deps: {
    dataDir: string;
    logger: Logger;
    stack: StopStack;
    /** A device's broker sign-in (the embedded broker asks central's device accounts). */
    authenticateDevice: Authenticate;
  },
): Promise<BrokerLink> {
  const { logger, stack } = deps;
  const session = brokerSession(config);
  let mqttUrl = config.mqtt.url ?? '';
  let brokerTls: BrokerTls | undefined;
  const embedded = config.mqtt.embedded;
  if (embedded?.tls) {
    const publicHost = config.mqtt.publicUrl ? new URL(config.mqtt.publicUrl).hostname : undefined;
    brokerTls = await propertyBrokerTls(deps.dataDir, config.property, [
      embedded.host,
      // The advertised address dials loopback when the broker listens on every address.
      ...(isWildcard(embedded.host) ? ['127.0.0.1'] : []),
      ...(embedded.tlsNames ?? []),
      ...(publicHost ? [publicHost.replace(/^\[|\]$/g, '')] : []),
    ]);
  }
  let broker: EmbeddedBroker | undefined;
  if (embedded) {
    const started = await startEmbeddedBroker({
      host: embedded.host,
      port: embedded.port,
      ...(brokerTls ? { tls: { cert: brokerTls.cert, key: brokerTls.key } } : {}),
      ...(embedded.maxPacketBytes ? { maxPacketBytes: embedded.maxPacketBytes } : {}),
      authenticate: configuredBrokerAuth(config, deps.authenticateDevice),
      logger,
    });
    broker = started;
    stack.push(() => started.close());
    const dial = isWildcard(embedded.host) ? '127.0.0.1' : embedded.host;
    mqttUrl = `${brokerTls ? 'mqtts' : 'mqtt'}://${dial}:${started.port}`;
  }

  const client: ServiceMqttClient = broker
    ? broker.serviceClient()
    : connectService({
        url: mqttUrl,
        clientId: session.clientId,
        clean: session.clean,
        username: config.mqtt.username,
        password: config.mqtt.password,
        ...(brokerTls ? { ca: brokerTls.caCertificate } : {}),
      });
  // Forced: a charge status lost on shutdown is asked for again by the edge (relay polling). Ended
  // before the embedded broker closes (the stack stops in reverse).
  stack.push(() => client.endAsync(true));
  client.on('error', (err) => logger.warn({ err: err.message }, 'mqtt client error'));
  const connected = waitForConnect(client, logger);
  if (broker) await connected;
  const local = broker !== undefined;
  return {
    broker,
    client,
    mqttUrl,
    brokerTls,
    async onceConnected(what, start) {
      const started = connected.then(start);
      if (local) return started;
      started.catch((err: unknown) => logger.error({ err }, `${what} did not start`));
    },
  };
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

function waitForConnect(client: ServiceMqttClient, logger: Logger): Promise<void> {
  if (client.connected) return Promise.resolve();
  const slow = setTimeout(() => logger.warn({}, 'waiting for the MQTT broker'), 3000);
  return new Promise((resolve) =>
    client.once('connect', () => {
      clearTimeout(slow);
      resolve();
    }),
  );
}
