import {
  FolioError,
  type FolioService,
  localDate,
  type PostChargeInput,
  type PostChargeResult,
  type StayLookup,
} from '@roompost/folio';
import { chargeAddsUp } from '@roompost/folio/money';
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

/**
 * Our own folio engine behind the PMS seam: what a property without a PMS posts to. Room and key-card
 * lookups read through `lookups` when given: the same engine on reads that need not wait for a commit
 * still being synced (its charge is checked again inside the posting transaction).
 */
export function createBuiltinAdapter(folio: FolioService, lookups: FolioService = folio): PmsAdapter {
  return {
    kind: 'builtin',
    features: FEATURES,
    async testConnection() {
      await folio.getProperty();
    },
    lookupRoom: (roomNumber) => translate(async () => toRoomLookup(await lookups.lookupRoom(roomNumber))),
    lookupCredential: (uid) => translate(async () => toRoomLookup(await lookups.lookupCredential(uid))),
    postCharge: (charge) => translate(() => post(folio, charge)),
    postCharges: (charges) => translate(() => postMany(folio, charges)),
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

function checkTotal(charge: PmsChargeRequest): void {
  if (!chargeAddsUp(charge)) {
    throw new PmsError('POSTING_REJECTED', 'total does not equal subtotal + tax + tip', { retryable: false });
  }
}

async function post(folio: FolioService, charge: PmsChargeRequest): Promise<PmsPostingResult> {
  checkTotal(charge);
  const stayRef = charge.stayRef ?? (await folio.lookupRoom(charge.roomNumber)).stayRef;
  const result = await folio.postCharge(toFolioCharge(charge, stayRef, await folio.getProperty()));
  return toResult(result);
}

/** A batch in one folio transaction; a charge refused by its checks fails alone. */
async function postMany(
  folio: FolioService,
  charges: PmsChargeRequest[],
): Promise<Array<PmsPostingResult | PmsError>> {
  const property = await folio.getProperty();
  const answers: Array<PmsPostingResult | PmsError | null> = [];
  const inputs: PostChargeInput[] = [];
  const slots: number[] = [];
  for (const charge of charges) {
    try {
      checkTotal(charge);
      const stayRef = charge.stayRef ?? (await folio.lookupRoom(charge.roomNumber)).stayRef;
      slots.push(answers.length);
      answers.push(null);
      inputs.push(toFolioCharge(charge, stayRef, property));
    } catch (err) {
      answers.push(refusal(err));
    }
  }
  const posted = inputs.length > 0 ? await folio.postCharges(inputs) : [];
  posted.forEach((r, i) => {
    answers[slots[i] as number] = r instanceof FolioError ? refusal(r) : toResult(r);
  });
  return answers as Array<PmsPostingResult | PmsError>;
}

/** A refusal of one charge as a PmsError; anything else (the store failed) is thrown for all. */
function refusal(err: unknown): PmsError {
  if (err instanceof PmsError) return err;
  if (err instanceof FolioError) return fromFolioError(err);
  throw err;
}

function toFolioCharge(
  charge: PmsChargeRequest,
  stayRef: string,
  property: { timeZone: string } | null,
): PostChargeInput {
  return {
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
    // Tip combined (posting option): folio folds it into the outlet's line instead of a line of its own.
    ...(charge.posting?.tipAsSeparateLine === false ? { tipAsSeparateLine: false } : {}),
    // The items' amounts and taxes, so the invoice can show the outlet's tax per rate (Rule 46).
    ...(charge.items.length === 0
      ? {}
      : {
          items: charge.items.map((i) => ({
            amountMinor: i.amountMinor,
            taxMinor: i.taxMinor,
            // The catalog's tax class and rate: VAT on alcohol shows as VAT, not as GST.
            ...(i.taxRate === undefined ? {} : { taxRate: i.taxRate }),
            ...(i.taxClass === undefined ? {} : { taxClass: i.taxClass }),
          })),
        }),
    postedBy: charge.employeeId ?? `outlet:${charge.outletCode}`,
    // An outlet's charge sent by central: daily reconciliation matches these against central's ledger.
    origin: 'roompost',
    ...(charge.overrideCreditLimit ? { overrideCreditLimit: charge.overrideCreditLimit } : {}),
    // The day the guest was served, in the hotel's time zone (a 9 pm charge in New York is not tomorrow's).
    ...(property ? { serviceDate: localDate(charge.createdAt, property.timeZone) } : {}),
  };
}

function toResult(result: PostChargeResult): PmsPostingResult {
  return {
    pmsTransactionId: result.transactionId,
    folioBalanceMinor: result.balanceMinor,
    duplicate: result.duplicate,
  };
}

/** The outlet's void: folio reverses every line of the charge in one transaction (FolioService.reverseCharge). */
async function voidInFolio(folio: FolioService, request: PmsVoidRequest): Promise<PmsPostingResult> {
  try {
    const result = await folio.reverseCharge({
      chargeId: request.original.chargeId,
      reason: `void ${request.voidId.slice(0, 8)}: ${request.reason}`.slice(0, 120),
      by: request.original.employeeId ?? `outlet:${request.original.outletCode}`,
    });
    return {
      pmsTransactionId: result.corrections[0]?.id ?? `void:${request.original.chargeId}`,
      folioBalanceMinor: result.balanceMinor,
      duplicate: result.duplicate,
    };
  } catch (err) {
    if (err instanceof FolioError && err.code === 'NOT_FOUND') {
      throw new PmsError('POSTING_REJECTED', 'the folio holds no posting for this charge', {
        retryable: false,
        cause: err,
      });
    }
    throw err;
  }
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
    if (err instanceof FolioError) throw fromFolioError(err);
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

function fromFolioError(err: FolioError): PmsError {
  const code = err.code === 'NOT_FOUND' ? 'ROOM_NOT_FOUND' : err.code;
  return new PmsError(code, err.message, { retryable: false, context: err.context, cause: err });
}
