// Seed 000 "GUEST SIGNATURE" in staff mode: room, guest and total (with the tip) above the pad;
// Complete Charge sends the check with the signature. Required at or above the outlet's threshold.
import type { KioskLookup } from '@roompost/sync/contract';
import type { QuoteView } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';
import { SignaturePad } from '../signature/signature-pad.js';
import { useStaff } from './staff-context.js';

export interface StaffSignatureProps {
  lookup: KioskLookup;
  quote: QuoteView | null;
  posting: boolean;
  onSigned: (png: string) => void;
  onBack: () => void;
}

export function StaffSignatureScreen({ lookup, quote, posting, onSigned, onBack }: StaffSignatureProps) {
  const { t, money } = useStaff();
  const { outlet } = useKiosk();
  return (
    <div class="signature-screen" data-testid="signature-screen">
      <div class="signature-head">
        <h1 class="screen-title">{t('sign.title')}</h1>
        <span data-testid="signature-guest">
          {t('found.room')} {lookup.roomNumber} – {lookup.guestName}
        </span>
        {quote && (
          <strong data-testid="signature-total">
            {t('sign.total', { total: money(quote.totalMinor), tip: money(quote.tipMinor) })}
          </strong>
        )}
        <span class="muted">{t('sign.prompt')}</span>
      </div>
      <SignaturePad
        t={t}
        required={true}
        busy={posting}
        box={outlet.signature ?? undefined}
        onDone={(png) => png && onSigned(png)}
        onBack={onBack}
      />
    </div>
  );
}
