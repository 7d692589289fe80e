// The charged screen's receipt preview (staff mode): a small button that opens the receipt as the
// edge renders it for paper (GET /api/charges/{id}/receipt.svg, the printed receipt's own
// description), shown as an image so it can load nothing else.
import { useState } from 'preact/hooks';
import { useKiosk } from '../kiosk-context.js';
import { useStaff } from '../staff/staff-context.js';
import './service.css';

export function ReceiptPreview({ chargeId }: { chargeId: string }) {
  const { client } = useKiosk();
  const { t } = useStaff();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        class="button receipt-preview-open"
        data-testid="receipt-preview-open"
        onClick={() => {
          setFailed(false);
          setOpen(true);
        }}
      >
        {t('receipt.preview')}
      </button>
      {open && (
        <div
          class="receipt-preview"
          data-testid="receipt-preview"
          role="dialog"
          aria-label={t('receipt.preview')}
        >
          <div class="receipt-preview-paper">
            {failed ? (
              <p data-testid="receipt-preview-failed">{t('receipt.previewFailed')}</p>
            ) : (
              <img
                src={client.receiptSvgUrl(chargeId)}
                alt={t('receipt.preview')}
                data-testid="receipt-preview-image"
                onError={() => setFailed(true)}
              />
            )}
          </div>
          <button
            type="button"
            class="button"
            data-testid="receipt-preview-close"
            onClick={() => setOpen(false)}
          >
            {t('receipt.close')}
          </button>
        </div>
      )}
    </>
  );
}
