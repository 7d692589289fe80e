// Seed 000 "Receipt printed/emailed" after a charge, where the outlet offers it: a printed copy,
// a QR code of the receipt's link (the guest's phone opens it), or the receipt by e-mail. The
// automatic printed receipt is unchanged: these only add choices.
import type { ChargeView, ReceiptOption } from '@roompost/sync/contract';
import { useState } from 'preact/hooks';
import type { MessageKey } from '../i18n/i18n.js';
import { useKiosk } from '../kiosk-context.js';
import { asEdgeError } from '../staff/room-screen.js';
import { EmailEntry } from './email-entry.js';
import './receipt-choice.css';

interface Note {
  key: MessageKey;
  vars?: Record<string, string>;
  extra?: string;
  warn: boolean;
  id: 'receipt-note' | 'receipt-emailed';
}

export interface ReceiptChoiceProps {
  charge: ChargeView;
  /** The guest is using the choice (restarts the return-to-start countdown). */
  onActivity?: () => void;
}

export function ReceiptChoice({ charge, onActivity = () => {} }: ReceiptChoiceProps) {
  const { outlet, client, t } = useKiosk();
  const options: readonly ReceiptOption[] = outlet.receiptOptions ?? [];
  const [open, setOpen] = useState<'qr' | 'email' | null>(null);
  // The latest outcome only, on one line: the screen has room for little more (800×480).
  // Kept as a message key, so the note follows a language switch; `extra`: the edge's own advice.
  const [note, setNote] = useState<Note | null>(null);
  const [emailed, setEmailed] = useState<string | null>(charge.receiptEmail?.address ?? null);
  if (options.length === 0) return null;

  const print = () => {
    onActivity();
    setNote(null);
    client.printReceipt(charge.id).then(
      () => setNote({ key: 'receipt.printed', warn: false, id: 'receipt-note' }),
      (e: unknown) => {
        const body = asEdgeError(e);
        setNote({ key: 'receipt.printFailed', extra: body.action, warn: true, id: 'receipt-note' });
      },
    );
  };

  return (
    <section class="receipt-choice" aria-label={t('receipt.choice')} data-testid="receipt-choice">
      <div class="receipt-choice-buttons">
        {options.includes('print') && (
          <button type="button" class="button" data-testid="receipt-print" onClick={print}>
            {t('receipt.print')}
          </button>
        )}
        {options.includes('qr') && (
          <button
            type="button"
            class="button"
            data-testid="receipt-qr"
            aria-pressed={open === 'qr'}
            onClick={() => {
              onActivity();
              setOpen(open === 'qr' ? null : 'qr');
            }}
          >
            {t('receipt.qr')}
          </button>
        )}
        {options.includes('email') && (
          <button
            type="button"
            class="button"
            data-testid="receipt-email"
            disabled={emailed !== null}
            onClick={() => {
              onActivity();
              setOpen('email');
            }}
          >
            {t('receipt.email')}
          </button>
        )}
      </div>
      {note && (
        <p
          class={`receipt-note${note.warn ? ' receipt-note--warn' : ''}`}
          role="status"
          data-testid={note.id}
        >
          {t(note.key, note.vars)}
          {note.extra ? ` ${note.extra}` : ''}
        </p>
      )}
      {open === 'qr' && (
        <div
          class="receipt-overlay"
          role="dialog"
          aria-label={t('receipt.qr')}
          data-testid="receipt-qr-panel"
        >
          <figure class="receipt-qr">
            <img
              src={client.receiptQrUrl(charge.id)}
              alt={t('receipt.qrAlt')}
              width={220}
              height={220}
              data-testid="receipt-qr-image"
            />
            <figcaption>{t('receipt.qrHint')}</figcaption>
          </figure>
          <button
            type="button"
            class="button button--primary"
            data-testid="receipt-qr-close"
            onClick={() => setOpen(null)}
          >
            {t('receipt.close')}
          </button>
        </div>
      )}
      {open === 'email' && (
        <EmailEntry
          chargeId={charge.id}
          onActivity={onActivity}
          onCancel={() => setOpen(null)}
          onSent={(address) => {
            setEmailed(address);
            setNote({ key: 'receipt.emailQueued', vars: { address }, warn: false, id: 'receipt-emailed' });
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}
