import type { RoomLookup } from '@roompost/sync';
import type { Clock } from '../../clock.js';
import { type PmsAdapter, type PmsChargeRequest, PmsError, type PmsFeature } from '../adapter.js';
import type { FetchLike } from '../http/http-client.js';
import { assertPostable, minorToDecimal } from '../http/money.js';
import { toRoomLookup } from '../http/room-lookup.js';
import { noCredentialLookup } from '../http/unsupported.js';
import { postingLines } from '../posting-lines.js';
import { reversalOf } from '../reversal.js';
import { MewsClient, type MewsSearchHit } from './mews-client.js';
import type { MewsPmsConfig } from './mews-config.js';
import { findOrderItems } from './mews-read-back.js';

const FEATURES: ReadonlySet<PmsFeature> = new Set([
  'room_lookup',
  'charge_posting',
  'read_postings',
  'guest_profiles',
  'void',
]);

// point-of-sale.md: Cashlist means "No Post"; Mews does not enforce it, the POS decides. We refuse.
const NO_POST = 'Cashlist';

export function createMewsAdapter(
  config: MewsPmsConfig,
  deps: { clock: Clock; fetch?: FetchLike },
): PmsAdapter {
  const client = new MewsClient(config, deps);
  const { currency } = config;

  /** Charges go to a customer profile, not a room: the stay ref carries both ids. */
  async function inHouse(roomNumber: string): Promise<MewsSearchHit[]> {
    const resourceId = await client.resourceId(roomNumber);
    if (!resourceId) throw new PmsError('ROOM_NOT_FOUND', `Mews has no space named ${roomNumber}`);
    // customers/search sees only customers active now, so a checked-out guest reads as not found.
    const hits = (await client.searchByResource(resourceId)).filter((h) => h.Reservation);
    if (hits.length === 0)
      throw new PmsError('ROOM_NOT_FOUND', `no checked-in customer in room ${roomNumber}`);
    return hits;
  }

  function toLookup(roomNumber: string, hit: MewsSearchHit): RoomLookup {
    const r = hit.Reservation!;
    const c = hit.Customer;
    return toRoomLookup({
      roomNumber,
      roomType: '',
      stayRef: `${c.Id}/${r.Id}`,
      title: c.Title ?? null,
      firstName: c.FirstName ?? '',
      lastName: c.LastName,
      vipLevel: c.Classifications.includes('VeryImportant') ? 'VIP' : null,
      confirmation: r.Number ?? r.Id,
      checkIn: r.StartUtc,
      checkOut: r.EndUtc,
      adults: r.AdultCount,
      currency,
      creditLimitMinor: null,
      balanceMinor: 0,
      blockedReason: c.Classifications.includes(NO_POST) ? 'Guest is classified Cashlist (no post)' : null,
    });
  }

  return {
    kind: 'mews',
    postingConcurrency: 2,
    features: FEATURES,
    async testConnection() {
      await client.resourceId('__roompost_probe__');
    },
    async lookupRoom(roomNumber) {
      const [hit] = await inHouse(roomNumber);
      return toLookup(roomNumber, hit!);
    },
    lookupCredential: () => noCredentialLookup('Mews'),
    async lookupByName(lastName) {
      const hits = (await client.searchByName(lastName)).filter(
        (h) =>
          h.Reservation?.AssignedResourceId && h.Customer.LastName.toLowerCase() === lastName.toLowerCase(),
      );
      const rooms = await client.resourceNames([
        ...new Set(hits.map((h) => h.Reservation!.AssignedResourceId!)),
      ]);
      return hits.flatMap((h) => {
        const room = rooms.get(h.Reservation!.AssignedResourceId!);
        return room ? [toLookup(room, h)] : [];
      });
    },
    async postCharge(charge) {
      assertPostable(charge, currency);
      const hits = await inHouse(charge.roomNumber);
      const customerId = charge.stayRef?.split('/')[0];
      const hit = customerId ? hits.find((h) => h.Customer.Id === customerId) : hits[0];
      if (!hit)
        throw new PmsError('GUEST_CHECKED_OUT', 'the verified guest is no longer checked in to this room');
      if (hit.Customer.Classifications.includes(NO_POST)) {
        throw new PmsError('CHARGES_BLOCKED', 'the guest is classified Cashlist (no post)', {
          retryable: false,
        });
      }
      const orderId = await client.addOrder(orderBody(charge, config, hit));
      return { pmsTransactionId: orderId, folioBalanceMinor: null, duplicate: false };
    },
    // "Rebates are new items with negative values; originals cannot be cancelled." Mews has no
    // idempotency key: the rebate carries the void id as ExternalIdentifier and is read back first.
    async voidCharge(request) {
      const earlier = (await findOrderItems(client, config, deps.clock, request.voidId))[0];
      if (earlier) {
        return {
          pmsTransactionId: earlier.ServiceOrderId ?? earlier.Id,
          folioBalanceMinor: null,
          duplicate: true,
        };
      }
      const rebate = reversalOf(request, deps.clock.now().toISOString());
      const hits = await inHouse(rebate.roomNumber);
      const customerId = rebate.stayRef?.split('/')[0];
      const hit = customerId ? hits.find((h) => h.Customer.Id === customerId) : hits[0];
      if (!hit) throw new PmsError('GUEST_CHECKED_OUT', 'the guest is no longer checked in to this room');
      const orderId = await client.addOrder(orderBody(rebate, config, hit));
      return { pmsTransactionId: orderId, folioBalanceMinor: null, duplicate: false };
    },
    async findPosting(chargeId) {
      const items = await findOrderItems(client, config, deps.clock, chargeId);
      const first = items[0];
      if (!first) return null;
      return { pmsTransactionId: first.ServiceOrderId ?? first.Id, folioBalanceMinor: null, duplicate: true };
    },
    async guestProfile(stayRef) {
      const c = await client.customer(stayRef.split('/')[0] ?? stayRef);
      if (!c) return null;
      return {
        name: `${c.FirstName ?? ''} ${c.LastName}`.trim(),
        email: c.Email ?? null,
        phone: c.Phone ?? null,
        vipLevel: c.Classifications.includes('VeryImportant') ? 'VIP' : null,
        preferences: [],
        allergies: [],
        loyaltyNumber: c.LoyaltyCode ?? null,
      };
    },
    async close() {},
  };
}

