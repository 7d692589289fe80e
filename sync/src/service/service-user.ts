import { chownSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FileOwner {
  name: string;
  uid: number;
  gid: number;
}

/** The user named `name` in a passwd file (no libc lookup in Node), or null. */
export function lookupUser(name: string, passwdFile = '/etc/passwd'): FileOwner | null {
  let text: string;
  try {
    text = readFileSync(passwdFile, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name && uid !== undefined && gid !== undefined) {
      const u = Number(uid);
      const g = Number(gid);
      if (Number.isInteger(u) && Number.isInteger(g)) return { name, uid: u, gid: g };
    }
  }
  return null;
}

export class ServiceUserError extends Error {
  readonly code = 'SERVICE_USER_MISSING';
}

/**
 * Who the files enrollment (or `roompost-central init`) writes must belong to: run as root (the
 * usual `sudo roompost-edge enroll`), the service user (default `roompost`, which the units run as), so the service can read
 * them; run as anyone else, that user (null: leave ownership as it is).
 */
export function resolveOwner(
  requested: string | undefined,
  uid: number | undefined = process.getuid?.(),
  passwdFile?: string,
): FileOwner | null {
  if (uid !== 0 && requested === undefined) return null;
  const name = requested ?? 'roompost';
  const owner = lookupUser(name, passwdFile);
  if (!owner) {
    throw new ServiceUserError(
      `the service user "${name}" does not exist: create it (provisioning/install-pi.sh does) or name another with --owner`,
    );
  }
  return owner;
}

/** Gives `path` and, for a folder, everything below it to `owner` (symbolic links are left alone). */
export function chownTree(path: string, owner: FileOwner): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  chownSync(path, owner.uid, owner.gid);
  if (st.isDirectory()) for (const name of readdirSync(path)) chownTree(join(path, name), owner);
}
