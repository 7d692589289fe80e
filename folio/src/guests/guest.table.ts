export interface GuestTable {
  id: string;
  title: string | null;
  first_name: string;
  last_name: string;
  vip_level: string | null;
  email: string | null;
  phone: string | null;
  created_at: string;
}
