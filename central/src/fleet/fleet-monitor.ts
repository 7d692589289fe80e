import {
  type DeviceStatusMessage,
  decodePayload,
  deviceStatusMessage,
  type Logger,
  parseTopic,
  presenceMessage,
  type ServiceMqttClient,
  wildcardFor,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { type DeviceSighting, fleetHealth } from './fleet-health.js';

export interface FleetRow {
  device: string;
  outletCode: string | null;
  state: ReturnType<typeof fleetHealth>['state'];
  reasons: string[];
  online: boolean | null;
  lastSeenAt: string | null;
  status: DeviceStatusMessage | null;
}

export interface FleetMonitorOptions {
  client: ServiceMqttClient;
  db: Kysely<CentralDatabase>;
  property: string;
  clock: Clock;
  logger: Logger;
  /** Every device the property knows (configured and enrolled), with its outlet and whether revoked. */
  knownDevices: () => Promise<Array<{ id: string; outletCode: string; revoked: boolean }>>;
}

/** Listens to every device's status and presence, keeps the history, answers the fleet page. */
export class FleetMonitor {
  readonly #o: FleetMonitorOptions;
  readonly #seen = new Map<string, DeviceSighting>();
  readonly #onMessage = (topic: string, payload: Buffer) => void this.#handle(topic, payload);

  constructor(options: FleetMonitorOptions) {
    this.#o = options;
  }

  async start(): Promise<void> {
    const latest = await this.#o.db
      .selectFrom('device_status')
      .select(['device_id', 'received_at', 'status_json', 'online'])
      .where('received_at', 'in', (eb) =>
        eb
          .selectFrom('device_status as d2')
          .select((e) => e.fn.max('d2.received_at').as('m'))
          .groupBy('d2.device_id'),
      )
      .execute();
    for (const row of latest) {
      this.#seen.set(row.device_id, {
        status: JSON.parse(row.status_json) as DeviceStatusMessage,
        lastSeenAt: new Date(row.received_at),
        online: null,
      });
    }
    this.#o.client.on('message', this.#onMessage);
    await this.#o.client.subscribeAsync(
      [wildcardFor('status', this.#o.property), wildcardFor('presence', this.#o.property)],
      { qos: 1 },
    );
  }

  stop(): void {
    this.#o.client.off('message', this.#onMessage);
  }

  async fleet(): Promise<FleetRow[]> {
    const now = this.#o.clock.now();
    const known = await this.#o.knownDevices();
    const ids = new Set([...known.map((d) => d.id), ...this.#seen.keys()]);
    return [...ids].sort().map((id) => {
      const device = known.find((d) => d.id === id);
      const sighting = this.#seen.get(id) ?? { status: null, lastSeenAt: null, online: null };
      const { state, reasons } = fleetHealth(sighting, now, device?.revoked ?? false);
      return {
        device: id,
        outletCode: device?.outletCode ?? sighting.status?.outletCode ?? null,
        state,
        reasons: device ? reasons : [...reasons, 'not registered'],
        online: sighting.online,
        lastSeenAt: sighting.lastSeenAt?.toISOString() ?? null,
        status: sighting.status,
      };
    });
  }

  history(device: string, limit: number) {
    return this.#o.db
      .selectFrom('device_status')
      .selectAll()
      .where('device_id', '=', device)
      .orderBy('received_at', 'desc')
      .limit(limit)
      .execute()
      .then((rows) =>
        rows.map((r) => ({
          receivedAt: r.received_at,
          online: r.online === 1,
          status: JSON.parse(r.status_json) as unknown,
        })),
      );
  }

  async #handle(topic: string, payload: Buffer): Promise<void> {
    const parsed = parseTopic(topic);
    if (!parsed || parsed.property !== this.#o.property) return;
    if (parsed.kind !== 'status' && parsed.kind !== 'presence') return;
    if (payload.length === 0) return; // a retained message being cleared
    const now = this.#o.clock.now();
    const current = this.#seen.get(parsed.device) ?? { status: null, lastSeenAt: null, online: null };
    if (parsed.kind === 'presence') {
      const decoded = decodePayload(presenceMessage, payload);
      if (!decoded.ok) {
        this.#o.logger.warn({ topic, reason: decoded.reason }, 'dropped malformed presence');
        return;
      }
      this.#seen.set(parsed.device, { ...current, online: decoded.value.online });
      await this.#record(parsed.device, now, decoded.value.online, current.status);
      return;
    }
    const decoded = decodePayload(deviceStatusMessage, payload);
    if (!decoded.ok) {
      this.#o.logger.warn({ topic, reason: decoded.reason }, 'dropped malformed device status');
      return;
    }
    this.#seen.set(parsed.device, { status: decoded.value, lastSeenAt: now, online: true });
    await this.#record(parsed.device, now, true, decoded.value);
  }

  async #record(
    device: string,
    at: Date,
    online: boolean,
    status: DeviceStatusMessage | null,
  ): Promise<void> {
    try {
      await this.#o.db
        .insertInto('device_status')
        .values({
          device_id: device,
          received_at: at.toISOString(),
          online: online ? 1 : 0,
          status_json: JSON.stringify(status),
        })
        .execute();
    } catch (err) {
      this.#o.logger.error({ err, device }, 'could not record device status');
    }
  }
}
