export interface PostgresTestServer {
  /** The superuser's URL to the `postgres` database (trust auth, loopback). */
  url: string;
  port: number;
  /** Fast shutdown, then the data dir is removed. */
  stop(): Promise<void>;
  kill(): void;
}
export function findPostgresBin(): { bin?: string; reason?: string };
export function startPostgresServer(options?: {
  /** PostgreSQL's durable defaults (fsync, synchronous_commit, full_page_writes) instead of a test server's off. */
  durable?: boolean;
  /** More server settings, each passed as `-c name=value`. */
  settings?: Record<string, string | number>;
}): Promise<PostgresTestServer>;
