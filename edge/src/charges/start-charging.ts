// The edge's charge road: the replicated roster and the offline stand-in, guest lookups, the charge
// service, the outbox relay to central, withdrawals, status re-sync, the fleet status and the daily
// summaries for reconciliation.
import type { ReceiptPrinter } from '@roompost/drivers';
import {
  type Logger,
  type MqttClient,
  OutboxRelay,
  type RpcClient,
  StatusPublisher,
  type StopStack,
} from '@roompost/sync';
import type { Kysely } from 'kysely';
import { deliveryRule } from '../catalog/quote.js';
import type { EdgeConfig } from '../config/edge-config.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { DeviceStatusBoard } from '../devices/device-status-board.js';
import type { KioskEventBus } from '../events/event-bus.js';
import { deviceStatusCollector } from '../fleet/device-status.js';
import { LookupService } from '../lookup/lookup-service.js';
import { type DailySummaries, startDailySummaries } from '../reconciliation/summary-publisher.js';
import { RosterSync } from '../roster/roster-sync.js';
import { StandIn } from '../roster/stand-in.js';
import { ChargeService } from './charge-service.js';
import { ChargeWithdrawer } from './charge-withdraw.js';
import { sqliteOutboxStore } from './outbox-store.js';
import { signatureRule } from './signature.js';
import { StatusResync } from './status-resync.js';

export interface ChargingDeps {
  db: Kysely<EdgeDatabase>;
  client: MqttClient;
  rpc: RpcClient;
  online: () => boolean;
  events: KioskEventBus;
  devices: DeviceStatusBoard;
  printer: ReceiptPrinter;
  logger: Logger;
  now: () => Date;
  newId: () => string;
  onCharged: () => void;
  version: string;
  dataDir: string;
  relay:
    | { retryMs?: number; pollMs?: number; tickMs?: number; window?: number; answerWaitMs?: number }
    | undefined;
  /** Each status message central sent about a charge (metrics). */
  onStatus?: () => void;
  dailySummary:
    | { intervalMs?: number; nudgeDelayMs?: number; maxWaitMs?: number; maxPacketBytes?: number }
    | undefined;
  statusIntervalMs: number | undefined;
  stack: StopStack;
}

export async function startCharging(config: EdgeConfig, d: ChargingDeps) {
  const { db, client, rpc, online, events, devices, printer, logger, now, stack } = d;
  const site = { client, property: config.property, device: config.device, logger };
  const rosterSync = new RosterSync({ ...site, db, now });
  rosterSync.start();
  stack.push(() => rosterSync.stop());
  const standIn = new StandIn({
    db,
    mode: config.outlet.mode,
    floorLimits: config.offline.floorLimits,
    maxRosterAgeMs: config.offline.maxRosterAgeMinutes * 60_000,
    now,
  });
  const lookups = new LookupService({
    standIn,
    central: rpc,
    mode: config.outlet.mode,
    verificationTtlMs: config.lookup.verificationTtlSeconds * 1000,
    now,
    online,
  });
  let relay: OutboxRelay | undefined;
  let summaries: DailySummaries | undefined;
  const charges = new ChargeService({
    db,
    outlet: config.outlet,
    lookups,
    standIn,
    central: rpc,
    events,
    printer,
    logger,
    now,
    newId: d.newId,
    onCharged: () => {
      d.onCharged();
      relay?.nudge();
    },
    onPrinted: () => devices.printerChanged(printer),
    signature: signatureRule(config.outlet),
    delivery: deliveryRule(config.outlet),
  });
  // Room Found holds a power cut or a closed kiosk left behind give their numbers back (no gap).
  await charges.reclaimStaleHolds();
  const changed = (chargeId: string) => {
    summaries?.nudge();
    void charges.publishUpdate(chargeId).catch((err: unknown) => logger.warn({ err }, 'kiosk update failed'));
  };
  let lastAckAt: Date | null = null;
  const started = new OutboxRelay({
    ...site,
    store: sqliteOutboxStore(db, now),
    now,
    onStatus: (status) => {
      d.onStatus?.();
      lastAckAt = now();
      changed(status.chargeId);
    },
    ...d.relay,
  });
  relay = started;
  await started.start();
  const withdrawals = new ChargeWithdrawer({ db, charges, central: rpc, logger, now, newId: d.newId });
  withdrawals.start();
  client.on('connect', () => withdrawals.resend());
  stack.push(() => withdrawals.stop());
  // Final statuses re-synced: on every connect, ask where each open or recently posted charge stands.
  const resync = new StatusResync({ db, central: rpc, logger, now, online, onChanged: changed });
  client.on('connect', () => resync.resync());
  if (client.connected) resync.resync();
  stack.push(() => resync.stop());
  const statusPublisher = new StatusPublisher({
    ...site,
    ...(d.statusIntervalMs === undefined ? {} : { intervalMs: d.statusIntervalMs }),
    collect: deviceStatusCollector({
      db,
      outletCode: config.outlet.code,
      version: d.version,
      startedAt: now(),
      dataDir: d.dataDir,
      now,
      lastAckAt: () => lastAckAt,
      // From the device board: what the drivers last reported, no extra printer query per report.
      devices: async () => {
        const seen = new Map(devices.snapshot().map((s) => [s.device, s.health]));
        return {
          reader: seen.get('reader') ?? 'absent',
          printer: seen.get('printer') ?? 'absent',
          gpio: seen.get('gpio') ?? 'absent',
        };
      },
    }),
  });
  statusPublisher.start();
  stack.push(async () => statusPublisher.stop());
  const daily = await startDailySummaries({
    ...site,
    db,
    outlet: config.outlet,
    now,
    busy: () => started.busy,
    ...d.dailySummary,
  });
  summaries = daily;
  stack.push(async () => daily.stop());
  stack.push(() => started.stop());
  return { lookups, charges, withdrawals, relay: started, summaries: daily };
}
