// @roompost/folio: the built-in folio engine (Node). Pure money helpers are also at @roompost/folio/money.
export type { CreditOverride, PostChargeInput, PostChargeResult } from './charges/post-charge.js';
export type { IssueCredentialInput, IssuedCredential } from './credentials/credential.service.js';
export type { FolioClock, FolioDeps } from './deps.js';
export { FolioError, type FolioErrorCode, isFolioError } from './errors.js';
export { createFolioService, type FolioService } from './folio-service.js';
export type { ListPostingsFilter } from './folios/ledger.service.js';
export type { Posting } from './folios/posting.js';
export { POSTING_TYPES, type PostingType } from './folios/posting-type.js';
export type { CreateGuestInput } from './guests/guest.service.js';
export * from './money/index.js';
export type { FolioDatabase } from './persistence/folio-database.js';
export {
  FOLIO_MIGRATION_LOCK_TABLE,
  FOLIO_MIGRATION_TABLE,
  folioMigrations,
  migrateFolio,
} from './persistence/migrations/index.js';
export { runMigrations } from './persistence/run-migrations.js';
export { type OpenSqliteOptions, openSqlite, type SqliteStore } from './persistence/sqlite.js';
export { isUniqueViolation } from './persistence/unique-violation.js';
export type { ConfigurePropertyInput, Property } from './property/property.service.js';
export type { CreateRoomInput, CreateRoomTypeInput } from './rooms/room.service.js';
export type { CheckInInput } from './stays/stay.service.js';
export type { StayLookup, StayRestrictionCode } from './stays/stay-lookup.js';
