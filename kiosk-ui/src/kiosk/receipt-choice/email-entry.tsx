// The e-mail receipt on a keyboardless kiosk: an address typed on an on-screen keyboard, checked,
// then stored on the edge with the charge (the property's mail relay sends it).
import { useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context.js';
import { asEdgeError } from '../staff/room-screen.js';
import { isEmailAddress, typeKey } from './email-address.js';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;
const EXTRAS = ['@', '.', '-', '_', '.com'] as const;

export interface EmailEntryProps {
  chargeId: string;
  onSent: (address: string) => void;
  onCancel: () => void;
  /** Any key: the screen is in use (restarts the return-to-start countdown). */
  onActivity: () => void;
}

export function EmailEntry({ chargeId, onSent, onCancel, onActivity }: EmailEntryProps) {
  const { client, t } = useKiosk();
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const type = (key: string) => {
    onActivity();
    setError(null);
    setAddress((a) => typeKey(a, key));
  };
  const send = () => {
    if (!isEmailAddress(address)) {
      setError(t('receipt.emailInvalid'));
      return;
    }
    setSending(true);
    client
      .emailReceipt(chargeId, address)
      .then(() => onSent(address))
      .catch((e: unknown) => {
        const body = asEdgeError(e);
        setError(body.field === 'address' ? t('receipt.emailInvalid') : `${body.message}. ${body.action}`);
      })
      .finally(() => setSending(false));
  };
  return (
    <div
      class="receipt-overlay email-entry"
      role="dialog"
      aria-label={t('receipt.emailTitle')}
      data-testid="email-entry"
    >
      <p class="email-title">{t('receipt.emailTitle')}</p>
      <output class="email-address" data-testid="email-address">
        {address || <span class="muted">name@example.com</span>}
      </output>
      {error && (
        <p class="notice notice--warn" role="alert" data-testid="email-error">
          {error}
        </p>
      )}
      <div class="keyboard email-keyboard">
        {ROWS.map((row) => (
          <div key={row} class="keyboard-row">
            {Array.from(row).map((k) => (
              <button key={k} type="button" class="key" data-testid={`ekey-${k}`} onClick={() => type(k)}>
                {k}
              </button>
            ))}
          </div>
        ))}
        <div class="keyboard-row">
          {EXTRAS.map((k) => (
            <button
              key={k}
              type="button"
              class="key key--wide"
              data-testid={`ekey-${k}`}
              onClick={() => type(k)}
            >
              {k}
            </button>
          ))}
          <button
            type="button"
            class="key key--muted key--wide"
            aria-label="Delete"
            data-testid="ekey-delete"
            onClick={() => {
              onActivity();
              setAddress((a) => a.slice(0, -1));
            }}
          >
            ⌫
          </button>
        </div>
      </div>
      <div class="actions">
        <button type="button" class="button" data-testid="email-cancel" onClick={onCancel}>
          {t('receipt.cancel')}
        </button>
        <button
          type="button"
          class="button button--primary"
          data-testid="email-send"
          disabled={sending || address === ''}
          onClick={send}
        >
          {t('receipt.emailSend')}
        </button>
      </div>
    </div>
  );
}
