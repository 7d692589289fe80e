// Recognises a unique-key violation from the drivers we run on, so a retried write can become a no-op.

/** better-sqlite3: SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY; node-postgres: SQLSTATE 23505. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
