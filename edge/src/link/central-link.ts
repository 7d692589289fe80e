// The edge's link to central: the MQTT session (credentials re-read before each reconnect), the
// RPC client, the outlet's catalog kept in step (on connect, on a new version, periodically) and
// the PMS health central announces.
import { readFileSync } from 'node:fs';
import { connectDevice, type Logger, RpcClient, type StopStack, topicFor } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { heldCatalog } from '../catalog/catalog.repository.js';
import { CatalogSync } from '../catalog/catalog-sync.js';
import type { EdgeConfig } from '../config/edge-config.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { refreshCredentialsOnReconnect } from '../enroll/live-credentials.js';
import type { KioskEventBus } from '../events/event-bus.js';
import { watchPmsStatus } from '../events/pms-status.js';

export async function openCentralLink(
  config: EdgeConfig,
  d: {
    db: Kysely<EdgeDatabase>;
    events: KioskEventBus;
    logger: Logger;
    now: () => Date;
    stack: StopStack;
    credentials: (() => { username: string; password: string }) | undefined;
    catalogSyncMs: number | undefined;
    firstCatalogWaitMs: number | undefined;
  },
) {
  const { db, events, logger, now, stack } = d;
  const client = connectDevice({
    url: config.central.mqttUrl,
    property: config.property,
    device: config.device,
    username: config.central.username,
    password: config.central.password,
    outletCode: config.outlet.code,
    ...(config.central.caFile ? { ca: readFileSync(config.central.caFile, 'utf8') } : {}),
  });
  // Forced: an unacknowledged publish must not hold up shutdown. Charges wait in the SQLite outbox
  // and are sent again on the next start; status and lookups are not worth waiting for.
  stack.push(() => client.endAsync(true));
  client.on('error', (err) => logger.warn({ err: err.message }, 'mqtt error'));
  if (d.credentials) refreshCredentialsOnReconnect(client, d.credentials, logger);
  const online = () => client.connected;
  client.on('connect', () => {
    logger.info({}, 'connected to central');
    events.emit('connection', { central: 'online' });
  });
  client.on('close', () => events.emit('connection', { central: 'offline' }));

  const rpc = new RpcClient({
    client,
    property: config.property,
    device: config.device,
    logger,
    timeoutMs: config.lookup.rpcTimeoutMs,
  });
  client.on('message', () => {}); // keeps mqtt.js flowing even before the first handler subscribes
  void rpc.start().catch((err: unknown) => logger.warn({ err }, 'rpc subscription pending'));
  stack.push(async () => rpc.stop());
  const catalogSync = new CatalogSync({
    db,
    central: rpc,
    online,
    outletCode: config.outlet.code,
    logger,
    now,
    ...(d.catalogSyncMs === undefined ? {} : { intervalMs: d.catalogSyncMs }),
  });
  client.on('connect', () => catalogSync.onConnect());
  const catalogTopic = topicFor('catalogVersion', config.property, config.device);
  const onCatalogVersion = (topic: string, payload: Buffer) => {
    if (topic === catalogTopic) void catalogSync.notified(payload);
  };
  client.on('message', onCatalogVersion);
  stack.push(async () => void client.off('message', onCatalogVersion));
  void client
    .subscribeAsync(catalogTopic, { qos: 1 })
    .catch((err: unknown) => logger.warn({ err }, 'catalog-version subscription pending'));
  catalogSync.start();
  stack.push(async () => catalogSync.stop());
  const pmsStatus = watchPmsStatus({
    client,
    property: config.property,
    device: config.device,
    events,
    logger,
  });
  stack.push(async () => pmsStatus.stop());
  if (!(await heldCatalog(db)) && !(await catalogSync.waitForFirst(d.firstCatalogWaitMs ?? 5000))) {
    logger.warn({}, 'no catalog from central yet; the menu stays empty until the first sync');
  }
  return { client, rpc, online, catalogSync, pmsStatus };
}
