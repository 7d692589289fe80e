// After the edge has stored the charge (201): "Charged", the receipt and the live posting status,
// then back to the start on its own.
import type { ChargeView } from '@roompost/sync/contract';
import { useState } from 'preact/hooks';
import type { FlowAction } from '../flow/flow.js';
import { useKiosk } from '../kiosk-context.js';
import { ReceiptChoice } from '../receipt-choice/receipt-choice.js';
import { Icon } from '../shell/icon.js';
import { useCountdown } from '../shell/use-countdown.js';
import { ChargeStatus } from './charge-status.js';
import { useChargePoll } from './use-charge-poll.js';

const RETURN_AFTER_S = 30;

export interface ChargedScreenProps {
  charge: ChargeView;
  dispatch: (action: FlowAction) => void;
  onDone: () => void;
}

export function ChargedScreen({ charge, dispatch, onDone }: ChargedScreenProps) {
  const { money, t } = useKiosk();
  // Choosing a receipt (QR on screen, typing an address) keeps the screen up a while longer.
  const [activity, setActivity] = useState(0);
  const left = useCountdown(RETURN_AFTER_S, onDone, activity);
  useChargePoll(charge, dispatch);

  return (
    <div class="charged" data-testid="charged-screen" data-charge-id={charge.id}>
      <div class="charged-main">
        <h1 class="charged-title">
          <span class="charged-check" aria-hidden="true">
            <Icon name="check" />
          </span>
          {t('ss.charged')}
        </h1>
        <p class="charged-amount">
          <strong data-testid="charged-total">{money(charge.totalMinor)}</strong>
          {t('ss.toRoom')}
          <strong data-testid="charged-room">{charge.roomNumber}</strong>
          {t('ss.toRoomEnd')}
        </p>
        <p class="muted">{t('ss.check', { number: charge.checkNumber })}</p>
        <ChargeStatus charge={charge} />
        <ReceiptChoice charge={charge} onActivity={() => setActivity((n) => n + 1)} />
        <div class="actions">
          <button type="button" class="button button--primary" data-testid="done" onClick={onDone}>
            {t('ss.done')}
          </button>
        </div>
        <p class="countdown" data-testid="countdown">
          {t('ss.backToStart', { seconds: left })}
        </p>
      </div>
      <pre class="receipt" data-testid="receipt">
        {charge.receiptText}
      </pre>
    </div>
  );
}
