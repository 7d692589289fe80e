import type { FolioService } from '@roompost/folio';
import type { Logger, StopStack } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { CentralConfig } from '../config/central-config.js';
import type { CentralDatabase } from '../db/central-database.js';
import type { SecretBox } from '../secrets/index.js';
import type { PmsAdapter } from './adapter.js';
import { buildPmsAdapter } from './create-adapter.js';
import { storedRefreshTokens } from './oauth/stored-refresh-tokens.js';
import type { PmsConfig } from './pms-config.js';
import { PmsSettings } from './pms-settings.js';
import { liveRetryPolicy } from './retry-options.js';
import { swappableAdapter } from './swappable-adapter.js';

/**
 * The PMS config and outlets (central.json until one is set over HTTP, then stored with its secrets
 * sealed), the retry policy as last set, and one stable adapter object that `PUT /api/pms/config`
 * swaps what is behind.
 */
export async function openPmsLink(o: {
  config: CentralConfig;
  db: Kysely<CentralDatabase>;
  box: SecretBox;
  folio: FolioService;
  /** The folio engine for room lookups (central's unsynced reads); `folio` when absent. */
  lookupFolio?: FolioService;
  clock: Clock;
  logger: Logger;
  stack: StopStack;
  /** Build this adapter instead of the one `config.pms` names (tests with a scripted PMS). */
  adapter?: ((folio: FolioService) => PmsAdapter) | undefined;
}) {
  const { config, db, box, folio, clock, logger } = o;
  const settings = await PmsSettings.load({
    db,
    box,
    clock,
    logger,
    file: {
      pms: config.pms,
      outlets: config.outlets,
      posting: config.posting,
      guestProfiles: config.guestProfiles,
      retry: config.retry,
    },
  });
  // Read at each failed attempt.
  const retry = liveRetryPolicy(() => settings.retry);
  const build = (pms: PmsConfig): PmsAdapter =>
    o.adapter
      ? o.adapter(folio)
      : buildPmsAdapter(pms, {
          clock,
          folio,
          ...(o.lookupFolio ? { lookupFolio: o.lookupFolio } : {}),
          logger,
          refreshTokens: storedRefreshTokens({ db, box, clock }),
        });
  const adapter = swappableAdapter(build(settings.pms), logger);
  o.stack.push(() => adapter.close());
  return { settings, retry, build, adapter };
}
