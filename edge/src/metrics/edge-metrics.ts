import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface EdgeMetricsSources {
  outboxDepth: () => Promise<number>;
  centralConnected: () => boolean;
}

/**
 * The edge's own metrics. Same prefix as central's (`roompost_`; the scrape job names the service).
 * The edge listens on loopback on a kiosk, so the fleet is scraped at central
 * (`roompost_device_*`); these are for a person on the device, or a node exporter's textfile.
 */

/** Prometheus metrics of an outlet, in their own registry. */
export function createEdgeMetrics(sources: EdgeMetricsSources) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'roompost_' });
  const charges = new Counter({
    name: 'roompost_charges_committed_total',
    help: 'Room charges committed at this outlet',
    registers: [registry],
  });
  new Gauge({
    name: 'roompost_outbox_depth',
    help: 'Charges waiting for central to acknowledge them',
    registers: [registry],
    async collect() {
      this.set(await sources.outboxDepth());
    },
  });
  new Gauge({
    name: 'roompost_central_connected',
    help: '1 while the MQTT link to central is up',
    registers: [registry],
    collect() {
      this.set(sources.centralConnected() ? 1 : 0);
    },
  });
  const http = new Histogram({
    name: 'roompost_http_request_duration_seconds',
    help: 'Kiosk API latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    chargeCreated: () => charges.inc(),
    register(app: FastifyInstance) {
      app.addHook('onResponse', async (req, reply) => {
        const route = req.routeOptions.url ?? 'unmatched';
        http.observe(
          { method: req.method, route, status: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      });
      app.get('/metrics', async (_req, reply) =>
        reply.type(registry.contentType).send(await registry.metrics()),
      );
    },
  };
}
