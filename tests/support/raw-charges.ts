// Room charges as an edge publishes them, for tests and benchmarks that drive central over MQTT
// without an edge in between (many devices, offline bursts, a central killed mid-batch).
import { randomUUID } from 'node:crypto';
import {
  type ChargeMessage,
  type ChargeStatusMessage,
  connectDevice,
  type MqttClient,
  topicFor,
} from '@roompost/sync';

export interface ChargeFor {
  roomNumber: string;
  stayRef: string;
  /** Subtotal in minor units; no tax or tip (one folio line per charge). */
  amountMinor: number;
  outletCode?: string;
}

export function chargeMessageFor(c: ChargeFor, checkNumber: string): ChargeMessage {
  return {
    v: 1,
    chargeId: randomUUID(),
    outletCode: c.outletCode ?? 'POOL',
    checkNumber,
    roomNumber: c.roomNumber,
    stayRef: c.stayRef,
    guestName: 'Guest',
    currency: 'USD',
    subtotalMinor: c.amountMinor,
    taxMinor: 0,
    tipMinor: 0,
    totalMinor: c.amountMinor,
    items: [
      {
        sku: 'WATER',
        name: 'Water',
        quantity: 1,
        unitPriceMinor: c.amountMinor,
        amountMinor: c.amountMinor,
        taxMinor: 0,
      },
    ],
    employeeId: null,
    createdAt: new Date().toISOString(),
  };
}

/** A device's MQTT link to central that publishes charges and collects the statuses it is sent. */
export interface RawDevice {
  client: MqttClient;
  statuses: Map<string, ChargeStatusMessage[]>;
  publish(charge: ChargeMessage): Promise<void>;
  close(): Promise<void>;
}

export async function rawDevice(o: {
  url: string;
  property: string;
  device: string;
  secret: string;
  onStatus?: (s: ChargeStatusMessage) => void;
}): Promise<RawDevice> {
  const client = connectDevice({
    url: o.url,
    property: o.property,
    device: o.device,
    username: o.device,
    password: o.secret,
    reconnectPeriodMs: 100,
  });
  const statuses = new Map<string, ChargeStatusMessage[]>();
  const statusTopic = topicFor('chargeStatus', o.property, o.device);
  client.on('message', (topic, payload) => {
    if (topic !== statusTopic) return;
    const s = JSON.parse(payload.toString()) as ChargeStatusMessage;
    const seen = statuses.get(s.chargeId) ?? [];
    seen.push(s);
    statuses.set(s.chargeId, seen);
    o.onStatus?.(s);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const slow = setTimeout(() => reject(new Error('no MQTT connection within 5 s')), 5000);
      client.once('connect', () => {
        clearTimeout(slow);
        resolve();
      });
      client.once('error', (err) => {
        clearTimeout(slow);
        reject(err);
      });
    });
  } catch (err) {
    await client.endAsync(true);
    throw err;
  }
  await client.subscribeAsync(statusTopic, { qos: 1 });
  const chargeTopic = topicFor('charge', o.property, o.device);
  return {
    client,
    statuses,
    publish: async (charge) => {
      await client.publishAsync(chargeTopic, JSON.stringify(charge), { qos: 1 });
    },
    close: () => client.endAsync(true),
  };
}
