// Seed 000 "Room Found": the guest to confirm, the charge (amount, tax, tip, total from the edge's
// quote), a tip choice, then Confirm. Confirm is only possible once the shown total is the quote
// for exactly this cart and tip, and only once (the button locks while the check is created).
import type { KioskLookup } from '@roompost/sync/contract';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { QuoteView } from '../api/edge-client.js';
import { EdgeRequestError } from '../api/edge-client.js';
import type { FlowAction } from '../flow/flow.js';
import { chargeNotConfirmed, problemFromApiError, problemFromRestriction } from '../flow/problem.js';
import { useKiosk } from '../kiosk-context.js';
import { Totals } from '../order/totals.js';
import { useQuote } from '../order/use-quote.js';
import { SignaturePad } from '../signature/signature-pad.js';
import { signatureNeed } from '../signature/signature-rule.js';
import { tipOptions } from '../tip/tip-amount.js';
import { createCheckOnce } from './create-check.js';
import { GuestCard } from './guest-card.js';
import { TipPicker } from './tip-picker.js';

export interface GuestScreenProps {
  lookup: KioskLookup;
  items: Array<{ sku: string; quantity: number }>;
  /** The cart's quote without a tip: its subtotal is what tip percentages apply to. */
  baseQuote: QuoteView | null;
  dispatch: (action: FlowAction) => void;
}

export function GuestScreen({ lookup, items, baseQuote, dispatch }: GuestScreenProps) {
  const { client, outlet, t, money } = useKiosk();
  const [percent, setPercent] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const options = baseQuote ? tipOptions(baseQuote.subtotalMinor, outlet.tipPercentPresets) : [];
  const tipMinor = options.find((option) => option.percent === percent)?.tipMinor ?? 0;
  const { quote, failed } = useQuote(items, tipMinor);

  // The total changed (a tip): the room's credit is checked again before Confirm or a signature.
  const total = quote?.totalMinor ?? null;
  useEffect(() => {
    if (total === null || tipMinor === 0) return;
    let live = true;
    client.creditCheck(lookup.verificationId, total).then(
      (checked) => {
        if (live && !checked.chargesAllowed)
          dispatch({ type: 'charge-failed', problem: problemFromRestriction(checked) });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, lookup.verificationId, total, tipMinor, dispatch]);

  // A ref, not only state: two taps inside one frame must not send two requests. A lost answer is
  // retried with the same request id, so the edge never makes the charge twice.
  const sent = useRef(false);

  // At or above the outlet's signature threshold the guest signs (or, when optional, may skip).
  const [signing, setSigning] = useState(false);
  const need = quote ? signatureNeed(outlet, quote.totalMinor) : null;

  const confirm = (signaturePng: string | null = null) => {
    if (!quote || sent.current) return;
    sent.current = true;
    setSubmitting(true);
    createCheckOnce(client.createCheck, {
      verificationId: lookup.verificationId,
      items,
      tipMinor,
      employeeId: null,
      signaturePng,
    })
      .then((charge) => dispatch({ type: 'charged', charge }))
      .catch((error: unknown) => {
        // An error body means the edge refused and stored nothing; no answer means we cannot know.
        const problem =
          error instanceof EdgeRequestError && error.kind === 'api' && error.body
            ? problemFromApiError(error.body)
            : chargeNotConfirmed;
        dispatch({ type: 'charge-failed', problem });
      });
  };

  if (signing && quote) {
    return (
      <div class="signature-screen" data-testid="signature-screen">
        <div class="signature-head">
          <h1 class="screen-title">{t('sign.title')}</h1>
          <strong data-testid="signature-total">
            {t('sign.total', { total: money(quote.totalMinor), tip: money(quote.tipMinor) })}
          </strong>
          <span class="muted">{t('sign.prompt')}</span>
        </div>
        <SignaturePad
          t={t}
          required={need === 'required'}
          busy={submitting}
          box={outlet.signature ?? undefined}
          onDone={(png) => confirm(png)}
          onBack={() => setSigning(false)}
        />
      </div>
    );
  }

  return (
    <div class="guest" data-testid="guest-screen">
      <div class="guest-main">
        <h1 class="screen-title guest-title">{t('ss.guestTitle', { room: lookup.roomNumber })}</h1>
        <GuestCard lookup={lookup} />
        <section class="card" aria-label="Charge details">
          <h2 class="card-title">{outlet.name}</h2>
          <Totals quote={quote} failed={failed} showTip={true} />
        </section>
      </div>
      <div class="guest-side">
        {options.length > 1 && <TipPicker options={options} selected={percent} onSelect={setPercent} />}
        <p class="confirm-question">{t('ss.isYourRoom')}</p>
        <div class="actions">
          <button
            type="button"
            class="button"
            data-testid="cancel"
            disabled={submitting}
            onClick={() => dispatch({ type: 'back-to-order' })}
          >
            {t('ss.cancel')}
          </button>
          <button
            type="button"
            class="button button--primary"
            data-testid="confirm"
            disabled={!quote || submitting}
            onClick={() => (need ? setSigning(true) : confirm())}
          >
            {submitting ? t('ss.charging') : t('ss.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
