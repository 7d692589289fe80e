// Room charges as an edge publishes them, for tests and benchmarks that drive central over MQTT
// without an edge in between (many devices, offline bursts, a central killed mid-batch).
import { randomUUID } from 'node:crypto';
import { applyRate } from '@roompost/folio/money';
import {
  type ChargeMessage,
  type ChargeStatusMessage,
  connectDevice,
  type MqttClient,
  topicFor,
} from '@roompost/sync';

/**
 * The demo menu's Still Water (central/src/demo/demo-catalog.ts): central admits a device's charge
 * only at its item master's price and tax, so raw charges are priced as an edge would price them.
 */
export const RAW_ITEM = { sku: 'WATER', name: 'Still Water', priceMinor: 400, taxRate: '0.08875' };

export interface ChargeFor {
  roomNumber: string;
  stayRef: string;
  /** How many waters (one folio line per charge); 1 when omitted. */
  quantity?: number;
  outletCode?: string;
  /** The outlet catalog version the charge was priced at, as an edge holding the catalog sends it. */
  catalogVersion?: number;
}

export function chargeMessageFor(c: ChargeFor, checkNumber: string): ChargeMessage {
  const quantity = c.quantity ?? 1;
  const amountMinor = quantity * RAW_ITEM.priceMinor;
  const taxMinor = applyRate(amountMinor, RAW_ITEM.taxRate, 'HALF_UP');
  return {
    v: 1,
    chargeId: randomUUID(),
    outletCode: c.outletCode ?? 'POOL',
    checkNumber,
    roomNumber: c.roomNumber,
    stayRef: c.stayRef,
    guestName: 'Guest',
    currency: 'USD',
    subtotalMinor: amountMinor,
    taxMinor,
    tipMinor: 0,
    totalMinor: amountMinor + taxMinor,
    items: [
      {
        sku: RAW_ITEM.sku,
        name: RAW_ITEM.name,
        quantity,
        unitPriceMinor: RAW_ITEM.priceMinor,
        amountMinor,
        taxMinor,
      },
    ],
    employeeId: null,
    createdAt: new Date().toISOString(),
    ...(c.catalogVersion === undefined ? {} : { catalogVersion: c.catalogVersion }),
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
