// The tax an outlet charge's group pays (`outlet_tax_lines.tax_code`): GST, or VAT for alcohol, which
// is outside GST and pays the state's VAT. The invoice names it ("VAT @ 20%") instead of showing it as
// GST. Rows stored before it are GST (null), as they were shown.
import { type Kysely, type Migration, sql } from 'kysely';

export const outletTaxCode: Migration = {
  async up(db: Kysely<unknown>) {
    await sql.raw('alter table outlet_tax_lines add column tax_code text').execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql.raw('alter table outlet_tax_lines drop column tax_code').execute(db);
  },
};
