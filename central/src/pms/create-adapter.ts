import type { FolioService } from '@roompost/folio';
import type { Logger } from '@roompost/sync';
import { systemClock } from '../clock.js';
import type { PmsAdapter } from './adapter.js';
import { createApaleoAdapter } from './apaleo/apaleo-adapter.js';
import { createBuiltinAdapter } from './builtin/builtin-adapter.js';
import { createCloudbedsAdapter } from './cloudbeds/cloudbeds-adapter.js';
import { createFiasAdapter } from './fias/fias-adapter.js';
import { createHtngAdapter } from './htng/htng-adapter.js';
import type { RefreshTokenStores } from './http/refresh-token-store.js';
import { createMewsAdapter } from './mews/mews-adapter.js';
import { createOhipAdapter } from './ohip/ohip-adapter.js';
import type { PmsConfig } from './pms-config.js';
import { createRestAdapter } from './rest/rest-adapter.js';

export interface AdapterDeps {
  folio: FolioService;
  logger: Logger;
  /** Where rotating OAuth refresh tokens are kept (central's database); in memory only without it. */
  refreshTokens?: RefreshTokenStores;
}

/** The adapter the config names. */
export async function createPmsAdapter(config: PmsConfig, deps: AdapterDeps): Promise<PmsAdapter> {
  return buildPmsAdapter(config, deps);
}

/** The same, for callers that must build it synchronously (central's `adapter` hook). Each PMS adds its case here. */
export function buildPmsAdapter(config: PmsConfig, deps: AdapterDeps): PmsAdapter {
  switch (config.kind) {
    case 'builtin':
      return createBuiltinAdapter(deps.folio);
    case 'htng':
      return createHtngAdapter(config, { clock: systemClock });
    case 'ohip':
      return createOhipAdapter(config, { clock: systemClock });
    case 'rest':
      return createRestAdapter(config, { clock: systemClock });
    case 'mews':
      return createMewsAdapter(config, { clock: systemClock });
    case 'apaleo':
      return createApaleoAdapter(config, { clock: systemClock });
    case 'cloudbeds':
      return createCloudbedsAdapter(config, {
        clock: systemClock,
        refreshTokens:
          config.auth.type === 'oauth'
            ? deps.refreshTokens?.(`cloudbeds:${config.auth.clientId}`, config.auth.refreshToken)
            : undefined,
      });
    case 'fias':
      return createFiasAdapter(config, { logger: deps.logger, clock: systemClock });
  }
}
