import { serviceMetrics } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge } from 'prom-client';

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
  const { registry, register } = serviceMetrics();
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
  return {
    chargeCreated: () => charges.inc(),
    register: (app: FastifyInstance) => register(app),
  };
}
