// Staff sign-in: a PIN keypad. The PIN is shown as dots; wrong PINs say how many tries are left
// before the terminal locks (the edge counts them).
import type { StaffSessionView } from '@roompost/sync/contract';
import { useState } from 'preact/hooks';
import { EdgeRequestError } from '../api/edge-client.js';
import type { Translate } from '../i18n/i18n.js';
import { NumericKeypad } from '../identify/numeric-keypad.js';
import { useKiosk } from '../kiosk-context.js';

export function PinScreen({ t, onSignedIn }: { t: Translate; onSignedIn: (s: StaffSessionView) => void }) {
  const { client } = useKiosk();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const submit = () => {
    if (busy || pin.length < 4) return;
    setBusy(true);
    client.signIn(pin).then(onSignedIn, (error: unknown) => {
      setPin('');
      setBusy(false);
      setNotice(signInProblem(error, t));
    });
  };

  return (
    <div class="pin" data-testid="pin-screen">
      <div class="pin-side">
        <h1 class="screen-title">{t('signin.title')}</h1>
        <p class="muted">{t('signin.prompt')}</p>
        <output class="pin-dots" data-testid="pin-dots" aria-label={`${pin.length} digits`}>
          {pin.length === 0 ? '\u00a0' : '●'.repeat(pin.length)}
        </output>
        {notice && (
          <p class="notice notice--warn" role="alert" data-testid="pin-notice">
            {notice}
          </p>
        )}
      </div>
      <NumericKeypad
        onKey={(d) => {
          setNotice(null);
          setPin((p) => (p.length < 8 ? p + d : p));
        }}
        onDelete={() => setPin((p) => p.slice(0, -1))}
        onNext={submit}
        nextLabel={t('signin.submit')}
        nextDisabled={busy || pin.length < 4}
      />
    </div>
  );
}

function signInProblem(error: unknown, t: Translate): string {
  if (error instanceof EdgeRequestError && error.body) {
    const context = (error.body as { context?: Record<string, unknown> }).context ?? {};
    if (error.body.code === 'UNAUTHENTICATED')
      return t('signin.wrong', { left: Number(context.attemptsLeft ?? 0) });
    // A PIN-and-badge outlet: the badge is the card tapped on the reader just before the PIN.
    if (error.body.code === 'SECOND_FACTOR_REQUIRED') return t('signin.badge');
    if (error.body.code === 'SIGN_IN_LOCKED') {
      return t('signin.locked', {
        minutes: Math.max(1, Math.ceil(Number(context.retryAfterSeconds ?? 300) / 60)),
      });
    }
  }
  return t('signin.failed');
}
