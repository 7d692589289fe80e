/**
 * Decides whether a card arrival is a new tap. A card held at the edge of the field flickers in and
 * out; each flicker is a sighting, and the same UID sighted again within `windowMs` of its last
 * sighting is the same tap. The window slides, so a card left flickering on the reader stays one tap.
 */
export class TapDebouncer {
  readonly #windowMs: number;
  readonly #lastSeen = new Map<string, number>();

  constructor(windowMs: number) {
    if (!Number.isFinite(windowMs) || windowMs < 0) throw new RangeError(`debounce window ${windowMs} ms`);
    this.#windowMs = windowMs;
  }

  /** Records an arrival at `nowMs`; true when it is a new tap. */
  arrival(uid: string, nowMs: number): boolean {
    this.#forgetOlderThan(nowMs);
    const last = this.#lastSeen.get(uid);
    this.#lastSeen.set(uid, nowMs);
    return last === undefined || !this.#within(last, nowMs);
  }

  /** Records that the card was still there (e.g. it just left), extending its window. */
  sighting(uid: string, nowMs: number): void {
    this.#lastSeen.set(uid, nowMs);
  }

  // abs(): a wall clock stepped backwards (NTP) must not hold a card back for the size of the step.
  #within(at: number, nowMs: number): boolean {
    return Math.abs(nowMs - at) < this.#windowMs;
  }

  // Keeps the map as small as the number of cards seen in the last window.
  #forgetOlderThan(nowMs: number): void {
    for (const [uid, at] of this.#lastSeen) {
      if (!this.#within(at, nowMs)) this.#lastSeen.delete(uid);
    }
  }
}
