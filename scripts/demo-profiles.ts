// The demo properties `npm start` can run: Harbour View in New York (default, USD) and, with
// ROOMPOST_DEMO=in, Amber Haveli in Jaipur (INR, GST). What differs between them for the stack.
import {
  type DemoSeedResult,
  IN_DEMO_INVOICING,
  seedDemoHotel,
  seedIndianDemoHotel,
} from '@roompost/central';
import type { FolioService } from '@roompost/folio';

export type DemoKind = 'us' | 'in';
export const DEMO_KINDS: readonly DemoKind[] = ['us', 'in'];

export interface DemoProfile {
  kind: DemoKind;
  /** Central's property code (MQTT topics, device configs). */
  property: string;
  hotelName: string;
  currency: string;
  /** The kiosks' number format: en-IN groups by lakh and crore (₹1,00,000.00). */
  locale: string;
  timeZone: string;
  restaurantName: string;
  outlets: Array<{
    code: string;
    name: string;
    postingDescription: string;
    revenueCenter: string;
    mode?: 'staff' | 'self-service';
  }>;
  poolTips: number[];
  restaurantTips: number[];
  /** Seed 000 signature threshold in the profile's currency: the guest signs at this total and more. */
  signatureThresholdMinor: number;
  /** India: the property's GSTIN, on the outlets' receipts and screens with CGST/SGST per rate. */
  gstin?: string;
  /** The in-house guest `npm start` suggests tapping or typing. */
  hintRoom: string;
  hintLastName: string;
  /** Central config `nightAudit.walkInRatePlan` when the hotel has more than one rate plan. */
  walkInRatePlan?: string;
  seed(folio: FolioService, today: string): Promise<DemoSeedResult>;
}

export const DEMO_PROFILES: Record<DemoKind, DemoProfile> = {
  us: {
    kind: 'us',
    property: 'HARBOUR',
    hotelName: 'Harbour View Hotel',
    currency: 'USD',
    locale: 'en-US',
    timeZone: 'America/New_York',
    restaurantName: 'Main Restaurant',
    outlets: [
      {
        code: 'REST',
        name: 'Main Restaurant',
        postingDescription: 'Restaurant',
        revenueCenter: '4100',
        mode: 'staff',
      },
      { code: 'BAR', name: 'Lobby Bar', postingDescription: 'Bar/Lounge', revenueCenter: '4200' },
      { code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar', revenueCenter: '4400' },
    ],
    poolTips: [10, 15, 20],
    restaurantTips: [15, 18, 20],
    signatureThresholdMinor: 5_000, // $50.00, the seed's own example
    hintRoom: '412',
    hintLastName: 'Wilson',
    seed: seedDemoHotel,
  },
  in: {
    kind: 'in',
    property: 'AMBER',
    hotelName: 'Amber Haveli Jaipur',
    currency: 'INR',
    locale: 'en-IN',
    timeZone: 'Asia/Kolkata',
    restaurantName: 'Chandni Mahal',
    outlets: [
      {
        code: 'REST',
        name: 'Chandni Mahal',
        postingDescription: 'Restaurant',
        revenueCenter: '4100',
        mode: 'staff',
      },
      { code: 'BAR', name: 'Sheesh Bar', postingDescription: 'Bar', revenueCenter: '4200' },
      { code: 'POOL', name: 'Pool Bar', postingDescription: 'Pool Bar', revenueCenter: '4400' },
    ],
    poolTips: [5, 10, 15],
    restaurantTips: [5, 10, 15],
    signatureThresholdMinor: 250_000, // ₹2,500: a restaurant dinner for two, not every chai
    gstin: IN_DEMO_INVOICING.gstin ?? undefined,
    hintRoom: '204',
    hintLastName: 'Mehta',
    // Two rate plans (BAR, CORP): night audit prices walk-ins with BAR, never leaves them unpriced.
    walkInRatePlan: 'BAR',
    seed: seedIndianDemoHotel,
  },
};
