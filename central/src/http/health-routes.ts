import type { FastifyInstance } from 'fastify';

export interface CentralHealth {
  property: string;
  /** The PMS adapter's kind (`builtin`, `fias`, …). */
  pms: () => string;
  mqttConnected: () => boolean;
  /** Several workers: which one this is and whether it runs the scheduled jobs now. */
  worker: string;
  jobs: () => { leader: boolean; lastPassAt: string | null };
}

/** `GET /api/health`, public: whether central is up, its PMS, its broker link and its job leadership. */
export function registerHealthRoutes(app: FastifyInstance, health: CentralHealth): void {
  app.get('/api/health', { schema: { summary: 'Whether central is up', tags: ['health'] } }, async () => ({
    status: 'ok',
    property: health.property,
    pms: health.pms(),
    mqtt: health.mqttConnected() ? 'connected' : 'disconnected',
    worker: health.worker,
    jobs: health.jobs(),
  }));
}
