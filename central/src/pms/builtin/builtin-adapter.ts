import { FolioError, type FolioService, type StayLookup } from '@roompost/folio';
import type { RoomLookup } from '@roompost/sync';
import {
  type PmsAdapter,
  type PmsChargeRequest,
  PmsError,
  type PmsFeature,
  type PmsPostingResult,
  type PmsVoidRequest,
} from '../adapter.js';

const FEATURES: ReadonlySet<PmsFeature> = new Set([
  'room_lookup',
  'key_card_lookup',
  'charge_posting',
  'read_postings',
  'void',
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
    voidCharge: (request) => translate(() => voidInFolio(folio, request)),
    async findPosting(chargeId) {
      const result = await translate(() => folio.getChargeResult(chargeId));
      if (!result) return null;
      return {
        pmsTransactionId: result.transactionId,
        folioBalanceMinor: result.balanceMinor,
        duplicate: true,
      };
    },
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
    // Tip combined (posting option): it is part of the outlet's line instead of a line of its own.
    ...(charge.posting?.tipAsSeparateLine === false
      ? { subtotalMinor: charge.subtotalMinor + charge.tipMinor, tipMinor: 0 }
      : { subtotalMinor: charge.subtotalMinor, tipMinor: charge.tipMinor }),
    taxMinor: charge.taxMinor,
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

/**
 * Reverses every folio line of the charge (subtotal, tax, tip) linked to its original: a VOID on the
 * same business date, an adjustment after it (folio "Rules that keep money safe"). Lines already
 * reversed are left alone, so sending the same void again changes nothing (`duplicate`).
 */
async function voidInFolio(folio: FolioService, request: PmsVoidRequest): Promise<PmsPostingResult> {
  const lines = await folio.listPostings({ chargeRef: request.original.chargeId });
  if (lines.length === 0) {
    throw new PmsError('POSTING_REJECTED', 'the folio holds no posting for this charge', {
      retryable: false,
    });
  }
  const property = await folio.getProperty();
  const by = request.original.employeeId ?? `outlet:${request.original.outletCode}`;
  const reason = `void ${request.voidId.slice(0, 8)}: ${request.reason}`.slice(0, 120);
  const reversed = new Set<string>();
  for (const folioId of new Set(lines.map((l) => l.folioId))) {
    for (const line of (await folio.getFolio(folioId)).postings) {
      if (line.link && (line.link.kind === 'VOID' || line.link.kind === 'ADJUSTMENT'))
        reversed.add(line.link.postingId);
    }
  }
  const made: string[] = [];
  for (const line of lines) {
    if (reversed.has(line.id) || line.amountMinor === 0) continue;
    const correction =
      property && line.businessDate < property.businessDate
        ? await folio.adjustPosting({ postingId: line.id, amountMinor: -line.amountMinor, reason, by })
        : await folio.voidPosting({ postingId: line.id, reason, by });
    made.push(correction.id);
  }
  const stay = lines[0]?.stayRef;
  return {
    pmsTransactionId: made[0] ?? `void:${request.original.chargeId}`,
    folioBalanceMinor: stay ? await folio.stayBalance(stay) : null,
    duplicate: made.length === 0,
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
    // Money arithmetic past the safe integer range (asMinorUnits' RangeError): never retried.
    if (err instanceof RangeError) {
      const amount = /safe integer|out of range/.test(err.message);
      throw new PmsError(amount ? 'AMOUNT_OUT_OF_RANGE' : 'POSTING_REJECTED', err.message, {
        retryable: false,
        cause: err,
      });
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
