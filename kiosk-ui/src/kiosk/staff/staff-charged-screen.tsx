// After Post to Room: the charge and its live status. When the PMS has not taken it (queued,
// failed, rejected, or the hotel is unreachable) this is seed 000's "POSTING FAILED" with its
// options; Retry Now and Manual Override only for the roles that may.
import type { ChargeView } from '@roompost/sync/contract';
import { useEffect, useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context.js';
import { ReceiptChoice } from '../receipt-choice/receipt-choice.js';
import { Icon } from '../shell/icon.js';
import { asEdgeError } from './room-screen.js';
import { useStaff } from './staff-context.js';
import { staffError } from './staff-error.js';
import { outcomeUnknown, postingTrouble, type StaffFlowAction, statusKey } from './staff-flow.js';

type Withdrawal = 'card' | 'manual';
/** The withdrawal reason of a Manual override (the charge is then posted by hand in the PMS). */
const MANUAL_REASON = 'posted by hand in the PMS';

export interface StaffChargedProps {
  charge: ChargeView;
  central: 'online' | 'offline' | 'unknown';
  dispatch: (action: StaffFlowAction) => void;
}

export function StaffChargedScreen({ charge, central, dispatch }: StaffChargedProps) {
  const { client } = useKiosk();
  const { t, money, may } = useStaff();
  const [note, setNote] = useState<string | null>(null);
  // Pay with card, or Manual override (a manager posts it by hand in the PMS): the room charge is
  // withdrawn first, so it can never post as well; the card is taken, or the hand posting made,
  // only once central confirmed.
  const [paying, setPaying] = useState<Withdrawal | null>(null);
  const kind: Withdrawal = paying ?? (charge.withdrawal?.reason === MANUAL_REASON ? 'manual' : 'card');
  const withdrawing = paying !== null || (charge.withdrawal != null && charge.status !== 'withdrawn');
  const withdrawn = charge.status === 'withdrawn';
  const trouble = !withdrawn && postingTrouble(charge, central);
  // Sent, and the PMS never answered: "checking with the PMS", never "failed" nor "posted".
  const checking = !withdrawn && outcomeUnknown(charge);

  useEffect(() => {
    if (paying && withdrawn) {
      dispatch({
        type: 'instruction',
        message: paying === 'manual' ? 'instruction.manualWithdrawn' : 'instruction.cardWithdrawn',
      });
    }
  }, [paying, withdrawn, dispatch]);

  const withdrawFor = (why: Withdrawal) => {
    setNote(null);
    setPaying(why);
    client.withdraw(charge.id, why === 'manual' ? MANUAL_REASON : 'paid by card').then(
      // Unconfirmed (central out of reach): the screen keeps waiting for the charge's next update.
      (latest) => dispatch({ type: 'charge-updated', charge: latest }),
      (error: unknown) => {
        setPaying(null);
        const body = asEdgeError(error);
        // POSTING_UNKNOWN: sent without an answer, the PMS may hold it; the seed's words, translated.
        setNote(
          body.code === 'ALREADY_POSTED'
            ? t('failed.alreadyPosted')
            : t(why === 'manual' ? 'failed.withdrawFailedManual' : 'failed.withdrawFailed', {
                reason: body.code === 'POSTING_UNKNOWN' ? t('act.POSTING_UNKNOWN') : body.action,
              }),
        );
      },
    );
  };

  const retry = () => {
    setNote(null);
    client.retry(charge.id).then(
      (latest) => dispatch({ type: 'charge-updated', charge: latest }),
      (error: unknown) => {
        const body = asEdgeError(error);
        setNote(body.code === 'INVALID_STATE' ? t('failed.retryRefused') : `${body.message}. ${body.action}`);
      },
    );
  };

  return (
    <div class="charged staff-charged" data-testid="charged-screen" data-charge-id={charge.id}>
      <div class="charged-main">
        <h1 class={`screen-title${trouble ? ' screen-title--warning' : ''}`}>
          {withdrawn
            ? t('withdrawn.title')
            : checking
              ? t('unknown.title')
              : trouble
                ? [<Icon key="icon" name="warning" />, t('failed.title')]
                : t('posted.title', { room: charge.roomNumber })}
        </h1>
        <dl class="facts card">
          <dt>{t('found.room')}</dt>
          <dd>
            <span data-testid="charged-room">{charge.roomNumber}</span> – {charge.guestName}
          </dd>
          <dt>{t('found.check')}</dt>
          <dd data-testid="charged-check">{charge.checkNumber}</dd>
          <dt>{t('found.total')}</dt>
          <dd data-testid="charged-total">{money(charge.totalMinor)}</dd>
          <dt>{t('found.status')}</dt>
          <dd
            data-testid="charge-status"
            data-status={charge.status}
            data-unknown={checking ? 'true' : undefined}
          >
            {t(statusKey(charge))}
          </dd>
          {charge.error && (
            <>
              <dt>{t('failed.error')}</dt>
              <dd data-testid="charge-error" data-code={charge.error.code}>
                {staffError(t, charge.error.code).message}
                <small class="button-note">{staffError(t, charge.error.code).action}</small>
              </dd>
            </>
          )}
          {charge.signed && (
            <>
              <dt>{t('posted.signature')}</dt>
              <dd>
                <img
                  class="signature-thumb"
                  data-testid="charged-signature"
                  src={client.signatureUrl(charge.id)}
                  alt={t('posted.signature')}
                />
              </dd>
            </>
          )}
        </dl>
        {checking && (
          <p class="notice notice--warn" role="status" aria-live="polite" data-testid="unknown-outcome">
            {t('unknown.note')}
          </p>
        )}
        {withdrawing && (
          <p class="notice notice--warn" role="status" aria-live="polite" data-testid="withdraw-waiting">
            {paying && charge.withdrawal == null
              ? t(kind === 'manual' ? 'failed.withdrawingManual' : 'failed.withdrawing')
              : t(kind === 'manual' ? 'failed.withdrawWaitingManual' : 'failed.withdrawWaiting')}
          </p>
        )}
        {note && (
          <p class="notice notice--warn" role="alert" data-testid="retry-note">
            {note}
          </p>
        )}
      </div>
      <div class="charged-side">
        {trouble && !withdrawing && (
          <div class="option-grid" data-testid="posting-failed">
            {may('retryFailedPostings') && (
              <button type="button" class="button" data-testid="retry-now" onClick={retry}>
                {t('failed.retryNow')}
              </button>
            )}
            <button
              type="button"
              class="button"
              data-testid="add-to-queue"
              onClick={() => dispatch({ type: 'show-pending' })}
            >
              {t('failed.queue')}
              <small class="button-note">{t('failed.queueNote')}</small>
            </button>
            <button
              type="button"
              class="button"
              data-testid="pay-by-card"
              onClick={() => withdrawFor('card')}
            >
              {t('failed.payByCard')}
            </button>
            {may('retryFailedPostings') && (
              <button
                type="button"
                class="button"
                data-testid="manual-override"
                onClick={() => withdrawFor('manual')}
              >
                {t('failed.manual')}
              </button>
            )}
          </div>
        )}
        <ReceiptChoice charge={charge} />
        <button
          type="button"
          class="button button--primary button--wide"
          data-testid="new-check"
          onClick={() => dispatch({ type: 'start-over' })}
        >
          {t('posted.newCheck')}
        </button>
      </div>
    </div>
  );
}
