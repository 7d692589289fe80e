import type { StaffRole } from '@roompost/sync';

/** A staff member who signs in at staff outlets with a PIN (managed at central, synced to edges). */
export interface OutletStaffTable {
  id: string;
  name: string;
  role: StaffRole;
  /** `scrypt$N$salt$key` (hex), N = 2^15; never the PIN. */
  pin_hash: string;
  /** The staff badge's card UID, hashed like the PIN; null: no badge enrolled. */
  badge_hash: string | null;
  /** 0: removed (kept for the audit trail; never synced, never signs in). */
  active: number;
  updated_at: string;
  updated_by: string;
}

export interface OutletStaffDatabase {
  outlet_staff: OutletStaffTable;
}
