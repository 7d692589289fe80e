// Sample edge payloads shared by the kiosk-ui unit tests.
import type { ChargeView, KioskLookup } from '@roompost/sync/contract';

export function lookup(overrides: Partial<KioskLookup> = {}): KioskLookup {
  return {
    verificationId: 'ver-1',
    roomNumber: '412',
    roomType: 'Deluxe King',
    guestName: 'J. W****',
    vipLevel: null,
    checkIn: '2026-01-25',
    checkOut: '2026-01-28',
    currency: 'USD',
    chargesAllowed: true,
    restriction: null,
    availableCreditMinor: null,
    ...overrides,
  };
}

export function charge(overrides: Partial<ChargeView> = {}): ChargeView {
  return {
    id: '0190f3a2-0000-7000-8000-000000000001',
    checkNumber: '1247',
    outletCode: 'POOL',
    roomNumber: '412',
    guestName: 'J. W****',
    currency: 'USD',
    items: [{ sku: 'beer', name: 'Beer', quantity: 2, amountMinor: 1400, taxMinor: 112 }],
    subtotalMinor: 1400,
    taxMinor: 112,
    tipMinor: 280,
    totalMinor: 1792,
    status: 'pending',
    error: null,
    pmsTransactionId: null,
    signed: false,
    receiptText: 'POOL BAR\nBeer x2  14.00\n',
    createdAt: '2026-01-27T19:45:00.000Z',
    updatedAt: '2026-01-27T19:45:00.000Z',
    ...overrides,
  };
}
