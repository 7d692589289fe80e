// How a guest's name is shown on a self-service screen and compared with what the guest typed
// (the edge's kiosk and central's answer to a self-service outlet's lookup use the same rules).
/**
 * The name a self-service screen may show: first initial and last initial, the rest hidden with a
 * fixed four stars so the length of the name gives nothing away ("James Wilson" → "J. W****").
 */
export function maskGuestName(firstName: string, lastName: string): string {
  const first = initial(firstName);
  const last = initial(lastName);
  if (!first && !last) return '****';
  if (!last) return `${first}. ****`;
  return first ? `${first}. ${last}****` : `${last}****`;
}

function initial(name: string): string {
  return [...name.trim()][0]?.toLocaleUpperCase() ?? '';
}

/** Compares last names the way a guest types them: case, accents and spacing do not matter. */
export function sameLastName(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .replace(/[\s'\u2019-]+/g, '')
      .toLocaleLowerCase();
  return norm(a) !== '' && norm(a) === norm(b);
}
