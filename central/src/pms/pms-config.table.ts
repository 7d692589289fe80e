import type { Generated } from 'kysely';

/** Every version of the PMS connection (`pms`) and the outlets (`outlets`) set over HTTP; never updated. */
export interface PmsConfigVersionTable {
  id: Generated<number>;
  section: 'pms' | 'outlets';
  /** JSON, credentials sealed (central/src/secrets/). */
  body_json: string;
  created_at: string;
  created_by: string;
}

export interface GuestProfileTable {
  stay_ref: string;
  pms_kind: string;
  profile_json: string;
  updated_at: string;
}

export interface PmsSettingsDatabase {
  pms_config_versions: PmsConfigVersionTable;
  guest_profiles: GuestProfileTable;
}
