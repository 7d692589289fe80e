import type { RoomLookup } from '@roompost/sync';
import { type PmsAdapter, type PmsChargeRequest, PmsError, type PmsFeature } from '../adapter.js';
import { lostAnswer } from '../http/http-client.js';
import { amountFromPms, assertPostable } from '../http/money.js';
import { toRoomLookup } from '../http/room-lookup.js';
import { noCredentialLookup } from '../http/unsupported.js';
import { reversalOf } from '../reversal.js';
import { HtngClient, type HtngDeps } from './htng-client.js';
import type { HtngPmsConfig } from './htng-config.js';
import { chargePostingRq, type HtngStay, readRq, readStays } from './htng-messages.js';
import { attr, child } from './htng-soap.js';

const FEATURES: ReadonlySet<PmsFeature> = new Set(['room_lookup', 'charge_posting', 'void']);
const IN_HOUSE = /^in[\s-]?house$/i;

export function createHtngAdapter(config: HtngPmsConfig, deps: HtngDeps): PmsAdapter {
  const client = new HtngClient(config, deps);
  const { currency } = config;

  async function stayOf(roomNumber: string): Promise<HtngStay> {
    const c = client.correlation();
    const { rs } = await client.call(readRq(config, c, roomNumber), c, 'read', config.actions.read);
    const stays = readStays(rs).filter((s) => s.roomNumber === roomNumber);
    const stay = stays.find((s) => IN_HOUSE.test(s.status));
    if (stay) return stay;
    if (stays.some((s) => /checked[\s-]?out/i.test(s.status))) {
      throw new PmsError('GUEST_CHECKED_OUT', `the guest of room ${roomNumber} has checked out`);
    }
    throw new PmsError('ROOM_NOT_FOUND', `no in-house reservation in room ${roomNumber}`);
  }

  return {
    kind: 'htng',
    features: FEATURES,
    async testConnection() {
      await stayOf('__roompost_probe__').catch((err: unknown) => {
        if (!(err instanceof PmsError && err.code === 'ROOM_NOT_FOUND')) throw err;
      });
    },
    async lookupRoom(roomNumber): Promise<RoomLookup> {
      const s = await stayOf(roomNumber);
      return toRoomLookup({
        roomNumber,
        roomType: s.roomType,
        stayRef: s.reservationId,
        title: s.namePrefix,
        firstName: s.givenName,
        lastName: s.surname,
        confirmation: s.reservationId,
        checkIn: s.start,
        checkOut: s.end,
        adults: s.adults,
        currency,
        creditLimitMinor: s.creditLimit === null ? null : amountFromPms(s.creditLimit, currency),
        balanceMinor: s.balance === null ? 0 : amountFromPms(s.balance, currency),
        blockedReason: s.noPost ? 'No-Post is set on this reservation' : null,
      });
    },
    lookupCredential: () => noCredentialLookup('HTNG'),
    postCharge: async (charge) => post(assertedPostable(charge)),
    // protel: "posting negative/positive payment or revenue": the void is negative revenue, sent under
    // the void id as CorrelationID (deduped where the PMS dedupes on it, like the charge itself).
    voidCharge: (request) => post(reversalOf(request, deps.clock.now().toISOString())),
    close: () => client.close(),
  };

  function assertedPostable(charge: PmsChargeRequest): PmsChargeRequest {
    assertPostable(charge, currency);
    return charge;
  }

  async function post(charge: PmsChargeRequest) {
    const reservationId = charge.stayRef ?? (await stayOf(charge.roomNumber)).reservationId;
    // CorrelationID = our charge id: the same charge always carries the same one.
    const c = client.correlation(charge.chargeId);
    const kind = config.dedupesOnCorrelationId ? 'idempotent-write' : 'unprotected-write';
    const { rs, warnings } = await client.call(
      chargePostingRq(config, c, charge, reservationId),
      c,
      kind,
      config.actions.chargePosting,
    );
    const id = attr(child(rs, 'PostingID'), 'ID');
    if (!id) throw lostAnswer(kind, 'HTNG_ChargePostingRS has no PostingID', { chargeId: charge.chargeId });
    return {
      pmsTransactionId: id,
      folioBalanceMinor: null,
      duplicate: warnings.some((w) => /duplicate/i.test(w)),
    };
  }
}
