// Seed 000's configuration endpoints: the PMS config as central runs it (credentials redacted), a
// connection test through the live adapter, and the outlets. The PUT variants are not here: central
// reads its config at boot, and changing the PMS live needs the adapter rebuilt and the file rewritten.
import type { FastifyInstance } from 'fastify';
import type { CentralConfig } from '../config/central-config.js';
import type { PmsAdapter } from '../pms/adapter.js';
import { redactSecrets } from '../pms/redact-secrets.js';
import { describe } from './openapi.js';

export interface PmsConfigRoutesDeps {
  config: Pick<CentralConfig, 'pms' | 'outlets' | 'retry'>;
  adapter: PmsAdapter;
  now: () => Date;
}

export function registerPmsConfigRoutes(app: FastifyInstance, deps: PmsConfigRoutesDeps): void {
  const { config, adapter } = deps;

  app.get('/api/pms/config', describe('The PMS connection, credentials redacted', ['pms']), async () => ({
    kind: adapter.kind,
    features: [...adapter.features],
    pms: redactSecrets(config.pms),
    retry: config.retry,
  }));

  app.post(
    '/api/pms/test-connection',
    describe('Test the connection to the PMS (answers the coded error when it fails)', ['pms']),
    async () => {
      const started = deps.now().getTime();
      // A PmsError (CONNECTION_FAILED, …) leaves through the error handler as `{ code, message, action }`.
      await adapter.testConnection();
      return { ok: true, kind: adapter.kind, latencyMs: deps.now().getTime() - started };
    },
  );

  app.get('/api/pms/outlets', describe('The outlets that post room charges', ['pms']), async () => ({
    outlets: config.outlets,
  }));
}
