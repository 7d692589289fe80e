// Where a PMS's rotating OAuth refresh token lives between restarts. Cloudbeds issues a new refresh
// token with every access token and the old one is spent, so a token kept only in memory is lost on
// restart and the next start presents a spent one (invalid_grant): the property must re-authorize.
export interface RefreshTokenStore {
  /** The newest refresh token issued for this connection, or null to use the configured one. */
  load(): Promise<string | null>;
  /** Called with each rotated token before the access token that came with it is used. */
  save(token: string): Promise<void>;
}

/** Makes the store of one connection: `key` names it, `seed` is the refresh token in its config. */
export type RefreshTokenStores = (key: string, seed: string | undefined) => RefreshTokenStore;
