// The Prometheus plumbing edge and central share: one registry a service with the process's default
// metrics under the `roompost_` prefix (the scrape job names the service), the HTTP latency of every
// route, and `GET /metrics`. Each service adds its own gauges and counters to the registry.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export function serviceMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'roompost_' });
  const http = new Histogram({
    name: 'roompost_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    registry,
    /**
     * Times every request of `app` and serves `/metrics`; `refuse` may answer a scraper that is not
     * allowed (it returns the reply it sent) before anything is read.
     */
    register(
      app: FastifyInstance,
      refuse?: (req: FastifyRequest, reply: FastifyReply) => FastifyReply | null,
    ) {
      app.addHook('onResponse', async (req, reply) => {
        const route = req.routeOptions.url ?? 'unmatched';
        http.observe(
          { method: req.method, route, status: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      });
      app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
        const refused = refuse?.(req, reply);
        if (refused) return refused;
        return reply.type(registry.contentType).send(await registry.metrics());
      });
    },
  };
}
