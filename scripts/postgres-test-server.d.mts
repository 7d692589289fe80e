export interface PostgresTestServer {
  /** The superuser's URL to the `postgres` database (trust auth, loopback). */
  url: string;
  port: number;
  /** Fast shutdown, then the data dir is removed. */
  stop(): Promise<void>;
  kill(): void;
}
export function findPostgresBin(): { bin?: string; reason?: string };
export function startPostgresServer(): Promise<PostgresTestServer>;
