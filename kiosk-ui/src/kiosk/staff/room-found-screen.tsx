// Seed 000 "Room Found": guest information (full name to staff), the charge details, the tip, and
// the verbal check "Is this Mr. James Wilson?" before Post to Room.
import type { KioskLookup } from '@roompost/sync/contract';
import type { QuoteView } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';
import { goodsSubtotal } from '../order/delivery-line.js';
import { Icon } from '../shell/icon.js';
import { useStaff } from './staff-context.js';
import { StaffTotals } from './staff-totals.js';
import { type TipChoice, TipEntry } from './tip-entry.js';

export interface RoomFoundScreenProps {
  lookup: KioskLookup;
  /** The number held for this check at the edge; null until the edge answered (shows "next"). */
  checkNumber: string | null;
  baseQuote: QuoteView | null;
  quote: QuoteView | null;
  tip: TipChoice;
  onTip: (tip: TipChoice) => void;
  posting: boolean;
  onPost: () => void;
  onCancel: () => void;
}

export function RoomFoundScreen(p: RoomFoundScreenProps) {
  const { outlet } = useKiosk();
  const { t } = useStaff();
  const { lookup } = p;
  return (
    <div class="found" data-testid="found-screen">
      <div class="found-main">
        <h1 class="screen-title found-title">{t('found.title', { room: lookup.roomNumber })}</h1>
        <GuestFacts lookup={lookup} />
        <section class="card" aria-label={t('found.details')}>
          <dl class="facts">
            <dt>{t('found.outlet')}</dt>
            <dd>{outlet.name}</dd>
            <dt>{t('found.check')}</dt>
            {p.checkNumber ? (
              <dd data-testid="found-check-number">{p.checkNumber}</dd>
            ) : (
              <dd class="muted">{t('found.checkNext')}</dd>
            )}
          </dl>
          <StaffTotals quote={p.quote} showTip={true} />
        </section>
      </div>
      <div class="found-side">
        {p.baseQuote && (
          <TipEntry
            subtotalMinor={goodsSubtotal(p.baseQuote)}
            presets={outlet.tipPercentPresets}
            choice={p.tip}
            onChoice={p.onTip}
          />
        )}
        <p class="confirm-question" data-testid="confirm-question">
          {t('found.confirm', { name: lookup.guestName })}
        </p>
        <div class="actions">
          <button type="button" class="button" data-testid="cancel" disabled={p.posting} onClick={p.onCancel}>
            {t('found.cancel')}
          </button>
          <button
            type="button"
            class="button button--primary"
            data-testid="post"
            disabled={!p.quote || p.posting}
            onClick={p.onPost}
          >
            {p.posting ? t('found.posting') : t('found.post')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function GuestFacts({
  lookup,
  compact = false,
  blockedReason,
}: {
  lookup: KioskLookup;
  compact?: boolean;
  /** This charge cannot go ahead although the stay takes charges (e.g. it passes the credit). */
  blockedReason?: string;
}) {
  const { t, date } = useStaff();
  const allowed = lookup.chargesAllowed && blockedReason === undefined;
  const reason = lookup.restriction?.reason ?? blockedReason ?? '';
  return (
    <section class="card guest-card" aria-label={t('found.guestInfo')} data-testid="guest-card">
      <dl class="facts">
        <dt>{t('found.room')}</dt>
        <dd>
          <span data-testid="guest-room">{lookup.roomNumber}</span>
          {lookup.roomType && <span class="muted"> – {lookup.roomType}</span>}
        </dd>
        <dt>{t('found.guest')}</dt>
        <dd>
          <span data-testid="guest-name">{lookup.guestName}</span>
          {lookup.vipLevel && (
            <span class="vip" data-testid="guest-vip">
              {t('found.vip')} {lookup.vipLevel}
            </span>
          )}
        </dd>
        {!compact && (
          <>
            <dt>{t('found.checkIn')}</dt>
            <dd data-testid="guest-check-in">{date(lookup.checkIn)}</dd>
            <dt>{t('found.checkOut')}</dt>
            <dd data-testid="guest-check-out">{date(lookup.checkOut)}</dd>
          </>
        )}
        <dt>{t('found.status')}</dt>
        <dd
          class={allowed ? 'status-ok' : 'status-blocked'}
          data-testid="guest-status"
          data-allowed={String(allowed)}
        >
          <Icon name={allowed ? 'check' : 'cross'} />
          {allowed ? t('found.allowed') : t('found.blocked', { reason })}
        </dd>
      </dl>
    </section>
  );
}