/**
 * orders/add: the check (subtotal + tax, one tax code) and the tip as items, each tagged with an
 * `ExternalIdentifier` from our charge id, which read-back (orderItems/getAll) matches on.
 */
export function orderBody(charge: PmsChargeRequest, config: MewsPmsConfig, hit: MewsSearchHit) {
  const value = (minor: number) => minorToDecimal(minor, charge.currency);
  const unit = (minor: number, taxCode: string) => ({
    Currency: charge.currency,
    [config.pricing === 'gross' ? 'GrossValue' : 'NetValue']: value(minor),
    TaxCodes: [taxCode],
  });
  const categoryId = charge.outletPmsCodes?.mews?.accountingCategoryId ?? config.accountingCategoryId;
  const category = categoryId ? { AccountingCategoryId: categoryId } : {};
  // One item per posting line, each at its whole amount (UnitCount 1: a line's tax need not divide
  // by its quantity). Gross pricing carries the tax inside the value, net pricing leaves it to Mews.
  const lines = postingLines(charge);
  const items = lines.map((line, i) => ({
    Name: line.name,
    UnitCount: 1,
    UnitAmount: unit(
      config.pricing === 'gross' ? line.amountMinor + line.taxMinor : line.amountMinor,
      line.kind === 'tip' ? (config.tipTaxCode ?? config.taxCode) : config.taxCode,
    ),
    ExternalIdentifier:
      line.kind === 'tip' ? `${charge.chargeId}:tip` : i === 0 ? charge.chargeId : `${charge.chargeId}:${i}`,
    ...category,
  }));
  return {
    ServiceId: config.serviceId,
    AccountId: hit.Customer.Id,
    LinkedReservationId: hit.Reservation?.Id,
    Items: items,
    ConsumptionUtc: charge.createdAt,
    Notes: `${charge.outletCode} check ${charge.checkNumber}`,
  };
}
