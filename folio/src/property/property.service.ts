// The property record: its currency decides every folio's currency, its business date every posting's.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { isCurrencyCode } from '../money/index.js';
import { invalid, requireIsoDate, requireText } from '../validation.js';
import { findProperty, insertProperty, type PropertyRow, updateBusinessDate } from './property.repository.js';

export interface Property {
  name: string;
  currency: string;
  timeZone: string;
  businessDate: string;
}

export interface ConfigurePropertyInput {
  name: string;
  currency: string;
  timeZone: string;
  businessDate: string;
}

export function createPropertyService({ db, clock }: FolioContext) {
  return {
    /** Creates the property once; a second call is VALIDATION_FAILED (currency cannot change under a ledger). */
    async configureProperty(input: ConfigurePropertyInput): Promise<Property> {
      const name = requireText(input.name, 'name');
      if (!isCurrencyCode(input.currency)) throw invalid('currency', 'must be an ISO 4217 code');
      const timeZone = requireTimeZone(input.timeZone);
      const businessDate = requireIsoDate(input.businessDate, 'businessDate');
      return db.transaction().execute(async (trx) => {
        if (await findProperty(trx)) throw invalid('property', 'is already configured');
        const row = {
          id: 1,
          name,
          currency: input.currency,
          time_zone: timeZone,
          business_date: businessDate,
          created_at: clock.now().toISOString(),
        };
        await insertProperty(trx, row);
        return toProperty(row);
      });
    },

    async getProperty(): Promise<Property | null> {
      const row = await findProperty(db);
      return row ? toProperty(row) : null;
    },

    /**
     * Moves the hotel date forward (or keeps it); never back, since postings are ordered by it. Night audit
     * will own this; the demo seed and tests call it directly for now.
     */
    async setBusinessDate(businessDate: string): Promise<void> {
      const date = requireIsoDate(businessDate, 'businessDate');
      await db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        if (date < property.businessDate) {
          throw invalid('businessDate', 'cannot move back', {
            businessDate: date,
            current: property.businessDate,
          });
        }
        await updateBusinessDate(trx, date);
      });
    },
  };
}

export async function requireProperty(db: FolioContext['db']): Promise<Property> {
  const row = await findProperty(db);
  if (!row) throw new FolioError('NOT_FOUND', 'the property is not configured', { entity: 'property' });
  return toProperty(row);
}

function toProperty(row: PropertyRow): Property {
  return { name: row.name, currency: row.currency, timeZone: row.time_zone, businessDate: row.business_date };
}

export function requireTimeZone(value: unknown): string {
  const zone = requireText(value, 'timeZone', 64);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    // Kept as given: ICU canonicalizes some zones to their old names (Asia/Kolkata → Asia/Calcutta).
    return zone;
  } catch {
    throw invalid('timeZone', 'must be an IANA time zone such as America/New_York', { value });
  }
}
