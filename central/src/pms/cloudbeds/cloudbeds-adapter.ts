import type { RoomLookup } from '@roompost/sync';
import {
  type PmsAdapter,
  type PmsChargeRequest,
  PmsError,
  type PmsFeature,
  type PmsPostingResult,
  type PmsVoidRequest,
} from '../adapter.js';
import { amountFromPms, assertPostable, minorToDecimalString } from '../http/money.js';
import { splitName, toRoomLookup } from '../http/room-lookup.js';
import { noCredentialLookup } from '../http/unsupported.js';
import { postingLines } from '../posting-lines.js';
import { type CbReservation, CloudbedsClient, type CloudbedsDeps } from './cloudbeds-client.js';
import type { CloudbedsPmsConfig } from './cloudbeds-config.js';

const FEATURES: ReadonlySet<PmsFeature> = new Set(['room_lookup', 'charge_posting', 'void']);

export function createCloudbedsAdapter(config: CloudbedsPmsConfig, deps: CloudbedsDeps): PmsAdapter {
  const client = new CloudbedsClient(config, deps);
  const currency = config.currency;

  async function lookupRoom(roomNumber: string): Promise<RoomLookup> {
    const [stay] = await client.reservations('checked_in', { roomName: roomNumber });
    if (stay) return toLookup(stay, roomNumber, currency);
    const [gone] = await client.reservations('checked_out', { roomName: roomNumber });
    if (gone) throw new PmsError('GUEST_CHECKED_OUT', `the guest of room ${roomNumber} has checked out`);
    throw new PmsError('ROOM_NOT_FOUND', `no in-house reservation in room ${roomNumber}`);
  }

  return {
    kind: 'cloudbeds',
    features: FEATURES,
    async testConnection() {
      await client.reservations('checked_in', { roomName: '__roompost_probe__' });
    },
    lookupRoom,
    lookupCredential: () => noCredentialLookup('Cloudbeds'),
    async lookupByName(lastName) {
      const found = await client.reservations('checked_in', { lastName });
      return found.flatMap((r) => r.rooms.map((room) => toLookup(r, room.roomName, currency)));
    },
    async postCharge(charge) {
      assertPostable(charge, currency);
      const reservationID = charge.stayRef ?? (await lookupRoom(charge.roomNumber)).stayRef;
      const data = await client.postCustomItem(customItemForm(charge, reservationID));
      return result(charge.chargeId, data);
    },
    async voidCharge(request: PmsVoidRequest): Promise<PmsPostingResult> {
      const reservationID =
        request.original.stayRef ?? (await lookupRoom(request.original.roomNumber)).stayRef;
      const form = new URLSearchParams({ reservationID, soldProductID: request.pmsTransactionId });
      const data = await client.postVoidItem(form);
      return {
        pmsTransactionId: data.soldProductID ?? request.pmsTransactionId,
        folioBalanceMinor: null,
        duplicate: false,
      };
    },
    async close() {},
  };
}

/**
 * The check's posting lines (posting options: one summarized item, or one per menu item; the tip
 * as its own item or folded in), each with its tax as `itemTaxes`, in the nested form encoding the
 * official sample POS uses (`items[0][itemPrice]=…`).
 * `referenceID` = our charge id: Cloudbeds "will prevent adding of duplicates".
 */
export function customItemForm(charge: PmsChargeRequest, reservationID: string): URLSearchParams {
  const money = (minor: number) => minorToDecimalString(minor, charge.currency);
  const form = new URLSearchParams({
    reservationID,
    referenceID: charge.chargeId,
    saleDate: charge.createdAt,
  });
  const outletItem = charge.outletPmsCodes?.cloudbeds?.appItemId ?? `roompost-${charge.outletCode}`;
  // One item per posting line (summarized check or one per menu item; tip apart or folded in).
  // v1.3 postCustomItem: "Future calls using the same [appItemID] will use previously sent item name
  // and description", so each line of each charge has its own id, or every folio line would keep the
  // first check's name. The outlet's id stays its prefix so the hotel can still group by outlet.
  postingLines(charge).forEach((line, i) => {
    const at = (field: string) => `items[${i}][${field}]`;
    form.set(at('appItemID'), `${outletItem}-${charge.chargeId}-${i + 1}`);
    form.set(at('itemName'), line.name);
    form.set(at('itemQuantity'), String(line.quantity));
    form.set(at('itemPrice'), money(line.unitMinor));
    if (line.kind !== 'tip') form.set(at('itemNote'), `Check #${charge.checkNumber}`);
    if (line.taxMinor !== 0) {
      form.set(`${at('itemTaxes')}[0][taxName]`, 'Tax');
      form.set(`${at('itemTaxes')}[0][taxValue]`, money(line.taxMinor));
    }
  });
  return form;
}

function result(
  chargeId: string,
  data: {
    soldProductID?: string | undefined;
    transactionID?: string | undefined;
    notice?: string | undefined;
  },
): PmsPostingResult {
  return {
    // transactionID is being removed from this answer (Cloudbeds "API Transaction Termination").
    pmsTransactionId: data.soldProductID ?? data.transactionID ?? `ref:${chargeId}`,
    folioBalanceMinor: null,
    // "notice … will alert that nothing was created or updated" when the referenceID was seen before.
    duplicate: data.notice !== undefined && data.notice !== '',
  };
}

function toLookup(r: CbReservation, roomNumber: string, currency: string): RoomLookup {
  const name = splitName(r.guestName);
  const room = r.rooms.find((x) => x.roomName === roomNumber);
  return toRoomLookup({
    roomNumber,
    roomType: room?.roomTypeName ?? '',
    stayRef: r.reservationID,
    ...name,
    confirmation: r.reservationID,
    checkIn: r.startDate,
    checkOut: r.endDate,
    adults: r.adults,
    currency,
    // Cloudbeds exposes no credit limit; the PMS enforces its own rules when we post.
    creditLimitMinor: null,
    balanceMinor: amountFromPms(r.balance, currency),
    blockedReason: null,
  });
}
