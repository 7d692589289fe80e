// The demo outlets' menus, written into central's item master (the edges fetch them over MQTT).
// US (Harbour View, New York): the Pool Bar menu at 8.875 % NYC sales tax, on the Pool Bar and the
// Main Restaurant. India (Amber Haveli, Jaipur): an INR menu with GST at the restaurant rate the
// property's tax identity implies, and alcohol outside GST under Rajasthan VAT.
import type { CatalogContent } from '../catalog/catalog-input.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import { IN_DEMO_INVOICING } from './demo-hotel-in.js';

type Item = CatalogContent['items'][number];

const item = (
  sku: string,
  name: string,
  categoryCode: string,
  priceMinor: number,
  taxClass: string,
  taxRate: string,
  sort: number,
): Item => ({ sku, name, categoryCode, priceMinor, taxClass, taxRate, active: true, sort });

// NYC sales tax on food and drink sold at a bar or restaurant: 8.875 %.
const NYC_SALES_TAX = '0.08875';
const us = (
  sku: string,
  name: string,
  category: string,
  priceMinor: number,
  taxClass: string,
  sort: number,
) => item(sku, name, category, priceMinor, taxClass, NYC_SALES_TAX, sort);

/** Harbour View's menu (USD, prices in cents). The kiosk tests use these SKUs (MOJITO, SPRITZ, …). */
export const US_DEMO_MENU: CatalogContent = {
  categories: [
    { code: 'DRINKS', name: 'Drinks', sort: 1 },
    { code: 'COCKTAILS', name: 'Cocktails', sort: 2 },
    { code: 'SNACKS', name: 'Snacks', sort: 3 },
    { code: 'POOL', name: 'Pool', sort: 4 },
  ],
  items: [
    us('WATER', 'Still Water', 'DRINKS', 400, 'BEVERAGE', 1),
    us('SODA', 'Soda', 'DRINKS', 450, 'BEVERAGE', 2),
    us('JUICE', 'Fresh Orange Juice', 'DRINKS', 750, 'BEVERAGE', 3),
    us('ICETEA', 'Iced Tea', 'DRINKS', 550, 'BEVERAGE', 4),
    us('BEER', 'Draft Beer', 'COCKTAILS', 900, 'ALCOHOL', 1),
    us('MOJITO', 'Mojito', 'COCKTAILS', 1600, 'ALCOHOL', 2),
    us('PINA', 'Piña Colada', 'COCKTAILS', 1700, 'ALCOHOL', 3),
    us('SPRITZ', 'Aperol Spritz', 'COCKTAILS', 1500, 'ALCOHOL', 4),
    us('FRIES', 'Truffle Fries', 'SNACKS', 1100, 'FOOD', 1),
    us('NACHOS', 'Nachos', 'SNACKS', 1400, 'FOOD', 2),
    us('CLUB', 'Club Sandwich', 'SNACKS', 1800, 'FOOD', 3),
    us('FRUIT', 'Fruit Platter', 'SNACKS', 1200, 'FOOD', 4),
    us('TOWEL', 'Towel Service', 'POOL', 500, 'SERVICE', 1),
    us('CABANA', 'Cabana (half day)', 'POOL', 7500, 'SERVICE', 2),
  ],
  templates: [
    {
      code: 'CABANA-DAY',
      name: 'Cabana day for two',
      lines: [
        { sku: 'CABANA', quantity: 1 },
        { sku: 'TOWEL', quantity: 2 },
        { sku: 'WATER', quantity: 2 },
      ],
    },
    { code: 'MOJITO-2', name: 'Mojito ×2', lines: [{ sku: 'MOJITO', quantity: 2 }] },
  ],
};

/**
 * GST on restaurant service (docs/taxes-and-invoices.md, Notif 05/2025-CT(R)): 18 % with ITC when
 * the hotel is "specified premises" (Amber Haveli is: its suites are above ₹7,500), else 5 %.
 */
export const IN_DEMO_RESTAURANT_GST = IN_DEMO_INVOICING.specifiedPremises ? '0.18' : '0.05';
/** Alcohol for human consumption is outside GST; the state levies VAT on it (demo rate 20 %). */
export const IN_DEMO_LIQUOR_VAT = '0.20';

const gst = (sku: string, name: string, category: string, rupees: number, sort: number) =>
  item(sku, name, category, rupees * 100, 'GST_FOOD', IN_DEMO_RESTAURANT_GST, sort);

/** Amber Haveli's menu (INR, prices in paise). */
export const IN_DEMO_MENU: CatalogContent = {
  categories: [
    { code: 'BEVERAGES', name: 'Beverages', sort: 1 },
    { code: 'STARTERS', name: 'Starters', sort: 2 },
    { code: 'MAINS', name: 'Mains', sort: 3 },
    { code: 'BREADS', name: 'Breads', sort: 4 },
    { code: 'DESSERTS', name: 'Desserts', sort: 5 },
    { code: 'BAR', name: 'Bar', sort: 6 },
  ],
  items: [
    gst('CHAI', 'Masala Chai', 'BEVERAGES', 180, 1),
    gst('LIMESODA', 'Fresh Lime Soda', 'BEVERAGES', 220, 2),
    gst('LASSI', 'Sweet Lassi', 'BEVERAGES', 200, 3),
    gst('PANEER-TIKKA', 'Paneer Tikka', 'STARTERS', 450, 1),
    gst('PAPAD', 'Masala Papad', 'STARTERS', 150, 2),
    gst('DAL-MAKHANI', 'Dal Makhani', 'MAINS', 520, 1),
    gst('BIRYANI', 'Veg Biryani', 'MAINS', 550, 2),
    gst('BREAKFAST', 'Breakfast Buffet', 'MAINS', 950, 3),
    gst('BUTTER-NAAN', 'Butter Naan', 'BREADS', 90, 1),
    gst('GULAB-JAMUN', 'Gulab Jamun', 'DESSERTS', 240, 1),
    item('KINGFISHER', 'Kingfisher Beer', 'BAR', 45_000, 'VAT_LIQUOR', IN_DEMO_LIQUOR_VAT, 1),
  ],
  templates: [
    { code: 'BREAKFAST-2', name: 'Breakfast buffet ×2', lines: [{ sku: 'BREAKFAST', quantity: 2 }] },
    {
      code: 'THALI-2',
      name: 'Dinner for two',
      lines: [
        { sku: 'PANEER-TIKKA', quantity: 1 },
        { sku: 'DAL-MAKHANI', quantity: 1 },
        { sku: 'BUTTER-NAAN', quantity: 4 },
      ],
    },
  ],
};

/** The outlets whose menu the demo writes. */
export const DEMO_MENU_OUTLETS = ['POOL', 'REST'] as const;

/**
 * Writes the demo menu into every demo outlet central knows that has no catalog yet (a restart or a
 * manager's edit is never overwritten). Answers the outlets written.
 */
export async function seedDemoCatalogs(catalog: CatalogService, kind: 'us' | 'in' = 'us'): Promise<string[]> {
  const menu = kind === 'in' ? IN_DEMO_MENU : US_DEMO_MENU;
  const written: string[] = [];
  for (const outlet of DEMO_MENU_OUTLETS) {
    if (!catalog.knows(outlet)) continue;
    if (await catalog.seedIfEmpty(outlet, menu, 'demo')) written.push(outlet);
  }
  return written;
}
