// A second MQTT session of a device's own account on a test stack's broker, for tests that play the
// device themselves (a hostile one, or a replay): the device's client id plus a suffix, since the
// broker binds each account to its own id and the edge's exact id would kick the edge off.
import { randomUUID } from 'node:crypto';
import {
  type ChargeMessage,
  type ChargeStatusMessage,
  chargeStatusMessage,
  deviceClientId,
  RpcClient,
  topicFor,
} from '@roompost/sync';
import mqtt from 'mqtt';
import { recordingLogger } from './recording-logger.js';
import { DEVICE, DEVICE_SECRET, eventually, PROPERTY, type TestStack } from './stack.js';

type After = { after(fn: () => void): void };

/** Connected with the device's credentials; ended after the test. */
export async function connectAsDevice(
  t: After,
  port: number,
  device = DEVICE,
  secret = DEVICE_SECRET,
): Promise<mqtt.MqttClient> {
  const client = mqtt.connect(`mqtt://127.0.0.1:${port}`, {
    protocolVersion: 4,
    clientId: `${deviceClientId(PROPERTY, device)}:test-${Math.random().toString(16).slice(2)}`,
    username: device,
    password: secret,
    reconnectPeriod: 0,
  });
  // end(true), not endAsync(): the latter never settles once the broker has closed the connection.
  t.after(() => client.end(true));
  await new Promise((resolve) => client.once('connect', resolve));
  return client;
}

/** Every charge status the client receives (it must subscribe to its `chargeStatus` topic). */
export function collectStatuses(client: mqtt.MqttClient): ChargeStatusMessage[] {
  const seen: ChargeStatusMessage[] = [];
  client.on('message', (topic, payload) => {
    if (topic.endsWith('/charge-status'))
      seen.push(chargeStatusMessage.parse(JSON.parse(payload.toString())));
  });
  return seen;
}

/**
 * The device's session with central's RPC client and its charge statuses; `publish` sends a charge
 * and resolves with central's first status for it.
 */
export async function deviceSession(t: After, port: number, device = DEVICE, secret = DEVICE_SECRET) {
  const client = await connectAsDevice(t, port, device, secret);
  const rpc = new RpcClient({
    client,
    property: PROPERTY,
    device,
    logger: recordingLogger(),
    timeoutMs: 5000,
  });
  await rpc.start();
  t.after(() => rpc.stop());
  const statuses = collectStatuses(client);
  await client.subscribeAsync(topicFor('chargeStatus', PROPERTY, device), { qos: 1 });
  const publish = async (charge: ChargeMessage) => {
    await client.publishAsync(topicFor('charge', PROPERTY, device), JSON.stringify(charge), { qos: 1 });
    return eventually(
      async () => statuses.find((s) => s.chargeId === charge.chargeId),
      `status of ${charge.chargeId}`,
    );
  };
  return { client, rpc, statuses, publish };
}

/** One Mojito at the Pool Bar to room 412's stay, priced as the demo menu prices it. */
export async function mojitoFor412(
  stack: TestStack,
  overrides: Partial<ChargeMessage> = {},
): Promise<ChargeMessage> {
  const room = await stack.central.folio.lookupRoom('412');
  return {
    v: 1,
    chargeId: randomUUID(),
    outletCode: 'POOL',
    checkNumber: String(Math.floor(Math.random() * 9000) + 1000),
    roomNumber: '412',
    stayRef: room.stayRef,
    guestName: 'Mr. James Wilson',
    currency: 'USD',
    subtotalMinor: 1600,
    taxMinor: 142,
    tipMinor: 0,
    totalMinor: 1742,
    items: [
      { sku: 'MOJITO', name: 'Mojito', quantity: 1, unitPriceMinor: 1600, amountMinor: 1600, taxMinor: 142 },
    ],
    employeeId: null,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}
