/** The one property this folio engine keeps books for (a group runs one engine per property). */
export interface PropertyTable {
  /** Always 1: a CHECK keeps this table to a single row. */
  id: number;
  name: string;
  currency: string;
  /** IANA zone, e.g. America/New_York. */
  time_zone: string;
  /** Hotel date (YYYY-MM-DD), moved on only by night audit, never by the wall clock. */
  business_date: string;
  created_at: string;
}
