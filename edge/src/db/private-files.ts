// The edge database holds guests' names and signatures: its folder is the service user's alone
// (0700) and the database and its WAL/SHM files are 0600. SQLite creates the WAL and SHM files with
// the database file's permissions, so the file is made 0600 before SQLite first opens it.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import type { Logger } from '@roompost/sync';

export function keepDataPrivate(dataDir: string, databaseFile: string, logger: Logger): void {
  try {
    chmodSync(dataDir, 0o700);
    if (!existsSync(databaseFile)) closeSync(openSync(databaseFile, 'a', 0o600));
    for (const file of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) {
      if (existsSync(file)) chmodSync(file, 0o600);
    }
  } catch (err) {
    // A folder owned by someone else (a read-only mount, a container volume): say so, still start.
    logger.warn({ err, dataDir }, 'could not make the data folder private (0700/0600)');
  }
}
