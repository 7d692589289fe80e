import { DailySummaryPublisher, type Logger, type MqttClient } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { recordSummaryAck, unacknowledgedSummaries } from './daily-summary.js';

export interface DailySummaries {
  /** Publishes the unacknowledged summaries now; answers how many were sent. */
  publish(): Promise<number>;
  /**
   * A charge changed: publish once changes pause for `nudgeDelayMs` (2 s) and the relay has nothing
   * in flight, and at least every `maxWaitMs` (5 min) while they keep coming (a draining backlog
   * changes a status every millisecond; each pass reads and hashes the whole week's charges, so a
   * pass per 2 s cost the edge more than the drain itself).
   */
  nudge(): void;
  stop(): void;
}

/** The edge's daily summaries on the wire: on connect, every `intervalMs`, and soon after a charge changes. */
export async function startDailySummaries(opts: {
  client: MqttClient;
  db: Kysely<EdgeDatabase>;
  property: string;
  device: string;
  outlet: { code: string; timeZone: string; currency: string };
  logger: Logger;
  now: () => Date;
  intervalMs?: number | undefined;
  nudgeDelayMs?: number | undefined;
  maxWaitMs?: number | undefined;
  /** True while the outbox relay has publishes in flight: a nudged pass waits (up to `maxWaitMs`). */
  busy?: () => boolean;
  /** The broker's packet limit (default its 1 MiB): a larger day is published in parts. */
  maxPacketBytes?: number | undefined;
}): Promise<DailySummaries> {
  const scope = {
    outletCode: opts.outlet.code,
    timeZone: opts.outlet.timeZone,
    currency: opts.outlet.currency,
    now: opts.now,
  };
  const publisher = new DailySummaryPublisher({
    client: opts.client,
    property: opts.property,
    device: opts.device,
    logger: opts.logger,
    pending: () => unacknowledgedSummaries(opts.db, scope),
    acknowledged: (ack) => recordSummaryAck(opts.db, ack, opts.now()),
    ...(opts.intervalMs === undefined ? {} : { intervalMs: opts.intervalMs }),
    ...(opts.maxPacketBytes === undefined ? {} : { maxPacketBytes: opts.maxPacketBytes }),
    ...(opts.busy ? { busy: opts.busy } : {}),
  });
  await publisher.start();
  let timer: NodeJS.Timeout | undefined;
  let firstNudge = 0;
  let lastNudge = 0;
  const quietMs = opts.nudgeDelayMs ?? 2000;
  const maxWaitMs = Math.max(quietMs, opts.maxWaitMs ?? 300_000);
  // One timer per quiet period, not one per nudge: when it fires early (nudged since), it waits on.
  const fire = () => {
    const at = Date.now();
    // While the relay streams a backlog out, the quiet period restarts (every status changes the day).
    if (opts.busy?.()) lastNudge = at;
    const wait = Math.min(lastNudge + quietMs, firstNudge + maxWaitMs) - at;
    if (wait > 0) {
      timer = setTimeout(fire, wait);
      timer.unref();
      return;
    }
    timer = undefined;
    void publisher.publishPending();
  };
  return {
    publish: () => publisher.publishPending(),
    nudge() {
      lastNudge = Date.now();
      if (timer) return;
      firstNudge = lastNudge;
      timer = setTimeout(fire, quietMs);
      timer.unref();
    },
    stop() {
      clearTimeout(timer);
      publisher.stop();
    },
  };
}
