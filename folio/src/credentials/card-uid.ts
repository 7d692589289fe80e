// Key card UIDs as the readers report them: 4, 7 or 10 byte chip ids in hex (ISO 14443-3).
const CARD_UID = /^[0-9A-F]{8,20}$/;

/** Upper-cases and strips separators ("04:a1:b2:c3" → "04A1B2C3"); null if it is not a card UID. */
export function normalizeCardUid(uid: string): string | null {
  if (typeof uid !== 'string') return null;
  const normalized = uid.replace(/[\s:-]/g, '').toUpperCase();
  return CARD_UID.test(normalized) ? normalized : null;
}
