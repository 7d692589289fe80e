import type { RoomLookup } from '@roompost/sync';
import type { Clock } from '../../clock.js';
import { type PmsAdapter, type PmsChargeRequest, PmsError, type PmsFeature } from '../adapter.js';
import type { FetchLike } from '../http/http-client.js';
import { amountFromPms, assertPostable, minorToDecimal } from '../http/money.js';
import { toRoomLookup } from '../http/room-lookup.js';
import { noCredentialLookup } from '../http/unsupported.js';
import { ApaleoClient, type ApaleoFolio, type ApaleoReservation } from './apaleo-client.js';
import type { ApaleoPmsConfig } from './apaleo-config.js';

const FEATURES: ReadonlySet<PmsFeature> = new Set(['room_lookup', 'charge_posting', 'void']);

// apaleo POS guide: post to "the first folio that contains AddCharge in allowedActions".
const chargeable = (folios: ApaleoFolio[]) => folios.find((f) => f.allowedActions.includes('AddCharge'));

export function createApaleoAdapter(
  config: ApaleoPmsConfig,
  deps: { clock: Clock; fetch?: FetchLike },
): PmsAdapter {
  const client = new ApaleoClient(config, deps);
  const { currency } = config;

  async function inHouse(roomNumber: string): Promise<ApaleoReservation> {
    const unitId = await client.unitId(roomNumber);
    if (!unitId) throw new PmsError('ROOM_NOT_FOUND', `apaleo has no unit named ${roomNumber}`);
    const [stay] = await client.reservations(unitId, 'InHouse');
    if (stay) return stay;
    const [gone] = await client.reservations(unitId, 'CheckedOut');
    if (gone) throw new PmsError('GUEST_CHECKED_OUT', `the guest of room ${roomNumber} has checked out`);
    throw new PmsError('ROOM_NOT_FOUND', `no in-house reservation in room ${roomNumber}`);
  }

  async function folioFor(reservationId: string): Promise<ApaleoFolio> {
    const folio = chargeable(await client.guestFolios(reservationId));
    if (!folio) {
      throw new PmsError('CHARGES_BLOCKED', 'no guest folio of this reservation allows charges', {
        retryable: false,
        context: { reservationId },
      });
    }
    return folio;
  }

  async function lookupRoom(roomNumber: string): Promise<RoomLookup> {
    return toLookup(await inHouse(roomNumber), roomNumber);
  }

  async function toLookup(r: ApaleoReservation, roomNumber: string): Promise<RoomLookup> {
    const folio = chargeable(await client.guestFolios(r.id));
    return toRoomLookup({
      roomNumber,
      roomType: r.unitGroup?.name ?? '',
      stayRef: r.id,
      title: r.primaryGuest.title ?? null,
      firstName: r.primaryGuest.firstName,
      lastName: r.primaryGuest.lastName,
      confirmation: r.bookingId ?? r.id,
      checkIn: r.arrival,
      checkOut: r.departure,
      adults: r.adults,
      currency,
      creditLimitMinor: null,
      // apaleo's balance is payments minus charges: negative while the guest owes.
      balanceMinor: r.balance ? -amountFromPms(r.balance.amount, currency) : 0,
      blockedReason: folio ? null : 'No guest folio allows charges',
    });
  }

  return {
    kind: 'apaleo',
    features: FEATURES,
    async testConnection() {
      await client.unitId('__roompost_probe__');
    },
    lookupRoom,
    lookupCredential: () => noCredentialLookup('apaleo'),
    async lookupByName(lastName) {
      const found = await client.inHouseByText(lastName);
      const matching = found.filter(
        (r) => r.unit && r.primaryGuest.lastName.toLowerCase() === lastName.toLowerCase(),
      );
      return Promise.all(matching.map((r) => toLookup(r, r.unit!.name)));
    },
    async postCharge(charge) {
      assertPostable(charge, currency);
      const reservationId = charge.stayRef ?? (await inHouse(charge.roomNumber)).id;
      const folio = await folioFor(reservationId);
      const posted = await client.postCharge(folio.id, charge.chargeId, chargeBody(charge, config));
      return { pmsTransactionId: posted.id, folioBalanceMinor: null, duplicate: posted.replayed };
    },
    // "There are no deletions in accounting. Posting an allowance is what you would have to do" (#47).
    async voidCharge(request) {
      const original = request.original;
      const reservationId = original.stayRef ?? (await inHouse(original.roomNumber)).id;
      const folio = await folioFor(reservationId);
      const id = await client.postAllowance(folio.id, request.pmsTransactionId, request.voidId, {
        amount: { amount: minorToDecimal(original.totalMinor, currency), currency },
        reason: request.reason,
      });
      return { pmsTransactionId: id, folioBalanceMinor: null, duplicate: false };
    },
    async close() {},
  };
}

/**
 * One gross charge for the whole check (subtotal + tax + tip): a single Idempotency-Key then covers
 * the whole check, and apaleo derives VAT from `vatType`.
 */
export function chargeBody(charge: PmsChargeRequest, config: ApaleoPmsConfig) {
  return {
    serviceType: charge.outletPmsCodes?.apaleo?.serviceType ?? config.serviceType,
    ...(charge.outletPmsCodes?.apaleo?.subAccountId
      ? { subAccountId: charge.outletPmsCodes.apaleo.subAccountId }
      : {}),
    vatType: config.vatType,
    name: charge.description,
    amount: { amount: minorToDecimal(charge.totalMinor, charge.currency), currency: charge.currency },
    receipt: charge.checkNumber,
    quantity: 1,
  };
}
