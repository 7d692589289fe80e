import { DailySummaryPublisher, type Logger, type MqttClient } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { recordSummaryAck, unacknowledgedSummaries } from './daily-summary.js';

export interface DailySummaries {
  /** Publishes the unacknowledged summaries now; answers how many were sent. */
  publish(): Promise<number>;
  /** A charge changed: publish soon (coalesced, so a burst of statuses costs one pass). */
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
  });
  await publisher.start();
  let timer: NodeJS.Timeout | undefined;
  return {
    publish: () => publisher.publishPending(),
    nudge() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void publisher.publishPending();
      }, opts.nudgeDelayMs ?? 2000);
      timer.unref();
    },
    stop() {
      clearTimeout(timer);
      publisher.stop();
    },
  };
}
