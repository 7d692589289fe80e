import { PmsError } from '../adapter.js';

/** Key-card track data is a FIAS/OPERA feature; the REST PMSs here have no lookup by card. */
export function noCredentialLookup(kind: string): Promise<never> {
  return Promise.reject(
    new PmsError('CREDENTIAL_NOT_FOUND', `${kind} cannot look up a stay by key card; enter the room number`, {
      retryable: false,
      context: { unsupported: 'key_card_lookup' },
    }),
  );
}
