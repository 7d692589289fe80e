import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import type { CentralDatabase } from '../../db/central-database.js';
import type { SecretBox } from '../../secrets/index.js';
import type { RefreshTokenStores } from '../http/refresh-token-store.js';
import { findRefreshToken, saveRefreshToken } from './refresh-token.repository.js';

const hash = (value: string | undefined) =>
  createHash('sha256')
    .update(value ?? '')
    .digest('base64url');

/** Rotating refresh tokens kept in central's database, sealed with the property's secret key. */
export function storedRefreshTokens(deps: {
  db: Kysely<CentralDatabase>;
  box: SecretBox;
  clock: Clock;
}): RefreshTokenStores {
  return (key, seed) => ({
    async load() {
      const row = await findRefreshToken(deps.db, key);
      return row && row.seed_hash === hash(seed) ? deps.box.open(row.token_sealed) : null;
    },
    async save(token) {
      await saveRefreshToken(deps.db, {
        key,
        seed_hash: hash(seed),
        token_sealed: deps.box.seal(token),
        updated_at: deps.clock.now().toISOString(),
      });
    },
  });
}
