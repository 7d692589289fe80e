// Seed 000 "Room Found" / GUEST INFORMATION: room and type, the (masked) guest name, stay dates and
// whether room charges are allowed.
import type { KioskLookup } from '@roompost/sync/contract';
import { formatStayDate } from '../../shared/stay-date.js';
import { displayGuestName } from '../guest/masked-name.js';
import { useKiosk } from '../kiosk-context.js';
import { Icon } from '../shell/icon.js';

export interface GuestCardProps {
  lookup: KioskLookup;
  /** Set when this charge cannot go ahead even if the lookup allowed room charges (e.g. credit). */
  blockedReason?: string;
}

export function GuestCard({ lookup, blockedReason }: GuestCardProps) {
  const { outlet, t, locale } = useKiosk();
  const allowed = lookup.chargesAllowed && blockedReason === undefined;
  const reason = lookup.chargesAllowed ? blockedReason : (lookup.restriction?.reason ?? blockedReason);
  return (
    <section class="card guest-card" aria-label="Guest information" data-testid="guest-card">
      <dl class="facts">
        <dt>{t('ss.room')}</dt>
        <dd>
          <span data-testid="guest-room">{lookup.roomNumber}</span>
          {lookup.roomType && <span class="muted"> – {lookup.roomType}</span>}
        </dd>
        <dt>{t('ss.guest')}</dt>
        <dd data-testid="guest-name">{displayGuestName(lookup.guestName, outlet.mode)}</dd>
        <dt>{t('ss.stay')}</dt>
        <dd data-testid="guest-stay">
          {formatStayDate(lookup.checkIn, locale)} – {formatStayDate(lookup.checkOut, locale)}
        </dd>
        <dt>{t('ss.status')}</dt>
        <dd
          class={allowed ? 'status-ok' : 'status-blocked'}
          data-testid="guest-status"
          data-allowed={String(allowed)}
        >
          <Icon name={allowed ? 'check' : 'cross'} />
          {allowed ? t('ss.allowed') : (reason ?? t('ss.notAllowed'))}
        </dd>
      </dl>
    </section>
  );
}
