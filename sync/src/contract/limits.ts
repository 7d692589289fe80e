// Limits the kiosk checks before it asks, kept apart from the zod schemas that enforce them so the
// kiosk's bundle takes the numbers without zod (its 60 KB budget on the Pi).

/** A void's reason (`POST /api/charges/{id}/void`, the `voidCharge` RPC): at least this many characters. */
export const VOID_REASON_MIN = 3;
/** ... and at most this many, the same at the kiosk, the edge and central. */
export const VOID_REASON_MAX = 500;
