// Seed 000 "Charge Restrictions" / ROOM CHARGE NOT AVAILABLE: the room (when it was found), the
// reason and the action from the edge, and the guest's options. Self-service shows no credit
// figures (docs/edge-api.md), so the seed's balance lines are left out, as is "Split Payment",
// which needs staff.
import type { KioskLookup } from '@roompost/sync/contract';
import { GuestCard } from '../confirm/guest-card.js';
import type { FlowAction } from '../flow/flow.js';
import { guestWords } from '../flow/guest-words.js';
import type { Problem } from '../flow/problem.js';
import { useKiosk } from '../kiosk-context.js';
import { Icon } from '../shell/icon.js';

export interface UnavailableScreenProps {
  problem: Problem;
  lookup: KioskLookup | null;
  dispatch: (action: FlowAction) => void;
  onCancel: () => void;
}

export function UnavailableScreen({ problem, lookup, dispatch, onCancel }: UnavailableScreenProps) {
  const { t } = useKiosk();
  // Guest words only: the seed's staff wording and any technical detail stay off a guest's screen.
  const words = guestWords(t, problem.code);
  return (
    <div class="unavailable" data-testid="unavailable-screen" data-code={problem.code}>
      <div class="unavailable-main">
        <h1 class="screen-title screen-title--warning">
          <Icon name="warning" />
          {problem.nothingCharged ? t('ss.naTitle') : t('ss.notConfirmed')}
        </h1>
        <p class="reason">
          <span class="muted">{t('ss.reason')}</span>
          <strong data-testid="unavailable-message">{words.message}</strong>
        </p>
        <p class="reason-action" data-testid="unavailable-action">
          {words.action}
        </p>
        {problem.nothingCharged && (
          <p class="nothing-charged" data-testid="nothing-charged">
            {t('ss.nothingCharged')}
          </p>
        )}
        {lookup && (
          <GuestCard lookup={lookup} {...(isKioskSide(problem) ? {} : { blockedReason: words.message })} />
        )}
      </div>
      <div class="unavailable-side">
        <p class="options-title">{t('ss.options')}</p>
        {/* Only when nothing was charged: otherwise a card payment could be a second one. */}
        {problem.nothingCharged && (
          <button
            type="button"
            class="button button--primary button--wide"
            data-testid="option-pay-by-card"
            onClick={() => dispatch({ type: 'chose', choice: 'pay-by-card' })}
          >
            {t('ss.payByCard')}
          </button>
        )}
        <button
          type="button"
          class="button button--wide"
          data-testid="option-call-front-desk"
          onClick={() => dispatch({ type: 'chose', choice: 'call-front-desk' })}
        >
          {t('ss.callFrontDesk')}
        </button>
        <button
          type="button"
          class="button button--quiet button--wide"
          data-testid="start-over"
          onClick={onCancel}
        >
          {t('ss.startOver')}
        </button>
      </div>
    </div>
  );
}

/** Problems the kiosk raised itself say nothing about the room, so the guest card keeps its status. */
function isKioskSide(problem: Problem): boolean {
  return problem.code === 'EDGE_UNREACHABLE' || problem.code === 'NOT_CONFIRMED';
}
