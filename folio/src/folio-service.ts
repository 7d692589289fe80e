// The built-in PMS as one object: setup, lookups, room charges and ledger reads over one database.
import type { Kysely } from 'kysely';
import { createChargeService } from './charges/charge.service.js';
import {
  type ChargeOfDay,
  describeCharges,
  type HeldCharge,
  listChargeIdsOfDay,
  readHeldCharges,
} from './charges/charge-ledger.js';
import type { ChargeOrigin, PostChargeInput, PostChargeResult } from './charges/post-charge.js';
import {
  createChargeReversal,
  type ReverseChargeInput,
  type ReverseChargeResult,
} from './charges/reverse-charge.js';
import type { FolioContext } from './context.js';
import type { IssueCredentialInput, IssuedCredential } from './credentials/credential.service.js';
import { createCredentialService } from './credentials/credential.service.js';
import { type FolioDeps, uuidV7From } from './deps.js';
import type { FolioError } from './errors.js';
import { createFolioOperations, type FolioOperations } from './folio-operations.js';
import { createLedgerService, type ListPostingsFilter } from './folios/ledger.service.js';
import type { Posting } from './folios/posting.js';
import {
  type BillingIdentityInput,
  type CreateGuestInput,
  createGuestService,
} from './guests/guest.service.js';
import { createInvoiceService } from './invoices/invoice.service.js';
import type { InvoiceSettings, InvoiceSettingsInput } from './invoices/invoice-settings.js';
import type { MinorUnits } from './money/index.js';
import type { FolioDatabase } from './persistence/folio-database.js';
import {
  type ConfigurePropertyInput,
  createPropertyService,
  type Property,
} from './property/property.service.js';
import {
  createPropertyProfileService,
  type PropertyProfile,
  type UpdatePropertyInput,
} from './property/property-profile.js';
import {
  type CreateRoomInput,
  type CreateRoomsInput,
  type CreateRoomTypeInput,
  createRoomService,
  type RoomTypeView,
  type RoomView,
} from './rooms/room.service.js';
import { type CheckInInput, createStayService } from './stays/stay.service.js';
import type { StayLookup } from './stays/stay-lookup.js';
import { createStayLookupService } from './stays/stay-lookup.service.js';

export interface FolioService extends FolioOperations {
  // setup
  configureProperty(input: ConfigurePropertyInput): Promise<Property>;
  getProperty(): Promise<Property | null>;
  setBusinessDate(businessDate: string): Promise<void>;
  /** The property with its tax identity (invoice settings), as GET/PUT /api/folio/property show it. */
  getPropertyProfile(): Promise<PropertyProfile>;
  updatePropertyProfile(input: UpdatePropertyInput, by: string): Promise<PropertyProfile>;
  /** Who issues invoices and under which tax regime (the invoice service owns the rest of invoicing). */
  configureInvoicing(input: InvoiceSettingsInput, by: string): Promise<InvoiceSettings>;
  getInvoicingSettings(): Promise<InvoiceSettings | null>;
  createRoomType(input: CreateRoomTypeInput): Promise<string>;
  createRoom(input: CreateRoomInput): Promise<string>;
  /** Several rooms of one type, all or none. */
  createRooms(input: CreateRoomsInput): Promise<RoomView[]>;
  listRoomTypes(): Promise<RoomTypeView[]>;
  listRooms(): Promise<RoomView[]>;
  createGuest(input: CreateGuestInput): Promise<string>;
  /** The billing identity (company or guest name, GSTIN, address) invoices bill to by default. */
  setBillingIdentity(guestId: string, billing: BillingIdentityInput | null): Promise<void>;
  checkIn(input: CheckInInput): Promise<string>;
  checkOut(stayId: string): Promise<void>;
  setNoPost(stayId: string, on: boolean): Promise<void>;
  issueCredential(input: IssueCredentialInput): Promise<IssuedCredential>;
  revokeCredential(uid: string): Promise<void>;
  // lookups
  lookupRoom(roomNumber: string): Promise<StayLookup>;
  lookupCredential(uid: string): Promise<StayLookup>;
  // charges
  postCharge(input: PostChargeInput): Promise<PostChargeResult>;
  /**
   * Posts several room charges in one transaction (one fsync), each under its own idempotency key
   * (its charge id) and in its own savepoint: one answer per input, in order, a refused charge's
   * FolioError in its place while the others post. Throws, posting none, on any other failure.
   */
  postCharges(inputs: PostChargeInput[]): Promise<Array<PostChargeResult | FolioError>>;
  getChargeResult(chargeId: string): Promise<PostChargeResult | null>;
  /**
   * Reverses every line of a room charge (an outlet's void) in one transaction: a void on the business
   * date it was posted, an adjustment after night audit, wherever the line was moved; a repeat writes nothing.
   */
  reverseCharge(input: ReverseChargeInput): Promise<ReverseChargeResult>;
  /** What the ledger holds for these charge ids, in bulk (reconciliation's read-back); absent ids were never posted. */
  readHeldCharges(chargeIds: readonly string[]): Promise<Map<string, HeldCharge>>;
  /** Ids of the charges of `origin` served on `serviceDate` (reconciliation looks for the ones central never saw). */
  listChargeIdsOfDay(serviceDate: string, origin: ChargeOrigin): Promise<string[]>;
  /** Outlet, check and room of these charges (reconciliation's exceptions name them). */
  describeCharges(chargeIds: readonly string[]): Promise<ChargeOfDay[]>;
  // ledger
  listPostings(filter?: ListPostingsFilter): Promise<Posting[]>;
  folioBalance(folioId: string): Promise<MinorUnits>;
  stayBalance(stayRef: string): Promise<MinorUnits>;
}

/**
 * `db` must have had `migrateFolio` run. It may be a host database with more tables than the folio's.
 * Every method throws FolioError with a stable code for anything a caller can act on.
 */
export function createFolioService<DB extends FolioDatabase>(db: Kysely<DB>, deps: FolioDeps): FolioService {
  const context: FolioContext = {
    db: db as unknown as Kysely<FolioDatabase>,
    clock: deps.clock,
    newId: deps.newId ?? uuidV7From(deps.clock),
  };
  const invoicing = createInvoiceService(db, deps);
  return {
    ...createPropertyService(context),
    ...createPropertyProfileService(context),
    ...createRoomService(context),
    ...createGuestService(context),
    ...createStayService(context),
    ...createCredentialService(context),
    ...createStayLookupService(context),
    ...createChargeService(context),
    ...createChargeReversal(context),
    ...createLedgerService(context),
    ...createFolioOperations(context),
    readHeldCharges: (chargeIds) => readHeldCharges(context.db, chargeIds),
    listChargeIdsOfDay: (serviceDate, origin) => listChargeIdsOfDay(context.db, serviceDate, origin),
    describeCharges: (chargeIds) => describeCharges(context.db, chargeIds),
    configureInvoicing: invoicing.configureInvoicing,
    getInvoicingSettings: invoicing.getInvoicingSettings,
  };
}
