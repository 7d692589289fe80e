import { timingSafeEqual } from 'node:crypto';
import { type AddressInfo, createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { writeToStream } from 'mqtt-packet';
import { devicePrefix, isOwnDeviceClientId } from '../contract/index.js';
import type { Logger } from '../logger.js';
import { InProcessMqttClient } from './in-process-client.js';
import { DEFAULT_MAX_PACKET_BYTES, guardPacketSize } from './packet-size-guard.js';

/** Who a connection is: central's own service client, or one device of one property. */
export type Principal =
  | { kind: 'service'; name: string }
  | { kind: 'device'; property: string; device: string };

/** Decides who may connect. Returning null refuses with "bad user name or password". */
export type Authenticate = (
  username: string | undefined,
  password: Buffer | undefined,
) => Promise<Principal | null>;

export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  authenticate: Authenticate;
  logger: Logger;
  /** Listen with TLS (mqtts://) under this server certificate chain and key (PEM). */
  tls?: { cert: string; key: string };
  /**
   * Largest MQTT packet (bytes, header included) a connection may send before central's own service
   * account has signed in; a bigger one closes the connection unread. Default DEFAULT_MAX_PACKET_BYTES.
   */
  maxPacketBytes?: number;
  /** The same for central's service connection (it answers with whole catalogs); default 16 MiB. */
  serviceMaxPacketBytes?: number;
}

export interface EmbeddedBroker {
  readonly port: number;
  /** Drops every connection of a device (a revoked one); returns how many were closed. */
  disconnectDevice(device: string): number;
  /**
   * Central's own client on this broker, in the same process (no socket, no MQTT encoding): see
   * in-process-client.ts. It counts as one connection while it is open.
   */
  serviceClient(): InProcessMqttClient;
  /** Connections open now: network clients and open in-process clients. */
  connectedClients(): number;
  close(): Promise<void>;
}

/**
 * aedes on a TCP (or TLS) port with one authorisation rule: a device publishes and subscribes only below its
 * own `roompost/v1/{property}/{device}/` prefix; the service client may do anything.
 */
export async function startEmbeddedBroker(o: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  // No per-message-id Buffer cache in aedes' writer (65,536 Buffers, ~7 MB of heap for the life of
  // the process). mqtt.js clients turn it off with `writeCache: false` (connectService), and central
  // no longer makes one beside its embedded broker (its own client is in-process), so it is set here.
  writeToStream.cacheNumbers = false;
  const principals = new WeakMap<Client, Principal>();
  const allowed = (client: Client | null, topic: string): boolean => {
    if (!client) return true; // broker-internal publishes ($SYS, wills)
    const who = principals.get(client);
    if (!who) return false;
    if (who.kind === 'service') return true;
    return topic.startsWith(devicePrefix(who.property, who.device)) && !topic.includes('#');
  };

  const broker = await Aedes.createBroker({
    // No cap on messages being routed at once. With aedes' default (100) a burst from many devices
    // waits in mqemitter's array queue, whose shift() copies the whole queue once it is past V8's
    // regular object size (about 16,000 messages): quadratic in the burst, 7 % of central's CPU over
    // 20,000 charges from 200 devices. Each connection still reads its next packets only after the
    // ones before were routed, and central's own client answers each delivery on the next turn.
    concurrency: 0,
    authenticate(client, username, password, done) {
      o.authenticate(username, password).then(
        (who) => {
          if (!who) {
            const err = new Error('bad user name or password') as AuthenticateError;
            err.returnCode = 4;
            o.logger.warn({ clientId: client.id, username }, 'mqtt connection refused');
            done(err, false);
            return;
          }
          // Each account is bound to its own client id: a device taking another's id (or central's)
          // would take over that session and its queued messages.
          if (who.kind === 'device' && !isOwnDeviceClientId(who.property, who.device, client.id)) {
            const err = new Error('client id does not belong to this account') as AuthenticateError;
            err.returnCode = 2;
            o.logger.warn({ clientId: client.id, username }, 'mqtt client id refused');
            done(err, false);
            return;
          }
          principals.set(client, who);
          done(null, true);
        },
        (err: unknown) => {
          o.logger.error({ err }, 'mqtt authentication failed');
          const refused = new Error('server unavailable') as AuthenticateError;
          refused.returnCode = 3;
          done(refused, false);
        },
      );
    },
    authorizePublish(client, packet, callback) {
      if (allowed(client, packet.topic)) callback(null);
      else {
        o.logger.warn({ clientId: client?.id, topic: packet.topic }, 'mqtt publish refused');
        callback(new Error(`publish to ${packet.topic} not allowed`));
      }
    },
    authorizeSubscribe(client, subscription, callback) {
      if (allowed(client, subscription.topic)) callback(null, subscription);
      else {
        o.logger.warn({ clientId: client.id, topic: subscription.topic }, 'mqtt subscribe refused');
        callback(null, null);
      }
    },
  });
  broker.on('clientError', (client, err) =>
    o.logger.debug({ clientId: client.id, err }, 'mqtt client error'),
  );

  const maxPacket = o.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
  const serviceMaxPacket = Math.max(maxPacket, o.serviceMaxPacketBytes ?? 16 * 1024 * 1024);
  const handle = (conn: Duplex) => {
    const client = broker.handle(conn, undefined as never);
    guardPacketSize(
      conn,
      () => (principals.get(client)?.kind === 'service' ? serviceMaxPacket : maxPacket),
      (bytes) =>
        o.logger.warn(
          { clientId: client.id, bytes, max: maxPacket },
          'mqtt packet too large: connection closed',
        ),
    );
  };
  const server: Server = o.tls
    ? createTlsServer({ cert: o.tls.cert, key: o.tls.key, minVersion: 'TLSv1.2', noDelay: true }, handle).on(
        'tlsClientError',
        (err) => o.logger.warn({ err: err.message }, 'mqtt TLS handshake refused'),
      )
    : // No Nagle: a PUBACK or a charge status must not wait ~40 ms for the peer's delayed ACK.
      createServer({ noDelay: true }, handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  o.logger.info({ host: o.host, port, tls: Boolean(o.tls) }, 'mqtt broker listening');

  let inProcess = 0;
  return {
    port,
    serviceClient() {
      inProcess++;
      const client = new InProcessMqttClient(broker, () => inProcess--);
      // One listener per consumer (inbox, RPC server, re-sender, fleet, reconciliation…).
      client.setMaxListeners(32);
      return client;
    },
    disconnectDevice(device) {
      const clients = (broker as unknown as { clients: Record<string, Client> }).clients;
      let closed = 0;
      for (const client of Object.values(clients)) {
        const who = principals.get(client);
        if (who?.kind === 'device' && who.device === device) {
          client.close();
          closed++;
        }
      }
      if (closed) o.logger.info({ device, closed }, 'device disconnected');
      return closed;
    },
    connectedClients: () => broker.connectedClients + inProcess,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Checks a presented secret against the expected one in constant time. */
export function secretMatches(expected: string, presented: Buffer | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected, 'utf8');
  return a.length === presented.length && timingSafeEqual(a, presented);
}
