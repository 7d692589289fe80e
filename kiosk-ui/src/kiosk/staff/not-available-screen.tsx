// Seed 000 "ROOM CHARGE NOT AVAILABLE": the reason and the credit figures, the seed's options, and
// for front desk and up a credit-limit override with a reason (touch presets, no keyboard). The
// edge checks the role again; this screen only hides what the role cannot do.
import type { KioskLookup } from '@roompost/sync/contract';
import { useState } from 'preact/hooks';
import type { QuoteView } from '../api/edge-client.js';
import type { EdgeError } from '../api/edge-error.js';
import type { MessageKey } from '../i18n/i18n.js';
import { Icon } from '../shell/icon.js';
import { GuestFacts } from './room-found-screen.js';
import { useStaff } from './staff-context.js';
import { staffError } from './staff-error.js';
import type { StaffFlowAction } from './staff-flow.js';

const REASONS: MessageKey[] = ['reason.deposit', 'reason.approved', 'reason.vip', 'reason.group'];

export interface NotAvailableProps {
  lookup: KioskLookup | null;
  error: EdgeError;
  quote: QuoteView | null;
  posting: boolean;
  onOverride: (reason: string) => void;
  dispatch: (action: StaffFlowAction) => void;
}

export function NotAvailableScreen({
  lookup,
  error,
  quote,
  posting,
  onOverride,
  dispatch,
}: NotAvailableProps) {
  const { t, money, may, session } = useStaff();
  // Nothing is stored when the hotel cannot be reached here, so there is no queue to add it to.
  const words = staffError(t, error.code);
  const action = error.code === 'CONNECTION_FAILED' ? t('act.lookupOffline') : words.action;
  const available = lookup?.availableCreditMinor ?? null;
  const [reason, setReason] = useState<MessageKey | null>(null);
  const context = (error as { context?: Record<string, unknown> }).context ?? {};
  const figure = (key: string) => (typeof context[key] === 'number' ? (context[key] as number) : null);
  const limit = figure('creditLimitMinor');
  const balance = figure('currentBalanceMinor');
  const overridable = error.code === 'CREDIT_EXCEEDED' && lookup !== null && may('overrideCreditLimit');

  return (
    <div class="unavailable staff-unavailable" data-testid="unavailable-screen" data-code={error.code}>
      <div class="unavailable-main">
        <h1 class="screen-title screen-title--warning">
          <Icon name="warning" />
          {t('na.title')}
        </h1>
        {lookup && <GuestFacts lookup={lookup} compact={true} blockedReason={words.message} />}
        <dl class="facts card">
          <dt>{t('na.reason')}</dt>
          <dd data-testid="unavailable-message">{words.message}</dd>
          {error.code === 'CREDIT_EXCEEDED' && available !== null && limit === null && (
            <>
              <dt>{t('na.available')}</dt>
              <dd data-testid="credit-left">{money(available)}</dd>
            </>
          )}
          {balance !== null && (
            <>
              <dt>{t('na.balance')}</dt>
              <dd data-testid="current-balance">{money(balance)}</dd>
            </>
          )}
          {limit !== null && (
            <>
              <dt>{t('na.limit')}</dt>
              <dd data-testid="credit-limit">{money(limit)}</dd>
            </>
          )}
          {quote && (
            <>
              <dt>{t('na.thisCharge')}</dt>
              <dd data-testid="this-charge">{money(quote.totalMinor)}</dd>
            </>
          )}
        </dl>
        <p class="muted" data-testid="nothing-charged">
          {t('na.nothingCharged')} {action}
        </p>
      </div>
      <div class="unavailable-side">
        <h2 class="card-title">{t('na.options')}</h2>
        <div class="option-grid">
          <button
            type="button"
            class="button"
            data-testid="option-pay-by-card"
            onClick={() => dispatch({ type: 'instruction', message: 'instruction.card' })}
          >
            {t('na.payByCard')}
          </button>
          <button
            type="button"
            class="button"
            data-testid="option-split"
            onClick={() => dispatch({ type: 'instruction', message: 'instruction.split' })}
          >
            {t('na.split')}
          </button>
          {error.code === 'CONNECTION_FAILED' && (
            <button
              type="button"
              class="button"
              data-testid="option-try-again"
              onClick={() => dispatch({ type: 'charge-to-room' })}
            >
              {t('na.tryAgain')}
            </button>
          )}
          {session.staff.role !== 'front_desk' && (
            <button
              type="button"
              class="button"
              data-testid="option-call-front-desk"
              onClick={() => dispatch({ type: 'instruction', message: 'instruction.frontDesk' })}
            >
              {t('na.callFrontDesk')}
            </button>
          )}
          <button
            type="button"
            class="button"
            data-testid="back-to-check"
            onClick={() => dispatch({ type: 'start-over' })}
          >
            {t('na.back')}
          </button>
        </div>
        {overridable && (
          <fieldset class="override" data-testid="override">
            <legend>{t('na.overrideReason')}</legend>
            <div class="override-reasons">
              {REASONS.map((key) => (
                <button
                  key={key}
                  type="button"
                  class="tip"
                  aria-pressed={reason === key}
                  data-testid={`override-${key.slice(7)}`}
                  onClick={() => setReason(key)}
                >
                  {t(key)}
                </button>
              ))}
            </div>
            <button
              type="button"
              class="button button--primary button--wide"
              data-testid="override-post"
              disabled={reason === null || posting}
              onClick={() => reason && onOverride(t(reason))}
            >
              {t('na.overridePost')}
            </button>
          </fieldset>
        )}
      </div>
    </div>
  );
}
