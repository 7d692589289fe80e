export interface GuestTable {
  id: string;
  title: string | null;
  first_name: string;
  last_name: string;
  vip_level: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
  /** Billing identity used as bill-to on invoices (Rule 46 (d)): company or guest name, GSTIN, address. */
  billing_name: string | null;
  billing_gstin: string | null;
  billing_address: string | null;
  billing_state_code: string | null;
}
