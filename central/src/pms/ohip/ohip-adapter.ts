import type { RoomLookup } from '@roompost/sync';
import type { Clock } from '../../clock.js';
import { type PmsAdapter, type PmsChargeRequest, PmsError, type PmsFeature } from '../adapter.js';
import type { FetchLike } from '../http/http-client.js';
import { assertPostable, minorToDecimal } from '../http/money.js';
import { toRoomLookup } from '../http/room-lookup.js';
import { noCredentialLookup } from '../http/unsupported.js';
import { postingLines } from '../posting-lines.js';
import { reversalOf } from '../reversal.js';
import { OhipClient, type OhipReservation } from './ohip-client.js';
import type { OhipPmsConfig } from './ohip-config.js';

const FEATURES: ReadonlySet<PmsFeature> = new Set(['room_lookup', 'charge_posting', 'read_postings', 'void']);

const reservationId = (r: OhipReservation) =>
  (r.reservationIdList.find((i) => i.type === 'Reservation') ?? r.reservationIdList[0])?.id;

export function createOhipAdapter(
  config: OhipPmsConfig,
  deps: { clock: Clock; fetch?: FetchLike },
): PmsAdapter {
  const client = new OhipClient(config, deps);
  const { currency } = config;

  // IFC8 PostInquiry maps to getReservations; like FIAS inquiries it sees in-house guests only.
  async function inHouse(roomNumber: string): Promise<{ r: OhipReservation; id: string }> {
    const [r] = await client.inHouse({ roomId: roomNumber });
    const id = r && reservationId(r);
    if (!r || !id) throw new PmsError('ROOM_NOT_FOUND', `no in-house reservation in room ${roomNumber}`);
    return { r, id };
  }

  return {
    kind: 'ohip',
    features: FEATURES,
    async testConnection() {
      await client.inHouse({ roomId: '__roompost_probe__' });
    },
    async lookupRoom(roomNumber): Promise<RoomLookup> {
      const { r, id } = await inHouse(roomNumber);
      return toLookup(r, id, roomNumber, currency);
    },
    async lookupByName(lastName) {
      const found = await client.inHouse({ surname: lastName });
      return found.flatMap((r) => {
        const id = reservationId(r);
        return id && r.roomStay.roomId ? [toLookup(r, id, r.roomStay.roomId, currency)] : [];
      });
    },
    lookupCredential: () => noCredentialLookup('OPERA Cloud (OHIP)'),
    async postCharge(charge) {
      assertPostable(charge, currency);
      // "Posting charges through room number only (instead of reservationId) is not yet available."
      const id = charge.stayRef ?? (await inHouse(charge.roomNumber)).id;
      const posted = await client.postCharges(id, chargesBody(charge, config, id));
      const fromLocation = posted.location?.split('/').filter(Boolean).at(-1) ?? null;
      return {
        pmsTransactionId: posted.transactionNo ?? fromLocation ?? `ref:${charge.chargeId}`,
        folioBalanceMinor: null,
        duplicate: false,
      };
    },
    // "Voids are negative price.amount" (Postman). No idempotency header: the negative line carries
    // the void id as postingReference and is read back first, so a retried void posts once.
    async voidCharge(request) {
      const reversal = reversalOf(request, deps.clock.now().toISOString());
      const id = reversal.stayRef ?? (await inHouse(reversal.roomNumber)).id;
      const hit = (await client.postings(id)).find((p) => p.reference === request.voidId);
      if (hit) {
        return {
          pmsTransactionId: hit.transactionNo ?? `ref:${request.voidId}`,
          folioBalanceMinor: null,
          duplicate: true,
        };
      }
      const posted = await client.postCharges(id, chargesBody(reversal, config, id));
      const fromLocation = posted.location?.split('/').filter(Boolean).at(-1) ?? null;
      return {
        pmsTransactionId: posted.transactionNo ?? fromLocation ?? `ref:${request.voidId}`,
        folioBalanceMinor: null,
        duplicate: false,
      };
    },
    async findPosting(chargeId, roomNumber) {
      const { id } = await inHouse(roomNumber);
      const hit = (await client.postings(id)).find((p) => p.reference === chargeId);
      return hit
        ? {
            pmsTransactionId: hit.transactionNo ?? `ref:${chargeId}`,
            folioBalanceMinor: null,
            duplicate: true,
          }
        : null;
    },
    async close() {},
  };
}

function toLookup(r: OhipReservation, id: string, roomNumber: string, currency: string): RoomLookup {
  return toRoomLookup({
    roomNumber,
    roomType: r.roomStay.roomType ?? '',
    stayRef: id,
    title: r.reservationGuest.namePrefix ?? null,
    firstName: r.reservationGuest.givenName,
    lastName: r.reservationGuest.surname,
    vipLevel: r.vipStatus ?? null,
    confirmation: r.reservationIdList.find((i) => i.type === 'Confirmation')?.id ?? id,
    checkIn: r.roomStay.arrivalDate,
    checkOut: r.roomStay.departureDate,
    adults: r.roomStay.adultCount,
    currency,
    // OPERA checks credit limit and No Post when the charge is posted; the search does not say.
    creditLimitMinor: null,
    balanceMinor: 0,
    blockedReason: null,
  });
}

/**
 * postBillingCharges body (Postman "Post a Billing Charge with 2 Subtotals"): one line per part,
 * each with its OPERA transaction code, sharing `checkNumber`; our charge id rides in
 * `postingReference` and `financialTransactionIdList`, which is what read-back matches on.
 */
export function chargesBody(charge: PmsChargeRequest, config: OhipPmsConfig, reservationId: string) {
  const outletCode =
    charge.outletPmsCodes?.ohip?.transactionCode ??
    config.transactionCodes[charge.outletCode] ??
    config.defaultTransactionCode;
  // The posting lines (summarized or itemized, tip apart or folded in): each carries its tax unless
  // tax has its own transaction code; a separate tip line takes the tip code where one is set.
  const taxCode = config.taxTransactionCode;
  const parts: Array<[string, number]> = postingLines(charge).map((l) => [
    l.kind === 'tip' ? (config.tipTransactionCode ?? outletCode) : outletCode,
    l.amountMinor + (taxCode ? 0 : l.taxMinor),
  ]);
  if (taxCode && charge.taxMinor !== 0) parts.push([taxCode, charge.taxMinor]);
  const line = (transactionCode: string, minor: number) => ({
    transactionCode,
    price: { amount: minorToDecimal(minor, charge.currency), currencyCode: charge.currency },
    postingQuantity: 1,
    postingReference: charge.chargeId,
    postingRemark: charge.description,
    checkNumber: charge.checkNumber,
    folioWindowNo: config.folioWindowNo,
    cashierId: config.cashierId,
    financialTransactionIdList: [{ id: charge.chargeId, type: 'roompost' }],
  });
  return {
    criteria: {
      hotelId: config.hotelId,
      reservationId: { id: reservationId, type: 'Reservation' },
      charges: parts.map(([code, minor]) => line(code, minor)),
      postIt: false,
      cashierId: config.cashierId,
    },
  };
}
