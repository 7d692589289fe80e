// Seed 000 "Room Charge Interface" for a guest: tap the key card on the reader (the edge reports the
// tap as a server-sent event), or choose to type the room number and last name.
import type { QuoteView } from '../api/edge-client.js';
import type { FlowAction } from '../flow/flow.js';
import type { Problem } from '../flow/problem.js';
import { useKiosk } from '../kiosk-context.js';
import { Notice } from './notice.js';
import { OrderTotal } from './order-total.js';

export interface IdentifyScreenProps {
  quote: QuoteView | null;
  notice: Problem | null;
  dispatch: (action: FlowAction) => void;
}

export function IdentifyScreen({ quote, notice, dispatch }: IdentifyScreenProps) {
  const { t } = useKiosk();
  return (
    <div class="identify" data-testid="identify-screen">
      <h1 class="screen-title">{t('ss.identifyTitle')}</h1>
      <OrderTotal quote={quote} />
      <div class="tap-prompt" data-testid="tap-prompt">
        <span class="tap-card" aria-hidden="true" />
        <span>
          <strong>{t('ss.tapKey')}</strong>
          {t('ss.onReader')}
        </span>
      </div>
      <Notice problem={notice} />
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="back"
          onClick={() => dispatch({ type: 'back-to-order' })}
        >
          {t('ss.back')}
        </button>
        <button
          type="button"
          class="button button--primary"
          data-testid="enter-room"
          onClick={() => dispatch({ type: 'enter-room' })}
        >
          {t('ss.enterRoom')}
        </button>
      </div>
    </div>
  );
}
