import { Gauge, type Registry } from 'prom-client';
import type { FleetRow } from '../fleet/fleet-monitor.js';

const STATES = ['green', 'amber', 'red', 'revoked'] as const;
const HEALTHS = ['connected', 'retrying', 'error', 'absent'] as const;

/**
 * The fleet in central's /metrics, so one scrape of central covers every outlet (an edge's own
 * /metrics stays on its loopback). One series per device, labelled `device` and `outlet`, from
 * what the FleetMonitor last heard (status every 30 s, presence and Last Will). Computed at scrape
 * time: a device that went silent shows it by its last-sync timestamp not moving.
 */
export function registerFleetMetrics(
  registry: Registry,
  fleet: () => Promise<FleetRow[]>,
  now: () => Date,
): void {
  // One fleet read per scrape, shared by every gauge's collect().
  let pending: Promise<FleetRow[]> | null = null;
  const rows = () => {
    pending ??= fleet().finally(() => {
      setImmediate(() => {
        pending = null;
      });
    });
    return pending;
  };
  const labels = (r: FleetRow) => ({ device: r.device, outlet: r.outletCode ?? '' });
  const perDevice = (name: string, help: string, value: (r: FleetRow, nowMs: number) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['device', 'outlet'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const nowMs = now().getTime();
        for (const r of await rows()) {
          const v = value(r, nowMs);
          if (v !== null) this.set(labels(r), v);
        }
      },
    });

  perDevice(
    'roompost_device_last_sync_timestamp_seconds',
    'When central last heard from the device (its status, every 30 s), Unix seconds; absent before the first',
    (r) => (r.lastSeenAt ? Date.parse(r.lastSeenAt) / 1000 : null),
  );
  perDevice(
    'roompost_device_last_ack_timestamp_seconds',
    "When central last acknowledged one of the device's charges, as the device last reported it, Unix seconds",
    (r) => (r.status?.lastAckAt ? Date.parse(r.status.lastAckAt) / 1000 : null),
  );
  perDevice(
    'roompost_device_outbox_depth',
    "Charges in the device's outbox that central has not acknowledged, as last reported",
    (r) => r.status?.queueDepth ?? null,
  );
  perDevice(
    'roompost_device_oldest_unsynced_charge_age_seconds',
    "Age of the device's oldest charge central has not acknowledged (0 when none), aged since the report",
    (r, nowMs) => {
      if (!r.status) return null;
      const waiting = r.status.oldestUnsentSeconds;
      if (waiting === null) return 0;
      return waiting + Math.max(0, Math.round((nowMs - Date.parse(r.status.at)) / 1000));
    },
  );
  perDevice(
    'roompost_device_up',
    '1 while the device is connected to the broker (presence, Last Will)',
    (r) => (r.online === null ? null : r.online ? 1 : 0),
  );
  new Gauge({
    name: 'roompost_device_state',
    help: "The fleet page's state of each device: 1 for its current state (green, amber, red, revoked), 0 for the others",
    labelNames: ['device', 'outlet', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows()) {
        for (const state of STATES) this.set({ ...labels(r), state }, r.state === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'roompost_device_peripheral_health',
    help: "Each device's card reader, printer and GPIO health as last reported: 1 for its current health",
    labelNames: ['device', 'outlet', 'peripheral', 'health'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await rows()) {
        if (!r.status) continue;
        for (const [peripheral, current] of Object.entries(r.status.devices)) {
          for (const health of HEALTHS)
            this.set({ ...labels(r), peripheral, health }, current === health ? 1 : 0);
        }
      }
    },
  });
}
