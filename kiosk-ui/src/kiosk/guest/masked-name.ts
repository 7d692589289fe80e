// How a guest's name appears on screen. Self-service outlets must never show a full name (DESIGN.md
// "Security"): the edge already masks it (`J. W****`); this is the kiosk's second line of defence
// in case a full name ever reaches a self-service screen.

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'herr',
  'frau',
  'mme',
  'mlle',
]);

/** A fixed-length tail, so the mask does not leak the length of the last name. */
const MASK = '****';

export function displayGuestName(name: string, mode: 'self-service' | 'staff'): string {
  const trimmed = name.trim();
  if (mode === 'staff') return trimmed || 'Guest';
  if (trimmed.includes('*')) return trimmed; // masked by the edge
  return maskGuestName(trimmed);
}

/** `Mr. James Wilson` → `J. W****`; `Cher` → `C****`; empty → `Guest`. */
export function maskGuestName(name: string): string {
  const words = name
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .filter(
      (word, index, all) =>
        !(index < all.length - 1 && HONORIFICS.has(word.replace(/\.$/, '').toLowerCase())),
    );
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined) return 'Guest';
  const lastInitial = initial(last);
  if (words.length === 1) return `${lastInitial}${MASK}`;
  return `${initial(first)}. ${lastInitial}${MASK}`;
}

function initial(word: string): string {
  // Array.from keeps a surrogate pair (or other astral letter) whole.
  return (Array.from(word)[0] ?? '').toLocaleUpperCase();
}
