import type { UserRole } from './permissions.js';

/** A person who signs in to central's HTTP API (back office, IT tools). */
export interface UserTable {
  username: string;
  role: UserRole;
  /** `scrypt$N$r$p$salt$hash` (password-hash.ts); never the password. */
  password_hash: string;
  created_at: string;
  created_by: string;
}

/** A signed-in session: the bearer token is shown once and stored only as its SHA-256. */
export interface UserSessionTable {
  token_hash: string;
  username: string;
  created_at: string;
  expires_at: string;
}

export interface AuthDatabase {
  users: UserTable;
  user_sessions: UserSessionTable;
}
