import type { FormatMoney, RoomChargeReceipt } from '@roompost/drivers';

/** USD-style formatting done on the integer digits, as the caller's real formatter would. */
export const formatUsd: FormatMoney = (minor) => {
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${minor < 0 ? '-' : ''}USD ${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

export function sampleReceipt(overrides: Partial<RoomChargeReceipt> = {}): RoomChargeReceipt {
  return {
    propertyName: 'Harbour View Hotel',
    outletName: 'Pool Bar',
    checkNumber: '1042',
    chargeId: '019a4f2e-7c1d-7b3e-9f00-5a6b7c8d9e0f',
    createdAt: '21/11/2026 14:05',
    roomNumber: '412',
    guestName: 'J. W****',
    items: [
      { name: 'Mojito', quantity: 2, amountMinor: 2400 },
      { name: 'Club sandwich', quantity: 1, amountMinor: 1250 },
    ],
    subtotalMinor: 3650,
    taxMinor: 365,
    tipMinor: 500,
    totalMinor: 4515,
    signature: null,
    ...overrides,
  };
}
