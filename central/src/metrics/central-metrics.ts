import { createHash, timingSafeEqual } from 'node:crypto';
import { serviceMetrics } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import { CentralError } from '../central-error.js';
import type { FleetRow } from '../fleet/fleet-monitor.js';
import { registerFleetMetrics } from './fleet-metrics.js';

export interface CentralMetricsSources {
  /** Charges still owed to the PMS (received, queued, failed). */
  queueDepth: () => Promise<number>;
  /** Open MQTT connections on the embedded broker (null with an external broker). */
  mqttConnections: () => number | null;
  /** The last reconciliation: variance per outlet and each recent day's state (alert_on_variance). */
  reconciliation?: () => Promise<{
    outlets: Record<string, number>;
    days: Array<{ date: string; state: string; alert: boolean }>;
  }>;
  /** Every device as the fleet page sees it (per-device series; one scrape covers the fleet). */
  fleet?: () => Promise<FleetRow[]>;
  now?: () => Date;
}

/** Prometheus metrics of central, in their own registry (no process-wide singleton). */
export function createCentralMetrics(sources: CentralMetricsSources) {
  // One prefix, roompost_, for central and edge alike; Prometheus' job label tells them apart.
  const service = serviceMetrics();
  const { registry } = service;
  if (sources.fleet) registerFleetMetrics(registry, sources.fleet, sources.now ?? (() => new Date()));
  const chargesReceived = new Counter({
    name: 'roompost_charges_received_total',
    help: 'Room charges stored at central, by how they arrived',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const postings = new Counter({
    name: 'roompost_posting_attempts_total',
    help: 'Attempts to post to the PMS, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'roompost_posting_queue_depth',
    help: 'Room charges not yet posted to the PMS',
    registers: [registry],
    async collect() {
      this.set(await sources.queueDepth());
    },
  });
  new Gauge({
    name: 'roompost_mqtt_connections',
    help: 'Open connections on the embedded MQTT broker',
    registers: [registry],
    collect() {
      const n = sources.mqttConnections();
      if (n !== null) this.set(n);
    },
  });
  const reconciliation = sources.reconciliation;
  if (reconciliation) {
    new Gauge({
      name: 'roompost_reconciliation_variance_minor',
      help: "Variance (outlets' total minus PMS-confirmed, minor units) of the last reconciled day, by outlet",
      labelNames: ['outlet'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [outlet, v] of Object.entries((await reconciliation()).outlets)) this.set({ outlet }, v);
      },
    });
    new Gauge({
      name: 'roompost_reconciliation_day_state',
      help: 'Reconciliation state of each recent business day (1 for its current state; alert=1 pages someone)',
      labelNames: ['date', 'state', 'alert'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const d of (await reconciliation()).days)
          this.set({ date: d.date, state: d.state, alert: d.alert ? '1' : '0' }, 1);
      },
    });
  }
  return {
    chargeReceived: (source: string) => chargesReceived.inc({ source }),
    postingAttempt: (outcome: string) => postings.inc({ outcome }),
    /**
     * Serves `/metrics` to a scraper presenting `Authorization: Bearer <token>` whose SHA-256 (hex)
     * is `tokenSha256` (central.json `metrics.tokenSha256`); without one configured nobody may scrape.
     */
    register(app: FastifyInstance, tokenSha256: string | undefined) {
      service.register(app, (req, reply) =>
        scrapeAllowed(req.headers.authorization, tokenSha256)
          ? null
          : reply
              .status(401)
              .header('www-authenticate', 'Bearer realm="metrics"')
              .send(new CentralError('UNAUTHENTICATED', 'metrics need the scrape bearer token').body()),
      );
    },
  };
}

function scrapeAllowed(header: string | undefined, tokenSha256: string | undefined): boolean {
  const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
  if (!tokenSha256 || !token) return false;
  const presented = createHash('sha256').update(token).digest();
  const expected = Buffer.from(tokenSha256, 'hex');
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
