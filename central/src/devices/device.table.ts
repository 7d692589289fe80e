export const DEVICE_MODES = ['self-service', 'staff'] as const;
export type DeviceMode = (typeof DEVICE_MODES)[number];

/** A device of the property: registered by IT, enrolled once with a one-time token, revocable. */
export interface DeviceTable {
  id: string;
  outlet_code: string;
  name: string;
  status: 'pending' | 'active' | 'revoked';
  /** What the edge may do on its own: a self-service kiosk, or a staff terminal (overrides, open prices). */
  mode: DeviceMode;
  /** scrypt hash of the MQTT secret issued at enrollment (`scrypt$N$r$p$salt$hash`); never the secret. */
  secret_hash: string | null;
  /** The device's own public key (PEM), sent at enrollment. */
  public_key: string | null;
  created_at: string;
  created_by: string;
  enrolled_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface EnrollmentTokenTable {
  /** sha256 of the token: the token itself is shown once and never stored. */
  token_hash: string;
  device_id: string;
  expires_at: string;
  used_at: string | null;
  created_by: string;
}

/** The latest status each device published, and its history (append-only). */
export interface DeviceStatusTable {
  device_id: string;
  received_at: string;
  online: number;
  status_json: string;
}

export interface DeviceDatabase {
  devices: DeviceTable;
  enrollment_tokens: EnrollmentTokenTable;
  device_status: DeviceStatusTable;
}
