import { FolioError, type FolioService, type StayLookup } from '@roompost/folio';
import type { RoomLookup } from '@roompost/sync';
import {
  type PmsAdapter,
  type PmsChargeRequest,
  PmsError,
  type PmsFeature,
  type PmsPostingResult,
} from '../adapter.js';

const FEATURES: ReadonlySet<PmsFeature> = new Set([
  'room_lookup',
  'key_card_lookup',
  'charge_posting',
  'read_postings',
]);

/** Our own folio engine behind the PMS seam: what a property without a PMS posts to. */
export function createBuiltinAdapter(folio: FolioService): PmsAdapter {
  return {
    kind: 'builtin',
    features: FEATURES,
    async testConnection() {
      await folio.getProperty();
    },
    lookupRoom: (roomNumber) => translate(async () => toRoomLookup(await folio.lookupRoom(roomNumber))),
    lookupCredential: (uid) => translate(async () => toRoomLookup(await folio.lookupCredential(uid))),
    postCharge: (charge) => translate(() => post(folio, charge)),
    async close() {},
  };
}

async function post(folio: FolioService, charge: PmsChargeRequest): Promise<PmsPostingResult> {
  if (charge.subtotalMinor + charge.taxMinor + charge.tipMinor !== charge.totalMinor) {
    throw new PmsError('POSTING_REJECTED', 'total does not equal subtotal + tax + tip', { retryable: false });
  }
  let stayRef = charge.stayRef;
  if (stayRef === null) stayRef = (await folio.lookupRoom(charge.roomNumber)).stayRef;
  const property = await folio.getProperty();
  const result = await folio.postCharge({
    chargeId: charge.chargeId,
    stayRef,
    roomNumber: charge.roomNumber,
    outletCode: charge.outletCode,
    checkNumber: charge.checkNumber,
    description: charge.description,
    currency: charge.currency,
    subtotalMinor: charge.subtotalMinor,
    taxMinor: charge.taxMinor,
    tipMinor: charge.tipMinor,
    postedBy: charge.employeeId ?? `outlet:${charge.outletCode}`,
    ...(charge.overrideCreditLimit ? { overrideCreditLimit: charge.overrideCreditLimit } : {}),
    // The day the guest was served, in the hotel's time zone (a 9 pm charge in New York is not tomorrow's).
    ...(property ? { serviceDate: localDate(charge.createdAt, property.timeZone) } : {}),
  });
  return {
    pmsTransactionId: result.transactionId,
    folioBalanceMinor: result.balanceMinor,
    duplicate: result.duplicate,
  };
}

function toRoomLookup(s: StayLookup): RoomLookup {
  const title = s.guest.title ? `${s.guest.title} ` : '';
  return {
    roomNumber: s.roomNumber,
    roomType: s.roomTypeName,
    stayRef: s.stayRef,
    guest: {
      name: `${title}${s.guest.firstName} ${s.guest.lastName}`,
      firstName: s.guest.firstName,
      lastName: s.guest.lastName,
      vipLevel: s.guest.vipLevel,
    },
    reservation: {
      confirmation: s.confirmation,
      checkIn: s.arrival,
      checkOut: s.departure,
      adults: s.adults,
      status: 'in_house',
    },
    billing: {
      currency: s.currency,
      chargesAllowed: s.restriction === null,
      creditLimitMinor: s.creditLimitMinor,
      currentBalanceMinor: s.balanceMinor,
      availableCreditMinor: s.availableCreditMinor,
    },
    restriction: s.restriction,
  };
}

async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PmsError) throw err;
    if (err instanceof FolioError) {
      const code = err.code === 'NOT_FOUND' ? 'ROOM_NOT_FOUND' : err.code;
      throw new PmsError(code, err.message, { retryable: false, context: err.context, cause: err });
    }
    throw new PmsError('CONNECTION_FAILED', 'the folio engine could not be reached', { cause: err });
  }
}

function localDate(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return parts.format(new Date(instant));
}
