import { createHash } from 'node:crypto';

/** A last name as a guest types it: case, accents, spaces, hyphens and apostrophes do not matter. */
export function normalizeLastName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[\s'\u2019-]+/g, '')
    .toLocaleLowerCase();
}

/**
 * The roster's `lastNameKey`: a hash of the stay and the normalized last name, salted by the stay
 * so one table of common names does not open every room. It checks what a guest typed; it is not
 * a secret (a short last name is guessable), which is why the roster carries no full name.
 */
export function rosterLastNameKey(stayRef: string, lastName: string): string | null {
  const norm = normalizeLastName(lastName);
  if (norm === '') return null;
  return createHash('sha256').update(`${stayRef}\u0000${norm}`).digest('hex');
}

/**
 * The name a self-service screen may show: first initial and last initial, the rest hidden with a
 * fixed four stars so the length of the name gives nothing away ("James Wilson" → "J. W****").
 */
export function rosterMaskedName(firstName: string, lastName: string): string {
  const initial = (name: string) => [...name.trim()][0]?.toLocaleUpperCase() ?? '';
  const first = initial(firstName);
  const last = initial(lastName);
  if (!first && !last) return '****';
  if (!last) return `${first}. ****`;
  return first ? `${first}. ${last}****` : `${last}****`;
}
