import type { FolioService } from '@roompost/folio';
import type { Logger } from '@roompost/sync';
import { type Clock, systemClock } from '../clock.js';
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
  /** The folio engine on reads that need not wait for the disk, for the built-in adapter's lookups. */
  lookupFolio?: FolioService;
  logger: Logger;
  /** Central's clock (tests inject one); the system clock when absent. */
  clock?: Clock;
  /** Where rotating OAuth refresh tokens are kept (central's database); in memory only without it. */
  refreshTokens?: RefreshTokenStores;
}

/** The adapter the config names. Each PMS adds its case here. */
export function buildPmsAdapter(config: PmsConfig, deps: AdapterDeps): PmsAdapter {
  const clock = deps.clock ?? systemClock;
  switch (config.kind) {
    case 'builtin':
      return createBuiltinAdapter(deps.folio, deps.lookupFolio);
    case 'htng':
      return createHtngAdapter(config, {
        clock,
        onStray: (why, correlationId) =>
          deps.logger.warn({ correlationId, why }, 'HTNG result pushed that no request waits for'),
      });
    case 'ohip':
      return createOhipAdapter(config, { clock });
    case 'rest':
      return createRestAdapter(config, { clock });
    case 'mews':
      return createMewsAdapter(config, { clock });
    case 'apaleo':
      return createApaleoAdapter(config, { clock });
    case 'cloudbeds':
      return createCloudbedsAdapter(config, {
        clock,
        // Only a connection set up with a refresh token rotates one; the key names the token
        // endpoint and the client, so two properties (or a new PMS config) never share a token.
        refreshTokens:
          config.auth.type === 'oauth' && config.auth.refreshToken
            ? deps.refreshTokens?.(
                `cloudbeds:${config.auth.tokenUrl}:${config.auth.clientId}`,
                config.auth.refreshToken,
              )
            : undefined,
      });
    case 'fias':
      return createFiasAdapter(config, { logger: deps.logger, clock });
  }
}
