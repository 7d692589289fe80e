import type { ZodApp } from '@roompost/sync';
import type { PmsAdapter } from '../pms/adapter.js';
import type { PmsConfig } from '../pms/pms-config.js';
import { type PmsSettings, putOutletsBody, putPmsConfigBody } from '../pms/pms-settings.js';
import type { SwappableAdapter } from '../pms/swappable-adapter.js';
import { actorOf } from './actor.js';
import { describe } from './openapi.js';

export interface PmsConfigRoutesDeps {
  settings: PmsSettings;
  adapter: SwappableAdapter;
  /** Builds the adapter a new PMS config names. */
  build: (config: PmsConfig) => PmsAdapter;
  now: () => Date;
}

export function registerPmsConfigRoutes(app: ZodApp, deps: PmsConfigRoutesDeps): void {
  const { settings, adapter } = deps;
  const configView = () => ({
    kind: adapter.kind,
    features: [...adapter.features],
    ...settings.view(),
  });

  app.get('/api/pms/config', describe('The PMS connection, credentials masked', ['pms']), async () =>
    configView(),
  );

  app.put(
    '/api/pms/config',
    describe(
      'Change the PMS connection and posting options (admin); "***" keeps a stored credential',
      ['pms'],
      {
        body: putPmsConfigBody,
      },
    ),
    async (req) => {
      const actor = actorOf(req);
      const { adapter: next } = await settings.putPms(req.body, actor, deps.build);
      await adapter.swap(next);
      return configView();
    },
  );

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

  app.get('/api/pms/outlets', describe('The outlets that post room charges', ['pms']), async () =>
    settings.outletsView(),
  );

  app.put(
    '/api/pms/outlets',
    describe('Replace the outlets and their PMS codes (admin)', ['pms'], { body: putOutletsBody }),
    async (req) => {
      await settings.putOutlets(req.body, actorOf(req));
      return settings.outletsView();
    },
  );
}
