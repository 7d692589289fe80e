/**
 * The newest rotating refresh token per PMS connection (`kind:clientId`), sealed like every stored
 * credential. `seed_hash` is a hash of the refresh token in the config at the time: when IT pastes a
 * new one into the config, it wins over the stored one.
 */
export interface PmsRefreshTokenTable {
  key: string;
  seed_hash: string;
  token_sealed: string;
  updated_at: string;
}

export interface PmsRefreshTokenDatabase {
  pms_refresh_tokens: PmsRefreshTokenTable;
}
