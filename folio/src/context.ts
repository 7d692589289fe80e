import type { Kysely } from 'kysely';
import type { FolioClock } from './deps.js';
import type { FolioDatabase } from './persistence/folio-database.js';

/** What every folio feature service is built from. */
export interface FolioContext {
  db: Kysely<FolioDatabase>;
  clock: FolioClock;
  newId: () => string;
}
