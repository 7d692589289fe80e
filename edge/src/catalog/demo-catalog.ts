import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { countItems, insertCatalog } from './catalog.repository.js';

// NYC sales tax on food and drink sold at a bar: 8.875 %.
const SALES_TAX = '0.08875';

/** The Pool Bar's menu for the demo; written once, when the outlet's catalog is empty. */
export async function seedDemoCatalog(db: Kysely<EdgeDatabase>): Promise<boolean> {
  if ((await countItems(db)) > 0) return false;
  const item = (
    sku: string,
    name: string,
    category: string,
    priceMinor: number,
    taxClass: string,
    sort: number,
  ) => ({
    sku,
    name,
    category_code: category,
    price_minor: priceMinor,
    tax_class: taxClass,
    tax_rate: SALES_TAX,
    active: 1,
    sort,
  });
  await insertCatalog(
    db,
    [
      { code: 'DRINKS', name: 'Drinks', sort: 1 },
      { code: 'COCKTAILS', name: 'Cocktails', sort: 2 },
      { code: 'SNACKS', name: 'Snacks', sort: 3 },
      { code: 'POOL', name: 'Pool', sort: 4 },
    ],
    [
      item('WATER', 'Still Water', 'DRINKS', 400, 'BEVERAGE', 1),
      item('SODA', 'Soda', 'DRINKS', 450, 'BEVERAGE', 2),
      item('JUICE', 'Fresh Orange Juice', 'DRINKS', 750, 'BEVERAGE', 3),
      item('ICETEA', 'Iced Tea', 'DRINKS', 550, 'BEVERAGE', 4),
      item('BEER', 'Draft Beer', 'COCKTAILS', 900, 'ALCOHOL', 1),
      item('MOJITO', 'Mojito', 'COCKTAILS', 1600, 'ALCOHOL', 2),
      item('PINA', 'Piña Colada', 'COCKTAILS', 1700, 'ALCOHOL', 3),
      item('SPRITZ', 'Aperol Spritz', 'COCKTAILS', 1500, 'ALCOHOL', 4),
      item('FRIES', 'Truffle Fries', 'SNACKS', 1100, 'FOOD', 1),
      item('NACHOS', 'Nachos', 'SNACKS', 1400, 'FOOD', 2),
      item('CLUB', 'Club Sandwich', 'SNACKS', 1800, 'FOOD', 3),
      item('FRUIT', 'Fruit Platter', 'SNACKS', 1200, 'FOOD', 4),
      item('TOWEL', 'Towel Service', 'POOL', 500, 'SERVICE', 1),
      item('CABANA', 'Cabana (half day)', 'POOL', 7500, 'SERVICE', 2),
    ],
  );
  return true;
}
