import type { StaffSignIn } from '@roompost/sync';

/**
 * The staff badge for a PIN-and-badge sign-in: the card last tapped on this outlet's own reader,
 * taken at most once and only within `windowMs` of the tap (default a minute). A badge UID typed
 * into a request from elsewhere is accepted too, but only a tap proves the badge is at the outlet.
 */
export class BadgeTaps {
  #last: { uid: string; at: number } | undefined;

  constructor(
    private readonly now: () => Date,
    private readonly windowMs = 60_000,
  ) {}

  tapped(uid: string): void {
    this.#last = { uid: uid.toUpperCase(), at: this.now().getTime() };
  }

  take(): string | undefined {
    const last = this.#last;
    this.#last = undefined;
    return last && this.now().getTime() - last.at <= this.windowMs ? last.uid : undefined;
  }
}

/** The stricter of the outlet's own setting and central's: either asking for the badge asks for it. */
export function stricterSignIn(...settings: Array<StaffSignIn | null | undefined>): StaffSignIn {
  return settings.includes('pin+badge') ? 'pin+badge' : 'pin';
}
