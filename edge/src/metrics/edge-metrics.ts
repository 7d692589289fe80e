import { serviceMetrics } from '@roompost/sync';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import { EdgeError } from '../edge-error.js';
import { isLoopback } from '../http/screen-access.js';

export interface EdgeMetricsSources {
  outboxDepth: () => Promise<number>;
  centralConnected: () => boolean;
}

/**
 * The edge's own metrics. Same prefix as central's (`roompost_`; the scrape job names the service).
 * The fleet is scraped at central (`roompost_device_*`); these are for a person on the device, or a
 * node exporter's textfile, and answered on loopback only.
 */

/** Prometheus metrics of an outlet, in their own registry. */
export function createEdgeMetrics(sources: EdgeMetricsSources) {
  const { registry, register } = serviceMetrics();
  const charges = new Counter({
    name: 'roompost_charges_committed_total',
    help: 'Room charges committed at this outlet',
    registers: [registry],
  });
  const statuses = new Counter({
    name: 'roompost_charge_statuses_received_total',
    help: "Status messages from central about this outlet's charges (about one per charge when central keeps up)",
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
    statusReceived: () => statuses.inc(),
    /**
     * Serves `/metrics` to a client on the device only: an edge that also listens on the guests'
     * network (QR receipts) shows no phone its counters.
     */
    register: (app: FastifyInstance) =>
      register(app, (req, reply) =>
        isLoopback(req)
          ? null
          : reply
              .status(403)
              .send(new EdgeError('FORBIDDEN', 'metrics are read on the device itself (loopback)').body()),
      ),
  };
}
